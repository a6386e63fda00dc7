"""Word lists and patterns of the reading stages (dating, segmentation), kept as data beside the code."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def load_yaml(path: Path) -> Any:
    """A YAML data file, read with the safe loader."""
    # PyYAML is imported here, not with the modules that read it: the main process of a build
    # imports them but reads no data file, and PyYAML takes 10 ms to import.
    import yaml

    with open(path, encoding="utf-8") as stream:
        return yaml.safe_load(stream)
