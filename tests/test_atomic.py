"""Atomic writes: the target is either the old file or the new one, with an ordinary file mode."""

import os
import stat

import pytest

from timeline.writers.atomic import write_bytes, write_json


def test_written_file_has_the_mode_of_a_plain_open(tmp_path):
    previous = os.umask(0o022)
    try:
        write_json(tmp_path / "events.json", {"events": []})
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "events.json").stat().st_mode) == 0o644
    assert (tmp_path / "events.json").read_text(encoding="utf-8") == '{\n  "events": []\n}\n'


def test_a_failed_write_leaves_the_previous_file_and_no_temporary(tmp_path):
    target = tmp_path / "graph.json"
    target.write_bytes(b"old")

    with pytest.raises(TypeError):
        write_bytes(target, object())  # fails inside the write, after the temporary exists
    assert target.read_bytes() == b"old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["graph.json"]


def test_missing_folders_are_created(tmp_path):
    write_bytes(tmp_path / "a" / "b" / "timeline.svg", b"<svg/>")
    assert (tmp_path / "a" / "b" / "timeline.svg").read_bytes() == b"<svg/>"


def test_records_that_fail_half_way_leave_the_previous_file_and_no_temporary(tmp_path):
    from timeline.writers.atomic import write_json_records

    target = tmp_path / "events.json"
    target.write_bytes(b"old")

    def records():
        yield {"id": "e1"}
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_json_records(target, "events", records())
    assert target.read_bytes() == b"old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["events.json"]
