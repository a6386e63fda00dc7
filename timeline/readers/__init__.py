"""Input readers, one module per format, and the discovery of input files in folders.

`discover(inputs)` walks files and folders (recursively, in sorted order) and says, for each file,
its article id (its path relative to the INPUT folder, or its name when given directly) and the
manifest row that applies to it; `read_file` dispatches on the file's extension.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from timeline.readers import json_reader, jsonl, text
from timeline.readers.base import MAX_TEXT_BYTES, Document, RawInput, read_raw
from timeline.readers.manifest import FILE_NAME as MANIFEST_NAME
from timeline.readers.manifest import Manifest, ManifestRow, read_manifest

Reader = Callable[[Path, str, str, RawInput | None], Iterable[Document]]


def _read_html(path: Path, document_id: str, display_path: str,
               raw: RawInput | None = None) -> list[Document]:
    # Imported at the first page: trafilatura takes a third of a second to import, and most
    # archives hold no HTML.
    from timeline.readers import html

    return html.read_file(path, document_id, display_path, raw)


READERS: dict[str, Reader] = {
    ".txt": text.read_file,
    ".md": text.read_file,
    ".markdown": text.read_file,
    ".json": json_reader.read_file,
    ".jsonl": jsonl.read_file,
    ".ndjson": jsonl.read_file,
    ".html": _read_html,
    ".htm": _read_html,
}

# Formats whose reader needs the whole file (the others read at most MAX_TEXT_BYTES of it).
WHOLE_FILE_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson"})

# Files that document a folder of articles rather than being articles (seeds/README.md).
_NOT_ARTICLES = ("readme", "license", "licence", "changelog", "contributing", "notice", "authors")


@dataclass(frozen=True, slots=True)
class InputFile:
    path: Path
    id: str  # path relative to the INPUT folder (posix), or the file name
    display_path: str  # as the user would write it: INPUT joined with the relative path


@dataclass
class Discovery:
    files: list[InputFile] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one line each, path first
    empty_folders: list[str] = field(default_factory=list)
    manifests: dict[Path, Manifest | None] = field(default_factory=dict)  # folder -> its manifest
    # (folder, levels up to its INPUT) -> the manifests found there; see _manifests_above
    manifest_chains: dict[tuple[str, int], list[tuple[Manifest, int]]] = field(default_factory=dict)


def _is_article_name(path: Path) -> bool:
    return not path.name.startswith(".") and path.stem.lower() not in _NOT_ARTICLES


# Control characters (a newline, a terminal escape) and bytes that are not UTF-8 (which Python keeps
# as lone surrogates) may be in a file name; neither may reach a JSON output or the terminal raw.
_UNPRINTABLE = {
    **{code: f"\\x{code:02x}" for code in [*range(0x20), *range(0x7F, 0xA0)]},
    **{0xDC00 + byte: f"\\x{byte:02x}" for byte in range(0x80, 0x100)},
}


def printable_path(path: str) -> str:
    """PATH with control characters and undecodable bytes written as \\xNN: an id and a path to show."""
    return path.translate(_UNPRINTABLE)


def _display(root: str, relative: str) -> str:
    return relative if root in ("", ".") else f"{printable_path(root).rstrip('/')}/{relative}"


_NOWHERE = "a symbolic link that leads nowhere (broken, or a loop)"


def _leads_nowhere(path: Path) -> bool:
    return path.is_symlink() and not path.exists()


def _walk_folder(root: Path, shown: str, found: Discovery) -> list[InputFile]:
    """The readable article files under ROOT, sorted by their path relative to it."""

    def unreadable_folder(error: OSError) -> None:
        found.problems.append(f"{error.filename}: cannot be read ({error.strerror}); skipped")

    files = []
    for folder, subfolders, names in os.walk(root, onerror=unreadable_folder):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith((".", "__")))
        # The folder's path relative to ROOT once, not each file's (Path.relative_to is slow).
        inside = Path(folder).relative_to(root).as_posix()
        prefix = "" if inside == "." else inside + "/"
        for name in sorted(names):
            entry = Path(name)
            if name == MANIFEST_NAME or not _is_article_name(entry):
                continue
            relative = printable_path(prefix + name)
            suffix = entry.suffix
            if suffix.lower() not in READERS:
                problem = (_NOWHERE if _leads_nowhere(Path(folder, name))
                           else f"unsupported file type '{printable_path(suffix or name)}'")
                found.problems.append(f"{_display(shown, relative)}: {problem}; skipped")
                continue
            files.append(InputFile(Path(folder, name), relative, _display(shown, relative)))
    return sorted(files, key=lambda file: file.id)


def discover(inputs: Iterable[str | os.PathLike[str]]) -> Discovery:
    """The article files under INPUTS, each once, in input order then sorted path order."""
    found = Discovery()
    seen: set[str] = set()
    readable = ", ".join(sorted(READERS))
    for given in inputs:
        root, shown = Path(given), printable_path(os.fspath(given))
        if root.is_dir():
            files = _walk_folder(root, shown, found)
            if not files:
                found.empty_folders.append(shown)
                found.problems.append(f"{shown}: no articles found in this folder (readable: {readable})")
            # One resolve per folder given, not per file (a resolve is a system call per path part):
            # a file's identity is then its folder's real path joined with its relative path.
            real_root = os.fspath(root.resolve())
            identities = [f"{real_root}/{file.id}" for file in files]
        elif not root.is_file():
            if root.exists():
                missing = "not a regular file (a FIFO or a device); skipped"
            else:
                missing = _NOWHERE if _leads_nowhere(root) else "no such file or folder"
            found.problems.append(f"{shown}: {missing}")
            continue
        elif root.name == MANIFEST_NAME:
            found.problems.append(f"{shown}: a manifest, not an article; give its folder instead")
            continue
        elif root.suffix.lower() not in READERS:
            found.problems.append(f"{shown}: unsupported file type '{root.suffix or root.name}' "
                                  f"(readable: {readable}); skipped")
            continue
        else:
            files = [InputFile(root, printable_path(root.name), shown)]
            identities = [os.fspath(root.resolve())]
        for file, identity in zip(files, identities, strict=True):
            if identity not in seen:
                seen.add(identity)
                found.files.append(file)
    return found


def _manifest_in(discovery: Discovery, folder: Path, shown_folder: str) -> Manifest | None:
    if folder not in discovery.manifests:
        candidate = folder / MANIFEST_NAME
        manifest = None
        if candidate.is_file():
            manifest = read_manifest(candidate, os.path.join(shown_folder, MANIFEST_NAME))
        if manifest is not None:
            discovery.problems.extend(manifest.problems)
        discovery.manifests[folder] = manifest
    return discovery.manifests[folder]


def manifest_row(discovery: Discovery, file: InputFile) -> ManifestRow | None:
    """The row of the nearest manifest.csv that lists FILE, from its folder up to its INPUT folder."""
    parts = file.id.split("/")
    for manifest, depth in _manifests_above(discovery, file, len(parts)):
        row = manifest.rows.get("/".join(parts[len(parts) - depth - 1:]))
        if row is None and manifest.outside:
            row = manifest.outside.get(file.path.resolve())
        if row is not None:
            return row
    return None


def _manifests_above(discovery: Discovery, file: InputFile, levels: int) -> list[tuple[Manifest, int]]:
    """The manifests of FILE's folder and of the LEVELS - 1 folders above it, nearest first, each
    with how many folders up it lies; worked out once per folder (an archive's folders hold
    thousands of files, and a path's parents are slow to make)."""
    key = (os.path.dirname(os.fspath(file.path)), levels)
    found = discovery.manifest_chains.get(key)
    if found is None:
        found = []
        folder, shown_folder = file.path.parent, os.path.dirname(file.display_path)
        for depth in range(levels):
            manifest = _manifest_in(discovery, folder, shown_folder)
            if manifest is not None:
                found.append((manifest, depth))
            folder, shown_folder = folder.parent, os.path.dirname(shown_folder)
        discovery.manifest_chains[key] = found
    return found


def read_input(file: InputFile) -> RawInput:
    """The bytes of FILE its reader needs: all of a JSON file, the first MAX_TEXT_BYTES + 1 of others."""
    limit = None if file.path.suffix.lower() in WHOLE_FILE_SUFFIXES else MAX_TEXT_BYTES
    return read_raw(file.path, limit)


def read_file(file: InputFile, raw: RawInput | None = None) -> Iterator[Document]:
    """The documents of one input file (one, or one per record for JSON and JSONL), from RAW when
    its bytes were read already (`read_input`)."""
    reader = READERS[file.path.suffix.lower()]
    try:
        yield from reader(file.path, file.id, file.display_path, raw)
    except OSError as error:
        yield Document(file.id, file.display_path, "", file.path.suffix.lower().lstrip("."),
                       errors=(f"{file.display_path}: cannot be read ({error.strerror or error})",))


__all__ = ["READERS", "Discovery", "Document", "InputFile", "RawInput", "discover", "manifest_row",
           "read_file", "read_input"]
