"""The temporal tagger: find date expressions and resolve them against a reference date."""

from timeline.temporal.tagger import tag

__all__ = ["tag"]
