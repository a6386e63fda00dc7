"""Tagging throughput on the TempEval-3 training texts, against dateparser's search_dates.

Prints documents per second and MB/s for `timeline.tag` and for
`dateparser.search.search_dates(text, languages=['en'])` timed in the same run on the same texts,
and the ratio between them. One process, one core. It also prints the CPU time per document of
the first pass (the finder's table of word starts still filling) and of the best one: CPU time
does not depend on what else runs on the machine, wall time does.

With --corpus it also times the whole per-article analysis (`timeline.events.analyse_article`:
sentences, names, dates, events) on the first --articles articles of a folder of .txt articles,
such as the synthetic archive benchmarks/pipeline.py writes.

    python benchmarks/speed.py               # all 256 training texts, dateparser on the first 60
    python benchmarks/speed.py --rounds 3    # tag every text three times (best round counts)
    python benchmarks/speed.py --dateparser-documents 0 --corpus /tmp/bench/corpus-v5-1000
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
    return min(_passes(function, texts, rounds, time.perf_counter))


def _passes(function, items: list[tuple], rounds: int, clock) -> list[float]:
    """Seconds by CLOCK of each of ROUNDS passes of FUNCTION over ITEMS (argument tuples)."""
    seconds = []
    for _ in range(rounds):
        started = clock()
        for arguments in items:
            function(*arguments)
        seconds.append(clock() - started)
    return seconds


def _analysis(corpus: Path, count: int, rounds: int) -> str:
    """CPU milliseconds per article of `analyse_article` on the first COUNT articles of CORPUS."""
    from timeline.documents import articles_of_file
    from timeline.events import analyse_article
    from timeline.readers import InputFile

    paths = sorted(corpus.rglob("*.txt"))[:count]
    articles = [
        (article,)
        for path in paths
        for article in articles_of_file(InputFile(path, path.name, str(path)), None)
    ]
    passes = _passes(analyse_article, articles, rounds, time.process_time)
    return (
        f"analyse_article: {len(articles)} articles of {corpus}: "
        f"{1000 * passes[0] / len(articles):.2f} CPU ms/article on the first pass, "
        f"{1000 * min(passes) / len(articles):.2f} on the best of {rounds}"
    )


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
        help="how many texts to time dateparser on (it is slow); 0 skips it",
    )
    parser.add_argument("--corpus", type=Path, help="a folder of .txt articles to time the analysis on")
    parser.add_argument("--articles", type=int, default=500, help="how many articles of --corpus to analyse")
    arguments = parser.parse_args()

    folders = [arguments.data / "TimeBank", arguments.data / "AQUAINT"]
    if not all(folder.is_dir() for folder in folders):
        print(f"speed: no TempEval-3 data under {arguments.data}", file=sys.stderr)
        return 2
    documents = read_corpus(folders)
    texts = [(document.text, document.dct) for document in documents]
    size = sum(len(text.encode("utf-8")) for text, _ in texts)

    started = time.process_time()
    tag("Warm-up on Friday, two months ago.", "2025-10-21")  # loads and compiles the grammar
    print(f"timeline.tag: grammar loaded and compiled in {time.process_time() - started:.2f} CPU s")
    cpu = _passes(tag, texts, arguments.rounds, time.process_time)
    seconds = _throughput(tag, texts, arguments.rounds)
    print(
        f"timeline.tag: {len(texts)} documents ({size / 1e6:.2f} MB) in {seconds:.3f} s: "
        f"{len(texts) / seconds:.0f} documents/s, {size / 1e6 / seconds:.2f} MB/s, "
        f"{1000 * seconds / len(texts):.2f} ms/document; "
        f"{1000 * cpu[0] / len(texts):.2f} CPU ms/document on the first pass, "
        f"{1000 * min(cpu) / len(texts):.2f} on the best"
    )
    if arguments.corpus is not None:
        print(_analysis(arguments.corpus, arguments.articles, arguments.rounds))
    if arguments.dateparser_documents <= 0:
        return 0

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
