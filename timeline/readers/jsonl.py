"""JSON Lines (.jsonl, .ndjson): one article object per line, read as a stream.

A corrupt line is reported and skipped; every other line still counts. A record's id is its `id`
field, else `FILE#N` with N its 0-based line among the non-blank lines, so that mending one bad
line does not renumber the others.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

from timeline.readers.base import Document, RawInput, looks_binary, unreadable
from timeline.readers.json_reader import record_to_document


def read_file(path: Path, document_id: str, display_path: str, raw: RawInput | None = None,
              ) -> Iterator[Document]:
    position = -1
    with io.BytesIO(raw.data) if raw is not None else open(path, "rb") as stream:
        if looks_binary(stream.read(8192)):
            yield unreadable(document_id, display_path, "jsonl", "binary file, not text")
            return
        stream.seek(0)
        for line_number, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            position += 1
            try:
                record = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as error:
                yield Document(f"{document_id}#{position}", display_path, "", "jsonl", errors=(
                    f"{display_path} line {line_number}: invalid UTF-8 at byte {error.start}; line skipped",))
                continue
            except json.JSONDecodeError as error:
                yield Document(f"{document_id}#{position}", display_path, "", "jsonl", errors=(
                    f"{display_path} line {line_number}: not valid JSON ({error.msg}); line skipped",))
                continue
            yield record_to_document(record, position, document_id, display_path, "jsonl")
    if position < 0:
        yield Document(document_id, display_path, "", "jsonl", errors=(f"{display_path}: empty file",))
