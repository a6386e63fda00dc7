"""timeline: turn a pile of news articles into a dated, sourced chronology.

Public API (docs/CONTRACT.md, "Python API"):
- `tag(text, dct=None)` finds and resolves the temporal expressions of one text;
- `build(inputs, out="out", ...)` runs the whole pipeline and writes its files;
- `summarize(inputs, out="out", dates=None, sentences=None, ...)` writes the dates that matter.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Loaded on first use: `import timeline` (and so every command, a build served from the cache
# too) would otherwise pay for the tagger's grammar and the pipeline it may not need.
_PUBLIC = {
    "Article": "timeline.model", "Event": "timeline.model", "Mention": "timeline.model",
    "Segment": "timeline.model", "Sentence": "timeline.model", "Source": "timeline.model",
    "TimeExpr": "timeline.model", "BuildResult": "timeline.pipeline", "build": "timeline.pipeline",
    "tag": "timeline.temporal.tagger", "summarize": "timeline.summary",
}

__all__ = [
    "Article", "BuildResult", "Event", "Mention", "Segment", "Sentence", "Source", "TimeExpr",
    "build", "summarize", "tag", "__version__",
]

if TYPE_CHECKING:
    from timeline.model import Article, Event, Mention, Segment, Sentence, Source, TimeExpr
    from timeline.pipeline import BuildResult, build
    from timeline.summary import summarize
    from timeline.temporal.tagger import tag


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'timeline' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
