"""Every expression the temporal tagger finds, as rows, to check that a faster tagger is the same.

Tags the TempEval-3 training texts, the seed articles (whole, and in slices, which exercises
`tag(text, dct, start, end)`) and the texts of the tagger's corpus tests, and writes one row per
expression: document, offsets, text, type, value, dates, granularity, mod, rule, anchor. Save the
rows of one version of the code, change it, then compare:

    python benchmarks/tagger_equivalence.py --output /tmp/tags-before.tsv
    python benchmarks/tagger_equivalence.py --compare /tmp/tags-before.tsv   # exits 1 on any difference

--corpus adds the .txt files of a folder, such as the synthetic archive benchmarks/pipeline.py writes.

To compare against code that is not the working tree, run this script with a frozen copy of the
package first on PYTHONPATH; the first line printed says which `timeline` was imported.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

import timeline
from timeline.temporal import tag
from timeline.temporal.timeml import read_corpus

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "tempeval3" / "train"
# The corpus tests tag against this reference date (tests/corpus/temporal_negative.txt says so).
CORPUS_REFERENCE = "2025-10-21"
# Seed articles are also tagged in slices of this many characters, cut at arbitrary offsets.
SLICE_LENGTH = 700


def _documents(
    data: Path, corpus: Path | None, articles: int
) -> Iterator[tuple[str, str, dt.date | str | None, int, int | None]]:
    """(name, text, reference date, start, end) of every text to tag."""
    for document in read_corpus([data / "TimeBank", data / "AQUAINT"]):
        yield document.name, document.text, document.dct, 0, None
    with (ROOT / "seeds" / "manifest.csv").open(encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            text = (ROOT / "seeds" / row["path"]).read_text(encoding="utf-8")
            yield row["path"], text, row["date"], 0, None
            for start in range(0, len(text), SLICE_LENGTH // 2):
                yield f"{row['path']}[{start}:]", text, row["date"], start, start + SLICE_LENGTH
    positive = ROOT / "tests" / "corpus" / "temporal_positive.tsv"
    negative = ROOT / "tests" / "corpus" / "temporal_negative.txt"
    for number, line in enumerate(positive.read_text(encoding="utf-8").splitlines(), 1):
        if line and not line.startswith("#"):
            reference, text = line.split("\t")[:2]
            yield f"positive:{number}", text, reference, 0, None
    for number, line in enumerate(negative.read_text(encoding="utf-8").splitlines(), 1):
        if line and not line.startswith("#"):
            yield f"negative:{number}", line, CORPUS_REFERENCE, 0, None
    if corpus is not None:
        # Whole files, front matter and all: only the sameness of the tags matters here.
        for path in sorted(corpus.rglob("*.txt"))[:articles]:
            yield str(path.relative_to(corpus)), path.read_text(encoding="utf-8"), CORPUS_REFERENCE, 0, None


def rows(data: Path, corpus: Path | None = None, articles: int = 0) -> list[str]:
    """One tab-separated line per expression found in every document."""
    lines = []
    for name, text, reference, start, end in _documents(data, corpus, articles):
        for expression in tag(text, reference, start, end):
            fields = (
                name,
                expression.start,
                expression.end,
                expression.text,
                expression.type,
                expression.value,
                expression.start_date,
                expression.end_date,
                expression.granularity,
                expression.mod,
                expression.rule,
                expression.anchor,
            )
            lines.append("\t".join(repr(field) if isinstance(field, str) else str(field) for field in fields))
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="folder holding TimeBank/ and AQUAINT/"
    )
    parser.add_argument(
        "--corpus", type=Path, help="also tag the .txt files of this folder (e.g. a synthetic archive)"
    )
    parser.add_argument("--articles", type=int, default=1000, help="how many files of --corpus to tag")
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--output", type=Path, help="write the rows to this file")
    action.add_argument(
        "--compare", type=Path, help="compare the rows with this file; exit 1 on a difference"
    )
    arguments = parser.parse_args()

    print(f"tagger_equivalence: timeline from {Path(timeline.__file__).parent}")
    if not (arguments.data / "TimeBank").is_dir():
        print(f"tagger_equivalence: no TempEval-3 data under {arguments.data}", file=sys.stderr)
        return 2
    found = rows(arguments.data, arguments.corpus, arguments.articles)
    if arguments.output:
        arguments.output.write_text("\n".join(found) + "\n", encoding="utf-8")
        print(f"tagger_equivalence: {len(found)} expressions written to {arguments.output}")
        return 0
    expected = arguments.compare.read_text(encoding="utf-8").splitlines()
    missing = sorted(set(expected) - set(found))
    extra = sorted(set(found) - set(expected))
    for line in missing:
        print(f"- {line}")
    for line in extra:
        print(f"+ {line}")
    same = found == expected
    print(
        f"tagger_equivalence: {len(found)} expressions, {len(expected)} expected: "
        f"{len(missing)} missing, {len(extra)} extra, {'identical' if same else 'DIFFERENT'}"
    )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
