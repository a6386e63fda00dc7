"""One build at a time per output folder: an advisory lock on `.timeline.lock` inside --out.

The lock is an `flock` on an open file, so the kernel releases it when the holding process ends,
however it ends (Ctrl-C, kill -9, a crash): a lock is never left stale. The file itself stays, and
says who held it last, so that a second build can tell the user which process is in the way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = ".timeline.lock"


class OutputLocked(Exception):
    """Another build is writing into the same output folder."""


@contextmanager
def lock_output(out: str | os.PathLike[str]) -> Iterator[Path]:
    """Hold the lock of output folder OUT (creating the folder) for the duration of the block."""
    folder = Path(out)
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_FILE
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(descriptor, 200, 0).decode("utf-8", "replace").strip() or "another process"
            raise OutputLocked(
                f"{folder}: another build is writing here ({holder}); "
                "wait for it to finish or choose another --out"
            ) from None
        started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"pid {os.getpid()} on {os.uname().nodename}, since {started}\n".encode(), 0)
        try:
            yield path
        except BaseException:
            if created:  # nothing was built: leave no folder behind that the build made for itself
                path.unlink(missing_ok=True)
                with contextlib.suppress(OSError):
                    folder.rmdir()
            raise
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)
