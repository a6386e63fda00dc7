"""summary.json: the summary's dates in order, each with its sentences, their sources and the
merged events (ids in events.json) each sentence reports."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from timeline.writers.atomic import write_json

if TYPE_CHECKING:
    from timeline.summary import Summary


def write_summary_json(summary: Summary, path: str | os.PathLike[str]) -> None:
    write_json(path, summary.to_dict())
