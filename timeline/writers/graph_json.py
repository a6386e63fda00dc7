"""The event graph as networkx node-link JSON (`networkx.node_link_graph(data, edges="edges")` reads it)."""

from __future__ import annotations

import os
from typing import Any

import networkx as nx

from timeline.writers.atomic import write_json

EDGES_KEY = "edges"


def node_link(graph: nx.DiGraph) -> dict[str, Any]:
    return nx.node_link_data(graph, edges=EDGES_KEY)


def write_graph_json(graph: nx.DiGraph, path: str | os.PathLike[str]) -> None:
    write_json(path, node_link(graph))
