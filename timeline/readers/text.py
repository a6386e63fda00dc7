"""Plain text and Markdown (.txt, .md): the whole file, with an optional front matter block.

    ---
    date: 2025-08-07
    title: Putin, Trump to meet for talks
    ---
    The article...

The text as read is the whole decoded file, front matter included, so that offsets index the
file itself; `body_start` is where the article proper begins.
"""

from __future__ import annotations

import re
from pathlib import Path

from timeline.readers.base import MAX_TEXT_BYTES, Document, RawInput, capped, decode, pick_metadata, read_raw

_OPENING = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.MULTILINE)


def split_front_matter(text: str) -> tuple[dict, int, str | None]:
    """(metadata, body_start, problem) of a text that may open with a `---` front matter block."""
    opening = _OPENING.match(text)
    if not opening:
        return {}, 0, None
    closing = _CLOSING.search(text, opening.end())
    if not closing:
        return {}, 0, "front matter opened on line 1 is never closed; read the whole file as the article"
    block = text[opening.end() : closing.start()]
    import yaml  # here: the main process of a build discovers files but reads none

    # libyaml's safe loader when PyYAML was built with it: the same YAML, ten times faster per file.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        parsed = yaml.load(block, Loader=loader) if block.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        return {}, closing.end(), f"front matter is not valid YAML{where}; its fields were ignored"
    except ValueError as error:  # YAML, but a value its loader cannot build: "date: 2025-02-30"
        return {}, closing.end(), f"front matter holds an impossible value ({error}); its fields were ignored"
    if not isinstance(parsed, dict):
        return {}, closing.end(), "front matter is not a list of 'key: value' fields; ignored"
    return {str(key).lower(): value for key, value in parsed.items()}, closing.end(), None


def read_file(path: Path, document_id: str, display_path: str, raw: RawInput | None = None) -> list[Document]:
    data, cut = capped(raw or read_raw(path, MAX_TEXT_BYTES))
    decoded = decode(data)
    kind = path.suffix.lower().lstrip(".") or "txt"
    if decoded.text is None:
        return [Document(document_id, display_path, "", kind, errors=(f"{display_path}: {decoded.problem}",))]
    warnings = [f"{display_path}: {problem}" for problem in (cut, decoded.problem) if problem]
    front_matter, body_start, problem = split_front_matter(decoded.text)
    if problem:
        warnings.append(f"{display_path}: {problem}")
    return [Document(
        document_id, display_path, decoded.text, kind, body_start=body_start,
        metadata=pick_metadata(front_matter), warnings=tuple(warnings),
    )]
