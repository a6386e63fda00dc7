"""The event graph as GraphML (readable by networkx.read_graphml and Gephi), written atomically."""

from __future__ import annotations

import os

import networkx as nx

from timeline.writers.atomic import write_text


def graphml_text(graph: nx.DiGraph) -> str:
    return "\n".join(nx.generate_graphml(graph, encoding="utf-8", prettyprint=True)) + "\n"


def write_graphml(graph: nx.DiGraph, path: str | os.PathLike[str]) -> None:
    write_text(path, graphml_text(graph))
