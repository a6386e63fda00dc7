"""`timeline tag`: JSON lines and TimeML output, reference date from --dct or the text's dateline."""

from __future__ import annotations

import io
import json
import sys
import xml.etree.ElementTree as ElementTree

from timeline.cli import main


def _run(capsys, monkeypatch, arguments: list[str], stdin: str | None = None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(
            sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8")
        )
    code = main(["tag", *arguments])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_acceptance_from_standard_input(capsys, monkeypatch) -> None:
    code, out, _ = _run(
        capsys, monkeypatch, ["--dct", "2025-10-21"], "Trump and Putin met in Alaska two months ago.\n"
    )
    assert code == 0
    [record] = [json.loads(line) for line in out.splitlines()]
    assert {
        key: record[key]
        for key in ("start", "end", "text", "type", "value", "start_date", "end_date", "granularity")
    } == {
        "start": 30,
        "end": 44,
        "text": "two months ago",
        "type": "DATE",
        "value": "2025-08",
        "start_date": "2025-08-01",
        "end_date": "2025-08-31",
        "granularity": "month",
    }


def test_offsets_index_the_file_as_read(tmp_path, capsys, monkeypatch) -> None:
    text = "Ünïcödé — first line\r\nPutin spoke on Friday.\n"
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode("utf-8"))
    code, out, _ = _run(capsys, monkeypatch, [str(path), "--dct", "2025-08-07"])
    [record] = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert text[record["start"] : record["end"]] == "Friday" and record["value"] == "2025-08-01"


def test_timeml_output_wraps_the_text_with_timex3_tags(capsys, monkeypatch) -> None:
    text = "Putin & Trump met on Friday, two months ago.\n"
    code, out, _ = _run(capsys, monkeypatch, ["--dct", "2025-10-21", "--format", "timeml"], text)
    assert code == 0
    root = ElementTree.fromstring(out.encode("utf-8"))
    creation = root.find("DCT/TIMEX3")
    assert creation.get("functionInDocument") == "CREATION_TIME" and creation.get("value") == "2025-10-21"
    body = root.find("TEXT")
    assert "".join(body.itertext()) == text
    assert [(timex.get("tid"), timex.get("type"), timex.get("value"), timex.text) for timex in body] == [
        ("t1", "DATE", "2025-10-17", "Friday"),
        ("t2", "DATE", "2025-08", "two months ago"),
    ]


def test_without_dct_a_dateline_in_the_text_is_the_reference(capsys, monkeypatch) -> None:
    text = "MOSCOW, Aug 7, 2025 (Reuters) - The Kremlin said on Wednesday that a summit was agreed.\n"
    code, out, _ = _run(capsys, monkeypatch, [], text)
    values = [(record["text"], record["value"]) for record in map(json.loads, out.splitlines())]
    assert code == 0
    assert ("Wednesday", "2025-08-06") in values


def test_without_dct_or_dateline_relative_values_stay_unanchored(capsys, monkeypatch) -> None:
    code, out, _ = _run(capsys, monkeypatch, [], "They met last week.\n")
    [record] = [json.loads(line) for line in out.splitlines()]
    assert (record["value"], record["start_date"], record["granularity"]) == ("XXXX-WXX", None, "week")


def test_missing_file_is_a_one_line_error(tmp_path, capsys, monkeypatch) -> None:
    missing = tmp_path / "nope.txt"
    code, out, err = _run(capsys, monkeypatch, [str(missing)])
    assert code == 2 and out == ""
    assert str(missing) in err and len(err.strip().splitlines()) == 1


def test_timeml_without_reference_date_and_with_control_characters(capsys, monkeypatch) -> None:
    text = "Bell\x07 rang <loud> on Friday.\n"
    code, out, _ = _run(capsys, monkeypatch, ["--format", "timeml"], text)
    root = ElementTree.fromstring(out.encode("utf-8"))
    assert code == 0 and root.find("DCT") is None
    # XML cannot hold the bell character: it is left out, everything else is kept and escaped.
    assert "".join(root.find("TEXT").itertext()) == text.replace("\x07", "")
    assert [(timex.get("value"), timex.text) for timex in root.find("TEXT")] == [("XXXX-WXX-5", "Friday")]
