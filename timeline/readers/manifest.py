"""A folder's manifest.csv: one row per article with its date and optional metadata.

    path,date,title,source,url,lang
    000_0ff818962a8dd053.txt,2025-05-08,"Putin wants to meet Trump...",Euronews,,en

`path` is relative to the folder. A row with an impossible date or a file that does not exist is
reported and its date (or the whole row) ignored; the other rows still count.
"""

from __future__ import annotations

import csv
import io
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from timeline.dating import parse_metadata_date
from timeline.readers.base import decode

FILE_NAME = "manifest.csv"
REQUIRED_COLUMNS = ("path", "date")
OPTIONAL_COLUMNS = ("title", "source", "url", "lang")


@dataclass(frozen=True, slots=True)
class ManifestRow:
    date: str | None  # TIMEX3 value, checked
    title: str | None = None
    source: str | None = None
    url: str | None = None
    lang: str | None = None


@dataclass
class Manifest:
    path: Path
    # A row by its path relative to the manifest's folder, normalised ("./a//b.txt" -> "a/b.txt"), so
    # that finding a file's row costs a dict look-up, not a resolve of its path.
    rows: dict[str, ManifestRow] = field(default_factory=dict)
    # Rows naming a file outside the manifest's folder ("../other/x.txt"), by its resolved path.
    outside: dict[Path, ManifestRow] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # one-line warnings, path first


def read_manifest(path: Path, display_path: str) -> Manifest:
    manifest = Manifest(path)
    decoded = decode(path.read_bytes())
    if decoded.text is None:
        manifest.problems.append(f"{display_path}: {decoded.problem}; manifest ignored")
        return manifest
    if decoded.problem:
        manifest.problems.append(f"{display_path}: {decoded.problem}")
    reader = csv.DictReader(io.StringIO(decoded.text.lstrip("\ufeff")))
    columns = [name.strip().lower() for name in reader.fieldnames or ()]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        manifest.problems.append(
            f"{display_path}: header row lacks the column(s) {', '.join(missing)}; manifest ignored")
        return manifest
    reader.fieldnames = columns
    folder = path.parent
    for row_number, row in enumerate(reader, start=2):
        relative = (row.get("path") or "").strip()
        where = f"{display_path} line {row_number}"
        if not relative:
            manifest.problems.append(f"{where}: no path; row ignored")
            continue
        target = folder / relative
        if not target.is_file():
            manifest.problems.append(f"{where}: no such file '{relative}'; row ignored")
            continue
        raw_date = (row.get("date") or "").strip()
        date = parse_metadata_date(raw_date) if raw_date else None
        if raw_date and date is None:
            manifest.problems.append(f"{where}: impossible date '{raw_date}' for '{relative}'; date ignored")
        values = {name: " ".join((row.get(name) or "").split()) or None for name in OPTIONAL_COLUMNS}
        entry = ManifestRow(date=date, **values)
        normalised = posixpath.normpath(relative.replace("\\", "/"))
        if normalised.startswith("../") or normalised.startswith("/"):
            manifest.outside[target.resolve()] = entry
        else:
            manifest.rows[normalised] = entry
    return manifest
