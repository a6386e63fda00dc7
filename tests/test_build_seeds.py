"""The acceptance of issue 4 on the seed articles: `timeline build seeds` gives, among others, these events.

Nothing in the code knows these articles; the checks look for events by their dates, places and
sources only, as a reader of events.json would.
"""

import json
from pathlib import Path

import pytest

from timeline import build

SEEDS = Path(__file__).parent.parent / "seeds"


@pytest.fixture(scope="module")
def events(tmp_path_factory) -> list[dict]:
    out = tmp_path_factory.mktemp("seeds") / "out"
    build(SEEDS, out=out, formats="none", jobs=1, no_cache=True)
    return json.loads((out / "events.json").read_text("utf-8"))["events"]


def _find(events: list[dict], place: str, **fields) -> list[dict]:
    return [
        e for e in events if place in e["places"] and all(e[key] == value for key, value in fields.items())
    ]


def _articles(event: dict) -> set[str]:
    return {source["article"][:3] for source in event["sources"]}


def test_helsinki_and_osaka_within_2017_to_2019_and_helsinki_first(events):
    [helsinki] = _find(events, "Helsinki", start_date="2017-01-01", end_date="2019-12-31")
    [osaka] = _find(events, "Osaka", start_date="2017-01-01", end_date="2019-12-31")
    assert helsinki["id"] in osaka["after"]
    assert [e["id"] for e in events].index(helsinki["id"]) < [e["id"] for e in events].index(osaka["id"])


def test_geneva_summit_in_june_2021(events):
    [geneva] = _find(events, "Geneva", value="2021-06")
    assert {"Vladimir Putin", "Joe Biden"} <= set(geneva["participants"])


def test_witkoff_talks_in_moscow_on_august_6_from_two_articles(events):
    [talks] = [e for e in _find(events, "Moscow", value="2025-08-06") if "Steve Witkoff" in e["participants"]]
    assert _articles(talks) == {"000", "003"}


def test_alaska_summit_in_week_33_merged_from_several_articles(events):
    [alaska] = _find(events, "Alaska", value="2025-W33")
    assert {"Donald Trump", "Vladimir Putin"} <= set(alaska["participants"])
    assert len(_articles(alaska)) >= 2


def test_trump_putin_call_of_october_16(events):
    calls = [e for e in events if e["value"] == "2025-10-16" and e["category"] == "call"]
    assert [set(e["participants"]) for e in calls] == [{"Donald Trump", "Vladimir Putin"}]


def test_budapest_summit_planned_and_in_question(events):
    [budapest] = [e for e in _find(events, "Budapest") if e["category"] == "meeting"]
    assert budapest["status"] == "uncertain"


def test_no_event_dated_from_the_page_furniture_of_000(events):
    text = (SEEDS / "000_0ff818962a8dd053.txt").read_text("utf-8")
    for event in events:
        for source in event["sources"]:
            if source["article"].startswith("000"):
                assert "hours ago" not in source["timex"]
                assert text[source["start"] : source["end"]] == source["text"]
