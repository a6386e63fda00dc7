"""Issue 14, every case in one place: what an attacker or a careless user gives `timeline`.

No script runs from our pages, no input stalls or crashes the build, one consistent set of outputs.
Each test names the case of the issue it keeps fixed. The page is checked in a real headless
Chromium (the `browser` fixture of test_html).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from test_html import browser  # noqa: F401  (a fixture: one Chromium for the module)

import timeline
from timeline.dating import parse_metadata_date
from timeline.documents import read_articles
from timeline.events import analyse_article
from timeline.events.entities import find_mentions
from timeline.events.extraction import spans_within
from timeline.events.sentences import split_sentences
from timeline.model import DATE_SOURCES, EVENT_STATUSES, GRANULARITIES
from timeline.pipeline import REMOVED_NOTE

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CONTRACT = ROOT / "docs" / "CONTRACT.md"
STORY = "Putin and Trump met in Alaska on Monday, the Kremlin said.\n"
HOSTILE_TITLE = "Evil <!-- end </script> ]]> title"
# U+2028 only in the text: in the front matter YAML would read it as a line break.
HOSTILE_SENTENCE = "Putin and Trump met in Alaska on Monday, <!-- end </script> ]]> here\u2028and there."


def _article(
    folder: Path, name: str | bytes, front_matter: str = "date: 2025-10-21", body: str = STORY
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = os.path.join(os.fsencode(folder), os.fsencode(name))
    with open(path, "wb") as stream:
        stream.write(f"---\n{front_matter}\n---\n{body}".encode())
    return Path(os.fsdecode(path))


def _cli(*arguments: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "timeline.cli", *map(str, arguments)],
        capture_output=True, text=True, timeout=timeout, cwd=ROOT, errors="surrogateescape",
    )


# 1 and 2: a javascript: URL never becomes a link; the embedded data survives any text.


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    inputs = tmp_path_factory.mktemp("hostile")
    evil = f"date: 2025-10-21\ntitle: {HOSTILE_TITLE}\nurl: javascript:alert(document.domain)"
    _article(inputs, "evil.txt", evil, HOSTILE_SENTENCE + "\n")
    _article(inputs, "fair.txt", "date: 2025-10-22\ntitle: Fair report\nurl: https://example.org/a?b=1&c=2",
             "Putin and Trump held talks in Geneva on Tuesday.\n")
    out = tmp_path_factory.mktemp("hostile-out")
    result = timeline.build([inputs], out=out, no_cache=True)
    return out, result


def test_case_1_only_http_urls_become_links_and_others_are_warned_about_once(hostile_build):
    out, result = hostile_build
    warnings = [w for article in result.articles for w in article.warnings if "javascript:" in w]
    assert warnings == [
        f"{result.articles[0].path}: url 'javascript:alert(document.domain)' is not an http(s) URL; "
        "it is kept as text and not linked"
    ]
    slides = json.loads((out / "timeline.timelinejs.json").read_text(encoding="utf-8"))["events"]
    links = re.findall(r'href="([^"]*)"', "".join(slide["text"]["text"] for slide in slides))
    assert links == ["https://example.org/a?b=1&amp;c=2"]
    assert "javascript:" not in (out / "timeline.html").read_text(encoding="utf-8")
    assert "javascript:" not in (out / "timeline.svg").read_text(encoding="utf-8")


def test_cases_1_and_2_in_the_browser_hostile_text_round_trips_and_no_script_link(browser, hostile_build):  # noqa: F811
    out, _ = hostile_build
    browser.get((out / "timeline.html").resolve().as_uri())
    embedded = browser.execute_script(
        "return JSON.parse(document.getElementById('timeline-events').textContent)"
    )
    sentences = [source["sentence"] for record in embedded.values() for source in record["sources"]]
    assert HOSTILE_SENTENCE in sentences
    items = browser.find_elements(By.CSS_SELECTOR, "ol.events li")
    assert len(items) == 2
    items[0].click()  # the Monday meeting, from the hostile article
    details = browser.find_element(By.ID, "details")
    assert HOSTILE_TITLE in details.text
    assert HOSTILE_SENTENCE.replace("\u2028", " ") in details.text  # shown as a space
    assert details.find_elements(By.TAG_NAME, "a") == []  # javascript: is shown as text, not linked
    items[1].click()
    (link,) = details.find_elements(By.TAG_NAME, "a")
    assert link.get_attribute("href") == "https://example.org/a?b=1&c=2"


# 3: cost linear in the article's size (the figure: benchmarks/pipeline.py --worst-case).


def test_case_3_spans_within_finds_what_a_scan_of_the_article_finds():
    checked = 0
    for article in read_articles([SEEDS]):
        sentences = split_sentences(article.text)
        mentions = sorted(find_mentions(article.text, sentences).mentions, key=lambda m: (m.start, m.end))
        starts = [m.start for m in mentions]
        for sentence in sentences:
            for start, end in ((sentence.start, sentence.end), (sentence.start, sentence.start + 40)):
                scanned = [m for m in mentions if m.start >= start and m.end <= end]
                assert spans_within(mentions, starts, start, end) == scanned
                checked += len(scanned)
    assert checked > 200


def test_case_3_an_article_of_many_short_dated_sentences_gives_one_event_each(tmp_path):
    text = " ".join(["They met on Monday."] * 3000)
    (article,) = read_articles([_article(tmp_path, "many.txt", body=text + "\n")])
    events = analyse_article(article).events
    assert len(events) == 3000
    assert {(event.value, event.sources[0].timex) for event in events} == {("2025-10-20", "Monday")}


# 4: a file name that is not UTF-8; one set of outputs.


def test_case_4_a_file_name_that_is_not_utf8_is_kept_escaped(tmp_path):
    inputs = tmp_path / "in"
    _article(inputs, b"caf\xe9.txt")
    _article(inputs, "plain.txt", body="Peskov spoke in Moscow on Tuesday.\n")
    result = timeline.build([inputs], out=tmp_path / "out", formats="none", no_cache=True)
    articles = json.loads((tmp_path / "out" / "articles.json").read_text(encoding="utf-8"))["articles"]
    assert [article["id"] for article in articles] == ["caf\\xe9.txt", "plain.txt"]
    events = json.loads((tmp_path / "out" / "events.json").read_text(encoding="utf-8"))["events"]
    sources = {source["article"] for event in events for source in event["sources"]}
    assert sources == {"caf\\xe9.txt", "plain.txt"}
    assert result.skipped == 0


def test_case_4_a_build_failing_while_writing_leaves_the_previous_set(tmp_path):
    inputs = tmp_path / "in"
    _article(inputs, "a.txt")
    out = tmp_path / "out"
    timeline.build([inputs], out=out, formats="svg", no_cache=True)
    before = {path.name: path.read_bytes() for path in out.iterdir() if path.name != ".timeline.lock"}
    _article(inputs, "b.txt", body="Peskov spoke in Moscow on Tuesday.\n")
    with pytest.raises(ValueError, match="dpi must be between"):
        # The figure's options are checked when it is drawn, after the JSON files were written.
        timeline.build([inputs], out=out, formats="svg", no_cache=True, dpi=-3)
    assert {path.name: path.read_bytes() for path in out.iterdir() if path.name != ".timeline.lock"} == before
    assert sorted(before) == ["articles.json", "events.json", "timeline.svg"]


def test_case_4_a_folder_where_an_output_goes_stops_the_set_before_any_file_moves(tmp_path):
    inputs = tmp_path / "in"
    _article(inputs, "a.txt")
    out = tmp_path / "out"
    timeline.build([inputs], out=out, formats="none", no_cache=True)
    before = (out / "events.json").read_bytes()
    (out / "timeline.svg").mkdir()
    _article(inputs, "b.txt", body="Peskov spoke in Moscow on Tuesday.\n")
    with pytest.raises(IsADirectoryError, match="a folder where an output goes"):
        timeline.build([inputs], out=out, formats="svg", no_cache=True)
    assert (out / "events.json").read_bytes() == before
    assert sorted(path.name for path in out.iterdir()) == [".timeline.lock", "articles.json", "events.json",
                                                           "timeline.svg"]


# 5: HTML inputs need lxml.html.clean, a package of its own.


def test_case_5_lxml_html_clean_is_declared_and_html_is_read(tmp_path):
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert any(re.match(r"lxml[_-]html[_-]clean>=", requirement) for requirement in declared)
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Summit</title></head><body><article><p>"
        + "Putin and Trump met in Alaska on Monday, August 11, 2025, officials said. " * 5
        + "</p></article></body></html>",
        encoding="utf-8",
    )
    (article,) = read_articles([page])
    assert article.errors == () and "met in Alaska" in article.text


# 6: only regular files are read.


def test_case_6_a_fifo_or_a_device_named_txt_is_skipped(tmp_path):
    inputs = tmp_path / "in"
    _article(inputs, "a.txt")
    os.mkfifo(inputs / "pipe.txt")
    (inputs / "zero.txt").symlink_to("/dev/zero")
    finished = _cli("build", inputs, "--out", tmp_path / "out", "--formats", "none", "--no-cache")
    assert finished.returncode == 0
    assert f"timeline: {inputs}/pipe.txt: cannot be read (not a regular file)" in finished.stderr
    assert f"timeline: {inputs}/zero.txt: cannot be read (not a regular file)" in finished.stderr
    direct = _cli("build", inputs / "pipe.txt", "--out", tmp_path / "out2", timeout=60)
    assert direct.returncode == 1
    assert f"{inputs}/pipe.txt: not a regular file (a FIFO or a device); skipped" in direct.stderr


# 7: one line, not a traceback, for an --out or --cache that cannot be used.


@pytest.mark.parametrize(
    ("options", "code", "message"),
    [
        (("--out", "{file}"), 2, "timeline: --out {file}: is a file, not a folder"),
        (("--out", "{out}", "--cache", "{file}"), 2, "timeline: --cache {file}: is a file, not a folder"),
        (("--out", "/proc/timeline-out"), 1, "timeline: /proc/timeline-out: No such file or directory"),
        (("--out", "{out}", "--cache", "/proc/timeline-cache"), 1,
         "timeline: /proc/timeline-cache: No such file or directory"),
    ],
)
def test_case_7_unusable_out_or_cache_is_one_line_and_an_exit_code(tmp_path, options, code, message):
    inputs = tmp_path / "in"
    _article(inputs, "a.txt")
    file = tmp_path / "a-file"
    file.write_text("not a folder\n")
    names = {"file": file, "out": tmp_path / "out"}
    finished = _cli("build", inputs, "--formats", "none", *(option.format(**names) for option in options))
    assert finished.returncode == code
    assert finished.stderr == message.format(**names) + "\n"


# 8: a reference date is an explicit calendar date.


def test_case_8_dates_that_are_not_dates_are_refused():
    assert [parse_metadata_date(value) for value in ("yesterday", "today", "3 days ago", "-0044-03-15")] == [
        None, None, None, None
    ]
    assert parse_metadata_date("Thu, 07 Aug 2025 10:00:00 GMT") == "2025-08-07"
    assert parse_metadata_date("August 7, 2025") == "2025-08-07"


def test_case_8_a_list_as_date_is_named_in_the_warning(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"date": [2025, 10], "text": STORY}), encoding="utf-8")
    (article,) = read_articles([path])
    assert f"{path}: metadata date '[2025, 10]' is not a real date; ignored" in article.warnings
    assert article.date_source != "metadata"
    (yesterday,) = read_articles([_article(tmp_path, "b.txt", "date: yesterday")])
    assert f"{tmp_path}/b.txt: metadata date 'yesterday' is not a real date; ignored" in yesterday.warnings


# 9: a year the tagger cannot represent is never replaced by the reference year.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It runs until 31 December 9999.", []),
        ("It was set for 5 March 2999.", [("5 March 2999", "2999-03-05")]),  # a full date keeps its year
        ("The charter of May 5, 999.", []),
        ("The charter of May 5 999, lost.", []),
        ("On May 5, 120 people died.", [("May 5", "2024-05-05")]),
        ("On 5 March 2025 they met.", [("5 March 2025", "2025-03-05")]),
    ],
)
def test_case_9_years_outside_the_tagger_range_are_not_substituted(text, expected):
    assert [(e.text, e.value) for e in timeline.tag(text, "2024-12-31")] == expected


# 10: the smaller cases.


def test_case_10_a_one_paragraph_text_over_2mb_keeps_its_first_2mb(tmp_path):
    sentence = "Putin and Trump met in Alaska on Monday and talked at length. "
    path = _article(tmp_path, "long.txt", body=sentence * (4_700_000 // len(sentence)) + "\n")
    (article,) = read_articles([path])
    assert article.errors == ()
    assert 1_999_900 < len(article.text.encode()) <= 2_000_000
    assert any("only the first 2.0 MB were read" in warning for warning in article.warnings)


def test_case_10_titles_are_capped(tmp_path):
    path = _article(tmp_path, "a.txt", "date: 2025-10-21\ntitle: " + "Long title " * 1000)
    (article,) = read_articles([path])
    assert len(article.title) <= 300 and article.title.endswith("title…")


def test_case_10_json_records_sharing_an_id_keep_ids_relative_to_the_input(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "feed.json").write_text(json.dumps([
        {"id": "x", "date": "2025-10-21", "text": STORY},
        {"id": "x", "date": "2025-10-21", "text": "Peskov spoke in Moscow on Tuesday."},
    ]), encoding="utf-8")
    assert [article.id for article in read_articles([inputs.resolve()])] == ["x", "x#2"]


def test_case_10_control_characters_in_file_names_are_escaped_on_stderr(tmp_path):
    inputs = tmp_path / "in"
    _article(inputs, "a.txt")
    _article(inputs, "line\nbreak\x1b[31m.txt", "date: yesterday")
    finished = _cli("build", inputs, "--out", tmp_path / "out", "--formats", "none", "--no-cache")
    assert finished.returncode == 0
    shown = f"{inputs}/line\\x0abreak\\x1b[31m.txt"
    assert f"timeline: {shown}: metadata date 'yesterday' is not a real date; ignored\n" in finished.stderr
    assert "\x1b" not in finished.stderr


def test_case_10_tag_of_none_names_the_argument():
    with pytest.raises(TypeError, match="^tag: text must be a str, not NoneType$"):
        timeline.tag(None)


def test_case_10_a_symlink_loop_is_reported_as_one(tmp_path):
    inputs = tmp_path / "in"
    _article(inputs, "a.txt")
    (inputs / "loop").symlink_to("loop")
    batch = read_articles([inputs])
    assert [article.id for article in batch] == ["a.txt"]
    problems = batch.problems
    assert f"{inputs}/loop: a symbolic link that leads nowhere (broken, or a loop); skipped" in problems


def test_case_10_nothing_built_leaves_no_out_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    finished = _cli("build", tmp_path / "empty", "--out", tmp_path / "out", "--no-cache")
    assert finished.returncode == 1
    assert not (tmp_path / "out").exists()


def test_case_10_leftovers_of_a_killed_writer_and_older_formats_are_removed(tmp_path):
    inputs = tmp_path / "in"
    _article(inputs, "a.txt")
    out = tmp_path / "out"
    timeline.build([inputs], out=out, formats="svg", no_cache=True)
    (out / ".events.json.k1ll3d_x.tmp").write_text("half")
    (out / "notes.txt").write_text("mine")
    result = timeline.build([inputs], out=out, formats="none", no_cache=True)
    left = sorted(path.name for path in out.iterdir())
    assert left == [".timeline.lock", "articles.json", "events.json", "notes.txt"]
    assert result.warnings == [f"{out}/timeline.svg: {REMOVED_NOTE}"]


# 11: the contract ships with the project and is true to the code.


def test_case_11_the_contract_is_in_docs_and_every_reference_points_there():
    assert CONTRACT.is_file()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "[docs/CONTRACT.md](docs/CONTRACT.md)" in readme
    for path in [ROOT / "README.md", *sorted((ROOT / "timeline").rglob("*.py"))]:
        for match in re.finditer(r"[\w/.]*CONTRACT\.md", path.read_text(encoding="utf-8")):
            assert match.group(0) in ("docs/CONTRACT.md", "(docs/CONTRACT.md"), (path, match.group(0))


def test_case_11_the_contract_lists_what_the_code_writes(tmp_path):
    contract = CONTRACT.read_text(encoding="utf-8")
    assert "status\": \"happened\",            // " + " | ".join(EVENT_STATUSES) in contract
    assert ", ".join(f"`{name}`" for name in GRANULARITIES) in contract.replace("\n  ", " ")
    assert ", ".join(f"`{name}`" for name in DATE_SOURCES) in contract
    result = timeline.build([SEEDS], out=tmp_path, formats="none", no_cache=True)
    events = json.loads((tmp_path / "events.json").read_text(encoding="utf-8"))["events"]
    articles = json.loads((tmp_path / "articles.json").read_text(encoding="utf-8"))["articles"]
    for key in {key for event in events for key in event} | {key for article in articles for key in article}:
        assert f"`{key}`" in contract or f'"{key}"' in contract, key
    assert len(events) == len(result.events) > 20
