"""How well events are found, dated and merged: the SemEval-2015 Task 4 trial corpus and the seed story.

Trial corpus (30 Wikinews articles about Apple, gold cross-article event timelines): the build's
events.json is scored with the proxy scorer that ships beside the corpus
(`../shared/eval/semeval15/score.py`; it is not the official Task 4 score). Printed: recall (a
source covers the gold event word and its date fits), off-day recall (gold events not on the
publication day: dates that took resolving), date precision (events naming the timeline's entity,
whose sentence holds a gold event: is the date right?), the number of events and of events merged
from several articles.

Seed story (five articles on the Trump–Putin summits): the spine a reader expects, each line a check
that prints ok or MISSING: Helsinki and Osaka within 2017–2019, Geneva in June 2021, the Alaska
summit in the week of 11 August 2025 from at least two articles, the 16 October call, and the
Budapest summit planned and in question.

    python benchmarks/events.py                 # both
    python benchmarks/events.py --misses 40     # and the trial's first 40 missed gold events
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from timeline import build

ROOT = Path(__file__).resolve().parent.parent
SEMEVAL = ROOT.parent / "shared" / "eval" / "semeval15"
SEEDS = ROOT / "seeds"


def _build(inputs: Path, out: Path) -> tuple[list[dict], float]:
    started = time.perf_counter()
    build([str(inputs)], out=str(out), formats="none", no_cache=True, jobs=1)
    seconds = time.perf_counter() - started
    return json.loads((out / "events.json").read_text(encoding="utf-8"))["events"], seconds


def _merged(events: list[dict]) -> int:
    return sum(1 for event in events if len({source["article"] for source in event["sources"]}) > 1)


def trial(misses: int) -> None:
    corpus = SEMEVAL / "trial"
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        events, seconds = _build(corpus / "articles", out)
        command = [
            sys.executable,
            str(SEMEVAL / "score.py"),
            "score",
            "--corpus",
            str(corpus),
            "--system",
            str(out),
        ]
        scored = json.loads(subprocess.run([*command, "--json"], capture_output=True, check=True).stdout)
        micro = scored["corpora"][0]["micro"]
        print(
            f"SemEval-2015 Task 4 trial ({micro['items']} gold event mentions, proxy scorer),"
            f" built in {seconds:.1f} s"
        )
        print(f"  recall                {micro['recall']:6.1f} %   (floor 45)")
        print(f"  off-day recall        {micro['off_dct_recall']:6.1f} %   (floor 45)")
        print(f"  span recall           {micro['span_recall']:6.1f} %   (a source covers the word, any date)")
        print(f"  exact-date recall     {micro['exact_date_recall']:6.1f} %")
        print(
            f"  date precision        {micro['date_precision']:6.1f} %"
            f"   (floor 80; {micro['judged']} events judged)"
        )
        print(f"  events {len(events)}, merged from several articles {_merged(events)}")
        if misses:
            shown = subprocess.run(
                [*command, "--misses", str(misses)], capture_output=True, text=True, check=True
            )
            print("\n".join(line for line in shown.stdout.splitlines() if line.strip().startswith("miss:")))


def _has(events: list[dict], predicate: Callable[[dict], bool]) -> list[dict]:
    return [event for event in events if predicate(event)]


def _within(event: dict, first: str, last: str) -> bool:
    return bool(event["start_date"]) and first <= event["start_date"] and (event["end_date"] or "") <= last


def _names(event: dict, word: str) -> bool:
    text = " ".join([event["label"], *event["places"], *event["participants"]]).lower()
    return word.lower() in text


def seeds() -> None:
    with tempfile.TemporaryDirectory() as folder:
        events, seconds = _build(SEEDS, Path(folder))
    alaska_week = (dt.date(2025, 8, 11), dt.date(2025, 8, 17))
    checks = {
        "Helsinki within 2017-2019": _has(
            events, lambda e: _names(e, "Helsinki") and _within(e, "2017-01-01", "2019-12-31")
        ),
        "Osaka within 2017-2019": _has(
            events, lambda e: _names(e, "Osaka") and _within(e, "2017-01-01", "2019-12-31")
        ),
        "Geneva in June 2021": _has(
            events, lambda e: _names(e, "Geneva") and _within(e, "2021-06-01", "2021-06-30")
        ),
        "Alaska summit in the week of 11 August 2025, from >= 2 articles": _has(
            events,
            lambda e: (
                _names(e, "Alaska")
                and _within(e, *(day.isoformat() for day in alaska_week))
                and len({source["article"] for source in e["sources"]}) >= 2
            ),
        ),
        "the call of 16 October 2025": _has(
            events,
            lambda e: (
                e["start_date"] == "2025-10-16"
                and e["end_date"] == "2025-10-16"
                and "call" in (e["label"] + " " + e.get("trigger", "")).lower()
            ),
        ),
        "Budapest planned and in question": _has(
            events, lambda e: _names(e, "Budapest") and e["status"] == "uncertain"
        ),
    }
    print(
        f"\nSeed story: {len(events)} events, merged from several articles {_merged(events)},"
        f" built in {seconds:.1f} s"
    )
    for name, found in checks.items():
        shown = "; ".join(f"{e['label']} [{e['value']}, {e['status']}]" for e in found[:2])
        print(f"  {'ok     ' if found else 'MISSING'} {name}: {shown}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--misses", type=int, default=0, help="print the trial's first N missed gold events")
    parser.add_argument("--only", choices=("trial", "seeds"), help="run one of the two")
    arguments = parser.parse_args()
    if arguments.only != "seeds":
        trial(arguments.misses)
    if arguments.only != "trial":
        seeds()


if __name__ == "__main__":
    main()
