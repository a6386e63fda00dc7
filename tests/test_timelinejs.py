"""The TimelineJS JSON: Knight Lab's field names, dates at the precision known, sources in the text."""

from __future__ import annotations

import json

from test_figure_corpus import ARTICLES, make_event, seed_like_events

from timeline.writers.timelinejs import timelinejs_document, write_timelinejs

DATE_FIELDS = {"year", "month", "day", "hour", "minute"}


def _slides_by_id(document):
    return {slide["unique_id"]: slide for slide in document["events"]}


def test_every_slide_has_the_fields_timelinejs_reads(tmp_path):
    path = write_timelinejs(seed_like_events(), ARTICLES, tmp_path, {"lanes": "place"})[0]
    assert path.name == "timeline.timelinejs.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    assert set(document) == {"title", "events"}
    assert set(document["title"]["text"]) == {"headline", "text"}
    assert len(document["events"]) == 33  # the FUTURE_REF event has no date TimelineJS could place
    for slide in document["events"]:
        assert set(slide) <= {"unique_id", "start_date", "end_date", "display_date", "text", "group"}
        assert set(slide["start_date"]) <= DATE_FIELDS and "year" in slide["start_date"]
        assert all(isinstance(part, int) for part in slide["start_date"].values())
        assert set(slide.get("end_date", {"year": 1})) <= DATE_FIELDS
        assert set(slide["text"]) == {"headline", "text"}
        assert isinstance(slide["group"], str) and slide["group"]


def test_dates_carry_only_the_precision_known():
    events = [
        make_event("day", "A day", "2025-08-15"),
        make_event("week", "A week", "2025-W33"),
        make_event("month", "A month", "2025-08"),
        make_event("quarter", "A quarter", "2025-Q4"),
        make_event("year", "A year", "2022"),
        make_event("span", "Some years", "2017/2019"),
        make_event("time", "At two", "2025-08-15T14:00"),
    ]
    slides = _slides_by_id(timelinejs_document(events, ARTICLES))
    assert (
        slides["day"]["start_date"] == {"year": 2025, "month": 8, "day": 15}
        and "end_date" not in slides["day"]
    )
    assert slides["week"]["start_date"] == {"year": 2025, "month": 8, "day": 11}
    assert slides["week"]["end_date"] == {"year": 2025, "month": 8, "day": 17}
    assert slides["week"]["display_date"] == "week of 11 Aug 2025"
    assert slides["month"]["start_date"] == {"year": 2025, "month": 8} and "end_date" not in slides["month"]
    assert slides["quarter"]["start_date"] == {"year": 2025, "month": 10}
    assert slides["quarter"]["end_date"] == {"year": 2025, "month": 12}
    assert slides["year"]["start_date"] == {"year": 2022} and "end_date" not in slides["year"]
    assert (slides["span"]["start_date"], slides["span"]["end_date"]) == ({"year": 2017}, {"year": 2019})
    assert slides["time"]["start_date"] == {"year": 2025, "month": 8, "day": 15, "hour": 14, "minute": 0}


def test_text_holds_the_sources_with_the_dating_expression_marked_and_escaped():
    event = make_event(
        "e1",
        "Talks <in> Geneva & more",
        "2025-08-15",
        "planned",
        places=("Geneva",),
        sources=(("b.txt", "next week"), ("c.txt", "on Friday")),
    )
    slide = timelinejs_document([event], ARTICLES)["events"][0]
    assert slide["text"]["headline"] == "Talks &lt;in&gt; Geneva &amp; more"
    assert slide["text"]["text"] == (
        "<p>planned · 2 sources · Where: Geneva</p><ul>"
        "<li><b>The Times Desk: Summit talk after Alaska</b> (2025-08-20): "
        "“As reported, it happened <mark>next week</mark> according to officials.”</li>"
        "<li><b>Evening Post: Leaders to meet as sanctions loom</b> (2025-08-07): "
        "“As reported, it happened <mark>on Friday</mark> according to officials.”</li></ul>"
    )


def test_groups_follow_the_lanes_and_filters_apply():
    document = timelinejs_document(
        seed_like_events(), ARTICLES, {"lanes": "participant", "entity": "Lavrov", "title": "Lavrov"}
    )
    assert [(slide["unique_id"], slide["group"]) for slide in document["events"]] == [
        ("e23", "Sergei Lavrov"),
        ("e30", "Marco Rubio"),
        ("e32", "Marco Rubio"),
        ("e31", "Sergei Lavrov"),
    ]
    assert document["title"]["text"] == {
        "headline": "Lavrov",
        "text": "<p>4 dated events from 2 articles.</p>",
    }
    no_lanes = timelinejs_document(seed_like_events(), ARTICLES)
    assert all("group" not in slide for slide in no_lanes["events"])


def test_same_input_same_bytes(tmp_path):
    first = write_timelinejs(seed_like_events(), ARTICLES, tmp_path / "a")[0].read_bytes()
    second = write_timelinejs(seed_like_events(), ARTICLES, tmp_path / "b")[0].read_bytes()
    assert first == second


def test_the_highlighted_chain_is_a_group_of_its_own_as_in_the_figure():
    document = timelinejs_document(seed_like_events(), ARTICLES, {"highlight": "Helsinki,Alaska"})
    groups = {slide["unique_id"]: slide.get("group") for slide in document["events"]}
    assert groups["e02"] == groups["e19"] == "highlighted"
    assert groups["e03"] == "other events"
