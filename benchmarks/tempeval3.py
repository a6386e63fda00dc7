"""Score the temporal tagger on the TempEval-3 training data (TimeBank + AQUAINT).

Prints strict, relaxed, value and type F1 as TempEval-3 defines them (one-to-one matching;
attribute F1 = attribute accuracy over relaxed matches x relaxed F1). The tagger's output is
scored as `timeline tag --format timeml` writes it, a range as its two ends.

    python benchmarks/tempeval3.py                 # both folders
    python benchmarks/tempeval3.py --errors e.tsv  # also write every miss, false hit and wrong value
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from timeline.temporal import tag
from timeline.temporal.timeml import Scores, read_corpus, score_document
from timeline.temporal.timeml_writer import timeml_expressions

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "tempeval3" / "train"


def _describe(item) -> str:
    if item is None:
        return "-\t-\t-"
    return f"{item.text!r}\t{item.type}\t{item.value}"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="folder holding TimeBank/ and AQUAINT/"
    )
    parser.add_argument(
        "--folders", default="TimeBank,AQUAINT", help="sub-folders to score (comma-separated)"
    )
    parser.add_argument("--errors", type=Path, help="write every error as a TSV row to this file")
    arguments = parser.parse_args()

    folders = [arguments.data / name for name in arguments.folders.split(",")]
    missing = [str(folder) for folder in folders if not folder.is_dir()]
    if missing:
        print(f"tempeval3: no such folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    documents = read_corpus(folders)
    keep_errors = arguments.errors is not None
    per_folder: dict[str, Scores] = {}
    total = Scores()
    started = time.perf_counter()
    for document, folder in ((d, f.name) for f in folders for d in read_corpus([f])):
        # Scored as `timeline tag --format timeml` writes them: TimeML tags a range's ends apart.
        found = timeml_expressions(tag(document.text, document.dct))
        score_document(document, found, total, keep_errors)
        score_document(document, found, per_folder.setdefault(folder, Scores()))
    elapsed = time.perf_counter() - started

    print(
        f"TempEval-3 training data: {len(documents)} documents, {total.gold} gold TIMEX3, "
        f"{total.system} found, tagged in {elapsed:.1f} s"
    )
    header = (
        f"{'':10} {'strict P':>9} {'R':>6} {'F1':>6} {'relaxed P':>10} {'R':>6} {'F1':>6} "
        f"{'value F1':>9} {'type F1':>8}"
    )
    print(header)
    for name, scores in [*per_folder.items(), ("all", total)]:
        strict, relaxed = scores.strict, scores.relaxed
        print(
            f"{name:10} {strict[0]:9.3f} {strict[1]:6.3f} {strict[2]:6.3f} {relaxed[0]:10.3f} "
            f"{relaxed[1]:6.3f} {relaxed[2]:6.3f} {scores.value_f1:9.3f} {scores.type_f1:8.3f}"
        )
    print(
        f"value accuracy over relaxed matches: {total.value_accuracy:.3f}; "
        f"type accuracy: {total.type_accuracy:.3f}"
    )
    if keep_errors:
        with arguments.errors.open("w", encoding="utf-8") as stream:
            stream.write(
                "kind\tdocument\tgold text\tgold type\tgold value\tfound text\tfound type\tfound value\n"
            )
            for kind, name, gold, found in total.errors:
                stream.write(f"{kind}\t{name}\t{_describe(gold)}\t{_describe(found)}\n")
        print(f"{len(total.errors)} errors written to {arguments.errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
