"""The event graph as networkx node-link JSON (`networkx.node_link_graph(data, edges="edges")` reads it)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from timeline.writers.atomic import write_json

if TYPE_CHECKING:
    import networkx as nx

EDGES_KEY = "edges"


def node_link(graph: nx.DiGraph) -> dict[str, Any]:
    import networkx as nx  # here, as in timeline.graph: a build that writes no graph need not load it

    return nx.node_link_data(graph, edges=EDGES_KEY)


def write_graph_json(graph: nx.DiGraph, path: str | os.PathLike[str]) -> None:
    write_json(path, node_link(graph))
