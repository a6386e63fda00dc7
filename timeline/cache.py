"""The incremental cache: each article's per-article result, in one SQLite file under --cache DIR.

A result is stored under a key that changes whenever the result could: the article's content hash,
its reference date and every other field of its record (an id ends up in each event's sources) but
the path of its file, the function that computed it, and the tool itself (its version and a hash
of its code and data files, so that editing a grammar file invalidates what the old grammar
produced). A re-run after adding a day's articles therefore computes only the new ones.

The file is never trusted blindly: it must carry our SQLite application id and schema version
(else it is "foreign", reported, moved aside and replaced), any SQLite error while using it means
it is corrupt (reported, deleted, rebuilt empty), every stored result carries a checksum that is
verified before use, and results are unpickled with an unpickler that only builds timeline's own
records and plain values. Writes are committed in batches (WAL journal), so an interrupted build
leaves the cache consistent: it holds exactly the results committed before the interruption.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import io
import os
import pickle
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CACHE_FILE = "results.sqlite"
DEFAULT_CACHE_FOLDER = ".timeline-cache"
APPLICATION_ID = 0x544C4331  # "TLC1": marks the file as a timeline cache
PAGE_SIZE = 16384
SCHEMA_VERSION = 3  # 2: the verdicts of the near-duplicate verification; 3: generations
# The results of this many versions of the tool are kept, the most recently used ones: switching
# between two versions stays cached, while each new version does not add an archive's worth of
# results (some 230 MB at 100k articles) to the file for good.
KEPT_GENERATIONS = 2
_COMMIT_EVERY_RESULTS = 500
_COMMIT_EVERY_SECONDS = 2.0
_KEYS_PER_QUERY = 500  # below SQLite's oldest limit on the parameters of one statement (999)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS generations (
    id INTEGER PRIMARY KEY,
    tool TEXT NOT NULL UNIQUE,
    last_used INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS results (
    key TEXT PRIMARY KEY,
    checksum TEXT NOT NULL,
    payload BLOB NOT NULL,
    generation INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS verdicts (
    pair TEXT PRIMARY KEY,
    same INTEGER NOT NULL CHECK (same IN (0, 1)),
    generation INTEGER NOT NULL
) WITHOUT ROWID;
"""

# Plain values a result may hold besides timeline's own classes.
_ALLOWED_GLOBALS = {
    ("builtins", name) for name in (
        "tuple", "list", "dict", "set", "frozenset", "str", "bytes", "int", "float", "bool", "complex",
    )
} | {("datetime", "date"), ("datetime", "datetime"), ("datetime", "time"), ("datetime", "timedelta"),
     ("datetime", "timezone"), ("collections", "OrderedDict"), ("copyreg", "_reconstructor")}


class UntrustedPayload(pickle.UnpicklingError):
    """A stored result refers to something other than timeline's records and plain values."""


class _RecordUnpickler(pickle.Unpickler):
    # Globals already judged allowed: each payload names the same few classes again, and a cached
    # run decodes one payload per article.
    _allowed: dict[tuple[str, str], Any] = {}

    def find_class(self, module: str, name: str) -> Any:
        found = self._allowed.get((module, name))
        if found is not None:
            return found
        if (module, name) in _ALLOWED_GLOBALS:
            found = super().find_class(module, name)
        elif (module == "timeline" or module.startswith("timeline.")) and "." not in name:
            found = super().find_class(module, name)
            if not (isinstance(found, type) and found.__module__.startswith("timeline")):
                raise UntrustedPayload(f"refers to {module}.{name}")
        else:
            raise UntrustedPayload(f"refers to {module}.{name}")
        self._allowed[(module, name)] = found
        return found


def encode_result(result: Any) -> bytes:
    # Not compressed: a cached run decodes one payload per article, and decompressing cost more
    # than a quarter of the decoding for a third less disk.
    return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


def decode_result(payload: bytes) -> Any:
    """A stored result, built only from timeline's records and plain values (else UntrustedPayload)."""
    return _RecordUnpickler(io.BytesIO(payload)).load()


def decode_own_result(payload: bytes) -> Any:
    """A result this build's own worker just encoded: trusted, so plainly unpickled."""
    return pickle.loads(payload)


def encoded_call(function: Callable[[Any], Any], item: Any) -> bytes:
    """FUNCTION(ITEM) encoded for the cache, in the worker: the main process then stores the bytes
    as they are and decodes them once, instead of unpickling them from the pipe and pickling and
    compressing them again."""
    return encode_result(function(item))


def _checksum(payload: bytes) -> str:
    return hashlib.blake2b(payload, digest_size=16).hexdigest()


@functools.lru_cache(maxsize=1)
def tool_fingerprint() -> str:
    """The tool's version and a hash of every code and data file of the installed package."""
    import timeline

    package = os.path.dirname(os.path.realpath(timeline.__file__))
    files = []
    # os.walk and plain strings: Path.rglob took most of the time, and every build pays it.
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        inside = os.path.relpath(folder, package).replace(os.sep, "/")
        files += [(name if inside == "." else f"{inside}/{name}", os.path.join(folder, name))
                  for name in names if not name.endswith((".pyc", ".pyo"))]
    digest = hashlib.blake2b(timeline.__version__.encode(), digest_size=16)
    for relative, path in sorted(files):
        digest.update(relative.encode())
        with open(path, "rb") as stream:
            digest.update(stream.read())
    return f"{timeline.__version__}+{digest.hexdigest()}"


def _field_fingerprint(value: Any) -> bytes:
    if isinstance(value, bytes):
        return hashlib.blake2b(value, digest_size=16).digest()
    if isinstance(value, str) and len(value) > 256:
        return hashlib.blake2b(value.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return b"(" + item_fingerprint(value) + b")"
    return repr(value).encode("utf-8", "surrogatepass")


# Fields of a record that say where its file lies, not what it holds: the same archive built as
# `articles/` or `./articles`, or moved, keeps its cache. (A result that names the path it was
# computed under is moved to the path of the fresh reading: `timeline.file_stage.relocated`.)
LOCATION_FIELDS = frozenset({"path", "display_path"})


def item_fingerprint(item: Any) -> bytes:
    """Everything about an item that its result may depend on: for a record, all its fields but
    its location (the text by its hash); for anything else, its pickle. An item may say it
    itself, faster, with a `cache_fingerprint()` method."""
    own = getattr(item, "cache_fingerprint", None)
    if callable(own):
        return own()
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        parts = [type(item).__qualname__.encode()]
        for record_field in dataclasses.fields(item):
            if record_field.name in LOCATION_FIELDS:
                continue
            value = getattr(item, record_field.name)
            parts.append(record_field.name.encode() + b"=" + _field_fingerprint(value))
        return b"\x00".join(parts)
    return pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)


def report_on_stderr(message: str) -> None:
    print(f"timeline: {message}", file=sys.stderr)


class ResultCache:
    """Per-article results in a SQLite file. Use it from one process (the build's main process).

    Each version of the tool (TOOL, by default `tool_fingerprint()`) writes its own generation of
    results; opening the cache drops those of all but the KEPT_GENERATIONS most recently used."""

    def __init__(self, folder: str | os.PathLike[str], report: Callable[[str], None] = report_on_stderr,
                 salt: str = "", tool: str | None = None) -> None:
        self.folder = Path(folder)
        self.path = self.folder / CACHE_FILE
        self.report = report
        self.salt = salt
        self.tool = tool if tool is not None else tool_fingerprint()
        self.generation = 0
        self.pruned = 0  # results of older generations dropped when the cache was opened
        self.hits = 0
        self.misses = 0
        self.stored = 0
        self.rejected = 0
        self._uncommitted = 0
        self._last_commit = time.monotonic()
        self.connection = self._open()

    # --- opening, checking and rebuilding the file

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        connection.execute("PRAGMA busy_timeout = 30000")
        # A cached build reads a result per article: a page cache larger than SQLite's default 2 MB
        # keeps the index pages of a large archive's cache in memory. (Not mmap: mapped pages count
        # in the build's memory, the whole file of a 100k-article archive.)
        connection.execute("PRAGMA cache_size = -32768")
        return connection

    def _open(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            connection = self._connect()
            problem = self._check(connection)
        except sqlite3.DatabaseError as error:
            return self._rebuild(f"corrupt ({error})")
        if problem == "foreign":
            connection.close()
            return self._set_aside()
        if problem:
            connection.close()
            return self._rebuild(problem)
        try:
            self._enter_generation(connection)
        except sqlite3.DatabaseError as error:
            connection.close()
            return self._rebuild(f"corrupt ({error})")
        return connection

    def _enter_generation(self, connection: sqlite3.Connection) -> None:
        """Mark this tool's generation as the most recently used, and drop the results and
        verdicts of the generations beyond KEPT_GENERATIONS (their space is reused by SQLite)."""
        connection.execute("BEGIN IMMEDIATE")
        try:
            newest = connection.execute("SELECT coalesce(max(last_used), 0) FROM generations").fetchone()[0]
            connection.execute(
                "INSERT INTO generations (tool, last_used) VALUES (?, ?) "
                "ON CONFLICT (tool) DO UPDATE SET last_used = excluded.last_used",
                (self.tool, newest + 1),
            )
            self.generation = connection.execute(
                "SELECT id FROM generations WHERE tool = ?", (self.tool,)).fetchone()[0]
            stale = [row[0] for row in connection.execute(
                "SELECT id FROM generations ORDER BY last_used DESC LIMIT -1 OFFSET ?", (KEPT_GENERATIONS,))]
            if stale:
                marks = ",".join("?" * len(stale))
                self.pruned = connection.execute(
                    f"DELETE FROM results WHERE generation IN ({marks})", stale).rowcount
                connection.execute(f"DELETE FROM verdicts WHERE generation IN ({marks})", stale)
                connection.execute(f"DELETE FROM generations WHERE id IN ({marks})", stale)
            connection.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
            raise

    def _check(self, connection: sqlite3.Connection) -> str | None:
        """None if the file is a sound timeline cache (initialising it if it is empty)."""
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if application_id == 0 and not tables:
            self._initialise(connection)
            return None
        if application_id != APPLICATION_ID:
            return "foreign"
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION or not {"results", "verdicts", "generations"} <= tables:
            return f"written by another version of timeline (schema {version})"
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("SELECT key FROM results LIMIT 1").fetchall()
        return None

    def _initialise(self, connection: sqlite3.Connection) -> None:
        # Pages that hold a whole result (about 2 KB): with SQLite's 4 KB pages each spilled into
        # overflow pages, which made the file twice as large and the look-ups twice as slow.
        connection.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                connection.execute(statement)
        connection.execute("COMMIT")

    def _remove_files(self, suffixes: tuple[str, ...] = ("", "-wal", "-shm", "-journal")) -> None:
        for suffix in suffixes:
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def _start_afresh(self) -> sqlite3.Connection:
        """A new, empty cache file in place of what was there."""
        connection = self._connect()
        self._initialise(connection)
        self._enter_generation(connection)
        return connection

    def _rebuild(self, problem: str) -> sqlite3.Connection:
        self.report(f"cache {self.path}: {problem}; not trusted, rebuilding it")
        self._remove_files()
        return self._start_afresh()

    def _set_aside(self) -> sqlite3.Connection:
        # A SQLite file of some other program: keep it (it may be someone's data), never read it.
        aside = self.path.with_name(f"{CACHE_FILE}.foreign-{time.strftime('%Y%m%dT%H%M%S')}")
        self.report(f"cache {self.path}: not a timeline cache; moved it to {aside.name} and starting afresh")
        os.replace(self.path, aside)
        self._remove_files(("-wal", "-shm", "-journal"))
        return self._start_afresh()

    def _recover(self, error: sqlite3.DatabaseError) -> None:
        """SQLite found damage while we were using the file: drop it and go on with an empty one."""
        try:
            self.connection.close()
        except sqlite3.Error:
            pass
        self._uncommitted = 0
        self.connection = self._rebuild(f"corrupt ({error})")

    # --- keys, reading and writing

    def key_for(self, function: Callable[..., Any], item: Any) -> str:
        digest = hashlib.blake2b(digest_size=20)
        for part in (f"schema {SCHEMA_VERSION}", self.tool, self.salt,
                     f"{function.__module__}.{function.__qualname__}"):
            digest.update(part.encode())
            digest.update(b"\x00")
        digest.update(item_fingerprint(item))
        return digest.hexdigest()

    def get(self, key: str) -> tuple[bool, Any]:
        """(True, result) if KEY holds a sound result, else (False, None)."""
        found = self.get_many([key])
        return (True, found[key]) if key in found else (False, None)

    def get_many(self, keys: list[str]) -> dict[str, Any]:
        """The sound results stored under KEYS, by key, in one query per 500 keys (the lookups of a
        cached run cost little more than decoding what they find)."""
        rows: list[tuple[str, str, bytes]] = []
        try:
            for start in range(0, len(keys), _KEYS_PER_QUERY):
                chunk = keys[start:start + _KEYS_PER_QUERY]
                rows += self.connection.execute(
                    f"SELECT key, checksum, payload FROM results WHERE key IN ({','.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
        except sqlite3.DatabaseError as error:
            self._recover(error)
            rows = []
        found = {}
        for key, checksum, payload in rows:
            hit, result = self._decoded(checksum, payload)
            if hit:
                found[key] = result
        self.hits += len(found)
        self.misses += len(set(keys)) - len(found)
        return found

    def _decoded(self, checksum: str, payload: bytes) -> tuple[bool, Any]:
        try:
            if _checksum(payload) != checksum:
                raise ValueError("checksum mismatch")
            result = decode_result(payload)
        except Exception as error:  # a damaged or planted entry is a miss, and is replaced
            self.rejected += 1
            if self.rejected == 1:
                self.report(f"cache {self.path}: a stored result failed its check ({error}); recomputing it")
            return False, None
        return True, result

    def put(self, key: str, result: Any) -> None:
        self.put_payload(key, encode_result(result))

    def put_payload(self, key: str, payload: bytes) -> None:
        """Store a result already encoded (`encode_result`), as workers send them back."""
        try:
            if self._uncommitted == 0:
                self.connection.execute("BEGIN")
            self.connection.execute(
                "INSERT OR REPLACE INTO results (key, checksum, payload, generation) VALUES (?, ?, ?, ?)",
                (key, _checksum(payload), payload, self.generation),
            )
        except sqlite3.DatabaseError as error:
            self._recover(error)
            return
        self.stored += 1
        self._uncommitted += 1
        overdue = time.monotonic() - self._last_commit > _COMMIT_EVERY_SECONDS
        if self._uncommitted >= _COMMIT_EVERY_RESULTS or overdue:
            self.commit()

    def commit(self) -> None:
        if self._uncommitted:
            try:
                self.connection.execute("COMMIT")
            except sqlite3.DatabaseError as error:
                self._recover(error)
            self._uncommitted = 0
        self._last_commit = time.monotonic()

    def verdict_key(self, first: bytes, second: bytes) -> str:
        """The key of the verdict on two articles, each given by what its story text depends on."""
        digest = hashlib.blake2b(digest_size=20)
        for part in (f"verdict {SCHEMA_VERSION}".encode(), self.tool.encode(), first, second):
            digest.update(len(part).to_bytes(4, "little") + part)
        return digest.hexdigest()

    def get_verdicts(self, keys: list[str]) -> dict[str, bool]:
        """The stored verdicts (same story or not) under KEYS."""
        found: dict[str, bool] = {}
        try:
            for start in range(0, len(keys), _KEYS_PER_QUERY):
                chunk = keys[start:start + _KEYS_PER_QUERY]
                found.update((key, bool(same)) for key, same in self.connection.execute(
                    f"SELECT pair, same FROM verdicts WHERE pair IN ({','.join('?' * len(chunk))})", chunk))
        except sqlite3.DatabaseError as error:
            self._recover(error)
            return {}
        return found

    def put_verdicts(self, verdicts: dict[str, bool]) -> None:
        self.commit()
        try:
            self.connection.execute("BEGIN")
            self.connection.executemany(
                "INSERT OR REPLACE INTO verdicts (pair, same, generation) VALUES (?, ?, ?)",
                [(key, int(same), self.generation) for key, same in sorted(verdicts.items())])
            self.connection.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            self._recover(error)

    def __len__(self) -> int:
        return self.connection.execute("SELECT count(*) FROM results").fetchone()[0]

    def close(self) -> None:
        self.commit()
        self.connection.close()


def cache_folder_for(out: str | os.PathLike[str], cache: str | os.PathLike[str] | None = None) -> Path:
    """--cache DIR, else `.timeline-cache` next to --out (beside it, not inside it)."""
    if cache is not None:
        return Path(cache)
    return Path(out).resolve().parent / DEFAULT_CACHE_FOLDER


@contextmanager
def open_cache(out: str | os.PathLike[str], cache: str | os.PathLike[str] | None = None,
               enabled: bool = True, report: Callable[[str], None] = report_on_stderr,
               ) -> Iterator[ResultCache | None]:
    """The build's cache (None with --no-cache), committed and closed on the way out, also on Ctrl-C."""
    if not enabled:
        yield None
        return
    result_cache = ResultCache(cache_folder_for(out, cache), report=report)
    try:
        yield result_cache
    finally:
        result_cache.close()
