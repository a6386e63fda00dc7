"""The output-folder lock: a second build is refused with a clear message; the lock dies with its holder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.locking import LOCK_FILE, OutputLocked, lock_output

HOLD_LOCK = """
import sys
from timeline.locking import lock_output
with lock_output(sys.argv[1]):
    print("locked", flush=True)
    sys.stdin.readline()
"""


def start_holder(out: Path) -> subprocess.Popen:
    """Another process holding the lock of OUT until its standard input is closed."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(out)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline() == "locked\n"
    return holder


def test_second_holder_is_refused_while_the_first_holds_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    holder = start_holder(out)
    try:
        with pytest.raises(OutputLocked) as refusal:
            with lock_output(out):
                pass
        message = str(refusal.value)
        assert message.startswith(f"{out}: another build is writing here (pid {holder.pid} on ")
        assert message.endswith("; wait for it to finish or choose another --out")
    finally:
        holder.stdin.close()
        holder.wait(10)
    with lock_output(out) as path:
        assert path == out / LOCK_FILE
        assert path.read_text().startswith(f"pid {os.getpid()} on ")


def test_lock_is_released_when_its_holder_is_killed(tmp_path: Path) -> None:
    holder = start_holder(tmp_path)
    holder.kill()
    holder.wait(10)
    with lock_output(tmp_path):
        pass


def test_lock_creates_the_output_folder(tmp_path: Path) -> None:
    with lock_output(tmp_path / "new" / "out") as path:
        assert path.parent.is_dir()
