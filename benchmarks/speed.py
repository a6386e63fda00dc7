"""Tagging throughput on the TempEval-3 training texts, against dateparser's search_dates.

Prints documents per second and MB/s for `timeline.tag` and for
`dateparser.search.search_dates(text, languages=['en'])` timed in the same run on the same texts,
and the ratio between them. One process, one core.

    python benchmarks/speed.py               # all 256 training texts, dateparser on the first 60
    python benchmarks/speed.py --rounds 3    # tag every text three times (best round counts)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from timeline.temporal import tag
from timeline.temporal.timeml import read_corpus

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "tempeval3" / "train"


def _throughput(function, texts: list[tuple[str, object]], rounds: int) -> float:
    """Best wall-clock seconds over ROUNDS passes of FUNCTION over TEXTS."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for text, dct in texts:
            function(text, dct)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="folder holding TimeBank/ and AQUAINT/"
    )
    parser.add_argument("--rounds", type=int, default=3, help="passes over the texts; the best one counts")
    parser.add_argument(
        "--dateparser-documents",
        type=int,
        default=60,
        help="how many texts to time dateparser on (it is slow)",
    )
    arguments = parser.parse_args()

    folders = [arguments.data / "TimeBank", arguments.data / "AQUAINT"]
    if not all(folder.is_dir() for folder in folders):
        print(f"speed: no TempEval-3 data under {arguments.data}", file=sys.stderr)
        return 2
    documents = read_corpus(folders)
    texts = [(document.text, document.dct) for document in documents]
    size = sum(len(text.encode("utf-8")) for text, _ in texts)

    tag("Warm-up on Friday, two months ago.", "2025-10-21")  # loads and compiles the grammar
    seconds = _throughput(tag, texts, arguments.rounds)
    print(
        f"timeline.tag: {len(texts)} documents ({size / 1e6:.2f} MB) in {seconds:.3f} s: "
        f"{len(texts) / seconds:.0f} documents/s, {size / 1e6 / seconds:.2f} MB/s, "
        f"{1000 * seconds / len(texts):.2f} ms/document"
    )

    from dateparser.search import search_dates

    sample = texts[: arguments.dateparser_documents]
    sample_size = sum(len(text.encode("utf-8")) for text, _ in sample)
    search_dates("Warm-up on Friday.", languages=["en"])
    baseline = _throughput(lambda text, _dct: search_dates(text, languages=["en"]), sample, 1)
    ours = _throughput(tag, sample, arguments.rounds)
    print(
        f"dateparser search_dates: {len(sample)} documents ({sample_size / 1e6:.2f} MB) in {baseline:.3f} s: "
        f"{len(sample) / baseline:.0f} documents/s, {sample_size / 1e6 / baseline:.2f} MB/s, "
        f"{1000 * baseline / len(sample):.2f} ms/document"
    )
    print(
        f"timeline.tag on the same {len(sample)} documents: {ours:.3f} s; "
        f"{baseline / ours:.1f}x faster than search_dates"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
