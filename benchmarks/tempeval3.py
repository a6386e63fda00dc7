"""Score the temporal tagger on the TempEval-3 training data (TimeBank + AQUAINT).

Prints strict, relaxed, value and type F1 as TempEval-3 defines them (one-to-one matching;
attribute F1 = attribute accuracy over relaxed matches x relaxed F1). The tagger's output is
scored as `timeline tag --format timeml` writes it, a range as its two ends.

    python benchmarks/tempeval3.py                 # both folders
    python benchmarks/tempeval3.py --errors e.tsv  # also write every miss, false hit and wrong value
    python benchmarks/tempeval3.py --folds 5       # each fold's figures and their mean

The tagger is written by hand, so cross-validation here means: the documents are dealt into K
folds (round-robin over the sorted names of each folder, so every fold holds both sources), a
rule is developed by reading the errors of K-1 folds only (`--folds 5 --held-out 2 --errors e.tsv`
writes the errors of the other four), and it is kept only if the held-out fold's figures do not
drop. The mean over the folds, beside the whole-data figures, shows how evenly the rules hold.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from timeline.temporal import tag
from timeline.temporal.timeml import Scores, TimeMLDocument, read_corpus, score_document
from timeline.temporal.timeml_writer import timeml_expressions

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "tempeval3" / "train"
HEADER = (
    f"{'':10} {'strict P':>9} {'R':>6} {'F1':>6} {'relaxed P':>10} {'R':>6} {'F1':>6} "
    f"{'value F1':>9} {'type F1':>8}"
)


def _describe(item) -> str:
    if item is None:
        return "-\t-\t-"
    return f"{item.text!r}\t{item.type}\t{item.value}"


def _row(name: str, scores: Scores) -> str:
    strict, relaxed = scores.strict, scores.relaxed
    return (
        f"{name:10} {strict[0]:9.3f} {strict[1]:6.3f} {strict[2]:6.3f} {relaxed[0]:10.3f} "
        f"{relaxed[1]:6.3f} {relaxed[2]:6.3f} {scores.value_f1:9.3f} {scores.type_f1:8.3f}"
    )


def _folds(documents_by_folder: dict[str, list[TimeMLDocument]], count: int) -> list[list[TimeMLDocument]]:
    """Deal each folder's documents (sorted by name) round-robin into COUNT folds."""
    folds: list[list[TimeMLDocument]] = [[] for _ in range(count)]
    for documents in documents_by_folder.values():
        for index, document in enumerate(documents):
            folds[index % count].append(document)
    return folds


def _write_errors(path: Path, scores: Scores) -> None:
    with path.open("w", encoding="utf-8") as stream:
        stream.write(
            "kind\tdocument\tgold text\tgold type\tgold value\tfound text\tfound type\tfound value\n"
        )
        for kind, name, gold, found in scores.errors:
            stream.write(f"{kind}\t{name}\t{_describe(gold)}\t{_describe(found)}\n")
    print(f"{len(scores.errors)} errors written to {path}")


def _cross_validate(
    documents_by_folder: dict[str, list[TimeMLDocument]],
    count: int,
    held_out: int | None,
    errors: Path | None,
) -> None:
    folds = _folds(documents_by_folder, count)
    development = Scores()
    per_fold: list[Scores] = []
    for number, fold in enumerate(folds, 1):
        scores = Scores()
        for document in fold:
            found = timeml_expressions(tag(document.text, document.dct))
            score_document(document, found, scores)
            if held_out is not None and number != held_out:
                score_document(document, found, development, errors is not None)
        per_fold.append(scores)
    print(f"TempEval-3 training data in {count} folds ({', '.join(str(len(f)) for f in folds)} documents)")
    print(HEADER)
    for number, scores in enumerate(per_fold, 1):
        print(_row(f"fold {number}" + ("*" if number == held_out else ""), scores))
    columns = {
        "strict": [s.strict[2] for s in per_fold],
        "relaxed": [s.relaxed[2] for s in per_fold],
        "value": [s.value_f1 for s in per_fold],
        "type": [s.type_f1 for s in per_fold],
    }
    print(
        "mean over folds: "
        + ", ".join(
            f"{name} F1 {statistics.mean(values):.3f} (sd {statistics.pstdev(values):.3f}, "
            f"min {min(values):.3f})"
            for name, values in columns.items()
        )
    )
    if held_out is not None:
        print(_row("develop", development) + f"   (folds other than {held_out})")
        if errors is not None:
            _write_errors(errors, development)


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
    parser.add_argument("--folds", type=int, help="deal the documents into this many folds; score each")
    parser.add_argument(
        "--held-out", type=int, help="with --folds: this fold (1..K) is held out; --errors covers the others"
    )
    arguments = parser.parse_args()

    folders = [arguments.data / name for name in arguments.folders.split(",")]
    missing = [str(folder) for folder in folders if not folder.is_dir()]
    if missing:
        print(f"tempeval3: no such folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    documents_by_folder = {folder.name: read_corpus([folder]) for folder in folders}
    if arguments.folds is not None:
        held_out = arguments.held_out
        if arguments.folds < 2 or not (held_out is None or 1 <= held_out <= arguments.folds):
            print("tempeval3: --folds needs K >= 2 and --held-out between 1 and K", file=sys.stderr)
            return 2
        _cross_validate(documents_by_folder, arguments.folds, arguments.held_out, arguments.errors)
        return 0

    keep_errors = arguments.errors is not None
    per_folder: dict[str, Scores] = {}
    total = Scores()
    started = time.perf_counter()
    for folder, documents in documents_by_folder.items():
        for document in documents:
            # Scored as `timeline tag --format timeml` writes them: TimeML tags a range's ends apart.
            found = timeml_expressions(tag(document.text, document.dct))
            score_document(document, found, total, keep_errors)
            score_document(document, found, per_folder.setdefault(folder, Scores()))
    elapsed = time.perf_counter() - started

    count = sum(len(documents) for documents in documents_by_folder.values())
    print(
        f"TempEval-3 training data: {count} documents, {total.gold} gold TIMEX3, "
        f"{total.system} found, tagged in {elapsed:.1f} s"
    )
    print(HEADER)
    for name, scores in [*per_folder.items(), ("all", total)]:
        print(_row(name, scores))
    print(
        f"value accuracy over relaxed matches: {total.value_accuracy:.3f}; "
        f"type accuracy: {total.type_accuracy:.3f}"
    )
    if keep_errors:
        _write_errors(arguments.errors, total)
    return 0


if __name__ == "__main__":
    sys.exit(main())
