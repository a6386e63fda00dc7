"""The figure options on `timeline build`, and the acceptance run on the seed articles."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from timeline.cli import main, make_parser
from timeline.filters import FigureOptions

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_figure_options_parse_into_what_the_writers_take():
    arguments = make_parser().parse_args(
        [
            "build",
            "seeds",
            "--highlight",
            "Helsinki,Osaka",
            "--lanes",
            "place",
            "--from",
            "2025",
            "--to",
            "2025-08",
            "--entity",
            "Putin",
            "--min-sources",
            "2",
            "--size",
            "16x9",
            "--dpi",
            "200",
            "--title",
            "T",
        ]
    )
    options = FigureOptions.from_options(vars(arguments))
    assert options == FigureOptions(
        title="T",
        lanes="place",
        highlight=("Helsinki", "Osaka"),
        date_from=dt.date(2025, 1, 1),
        date_to=dt.date(2025, 8, 31),
        entity="Putin",
        min_sources=2,
        size=(16.0, 9.0),
        dpi=200,
    )
    defaults = FigureOptions.from_options(vars(make_parser().parse_args(["build", "seeds"])))
    assert defaults == FigureOptions()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--lanes", "colour"], "invalid choice: 'colour'"),
        (["--from", "last week"], "argument --from: not a date (YYYY, YYYY-MM or YYYY-MM-DD): 'last week'"),
        (["--size", "big"], "argument --size: size must be WIDTHxHEIGHT in inches"),
        (["--dpi", "5"], "argument --dpi: must be between 50 and 1200: '5'"),
        (["--min-sources", "0"], "argument --min-sources: must be at least 1: '0'"),
    ],
)
def test_bad_figure_options_are_usage_errors(arguments, message, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["build", "seeds", *arguments])
    assert stopped.value.code == 2
    assert message in capsys.readouterr().err


def test_acceptance_build_seeds_with_a_highlighted_chain(tmp_path):
    out = tmp_path / "out"
    code = main(
        [
            "build",
            str(SEEDS),
            "--out",
            str(out),
            "--no-cache",
            "--formats",
            "png,svg,timelinejs,html",
            "--highlight",
            "Helsinki,Osaka,Alaska,Budapest",
        ]
    )
    assert code == 0
    for name in ("timeline.png", "timeline.svg", "timeline.timelinejs.json", "timeline.html"):
        assert (out / name).stat().st_size > 1000, name
    svg = (out / "timeline.svg").read_text(encoding="utf-8")
    assert "highlighted: Helsinki → Osaka → Alaska → Budapest" in svg
    events = json.loads((out / "events.json").read_text(encoding="utf-8"))["events"]
    slides = json.loads((out / "timeline.timelinejs.json").read_text(encoding="utf-8"))["events"]
    assert len(slides) == sum(1 for event in events if event["start_date"])
    page = (out / "timeline.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 1 and '<script type="application/json" id="timeline-events">' in page
