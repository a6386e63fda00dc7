"""The event graph: node and edge kinds of docs/CONTRACT.md, GraphML and node-link JSON round trips."""

import datetime as dt
import json

import networkx as nx

from timeline.graph import build_graph, chronological_pairs
from timeline.model import Article, Event, Source
from timeline.writers.graph_json import write_graph_json
from timeline.writers.graphml import write_graphml


def _events() -> list[Event]:
    source = Source("a.txt", 0, 20, "Putin met Trump.", "2018")
    return [
        Event(
            "e1",
            "Putin–Trump meeting in Helsinki",
            "2017/2019",
            dt.date(2017, 1, 1),
            dt.date(2019, 12, 31),
            "interval",
            "happened",
            ("Vladimir Putin", "Donald Trump"),
            ("Helsinki",),
            (),
            (source,),
        ),
        Event(
            "e2",
            "Putin–Trump gathering in Osaka",
            "2017/2019",
            dt.date(2017, 1, 1),
            dt.date(2019, 12, 31),
            "interval",
            "happened",
            ("Vladimir Putin", "Donald Trump"),
            ("Osaka",),
            ("G20",),
            (source,),
            after=("e1",),
        ),
        Event(
            "e3",
            "Putin–Biden meeting in Geneva",
            "2021-06",
            dt.date(2021, 6, 1),
            dt.date(2021, 6, 30),
            "month",
            "happened",
            ("Vladimir Putin", "Joe Biden"),
            ("Geneva",),
            (),
            (Source("b.txt", 5, 30, "They met in Geneva.", "June 2021"),),
        ),
    ]


def _articles() -> list[Article]:
    return [
        Article("a.txt", "a.txt", "text", title="First", date="2025-05-08", date_source="manifest"),
        Article("b.txt", "b.txt", "text", date="2025-08-07"),
    ]


def test_nodes_and_edges_have_the_contract_kinds_and_string_or_number_values():
    graph = build_graph(_events(), _articles())
    kinds = {node: data["kind"] for node, data in graph.nodes(data=True)}
    assert kinds == {
        "e1": "event",
        "e2": "event",
        "e3": "event",
        "person:Vladimir Putin": "person",
        "person:Donald Trump": "person",
        "person:Joe Biden": "person",
        "place:Helsinki": "place",
        "place:Osaka": "place",
        "place:Geneva": "place",
        "organization:G20": "organization",
        "article:a.txt": "article",
        "article:b.txt": "article",
    }
    assert graph.nodes["e2"] == {
        "kind": "event",
        "label": "Putin–Trump gathering in Osaka",
        "value": "2017/2019",
        "start_date": "2017-01-01",
        "end_date": "2019-12-31",
        "granularity": "interval",
        "status": "happened",
        "participants": "Vladimir Putin; Donald Trump",
        "places": "Osaka",
        "organizations": "G20",
        "sources": 1,
    }
    assert graph.nodes["place:Osaka"]["country"] == "Japan"
    assert round(graph.nodes["place:Osaka"]["latitude"], 1) == 34.7
    assert graph.nodes["article:a.txt"] == {
        "kind": "article",
        "label": "First",
        "path": "a.txt",
        "date": "2025-05-08",
    }
    edge_kinds = sorted((source, target, data["kind"]) for source, target, data in graph.edges(data=True))
    assert ("e1", "e2", "before") in edge_kinds and ("e2", "e3", "before") in edge_kinds
    assert ("e2", "organization:G20", "involves") in edge_kinds
    assert ("e3", "place:Geneva", "at") in edge_kinds and ("e3", "article:b.txt", "reported_by") in edge_kinds
    for _, data in graph.nodes(data=True):
        assert all(isinstance(value, (str, int, float)) for value in data.values())


def test_before_edges_follow_time_and_the_order_the_text_gives():
    assert chronological_pairs(_events()) == [("e1", "e2", "text"), ("e2", "e3", "dates")]


def test_graphml_and_node_link_json_load_back_into_an_equal_graph(tmp_path):
    graph = build_graph(_events(), _articles())
    write_graphml(graph, tmp_path / "graph.graphml")
    write_graph_json(graph, tmp_path / "graph.json")
    from_graphml = nx.read_graphml(tmp_path / "graph.graphml")
    from_json = nx.node_link_graph(json.loads((tmp_path / "graph.json").read_text("utf-8")), edges="edges")
    for loaded in (from_graphml, from_json):
        assert isinstance(loaded, nx.DiGraph)
        assert dict(loaded.nodes(data=True)) == dict(graph.nodes(data=True))
        assert sorted(loaded.edges(data=True)) == sorted(graph.edges(data=True))
    first = (tmp_path / "graph.graphml").read_bytes()
    write_graphml(
        build_graph(list(reversed(_events())), list(reversed(_articles()))), tmp_path / "graph.graphml"
    )
    assert (tmp_path / "graph.graphml").read_bytes() == first


def test_graphml_text_is_what_networkx_writes_for_escapes_types_empty_values_and_empty_graphs():
    from timeline.writers.graphml import graphml_text

    graph = nx.DiGraph()
    graph.graph["name"] = "x & y"
    graph.add_node('a&b<"c">', label="Zelenskyy – «Київ» 😀", n=3, f=1.5, ok=True, empty="",
                   lines="one\rtwo\nthree\tfour")
    graph.add_node("lonely")
    graph.add_node(7, label="seven")
    graph.add_edge('a&b<"c">', 7, kind="before", weight=2.0)
    graph.add_edge(7, "lonely")
    for written in (graph, nx.DiGraph()):
        expected = "\n".join(nx.generate_graphml(written, encoding="utf-8", prettyprint=True)) + "\n"
        assert graphml_text(written) == expected
    assert '<data key="d5" />' in graphml_text(graph) and "&#1050;" in graphml_text(graph)
