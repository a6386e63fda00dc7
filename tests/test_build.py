"""`timeline build` end to end on a small corpus of our own (tests/data/events/corpus), real tagger included.

The corpus: two articles about talks in Vienna dated a week apart, and a syndicated copy of the
first. Checked: the merge of "on Tuesday" (2024-03-12) with "last week" (2024-W11) into one day,
spellings of one name merged ("Sergei"/"Sergey Volkov", a lone "Keller"), a role named in one
article found in another ("the German chancellor"), a loose interval with
its textual order ("in Oslo and then ... in Lisbon"), statements as events, planned and cancelled
statuses, and a near-duplicate that adds no source.
"""

import json
from pathlib import Path

import networkx as nx
import pytest

from timeline import build
from timeline.cli import main
from timeline.model import Source
from timeline.pipeline import BuildError
from timeline.writers.events_json import events_payload

CORPUS = Path(__file__).parent / "data" / "events" / "corpus"

EXPECTED = [
    (
        "e1",
        "2019/2021",
        "happened",
        "Keller–Volkov meeting in Oslo",
        ["Maria Keller", "Sergei Volkov"],
        ["Oslo"],
        [("vienna_talks.txt", "between 2019 and 2021")],
        [],
    ),
    (
        "e2",
        "2019/2021",
        "happened",
        "Keller–Volkov summit in Lisbon",
        ["Maria Keller", "Sergei Volkov"],
        ["Lisbon"],
        [("vienna_talks.txt", "between 2019 and 2021")],
        ["e1"],
    ),
    (
        "e3",
        "2024-03-12",
        "happened",
        "Keller meets Volkov in Vienna",
        ["Sergei Volkov", "Maria Keller"],
        ["Vienna"],
        [("kremlin_readout.txt", "last week"), ("vienna_talks.txt", "Tuesday")],
        [],
    ),
    (
        "e4",
        "2024-03-13",
        "reported",
        "Spokesman: Keller visits Madrid",
        [],
        [],
        [("vienna_talks.txt", "Wednesday")],
        [],
    ),
    (
        "e5",
        "2024-03-18",
        "reported",
        "Kremlin: Volkov–Keller talks in Vienna",
        [],
        [],
        [("kremlin_readout.txt", "Monday")],
        [],
    ),
    (
        "e6",
        "2024-W12",
        "planned",
        "Keller visits Madrid",
        ["Maria Keller"],
        ["Madrid"],
        [("vienna_talks.txt", "next week")],
        [],
    ),
    (
        "e7",
        "2024-04",
        "uncertain",
        "Volkov–Keller summit in Geneva",
        ["Sergei Volkov", "Maria Keller"],
        ["Geneva"],
        [("kremlin_readout.txt", "April")],
        [],
    ),
]


def _summary(events: list[dict]) -> list[tuple]:
    return [
        (
            e["id"],
            e["value"],
            e["status"],
            e["label"],
            e["participants"],
            e["places"],
            [(s["article"], s["timex"]) for s in e["sources"]],
            e["after"],
        )
        for e in events
    ]


def test_build_gives_exactly_the_expected_chronology(tmp_path):
    result = build(CORPUS, out=tmp_path / "out", formats="graphml,json", jobs=1, no_cache=True)
    written = json.loads((tmp_path / "out" / "events.json").read_text("utf-8"))["events"]
    assert _summary(written) == EXPECTED
    # events.json is the events' records, each source with what it cites (writers/citation.py).
    assert events_payload(result.events, result.articles)["events"] == written
    assert {key: value for key, value in written[0]["sources"][0].items() if key not in Source.__slots__} == {
        "title": "Keller meets Volkov in Vienna", "outlet": "Example Wire", "published": "2024-03-14"
    }
    merged = written[2]
    assert (merged["start_date"], merged["end_date"], merged["granularity"]) == (
        "2024-03-12",
        "2024-03-12",
        "day",
    )
    source = merged["sources"][1]
    text = (CORPUS / "vienna_talks.txt").read_text("utf-8")
    assert text[source["start"] : source["end"]] == source["text"]
    assert (
        source["text"]
        == "German Chancellor Maria Keller met Russian Foreign Minister Sergei Volkov in Vienna on Tuesday."
    )
    articles = json.loads((tmp_path / "out" / "articles.json").read_text("utf-8"))["articles"]
    assert [(a["id"], a["date"], a["date_source"], a["duplicate_of"]) for a in articles] == [
        ("kremlin_readout.txt", "2024-03-20", "metadata", None),
        ("vienna_talks.txt", "2024-03-14", "metadata", None),
        ("vienna_talks_copy.txt", "2024-03-14", "metadata", "vienna_talks.txt"),
    ]
    assert (result.skipped, result.duplicates, result.merged) == (0, 1, 1)
    assert result.summary() == (
        "3 articles read, 0 skipped, 1 near-duplicate, 7 events, 1 merged from several articles"
    )


def test_the_graph_files_hold_the_chronology_and_load_back_equal(tmp_path):
    build(CORPUS, out=tmp_path / "out", formats="graphml,json", jobs=1, no_cache=True)
    graphml = nx.read_graphml(tmp_path / "out" / "graph.graphml")
    node_link = nx.node_link_graph(
        json.loads((tmp_path / "out" / "graph.json").read_text("utf-8")), edges="edges"
    )
    assert dict(graphml.nodes(data=True)) == dict(node_link.nodes(data=True))
    assert sorted(graphml.edges(data=True)) == sorted(node_link.edges(data=True))
    before = sorted((a, b) for a, b, kind in graphml.edges(data="kind") if kind == "before")
    assert before == [("e1", "e2"), ("e2", "e3"), ("e3", "e4"), ("e4", "e5"), ("e5", "e6"), ("e6", "e7")]
    assert graphml.edges["e1", "e2"]["basis"] == "text"
    assert sorted(b for a, b, kind in graphml.edges(data="kind") if a == "e3" and kind != "before") == [
        "article:kremlin_readout.txt",
        "article:vienna_talks.txt",
        "person:Maria Keller",
        "person:Sergei Volkov",
        "place:Vienna",
    ]


def test_the_same_input_gives_byte_identical_files_whatever_the_workers(tmp_path):
    build(CORPUS, out=tmp_path / "one", formats="graphml,json", jobs=1, no_cache=True)
    build(CORPUS, out=tmp_path / "two", formats="graphml,json", jobs=2, no_cache=True)
    for name in ("events.json", "articles.json", "graph.graphml", "graph.json"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_formats_none_writes_only_the_two_json_files(tmp_path):
    build(CORPUS, out=tmp_path / "out", formats="none", jobs=1, no_cache=True)
    assert sorted(path.name for path in (tmp_path / "out").iterdir() if not path.name.startswith(".")) == [
        "articles.json",
        "events.json",
    ]


def test_nothing_to_build_raises_and_the_command_exits_with_1(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(BuildError):
        build(empty, out=tmp_path / "out", jobs=1, no_cache=True)
    assert main(["build", str(empty), "--out", str(tmp_path / "out"), "--no-cache"]) == 1
    assert "no article could be read" in capsys.readouterr().err


def test_the_command_prints_a_closing_summary_and_refuses_unknown_formats(tmp_path, capsys):
    out = tmp_path / "out"
    assert (
        main(["build", str(CORPUS), "--out", str(out), "--formats", "json", "--jobs", "1", "--no-cache"]) == 0
    )
    err = capsys.readouterr().err
    summary = "3 articles read, 0 skipped, 1 near-duplicate, 7 events, 1 merged from several articles"
    assert err.strip().splitlines()[-1] == f"timeline: {summary} -> {out}"
    assert (out / "graph.json").exists() and not (out / "graph.graphml").exists()
    assert main(["build", str(CORPUS), "--out", str(out), "--formats", "jpeg", "--no-cache"]) == 2
    assert "unknown format(s): jpeg" in capsys.readouterr().err


def test_an_unreadable_input_is_skipped_with_one_line_naming_it_and_the_rest_is_built(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text((CORPUS / "vienna_talks.txt").read_text("utf-8"), "utf-8")
    (corpus / "broken.json").write_text('{"text": "unterminated', "utf-8")
    out = tmp_path / "out"
    assert (
        main(["build", str(corpus), "--out", str(out), "--formats", "none", "--jobs", "1", "--no-cache"]) == 0
    )
    lines = capsys.readouterr().err.strip().splitlines()
    assert [line for line in lines if "broken.json" in line] == [lines[0]]
    assert lines[-1].startswith("timeline: 1 article read, 1 skipped, 0 near-duplicates, 5 events,")
    events = json.loads((out / "events.json").read_text("utf-8"))["events"]
    assert {source["article"] for event in events for source in event["sources"]} == {"good.txt"}
