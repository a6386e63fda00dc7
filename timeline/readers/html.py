"""HTML (.html, .htm): the main text and metadata of a saved web page, by trafilatura.

trafilatura drops navigation, adverts and comment sections and finds the publication date with
htmldate (from the page's metadata, not from the date the file was saved). The text as read is the
extracted main text: offsets index that text, not the HTML source.
"""

from __future__ import annotations

from pathlib import Path

import trafilatura

from timeline.readers.base import MAX_TEXT_BYTES, Document, RawInput, capped, decode, read_raw, unreadable

# When a page has no article, trafilatura's fallback still returns stray words ("Home"); a sentence
# of news has at least this many.
MIN_WORDS = 5


def read_file(path: Path, document_id: str, display_path: str, raw: RawInput | None = None) -> list[Document]:
    data, cut = capped(raw or read_raw(path, MAX_TEXT_BYTES))
    decoded = decode(data)
    if decoded.text is None:
        return [unreadable(document_id, display_path, "html", decoded.problem)]
    warnings = tuple(f"{display_path}: {problem}" for problem in (cut, decoded.problem) if problem)
    extracted = trafilatura.bare_extraction(
        decoded.text, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if extracted is None or len((extracted.text or "").split()) < MIN_WORDS:
        return [Document(document_id, display_path, "", "html", warnings=warnings,
                         errors=(f"{display_path}: no article text found in the page",))]
    metadata = {
        name: value
        for name, value in (
            ("date", extracted.date),
            ("title", extracted.title),
            ("source", extracted.sitename or extracted.hostname),
            ("url", extracted.url),
            ("lang", extracted.language),
        )
        if value
    }
    return [Document(document_id, display_path, extracted.text, "html", metadata=metadata, warnings=warnings)]
