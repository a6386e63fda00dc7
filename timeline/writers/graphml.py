"""The event graph as GraphML (readable by networkx.read_graphml and Gephi), written atomically.

The text is the one `networkx.generate_graphml(graph, prettyprint=True)` gives, line for line: keys
numbered d0, d1 ... in the order their (name, type, scope) is first met (graph, nodes, edges) and
listed newest first, two-space indents, non-ASCII characters as character references, an empty
value as an empty element. networkx builds an ElementTree of the whole graph and indents it node
by node, which took most of a large build's writing time; the lines are written directly here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from timeline.writers.atomic import write_text

if TYPE_CHECKING:
    import networkx as nx

_NAMESPACES = (
    'xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"'
)
# GraphML's names for Python's types, as networkx writes them (an int is a "long").
_XML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_NOT_DATA = ("id", "node_default", "edge_default")


def _text(value: str) -> str:
    """Character data escaped as ElementTree escapes it."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    return value


def _attribute(value: str) -> str:
    """An attribute value escaped as ElementTree escapes it."""
    value = _text(value)
    for character, reference in (('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;")):
        if character in value:
            value = value.replace(character, reference)
    return value


class _Keys:
    """The <key> declarations, one per (name, type, scope), numbered as they are first met."""

    def __init__(self) -> None:
        self.ids: dict[tuple[str, str, str], str] = {}

    def data(self, attributes: Mapping[Any, Any], scope: str, indent: str) -> list[str]:
        lines = []
        for name, value in attributes.items():
            xml_type = _XML_TYPES.get(type(value))
            if xml_type is None:
                raise TypeError(f"GraphML does not support type {type(value)} as data values.")
            declared = (str(name), xml_type, scope)
            key = self.ids.setdefault(declared, f"d{len(self.ids)}")
            text = str(value)
            # An empty value is an empty element, as ElementTree writes it.
            opening = f'{indent}<data key="{key}"'
            lines.append(f"{opening}>{_text(text)}</data>" if text else f"{opening} />")
        return lines

    def declarations(self) -> list[str]:
        return [
            f'  <key id="{key}" for="{scope}" attr.name="{_attribute(name)}" attr.type="{xml_type}" />'
            for (name, xml_type, scope), key in reversed(self.ids.items())
        ]


def _element(opening: str, children: list[str], indent: str) -> Iterable[str]:
    if not children:
        return [f"{indent}<{opening} />"]
    tag = opening.split(" ", 1)[0]
    return [f"{indent}<{opening}>", *children, f"{indent}</{tag}>"]


def graphml_text(graph: nx.Graph) -> str:
    if graph.is_multigraph():
        raise TypeError("graphml_text writes simple graphs; the event graph is one")
    keys = _Keys()
    graph_data = keys.data({k: v for k, v in graph.graph.items() if k not in _NOT_DATA}, "graph", "    ")
    body: list[str] = []
    for node, attributes in graph.nodes(data=True):
        opening = f'node id="{_attribute(str(node))}"'
        body.extend(_element(opening, keys.data(attributes, "node", "      "), "    "))
    for source, target, attributes in graph.edges(data=True):
        opening = f'edge source="{_attribute(str(source))}" target="{_attribute(str(target))}"'
        body.extend(_element(opening, keys.data(attributes, "edge", "      "), "    "))
    graph_opening = f'graph edgedefault="{"directed" if graph.is_directed() else "undirected"}"'
    if "id" in graph.graph:
        graph_opening += f' id="{_attribute(str(graph.graph["id"]))}"'
    lines = [
        f"<graphml {_NAMESPACES}>",
        *keys.declarations(),
        *_element(graph_opening, body + graph_data, "  "),
        "</graphml>",
    ]
    # ElementTree writes US-ASCII with character references, and networkx splits the text into lines
    # (a carriage return in a value too) that are joined again with newlines.
    text = "\n".join(lines).encode("ascii", "xmlcharrefreplace").decode("ascii")
    return "\n".join(text.splitlines()) + "\n"


def write_graphml(graph: nx.DiGraph, path: str | os.PathLike[str]) -> None:
    write_text(path, graphml_text(graph))
