"""The temporal tagger: find date expressions and resolve them against a reference date."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["tag"]

if TYPE_CHECKING:
    from timeline.temporal.tagger import tag


def __getattr__(name: str) -> Any:
    # The grammar loads on first use: modules that only need timeline.temporal.timex (the merge,
    # the writers) should not pay for it.
    if name != "tag":
        raise AttributeError(f"module 'timeline.temporal' has no attribute {name!r}")
    from timeline.temporal.tagger import tag

    globals()["tag"] = tag
    return tag
