"""Atomic file output: write beside the target, then rename over it.

A reader (or an interrupted build) never sees a half-written file: either the old one or the new one.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

import orjson

_BUFFER_BYTES = 1 << 20


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_stream(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces PATH when the block ends without an exception."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        # mkstemp creates the file private (0600); outputs are for sharing, so give them the mode
        # a plain open() would have under the current umask.
        os.fchmod(handle, 0o666 & ~_current_umask())
        with os.fdopen(handle, "wb", buffering=_BUFFER_BYTES) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic_stream(path) as stream:
        stream.write(data)


def write_text(path: str | os.PathLike[str], text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


# orjson writes what `json.dumps(payload, ensure_ascii=False, indent=2)` writes (UTF-8, two-space
# indents, keys in insertion order) some forty times faster, which is most of the time the parent
# process spends on a cached build. Two deliberate differences: an exponent is written without
# "+" or leading zeros ("1e16", not "1e+16"), and NaN or an infinity becomes null.
_JSON_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS


def dumps_json_bytes(payload: Any) -> bytes:
    """Deterministic JSON in the payload's key order, UTF-8, with a final newline."""
    return orjson.dumps(payload, option=_JSON_OPTIONS) + b"\n"


def dumps_json(payload: Any) -> str:
    return dumps_json_bytes(payload).decode("utf-8")


def write_json(path: str | os.PathLike[str], payload: Any) -> None:
    write_bytes(path, dumps_json_bytes(payload))


def write_json_records(path: str | os.PathLike[str], key: str, records: Iterable[Any]) -> None:
    """`{KEY: [RECORDS]}` in the bytes `write_json` gives, each record encoded as it comes, so that
    the dicts of a large archive (and the whole text) are never all in memory at once."""
    with atomic_stream(path) as stream:
        stream.write(b"{\n  " + orjson.dumps(key) + b": [")
        separator = b"\n"
        for record in records:
            # A record encoded alone starts at the margin; inside the list it is indented by
            # four spaces. JSON strings hold no raw newline, so every newline starts a line.
            encoded = orjson.dumps(record, option=_JSON_OPTIONS)
            stream.write(separator + b"    " + encoded.replace(b"\n", b"\n    "))
            separator = b",\n"
        stream.write(b"]\n}\n" if separator == b"\n" else b"\n  ]\n}\n")


# A writer killed between creating its temporary file and renaming it leaves `.NAME.XXXX.tmp`.
_LEFTOVER = re.compile(r"\..+\.[A-Za-z0-9_]{8}\.tmp")


def remove_leftovers(folder: Path) -> None:
    """Delete the temporary files a killed writer left in FOLDER (the caller holds its lock)."""
    if not folder.is_dir():
        return
    for entry in os.scandir(folder):
        if _LEFTOVER.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
            Path(entry.path).unlink(missing_ok=True)


@contextmanager
def output_set(
    folder: Path, known_names: Iterable[str], on_removed: Callable[[str], None]
) -> Iterator[tuple[Path, list[str]]]:
    """Write a build's files as one set: yields (STAGING, WRITTEN); the block writes its files into the
    folder STAGING and lists their names in WRITTEN. Only when the block ends without an exception are
    they moved into FOLDER (each an atomic rename), and the files of KNOWN_NAMES that this set does not
    hold (an earlier build's, which no longer match it) removed, each told to ON_REMOVED; a failure
    while writing leaves FOLDER as it was."""
    staging = folder / ".timeline-staging"
    shutil.rmtree(staging, ignore_errors=True)  # a build killed while writing
    remove_leftovers(folder)
    staging.mkdir(parents=True)
    written: list[str] = []
    try:
        yield staging, written
        # What would stop a rename half way (a folder where a file goes) stops the whole set first.
        for name in written:
            if (folder / name).is_dir():
                raise IsADirectoryError(errno.EISDIR, "a folder where an output goes", str(folder / name))
        for name in written:
            os.replace(staging / name, folder / name)
        for name in sorted(set(known_names) - set(written)):
            if (folder / name).is_file():
                (folder / name).unlink()
                on_removed(name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
