"""The event graph (networkx): events in time order, linked to who, where and which article.

Nodes (docs/CONTRACT.md): events keyed by their id; people, organisations, places and articles keyed
`KIND:NAME`. Edges: `before` (an event to the next one in time, and every order the text gives:
"Helsinki and then Osaka"), `involves` (event -> person or organisation), `at` (event -> place),
`reported_by` (event -> article). Attribute values are strings and numbers only, lists joined with
"; ", so that GraphML can hold them; nodes and edges are added in sorted order, so the same events
give the same file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from timeline.model import Article, Event

if TYPE_CHECKING:
    import networkx as nx

LIST_SEPARATOR = "; "


def _iso(day) -> str:
    return day.isoformat() if day is not None else ""


def _event_attributes(event: Event) -> dict[str, str | int]:
    return {
        "kind": "event",
        "label": event.label,
        "value": event.value,
        "start_date": _iso(event.start_date),
        "end_date": _iso(event.end_date),
        "granularity": event.granularity,
        "status": event.status,
        "participants": LIST_SEPARATOR.join(event.participants),
        "places": LIST_SEPARATOR.join(event.places),
        "organizations": LIST_SEPARATOR.join(event.organizations),
        "sources": len(event.sources),
    }


def _place_attributes(name: str) -> dict[str, str | float]:
    from timeline.events.gazetteer import gazetteer  # here: a build that writes no graph needs none

    attributes: dict[str, str | float] = {"kind": "place", "label": name}
    place = gazetteer().place(name)
    if place is not None:
        attributes["place_kind"] = place.kind
        if place.country:
            attributes["country"] = place.country
        if place.latitude is not None and place.longitude is not None:
            attributes["latitude"] = float(place.latitude)
            attributes["longitude"] = float(place.longitude)
    return attributes


def _article_attributes(article: Article) -> dict[str, str]:
    attributes = {"kind": "article", "label": article.title or article.id, "path": article.path}
    for key in ("date", "source", "url"):
        value = getattr(article, key)
        if value:
            attributes[key] = value
    return attributes


def chronological_pairs(events: Sequence[Event]) -> list[tuple[str, str, str]]:
    """(earlier id, later id, basis) for every `before` edge: the time chain, then the text's order."""
    ordered = sorted(events, key=lambda e: (e.start_date is None, e.start_date, e.id))
    pairs: dict[tuple[str, str], str] = {}
    dated = [e for e in ordered if e.start_date is not None]
    for earlier, later in zip(dated, dated[1:], strict=False):
        basis = "dates" if earlier.end_date < later.start_date else "start"
        pairs[(earlier.id, later.id)] = basis
    known = {e.id for e in events}
    for event in events:
        for earlier_id in event.after:
            if earlier_id in known:
                pairs[(earlier_id, event.id)] = "text"
    return sorted((earlier, later, basis) for (earlier, later), basis in pairs.items())


def build_graph(events: Sequence[Event], articles: Sequence[Article]) -> nx.DiGraph:
    """The event graph of docs/CONTRACT.md."""
    import networkx as nx  # here: a build that writes no graph need not load it (half a second)

    graph = nx.DiGraph()
    articles_by_id = {article.id: article for article in articles}
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str], dict] = {}
    involves, at, reported_by = {"kind": "involves"}, {"kind": "at"}, {"kind": "reported_by"}
    for event in events:
        nodes[event.id] = _event_attributes(event)
        for name in event.participants:
            nodes.setdefault(f"person:{name}", {"kind": "person", "label": name})
            edges[(event.id, f"person:{name}")] = involves
        for name in event.organizations:
            nodes.setdefault(f"organization:{name}", {"kind": "organization", "label": name})
            edges[(event.id, f"organization:{name}")] = involves
        for name in event.places:
            if f"place:{name}" not in nodes:
                nodes[f"place:{name}"] = _place_attributes(name)
            edges[(event.id, f"place:{name}")] = at
        for article_id in sorted({source.article for source in event.sources}):
            if f"article:{article_id}" not in nodes:
                article = articles_by_id.get(article_id)
                nodes[f"article:{article_id}"] = (
                    _article_attributes(article) if article else {"kind": "article", "label": article_id}
                )
            edges[(event.id, f"article:{article_id}")] = reported_by
    for earlier, later, basis in chronological_pairs(events):
        edges[(earlier, later)] = {"kind": "before", "basis": basis}
    # networkx copies each attribute dict into the graph, so edges may share one here.
    graph.add_nodes_from((node, nodes[node]) for node in sorted(nodes))
    graph.add_edges_from((source, target, edges[(source, target)]) for source, target in sorted(edges))
    return graph
