"""The package's public names, and what importing it costs: every command imports `timeline`."""

from __future__ import annotations

import subprocess
import sys


def test_importing_timeline_loads_neither_the_tagger_nor_the_pipeline_until_used() -> None:
    script = (
        "import sys, timeline\n"
        "heavy = ['timeline.temporal.tagger', 'timeline.pipeline', 'numpy', 'yaml']\n"
        "print(sorted(name for name in heavy if name in sys.modules))\n"
        "print(timeline.tag('They met on Friday.', '2025-10-21')[0].value)\n"
        "print(timeline.build.__module__, timeline.Event.__module__)\n"
    )
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert completed.stdout.splitlines() == ["[]", "2025-10-17", "timeline.pipeline timeline.model"]


def test_dir_lists_the_public_names() -> None:
    import timeline

    assert dir(timeline) == sorted(timeline.__all__)
    assert "tag" in timeline.__all__ and "build" in timeline.__all__
