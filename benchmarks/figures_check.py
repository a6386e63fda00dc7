"""Build the seed chronology and screenshot its PNG, SVG and HTML page as a reader sees them.

Headless Chromium at 1600 px (a desktop) and 400 px (a phone) wide; the screenshots go into
--out (default figures-check/) for a person to look at. Prints each file written.
Run: `make figures-check` (or .venv/bin/python benchmarks/figures_check.py --out DIR).
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path

import timeline

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
WIDTHS = (1600, 400)
PAGE_HEIGHT = 1000
OUTPUTS = ("timeline.png", "timeline.svg", "timeline.html")


def screenshot(page: Path, picture: Path, width: int) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                f"--window-size={width},{PAGE_HEIGHT}",
                f"--screenshot={picture}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "figures-check")
    arguments = parser.parse_args()
    out = arguments.out.resolve()
    build = out / "build"
    timeline.build([ROOT / "seeds"], out=build, highlight="Helsinki,Osaka,Alaska,Budapest")
    for name in OUTPUTS:
        for width in WIDTHS:
            picture = out / f"{name.replace('.', '_')}_{width}px.png"
            screenshot(build / name, picture, width)
            print(picture)


if __name__ == "__main__":
    main()
