"""events.json: `{"events": [...]}` sorted by start_date, then id (CONTRACT.md)."""

from __future__ import annotations

import os
from collections.abc import Sequence

from timeline.model import Event
from timeline.writers.atomic import write_json


def events_payload(events: Sequence[Event]) -> dict:
    ordered = sorted(
        events, key=lambda e: (e.start_date is None, e.start_date.isoformat() if e.start_date else "", e.id)
    )
    return {"events": [event.to_dict() for event in ordered]}


def write_events_json(events: Sequence[Event], path: str | os.PathLike[str]) -> None:
    write_json(path, events_payload(events))
