"""`timeline summarize` on a small archive written here, in the Timeline17 layout (a folder per
publication day): three independent reports describe the collapse of a dam on Monday 4 March 2024;
one report of a vote on Wednesday 6 March was syndicated three times. The summary must put the
collapse first, count the syndicated copies' mentions once, and be the same on every run."""

import datetime as dt
import json
from pathlib import Path

import pytest

from timeline import summarize
from timeline.cli import main
from timeline.dating import find_dateline, folder_date, reference_date

COLLAPSE_REPORTS = {
    "2024-03-05/herald.txt": (
        "The Riverton dam collapsed on Monday after three days of heavy rain, flooding the lower valley.\n"
        "Rescue teams reached the village of Millbrook by boat and evacuated about four hundred residents.\n"
        "The regional governor called the failure of the dam a disaster and ordered an inquiry.\n"
        "Engineers had warned in a report that the spillway could not cope with a major flood.\n"
    ),
    "2024-03-06/courier.txt": (
        "Officials confirmed that the collapse of the Riverton dam on March 4 destroyed two bridges.\n"
        "Farmers in the valley counted their losses as the water slowly receded from their fields.\n"
        "The national weather service said the rainfall had been the heaviest in forty years.\n"
        "Insurance companies sent assessors to the flooded district to estimate the damage.\n"
    ),
    "2024-03-07/gazette.txt": (
        "Three days after the Riverton dam failed on Monday, March 4, the river is back within its banks.\n"
        "Volunteers from neighbouring towns helped to clear mud from the streets of Millbrook.\n"
        "The school of the village will stay closed until its buildings have been inspected.\n"
        "A fund for the families who lost their homes has raised a large sum from donors.\n"
    ),
}

VOTE_REPORT = (
    "The town council of Riverton voted on Wednesday, March 6, for a plan to rebuild the dam.\n"
    "The plan foresees a higher wall, a wider spillway and a new system of sensors on the slopes.\n"
    "Opponents of the plan want the river to run free and the valley to be turned into wetland.\n"
    "The mayor had said that the town could not wait for years while the fields lay under threat.\n"
    "A public meeting on the proposal drew several hundred people to the sports hall on the square.\n"
)
# The same report as syndicated by other outlets: a credit line added, nothing else changed.
SYNDICATED = {"2024-03-08/wire.txt": VOTE_REPORT}
SYNDICATED.update({f"2024-03-08/copy-{n}.txt": f"Syndicated by outlet {n}.\n" + VOTE_REPORT
                   for n in (1, 2, 3)})


def write_archive(folder: Path) -> Path:
    for name, text in {**COLLAPSE_REPORTS, **SYNDICATED}.items():
        path = folder / "InputDocs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder / "InputDocs"


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    return write_archive(tmp_path_factory.mktemp("archive"))


def test_the_day_most_independent_articles_describe_comes_first(archive, tmp_path):
    result = summarize([archive], out=tmp_path / "out", dates=1, sentences=1, formats="none", no_cache=True)
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert [(date["date"], date["articles"], date["published"]) for date in summary["dates"]] == [
        ("2024-03-04", 3, 0)]
    [sentence] = summary["dates"][0]["sentences"]
    # From the reports of the two days after (the third, three days later, tells it in passing).
    assert (sentence["article"], sentence["timex"]) == ("2024-03-05/herald.txt", "Monday")
    assert sentence["text"] == ("The Riverton dam collapsed on Monday after three days of heavy rain, "
                                "flooding the lower valley.")
    assert result.timeline_summary.independent_articles == 4


def test_near_duplicates_vote_once(archive, tmp_path):
    result = summarize([archive], out=tmp_path / "out", dates=2, sentences=1, formats="none", no_cache=True)
    votes = [(date.day, date.vote.naming) for date in result.timeline_summary.dates]
    # Four files name 6 March, but three are copies of the first: one vote, below the collapse's three.
    assert votes == [(dt.date(2024, 3, 4), 3), (dt.date(2024, 3, 6), 1)]
    # The first of the four in file order stands for them all.
    copies = sorted((article.id, article.duplicate_of) for article in result.articles if article.duplicate_of)
    assert copies == [("2024-03-08/copy-2.txt", "2024-03-08/copy-1.txt"),
                      ("2024-03-08/copy-3.txt", "2024-03-08/copy-1.txt"),
                      ("2024-03-08/wire.txt", "2024-03-08/copy-1.txt")]


def test_summary_is_deterministic_and_written_as_reference_timelines_are(archive, tmp_path):
    for run, jobs in (("first", 1), ("second", 2)):
        summarize([archive], out=tmp_path / run, dates=2, sentences=2, formats="none", jobs=jobs,
                  no_cache=True)
    first, second = (tmp_path / "first", tmp_path / "second")
    assert (first / "summary.json").read_bytes() == (second / "summary.json").read_bytes()
    assert (first / "summary.txt").read_bytes() == (second / "summary.txt").read_bytes()
    # 6 March has one sentence only: the copies of its report offer nothing their original does not.
    assert (first / "summary.txt").read_text(encoding="utf-8") == (
        "2024-03-04\n"
        "The Riverton dam collapsed on Monday after three days of heavy rain, flooding the lower valley.\n"
        "Officials confirmed that the collapse of the Riverton dam on March 4 destroyed two bridges.\n"
        + "-" * 32 + "\n"
        "2024-03-06\n"
        "The town council of Riverton voted on Wednesday, March 6, for a plan to rebuild the dam.\n"
        + "-" * 32 + "\n"
    )


def test_articles_are_dated_by_their_date_named_folder(archive, tmp_path):
    result = summarize([archive], out=tmp_path / "out", dates=1, formats="none", no_cache=True)
    assert {(article.id, article.date, article.date_source) for article in result.articles
            if article.id.endswith("herald.txt")} == {("2024-03-05/herald.txt", "2024-03-05", "folder")}
    assert folder_date("InputDocs/2024-03-05/herald.txt") == "2024-03-05"
    assert folder_date("2024-02-30/x.txt") is None  # no such day
    assert folder_date("2024-03/x.txt") is None
    assert folder_date("herald.txt") is None


def test_a_date_named_folder_ranks_below_metadata_and_manifest_and_above_a_dateline():
    text = "MOSCOW, Aug 7, 2025 (Reuters) - Talks resumed on Thursday.\n"
    dateline = find_dateline(text)
    assert dateline is not None and dateline.value == "2025-08-07"
    chosen = [reference_date(text, dateline=dateline, folder="2025-08-08", **given)
              for given in ({}, {"manifest": "2025-08-09"}, {"metadata": "2025-08-10"})]
    assert [(date.value, date.source) for date in chosen] == [
        ("2025-08-08", "folder"), ("2025-08-09", "manifest"), ("2025-08-10", "metadata")]
    assert reference_date(text, dateline=dateline).source == "dateline"


def test_build_with_summary_draws_the_summary_only(archive, tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(archive), "--out", str(out), "--summary", "1", "--formats", "timelinejs",
                 "--no-cache"]) == 0
    events = json.loads((out / "events.json").read_text(encoding="utf-8"))["events"]
    drawn = json.loads((out / "timeline.timelinejs.json").read_text(encoding="utf-8"))["events"]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    # the collapse two articles report ("collapsed on Monday", "the collapse ... destroyed") is one event
    assert len(drawn) == 1 and len(events) > len(drawn)
    # events.json keeps every event, and marks those the summary kept.
    kept = sorted({event for date in summary["dates"] for sentence in date["sentences"]
                   for event in sentence["events"]})
    assert kept == sorted(event["id"] for event in events if event.get("summary")) == ["e01"]
    assert [date["date"] for date in summary["dates"]] == ["2024-03-04"]


def test_default_number_of_dates_follows_size_and_spread():
    from timeline.summary.votes import DateVote, default_date_count, rank_dates

    day = dt.date(2024, 3, 1)
    # 40 days, each named by three articles: 100 articles call for 20 dates, 900 for 30 at most.
    supported = [DateVote(day + dt.timedelta(days=n), 3, 0, 3) for n in range(40)]
    assert default_date_count(100, supported) == 20
    assert default_date_count(900, supported) == 30
    # Only 8 days named by more than one article: 8 dates, not 20.
    spread = supported[:8] + [DateVote(day + dt.timedelta(days=50 + n), 1, 0, 1) for n in range(30)]
    assert default_date_count(100, spread) == 8
    # Days after the last publication day are plans: never ranked.
    ranked = rank_dates([DateVote(day, 1, 0, 1), DateVote(day + dt.timedelta(days=9), 5, 0, 5)], latest=day)
    assert [vote.day for vote in ranked] == [day]
