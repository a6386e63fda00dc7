"""How well the words of two sentences tell one happening from another: the merge's weighted Jaccard
(timeline/events/merge.py, SAME_HAPPENING_OVERLAP) on the gold of the SemEval-2015 Task 4 trial corpus.

The gold timelines put on one line the mentions, across articles, of one happening. For every two
gold mentions of different articles with the same gold date (a day or a month: the merge ties no
looser dates by words) whose words give one predicate key ("introducing", "introduced" ->
"introduce"), it prints the overlap of their sentences: pairs of one happening, and pairs of two
happenings, the latter with statements ("say") apart, since the merge ties statements by speaker,
not by words. It measures the words alone, not extraction: every gold mention is a report, its
sentence the gold sentence.

    python benchmarks/merge_words.py
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from timeline.events.merge import SAME_HAPPENING_OVERLAP, _ClauseWords, _Report
from timeline.model import Event, Source
from timeline.temporal.timex import interval_of

ROOT = Path(__file__).resolve().parent.parent
TRIAL = ROOT.parent / "shared" / "eval" / "semeval15" / "trial"
REPORTING = frozenset({"say", "tell", "announce"})


def _report(docs: dict, mention: str, date: str) -> _Report:
    doc, number, word = mention.split("-", 2)
    info = docs[doc]
    text = (TRIAL / info["file"]).read_text(encoding="utf-8")
    start, end = info["sentences"][int(number)]
    first, last, granularity = interval_of(date)
    source = Source(doc, start, end, text[start:end], "")
    event = Event(mention, word, date, first, last, granularity, "happened", sources=(source,), trigger=word)
    return _Report(event, (), ())


def main() -> None:
    docs = json.loads((TRIAL / "tokens.json").read_text(encoding="utf-8"))["docs"]
    lines_of: dict[str, set[tuple[str, int]]] = {}
    reports: dict[str, _Report] = {}
    for path in sorted((TRIAL / "timelines").glob("*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()[1:]):
            _, gold_date, *mentions = line.split("\t")
            date = gold_date.replace("-XX", "")  # "2008-03-XX": March 2008
            if "X" in date:
                continue
            for mention in mentions:
                if mention.split("-", 1)[0] in docs:
                    lines_of.setdefault(mention, set()).add((path.name, number))
                    reports.setdefault(mention, _report(docs, mention, date))
    words = _ClauseWords(list(reports.values()))
    one, two, statements = [], [], []
    for left, right in itertools.combinations(sorted(reports), 2):
        a, b = reports[left], reports[right]
        if a.article == b.article or (a.start, a.end) != (b.start, b.end) or a.predicate != b.predicate:
            continue
        if not (a.told_by_words and b.told_by_words):
            continue
        overlap = round(words.overlap(a.words, b.words), 3)
        if lines_of[left] & lines_of[right]:
            one.append(overlap)
        else:
            (statements if a.predicate in REPORTING else two).append(overlap)
    threshold = SAME_HAPPENING_OVERLAP
    print(f"SemEval-2015 trial gold, cross-article pairs of one date and predicate (threshold {threshold}):")
    for name, values in (("one happening", one), ("two happenings", two), ("two statements", statements)):
        passing = sum(1 for value in values if value >= threshold)
        print(f"  {name:15} {len(values):3} pairs, {passing:3} at or over: {sorted(values, reverse=True)}")


if __name__ == "__main__":
    main()
