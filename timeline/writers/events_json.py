"""events.json: `{"events": [...]}` sorted by start_date, then id (docs/CONTRACT.md)."""

from __future__ import annotations

import os
from collections.abc import Sequence

from timeline.model import Event
from timeline.writers.atomic import write_json_records


def _chronological(events: Sequence[Event]) -> list[Event]:
    # Undated events last; ISO dates sort as the days they name.
    return sorted(events, key=lambda e: (e.start_date is None, e.start_date or "", e.id))


def events_payload(events: Sequence[Event]) -> dict:
    return {"events": [event.to_dict() for event in _chronological(events)]}


def write_events_json(events: Sequence[Event], path: str | os.PathLike[str]) -> None:
    write_json_records(path, "events", (event.to_dict() for event in _chronological(events)))
