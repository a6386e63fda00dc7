"""Imported by the process that forks the build's workers, before it forks them.

Every worker needs the temporal grammar, the tagger, the event-word model, lemminflect's tables and
the gazetteer: seconds of loading. Processing one short file here loads all that the processing of
any file uses (whatever loads lazily, on the way), once; each worker forked afterwards starts with
it instead of loading it again for its first file.
"""

from __future__ import annotations

from pathlib import Path

from timeline.file_stage import FileTask, process_file
from timeline.readers.base import RawInput

_TEXT = (
    b"Leaders meet in Paris\n\n"
    b"WASHINGTON, June 2 (Reuters) - President Jane Doe met Chancellor John Roe in Paris on Monday, "
    b"the White House said. The two leaders signed a trade agreement and will meet again in Berlin "
    b"next month.\n"
)

try:
    process_file(FileTask(Path("warm-up.txt"), "warm-up.txt", "warm-up.txt", None, "2025-06-02",
                          RawInput(_TEXT, len(_TEXT))))
except Exception:  # a worker meets the same error with its first file, and reports it there
    pass
