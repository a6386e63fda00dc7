"""The JSON writers: the layout of `json.dumps(indent=2, ensure_ascii=False)`, the same bytes every run."""

import datetime as dt
import json
from pathlib import Path

from timeline.model import Article, Event, Source
from timeline.writers.articles_json import write_articles_json
from timeline.writers.atomic import dumps_json, write_json_records
from timeline.writers.events_json import write_events_json


def test_json_is_indented_by_two_spaces_in_key_order_with_unescaped_text():
    payload = {"z": [], "a": {"name": "Zelenskyy – «Київ»", "n": 3, "x": None, "ok": True},
               "list": [1.5, "tab\there", {}], "quote": 'say "hi"\n'}
    assert dumps_json(payload) == (
        '{\n'
        '  "z": [],\n'
        '  "a": {\n'
        '    "name": "Zelenskyy – «Київ»",\n'
        '    "n": 3,\n'
        '    "x": null,\n'
        '    "ok": true\n'
        '  },\n'
        '  "list": [\n'
        '    1.5,\n'
        '    "tab\\there",\n'
        '    {}\n'
        '  ],\n'
        '  "quote": "say \\"hi\\"\\n"\n'
        '}\n'
    )


def _event(event_id: str, day: dt.date | None) -> Event:
    source = Source("a.txt", 0, 12, "Talks began.", "Monday")
    return Event(event_id, "Talks", day.isoformat() if day else "PAST_REF", day, day,
                 "day" if day else "fuzzy", "happened", ("Ann Lee",), sources=(source,),
                 extra={"category": "meeting", "articles": 1})


def test_events_json_is_sorted_by_start_date_then_id_with_undated_events_last(tmp_path):
    events = [_event("e3", None), _event("e2", dt.date(2025, 8, 1)), _event("e1", dt.date(2025, 8, 1)),
              _event("e0", dt.date(2024, 1, 5))]
    write_events_json(events, tmp_path / "events.json")
    written = (tmp_path / "events.json").read_text(encoding="utf-8")
    assert [line.strip() for line in written.splitlines() if line.strip().startswith('"id"')] == [
        '"id": "e0",', '"id": "e1",', '"id": "e2",', '"id": "e3",'
    ]
    assert '"start_date": null' in written and '"category": "meeting",\n      "articles": 1\n' in written
    write_events_json(list(reversed(events)), tmp_path / "again.json")
    assert (tmp_path / "again.json").read_bytes() == written.encode("utf-8")


def test_articles_json_holds_one_record_per_article_in_id_order(tmp_path):
    articles = [Article("b.txt", "in/b.txt", "", title="B", date="2025-08", date_source="inferred"),
                Article("a.txt", "in/a.txt", "", errors=("in/a.txt: not UTF-8",))]
    write_articles_json(articles, tmp_path / "articles.json")
    assert (tmp_path / "articles.json").read_text(encoding="utf-8") == (
        '{\n  "articles": [\n'
        '    {\n      "id": "a.txt",\n      "path": "in/a.txt",\n      "title": null,\n'
        '      "source": null,\n      "url": null,\n      "date": null,\n      "date_source": "none",\n'
        '      "segments": [],\n      "duplicate_of": null,\n      "errors": [\n'
        '        "in/a.txt: not UTF-8"\n      ]\n    },\n'
        '    {\n      "id": "b.txt",\n      "path": "in/b.txt",\n      "title": "B",\n'
        '      "source": null,\n      "url": null,\n      "date": "2025-08",\n'
        '      "date_source": "inferred",\n      "segments": [],\n      "duplicate_of": null,\n'
        '      "errors": []\n    }\n  ]\n}\n'
    )


def test_records_written_one_by_one_give_the_bytes_of_the_whole_payload(tmp_path):
    records = [{"id": "e1", "sources": [{"text": "Line one.", "n": [1, 2]}], "after": []}, {"id": "e2"}]
    write_json_records(tmp_path / "some.json", "events", iter(records))
    assert (tmp_path / "some.json").read_text(encoding="utf-8") == dumps_json({"events": records})
    write_json_records(tmp_path / "none.json", "events", iter([]))
    assert (tmp_path / "none.json").read_text(encoding="utf-8") == '{\n  "events": []\n}\n'


def test_a_teaser_sentence_cites_its_own_story_in_every_output(tmp_path):
    import timeline

    page = Path(__file__).parent.parent / "seeds" / "000_0ff818962a8dd053.txt"
    timeline.build([page], out=tmp_path, formats="timelinejs,html")
    events = json.loads((tmp_path / "events.json").read_text(encoding="utf-8"))["events"]
    witkoff = [
        source for event in events for source in event["sources"] if source["text"].startswith("US envoy")
    ]
    assert [(source["outlet"], source["title"], source["published"]) for source in witkoff] == [
        ("LeMonde", "US envoy Witkoff to visit Moscow ahead of sanctions deadline", "2025")
    ]
    page_story = [source for event in events for source in event["sources"] if source["start"] < 3958]
    assert {(source["outlet"], source["published"]) for source in page_story} == {
        ("Euronews (aggregator page)", "2025-05-08")
    }
    slides = (tmp_path / "timeline.timelinejs.json").read_text(encoding="utf-8")
    assert "LeMonde: US envoy Witkoff to visit Moscow ahead of sanctions deadline</b> (2025)" in slides
    html_page = (tmp_path / "timeline.html").read_text(encoding="utf-8")
    teaser = "US envoy Witkoff to visit Moscow ahead of sanctions deadline"
    cited = f'"article": "{teaser} — LeMonde", "date": "2025"'
    assert cited in html_page
