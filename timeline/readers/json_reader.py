"""JSON (.json): one article object, a list of them, or an object holding such a list.

Text from `text`|`maintext`|`body`|`content`; metadata as in base.METADATA_FIELDS (news-please
and most scrapers' names). A record's id is its `id` field, else `FILE#N` (N its 0-based position).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from timeline.readers.base import TEXT_FIELDS, Document, RawInput, as_text, decode, pick_metadata, unreadable

# Keys under which a JSON object may hold its list of articles.
_LIST_KEYS = ("articles", "items", "records", "data", "documents")


def record_to_document(
    record: Any, position: int, file_id: str, display_path: str, kind: str
) -> Document:
    """One JSON record as a Document; a record that is not an article object is an error record."""
    fallback_id = f"{file_id}#{position}"
    where = f"{display_path}#{position}"
    if not isinstance(record, dict):
        return Document(fallback_id, display_path, "", kind,
                        errors=(f"{where}: record is a {type(record).__name__}, not an object",))
    document_id = as_text(record.get("id")) or fallback_id
    for name in TEXT_FIELDS:
        if isinstance(record.get(name), str) and record[name].strip():
            return Document(document_id, display_path, record[name], kind, metadata=pick_metadata(record))
    return Document(document_id, display_path, "", kind, metadata=pick_metadata(record),
                    errors=(f"{where}: no text (none of the fields {', '.join(TEXT_FIELDS)})",))


def read_file(path: Path, document_id: str, display_path: str, raw: RawInput | None = None) -> list[Document]:
    decoded = decode(raw.data if raw is not None else path.read_bytes())
    if decoded.text is None:
        return [unreadable(document_id, display_path, "json", decoded.problem)]
    try:
        payload = json.loads(decoded.text)
    except json.JSONDecodeError as error:
        return [Document(document_id, display_path, "", "json", errors=(
            f"{display_path}: not valid JSON ({error.msg} at line {error.lineno} column {error.colno})",))]
    if isinstance(payload, dict):
        listed = next((payload[key] for key in _LIST_KEYS if isinstance(payload.get(key), list)), None)
        is_article = any(name in payload for name in TEXT_FIELDS)
        records = listed if listed is not None and not is_article else [payload]
    elif isinstance(payload, list):
        records = payload
    else:
        records = [payload]
    if not records:
        return [Document(document_id, display_path, "", "json",
                         errors=(f"{display_path}: empty list, no articles",))]
    single = isinstance(payload, dict) and records == [payload]
    documents = []
    for position, record in enumerate(records):
        document = record_to_document(record, position, document_id, display_path, "json")
        if single and document.id == f"{document_id}#0":
            # A file holding one object is one article: its id is the file's, as for a text file.
            document = Document(document_id, document.path, document.text, document.format,
                                metadata=document.metadata, errors=document.errors)
        if decoded.problem:
            document = _with_warning(document, f"{display_path}: {decoded.problem}")
        documents.append(document)
    return documents


def _with_warning(document: Document, warning: str) -> Document:
    return Document(document.id, document.path, document.text, document.format, document.body_start,
                    document.metadata, document.errors, (*document.warnings, warning))
