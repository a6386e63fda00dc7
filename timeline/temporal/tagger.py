"""Placeholder until the tagger lands (issue 3)."""

from __future__ import annotations

import datetime as dt

from timeline.model import TimeExpr


def tag(text: str, dct: dt.date | str | None = None) -> list[TimeExpr]:
    return []
