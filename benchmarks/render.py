"""How long the views of a large chronology take to draw: 500 events to PNG + SVG (floor: under 5 s).

Prints one line per view with its wall time, then the figure time against its floor. The events
are the synthetic corpus of the tests (tests/test_figure_corpus.py), fixed by its seed.

    .venv/bin/python benchmarks/render.py [--events 500] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_figure_corpus import ARTICLES, synthetic_events  # noqa: E402

from timeline.writers.figure import write_figures  # noqa: E402
from timeline.writers.html import write_html  # noqa: E402
from timeline.writers.timelinejs import write_timelinejs  # noqa: E402

FLOOR_SECONDS = 5.0


def best_of(repeat: int, run) -> float:
    """The fastest of `repeat` runs, in seconds: the machine's noise only ever adds time."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    events = synthetic_events(arguments.events)
    with tempfile.TemporaryDirectory() as out:
        figures = best_of(arguments.repeat, lambda: write_figures(events, ARTICLES, out))
        timelinejs = best_of(arguments.repeat, lambda: write_timelinejs(events, ARTICLES, out))
        page = best_of(arguments.repeat, lambda: write_html(events, ARTICLES, out))
        sizes = {path.name: path.stat().st_size for path in sorted(Path(out).iterdir())}
    print(f"render {len(events)} events: timeline.png + timeline.svg {figures:.2f} s")
    print(f"render {len(events)} events: timeline.timelinejs.json {timelinejs:.2f} s")
    print(f"render {len(events)} events: timeline.html {page:.2f} s")
    print("sizes: " + ", ".join(f"{name} {size / 1024:.0f} KiB" for name, size in sizes.items()))
    verdict = "under" if figures < FLOOR_SECONDS else "OVER"
    print(f"figures: {figures:.2f} s, {verdict} the {FLOOR_SECONDS:.0f} s floor")
    return 0 if figures < FLOOR_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
