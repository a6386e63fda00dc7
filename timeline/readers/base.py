"""What every reader returns, and the byte-level checks they share (size, binary, UTF-8)."""

from __future__ import annotations

import codecs
import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# An article is a few thousand words (a long feature is 100 kB); a file far beyond this is a dump or
# a mistake. It is still read, up to this many bytes, so that one stray file cannot stall a build.
MAX_TEXT_BYTES = 2_000_000

# Field names of article metadata in the formats we read, mapped to ours (docs/CONTRACT.md).
# `retrieved` is when the page was saved: the clock its teasers' "3 hours ago" runs on.
METADATA_FIELDS: dict[str, tuple[str, ...]] = {
    "date": ("date", "date_publish", "published", "published_at", "publication_date", "pubdate"),
    "title": ("title", "headline"),
    "source": ("source", "source_domain", "sitename", "publisher"),
    "url": ("url", "link"),
    "lang": ("lang", "language"),
    "retrieved": ("retrieved", "date_download", "downloaded", "crawled", "crawled_at", "accessed"),
}
TEXT_FIELDS = ("text", "maintext", "body", "content")


@dataclass(frozen=True, slots=True)
class Document:
    """One document as read, before dating and segmentation.

    `text` is the text as read (docs/CONTRACT.md); `metadata` holds the raw values of METADATA_FIELDS
    found in the file; `errors` mean the document could not be read, `warnings` that it was read
    with a problem. Both are one-line messages that start with the document's path.
    """

    id: str
    path: str
    text: str
    format: str
    body_start: int = 0
    metadata: dict[str, Any] = field(default_factory=dict)
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def pick_metadata(record: dict[str, Any]) -> dict[str, Any]:
    """Our metadata fields from a record whose keys follow any of the usual conventions."""
    found: dict[str, Any] = {}
    for name, aliases in METADATA_FIELDS.items():
        for alias in aliases:
            value = record.get(alias)
            if value not in (None, ""):
                found[name] = value
                break
    return found


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str | None  # None: nothing usable (empty or binary)
    problem: str | None  # an error when text is None, else a warning or None


def looks_binary(sample: bytes) -> bool:
    """NUL bytes, or many control characters, mean this is not a text file (an image, a PDF, a zip)."""
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in b"\t\n\r\f\v\x1b")
    return len(sample) > 0 and controls / len(sample) > 0.1


def decode(data: bytes) -> Decoded:
    """UTF-8 text from bytes, decoding what can be decoded and saying what could not."""
    if not data.strip():
        return Decoded(None, "empty file")
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return Decoded(
                data.decode(encoding, errors="replace"), "UTF-16 text, not UTF-8; read as UTF-16")
    if looks_binary(data[:8192]):
        return Decoded(None, "binary file, not text")
    try:
        return Decoded(data.decode("utf-8"), None)
    except UnicodeDecodeError as error:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd") - data.count("\ufffd".encode())
        return Decoded(text, f"invalid UTF-8 from byte {error.start} ({bad} undecodable sequence(s) "
                             "replaced by U+FFFD); the rest was read")


@dataclass(frozen=True, slots=True)
class RawInput:
    """The bytes of an input file as read once, so that the cache key and the reader see the same ones.

    `data` is the whole file, or, when it was read up to a limit, its first `limit + 1` bytes (one
    more than the reader keeps, so that the reader knows it was cut); `size` is the file's size.
    """

    data: bytes
    size: int


def read_raw(path: Path, limit: int | None = None) -> RawInput:
    """The file's bytes (at most LIMIT + 1 of them when LIMIT is given) and its size."""
    # Unbuffered system calls: a cached build reads every file of the archive to key the cache,
    # and Python's buffered file object cost three times as much per (small) file.
    # Non-blocking: opening a FIFO would otherwise wait for a writer forever.
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            # A FIFO or a device (/dev/zero named .txt) never ends: only regular files are articles.
            raise OSError(errno.EINVAL, "not a regular file", os.fspath(path))
        size = status.st_size
        wanted = size + 1 if limit is None or size <= limit else limit + 1
        chunks = []
        got = 0
        while wanted > 0 and (chunk := os.read(descriptor, wanted)):
            chunks.append(chunk)
            got += len(chunk)
            if len(chunk) < wanted and got >= size:
                break  # a short read past the size fstat gave is the end: no second call to learn it
            wanted -= len(chunk)
            if limit is None and wanted == 0:
                wanted = 1 << 20  # the file grew since fstat: read on to its end
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    return RawInput(data, max(size, len(data)))


def capped(raw: RawInput, limit: int = MAX_TEXT_BYTES) -> tuple[bytes, str | None]:
    """The bytes of RAW up to LIMIT, and a warning if they were cut.

    The cut is at the last line end when one lies in the last tenth of LIMIT, else at the last
    character boundary before it: a one-paragraph file keeps its first LIMIT bytes, not its front
    matter alone.
    """
    data = raw.data
    if len(data) <= limit:
        return data, None
    cut = data.rfind(b"\n", limit - limit // 10, limit) + 1
    if cut == 0:
        cut = limit
        while cut > 0 and data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: inside a character
            cut -= 1
    data = data[:cut]
    return data, (f"{raw.size / 1e6:.1f} MB is more than an article holds; only the first "
                  f"{len(data) / 1e6:.1f} MB were read")


def as_text(value: Any) -> str | None:
    """A metadata value as a clean one-line string (numbers and dates included), else None."""
    if value is None or isinstance(value, (dict, list)):
        return None
    text = " ".join(str(value).split())
    return text or None


def unreadable(document_id: str, display_path: str, kind: str, problem: str) -> Document:
    """The record of a document that could not be read: no text, one error naming the file."""
    return Document(document_id, display_path, "", kind, errors=(f"{display_path}: {problem}",))
