"""Writing a tagged text as TimeML: the text with `<TIMEX3>` tags, the DCT as CREATION_TIME."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from timeline.model import TimeExpr


def to_timeml(text: str, expressions: Sequence[TimeExpr], dct: dt.date | None) -> str:
    """TEXT wrapped in <TimeML>, each expression as <TIMEX3 tid type value [mod]>.

    The expressions must be sorted and non-overlapping, as `tag` returns them.
    """
    pieces = ['<?xml version="1.0" encoding="UTF-8"?>\n<TimeML>\n']
    if dct is not None:
        pieces.append(
            f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct.isoformat()}" temporalFunction="false" '
            f'functionInDocument="CREATION_TIME">{dct.isoformat()}</TIMEX3></DCT>\n'
        )
    pieces.append("<TEXT>")
    position = 0
    for number, expression in enumerate(expressions, start=1):
        pieces.append(escape(_xml_safe(text[position : expression.start])))
        attributes = f'tid="t{number}" type={quoteattr(expression.type)} value={quoteattr(expression.value)}'
        if expression.mod:
            attributes += f" mod={quoteattr(expression.mod)}"
        pieces.append(f"<TIMEX3 {attributes}>{escape(_xml_safe(expression.text))}</TIMEX3>")
        position = expression.end
    pieces.append(escape(_xml_safe(text[position:])))
    pieces.append("</TEXT>\n</TimeML>\n")
    return "".join(pieces)


def _xml_safe(text: str) -> str:
    """TEXT without the characters XML 1.0 cannot hold (control characters other than tab and newlines)."""
    return "".join(
        character
        for character in text
        if character in "\t\n\r"
        or "\x20" <= character <= "\ud7ff"
        or "\ue000" <= character <= "\ufffd"
        or character >= "\U00010000"
    )
