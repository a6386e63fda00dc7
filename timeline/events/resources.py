"""The word lists and tables kept as data files beside the code (timeline/events/data/), and the
first names of the gender-guesser package."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def _read(name: str) -> str:
    return resources.files("timeline.events").joinpath("data", name).read_text("utf-8")


def data_lines(name: str) -> tuple[str, ...]:
    """The non-empty, non-comment lines of a data file, stripped."""
    return tuple(
        line.strip()
        for line in _read(name).splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


def data_table(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of a tab-separated data file (comments and blank lines left out)."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in data_lines(name))


@cache
def given_names() -> frozenset[str]:
    """First names from gender-guesser's dictionary (about 45,000 of many countries), lower-cased."""
    names: set[str] = set()
    text = resources.files("gender_guesser").joinpath("data", "nam_dict.txt").read_text("iso-8859-1")
    for line in text.splitlines():
        if line.startswith("#") or len(line) < 4:
            continue
        name = line[3:29].strip().replace("+", " ")
        if name and name.isalpha():
            names.add(name.lower())
    return frozenset(names)
