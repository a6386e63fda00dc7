"""TimeML (TimeML 1.2.1 `.tml`) reading, and TIMEX3 scoring as TempEval-3 defines it.

Reading gives the plain text of `<TEXT>` (tags removed, character references decoded), its
gold TIMEX3 annotations as offsets into that text, and the document creation time.
Scoring follows UzZaman et al. (2013): one-to-one matching of system and gold expressions,
strict (same extent) and relaxed (overlapping extent) precision/recall/F1, and attribute
F1 = attribute accuracy over the relaxed matches x relaxed F1.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class TimeMLDocument:
    name: str
    text: str
    dct: dt.date | None
    timexes: tuple[GoldTimex, ...]


def _dct_of(root: ElementTree.Element) -> dt.date | None:
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            value = (timex.get("value") or "")[:10]
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return None
    return None


def read_timeml(path: str | Path) -> TimeMLDocument:
    """Parse one `.tml` file into its plain TEXT and gold TIMEX3 spans."""
    root = ElementTree.parse(path).getroot()
    text_element = root.find("TEXT")
    pieces: list[str] = []
    timexes: list[GoldTimex] = []
    length = 0

    def walk(element: ElementTree.Element) -> None:
        nonlocal length
        start = length
        if element.text:
            pieces.append(element.text)
            length += len(element.text)
        for child in element:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
                length += len(child.tail)
        if element.tag == "TIMEX3" and length > start:
            covered = "".join(pieces)[start:length]
            timexes.append(
                GoldTimex(
                    start=start,
                    end=length,
                    text=covered,
                    type=element.get("type", ""),
                    value=element.get("value", ""),
                    mod=element.get("mod"),
                )
            )

    if text_element is not None:
        walk(text_element)
    timexes.sort(key=lambda timex: (timex.start, timex.end))
    return TimeMLDocument(
        name=Path(path).name,
        text="".join(pieces),
        dct=_dct_of(root),
        timexes=tuple(timexes),
    )


def read_corpus(folders: Iterable[str | Path]) -> list[TimeMLDocument]:
    paths = sorted(path for folder in folders for path in Path(folder).glob("*.tml"))
    return [read_timeml(path) for path in paths]


@dataclass
class Scores:
    gold: int = 0
    system: int = 0
    strict_matches: int = 0
    relaxed_matches: int = 0
    value_matches: int = 0
    type_matches: int = 0
    errors: list[tuple[str, str, object, object]] = field(default_factory=list)

    @staticmethod
    def _f1(precision: float, recall: float) -> float:
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def _prf(self, matches: int) -> tuple[float, float, float]:
        precision = matches / self.system if self.system else 0.0
        recall = matches / self.gold if self.gold else 0.0
        return precision, recall, self._f1(precision, recall)

    @property
    def strict(self) -> tuple[float, float, float]:
        return self._prf(self.strict_matches)

    @property
    def relaxed(self) -> tuple[float, float, float]:
        return self._prf(self.relaxed_matches)

    @property
    def value_accuracy(self) -> float:
        return self.value_matches / self.relaxed_matches if self.relaxed_matches else 0.0

    @property
    def type_accuracy(self) -> float:
        return self.type_matches / self.relaxed_matches if self.relaxed_matches else 0.0

    @property
    def value_f1(self) -> float:
        return self.value_accuracy * self.relaxed[2]

    @property
    def type_f1(self) -> float:
        return self.type_accuracy * self.relaxed[2]


def score_document(
    document: TimeMLDocument, system: Sequence, scores: Scores, keep_errors: bool = False
) -> Scores:
    """Add one document's comparison to SCORES. SYSTEM items need start, end, text, type, value."""
    gold = list(document.timexes)
    scores.gold += len(gold)
    scores.system += len(system)
    used_system: set[int] = set()
    matched_gold: set[int] = set()
    # Strict matches first, so that one-to-one matching prefers exact extents.
    for gold_index, gold_timex in enumerate(gold):
        for system_index, found in enumerate(system):
            if system_index not in used_system and (found.start, found.end) == (
                gold_timex.start,
                gold_timex.end,
            ):
                used_system.add(system_index)
                matched_gold.add(gold_index)
                scores.strict_matches += 1
                scores.relaxed_matches += 1
                _compare_attributes(document, gold_timex, found, scores, keep_errors)
                break
    for gold_index, gold_timex in enumerate(gold):
        if gold_index in matched_gold:
            continue
        for system_index, found in enumerate(system):
            if system_index in used_system:
                continue
            if found.start < gold_timex.end and gold_timex.start < found.end:
                used_system.add(system_index)
                matched_gold.add(gold_index)
                scores.relaxed_matches += 1
                if keep_errors:
                    scores.errors.append(("extent", document.name, gold_timex, found))
                _compare_attributes(document, gold_timex, found, scores, keep_errors)
                break
    if keep_errors:
        for gold_index, gold_timex in enumerate(gold):
            if gold_index not in matched_gold:
                scores.errors.append(("missed", document.name, gold_timex, None))
        for system_index, found in enumerate(system):
            if system_index not in used_system:
                scores.errors.append(("spurious", document.name, None, found))
    return scores


def _compare_attributes(document, gold_timex: GoldTimex, found, scores: Scores, keep_errors: bool) -> None:
    if found.value == gold_timex.value:
        scores.value_matches += 1
    elif keep_errors:
        scores.errors.append(("value", document.name, gold_timex, found))
    if found.type == gold_timex.type:
        scores.type_matches += 1
    elif keep_errors:
        scores.errors.append(("type", document.name, gold_timex, found))
