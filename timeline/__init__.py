"""timeline: turn a pile of news articles into a dated, sourced chronology.

Public API (CONTRACT.md, "Python API"):
- `tag(text, dct=None)` finds and resolves the temporal expressions of one text;
- `build(inputs, out="out", ...)` runs the whole pipeline and writes its files.
"""

from timeline.model import Article, Event, Mention, Segment, Sentence, Source, TimeExpr
from timeline.pipeline import BuildResult, build
from timeline.temporal import tag

__version__ = "0.1.0"

__all__ = [
    "Article", "BuildResult", "Event", "Mention", "Segment", "Sentence", "Source", "TimeExpr",
    "build", "tag", "__version__",
]
