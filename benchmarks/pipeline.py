"""Speed and memory of `timeline build` on a synthetic news archive of N articles.

The archive is made from the TempEval-3 training texts (TimeBank + AQUAINT) and the seed articles:
article i is fifteen random sentences of the base texts, dated by base i mod B; the date and every
year written in the text moved k years forward (so that absolute and relative dates move together),
its names swapped for variant v of a name pool. Articles that share k and v and draw the same
sentence report the same events, so cross-article merging has work to do, while no two texts
share more than a sentence or two (they are not near-duplicates, as in a real archive).

For each N it prints: articles per second with --jobs 1 and with --jobs 2 (no cache, no figures),
their ratio, the peak memory of the whole process tree (sum of proportional set sizes, sampled
every 250 ms), the time of a first run that fills the cache, of a second run served from it, and
of a third with 1% new articles added (a second INPUT folder; the rest from the cache).

    python benchmarks/pipeline.py --articles 1000
    python benchmarks/pipeline.py --articles 1000,10000,100000 --skip-jobs1
    python benchmarks/pipeline.py --articles 200 --engine dask

With --worst-case it times instead one article made of N short dated sentences ("They met on Monday."),
each an event: the cost of an article must grow linearly with its size, and this is where a stage
that rescans the article for each sentence shows.

    python benchmarks/pipeline.py --worst-case --sentences 10000,100000

The figures depend on the machine and on what else runs on it; benchmarks/README.md records them.
"""

from __future__ import annotations

import argparse
import compileall
import csv
import datetime as dt
import functools
import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from timeline.temporal.timeml import read_corpus

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "tempeval3" / "train"
DEFAULT_SEEDS = ROOT / "seeds"
ARTICLES_PER_FOLDER = 1000
YEAR_SHIFTS = 7
NAME_VARIANTS = 5

# Capitalised words that are not names: never swapped, so that dates and grammar stay intact.
_NOT_NAMES = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "Christmas", "Easter", "Thanksgiving", "President", "Minister", "Prime", "Secretary", "General",
    "Senator", "Governor", "Chairman", "Chief", "Executive", "Officer", "Director", "Party", "Congress",
    "Senate", "House", "Court", "Supreme", "Republican", "Republicans", "Democrat", "Democrats",
    "Democratic", "North", "South", "East", "West", "New", "United", "States", "Nations", "Union",
    "National", "International", "Department", "Ministry", "Agency", "Company", "Corporation",
    "Inc", "Corp", "Bank", "Street", "Journal", "Times", "Press", "Associated", "Reuters", "This",
    "That", "These", "Those", "There", "They", "Their", "When", "What", "Where", "While", "After",
    "Before", "During", "Since", "Until", "Today", "Tomorrow", "Yesterday", "Tonight", "Some", "Many",
}
_NAME_POOL = (
    "Abara", "Bellweather", "Castellano", "Dumont", "Eriksen", "Fairbanks", "Galloway", "Hartmann",
    "Iversen", "Jovanovic", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov",
    "Quintero", "Rasmussen", "Salazar", "Thornton", "Udall", "Valdez", "Whitaker", "Yamamoto", "Zeller",
)
_MID_SENTENCE_NAME = re.compile(r"(?<=[a-z,] )[A-Z][a-z]{3,}\b")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-3]\d)\b")


@dataclass(frozen=True)
class BaseText:
    name: str
    text: str
    date: dt.date


def _seed_texts(seeds: Path) -> list[BaseText]:
    manifest = seeds / "manifest.csv"
    if not manifest.is_file():
        return []
    with manifest.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    return [
        BaseText(row["path"], (seeds / row["path"]).read_text(encoding="utf-8"),
                 dt.date.fromisoformat(row["date"]))
        for row in rows if row.get("date") and (seeds / row["path"]).is_file()
    ]


def base_texts(data: Path, seeds: Path) -> tuple[BaseText, ...]:
    documents = read_corpus([data / "TimeBank", data / "AQUAINT"])
    texts = [BaseText(document.name, document.text.strip(), document.dct)
             for document in documents if document.dct]
    return tuple(texts + _seed_texts(seeds))


def _shift_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _swap_names(text: str, variant: int) -> str:
    if variant == 0:
        return text

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        if word in _NOT_NAMES:
            return word
        digest = hashlib.blake2b(f"{word}/{variant}".encode(), digest_size=4).digest()
        return _NAME_POOL[int.from_bytes(digest, "big") % len(_NAME_POOL)]

    return _MID_SENTENCE_NAME.sub(swap, text)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"\u201cA-Z])|\n\s*\n")
SENTENCES_PER_ARTICLE = 15
SENTENCES_PER_PARAGRAPH = 3


@functools.lru_cache(maxsize=1)
def _sentence_pool(bases: tuple[BaseText, ...]) -> tuple[str, ...]:
    return tuple(
        " ".join(sentence.split()) for base in bases for sentence in _SENTENCE_END.split(base.text)
        if len(sentence.split()) >= 4
    )


def make_article(bases: tuple[BaseText, ...], number: int) -> tuple[str, dt.date, str]:
    """Article NUMBER: (text, date, name of the base it takes its date from).

    Fifteen sentences drawn from all the bases, in paragraphs of three, moved some years forward
    and with swapped names; dated by base NUMBER mod B (moved by the same years). Articles two rounds
    apart over the bases share years and names, so a sentence both happen to draw reports the same
    events, to be merged; as wholes, two texts share a sentence or two at most, as in a real archive
    (drawing whole paragraphs instead would make the archive quadratically self-similar).
    """
    base = bases[number % len(bases)]
    round_number = number // len(bases)
    years = (round_number // 2) % YEAR_SHIFTS
    variant = (round_number // (2 * YEAR_SHIFTS)) % NAME_VARIANTS
    pool = _sentence_pool(bases)
    chosen = random.Random(number).sample(pool, SENTENCES_PER_ARTICLE)
    text = "\n\n".join(" ".join(chosen[start:start + SENTENCES_PER_PARAGRAPH])
                        for start in range(0, len(chosen), SENTENCES_PER_PARAGRAPH))
    text = _swap_names(_YEAR.sub(lambda match: str(int(match.group(0)) + years), text), variant)
    return text + "\n", _shift_years(base.date, years), base.name


def write_corpus(folder: Path, count: int, bases: tuple[BaseText, ...]) -> Path:
    """N articles as .txt files with front matter, 1000 per sub-folder; reused when already there."""
    corpus = folder / f"corpus-v5-{count}"
    stamp = corpus / ".complete"
    if stamp.is_file():
        return corpus
    shutil.rmtree(corpus, ignore_errors=True)
    for number in range(count):
        text, date, name = make_article(bases, number)
        path = corpus / f"part-{number // ARTICLES_PER_FOLDER:04d}" / f"article-{number:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        front_matter = (f"---\ndate: {date.isoformat()}\ntitle: {name} #{number}\n"
                        f"source: wire-{number % 7}\n---\n")
        path.write_text(front_matter + text, encoding="utf-8")
    stamp.write_text(f"{count}\n")
    return corpus


@dataclass
class Run:
    seconds: float
    peak_bytes: int
    returncode: int
    stderr_lines: int
    cpu_seconds: float  # of the whole process tree, sampled: the last 250 ms of a process may be missed
    load: float  # the machine's one-minute load average at the end: other work competing for the cores


def _sample_tree(process: psutil.Process, cpu_seconds: dict[int, float]) -> int:
    """The tree's memory now (sum of proportional set sizes); records each member's CPU time so far."""
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            with member.oneshot():
                times = member.cpu_times()
                cpu_seconds[member.pid] = times.user + times.system
                try:
                    total += member.memory_full_info().pss
                except (psutil.AccessDenied, AttributeError):
                    total += member.memory_info().rss
        except psutil.Error:
            pass
    return total


def snapshot_code(work: Path) -> dict[str, str]:
    """A frozen copy of the timeline package for all the runs of this benchmark: the tree may change
    while it runs (and the cache rightly misses when the code changes)."""
    import timeline

    copy = work / "code"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(Path(timeline.__file__).resolve().parent, copy / "timeline",
                    ignore=shutil.ignore_patterns("__pycache__"))
    # Byte-compiled as `pip install` leaves a package: otherwise, where PYTHONDONTWRITEBYTECODE is
    # set, every run (and every worker) would compile the package from source again.
    compileall.compile_dir(copy, quiet=1)
    return {**os.environ, "PYTHONPATH": str(copy)}


def write_additions(folder: Path, count: int, bases: tuple[BaseText, ...]) -> Path:
    """One percent more articles for the corpus of COUNT (numbers COUNT, COUNT + 1, ...), in a
    folder of their own: a new day's articles, given to the build as a second INPUT."""
    additions = folder / f"corpus-v5-{count}-plus-1pc"
    stamp = additions / ".complete"
    if stamp.is_file():
        return additions
    shutil.rmtree(additions, ignore_errors=True)
    additions.mkdir(parents=True)
    for number in range(count, count + max(1, count // 100)):
        text, date, name = make_article(bases, number)
        front_matter = (f"---\ndate: {date.isoformat()}\ntitle: {name} #{number}\n"
                        f"source: wire-{number % 7}\n---\n")
        (additions / f"article-{number:06d}.txt").write_text(front_matter + text, encoding="utf-8")
    stamp.write_text(f"{count}\n")
    return additions


def run_build(inputs: list[Path], out: Path, options: list[str], environment: dict[str, str]) -> Run:
    command = [sys.executable, "-m", "timeline.cli", "build", *map(str, inputs), "--out", str(out),
               "--formats", "none", *options]
    peak = 0
    cpu_seconds: dict[int, float] = {}
    finished = threading.Event()

    def sample(watched: psutil.Process) -> None:
        nonlocal peak
        while True:
            try:
                peak = max(peak, _sample_tree(watched, cpu_seconds))
            except psutil.Error:  # the build ended between two samples
                return
            if finished.wait(0.25):
                return

    started = time.perf_counter()
    with open(out.parent / f"{out.name}.stderr", "w", encoding="utf-8") as errors:
        # cwd: `python -m` puts the working folder first on sys.path, before the snapshot.
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, env=environment,
                                 cwd=out.parent)
        sampler = threading.Thread(target=sample, args=(psutil.Process(child.pid),))
        sampler.start()
        # A blocking wait returns the moment the build ends; polling (or Popen.wait with a timeout,
        # which polls with sleeps of up to 50 ms) would add its delay to the time measured.
        child.wait()
        seconds = time.perf_counter() - started
        finished.set()
        sampler.join()
    lines = (out.parent / f"{out.name}.stderr").read_text(encoding="utf-8").count("\n")
    return Run(seconds, peak, child.returncode, lines, sum(cpu_seconds.values()), os.getloadavg()[0])


def _describe(label: str, count: int, run: Run) -> str:
    status = "" if run.returncode == 0 else f"  EXIT {run.returncode}"
    wall, cpu = run.seconds / count * 1000, run.cpu_seconds / count * 1000
    return (f"  {label:<28} {run.seconds:8.1f} s  {count / run.seconds:7.1f} articles/s  "
            f"{wall:6.2f} ms/article  CPU {cpu:6.2f} ms/article  peak {run.peak_bytes / 2**20:6.0f} MiB  "
            f"load {run.load:4.1f}  stderr {run.stderr_lines} lines{status}")


def benchmark(
    count: int, work: Path, bases: tuple[BaseText, ...], engine_options: list[str], skip_jobs1: bool,
    skip_uncached: bool, environment: dict[str, str],
) -> None:
    corpus = write_corpus(work, count, bases).resolve()
    size = sum(path.stat().st_size for path in corpus.rglob("*.txt"))
    print(f"N = {count} articles ({size / 2**20:.0f} MiB of text) in {corpus}", flush=True)
    cache = work / f"cache-{count}"
    shutil.rmtree(cache, ignore_errors=True)
    runs: dict[str, Run] = {}
    if not skip_jobs1:
        single = ["--jobs", "1", "--no-cache"]
        runs["jobs1"] = run_build([corpus], work / f"out-{count}-j1", single, environment)
        print(_describe("--jobs 1, no cache", count, runs["jobs1"]), flush=True)
    if not skip_uncached:
        uncached = ["--jobs", "2", "--no-cache", *engine_options]
        runs["jobs2"] = run_build([corpus], work / f"out-{count}-j2", uncached, environment)
        print(_describe("--jobs 2, no cache", count, runs["jobs2"]), flush=True)
    if "jobs1" in runs and "jobs2" in runs:
        print(f"  speed-up --jobs 2 / --jobs 1: {runs['jobs1'].seconds / runs['jobs2'].seconds:.2f}x")
    with_cache = ["--jobs", "2", "--cache", str(cache), *engine_options]
    runs["fill"] = run_build([corpus], work / f"out-{count}-c", with_cache, environment)
    print(_describe("--jobs 2, filling the cache", count, runs["fill"]), flush=True)
    runs["cached"] = run_build([corpus], work / f"out-{count}-c", with_cache, environment)
    print(_describe("--jobs 2, from the cache", count, runs["cached"]), flush=True)
    print(f"  cached re-run: {runs['fill'].seconds / runs['cached'].seconds:.1f}x faster than the first run")
    additions = write_additions(work, count, bases).resolve()
    added = sum(1 for _ in additions.glob("*.txt"))
    runs["incremental"] = run_build([corpus, additions], work / f"out-{count}-i", with_cache, environment)
    print(_describe(f"--jobs 2, {added} new + cache", count + added, runs["incremental"]), flush=True)
    print(f"  re-run with 1% new articles: {runs['fill'].seconds / runs['incremental'].seconds:.1f}x faster "
          "than the first run")

    def events_of(name: str) -> bytes:
        return (work / f"out-{count}-{name}" / "events.json").read_bytes()

    if "jobs2" in runs:
        same = events_of("j2") == events_of("c")
        print(f"  events.json from the cache identical to the uncached run: {same}")
    if "jobs1" in runs and "jobs2" in runs:
        print(f"  events.json identical for --jobs 1 and --jobs 2: {events_of('j1') == events_of('j2')}")
    peak = max(run.peak_bytes for run in runs.values())
    print(f"  peak memory of the process tree over these runs: {peak / 2**20:.0f} MiB", flush=True)


WORST_CASE_SENTENCE = "They met on Monday."


def worst_case(sentences: int, work: Path, environment: dict[str, str]) -> None:
    """One article of SENTENCES dated sentences in one paragraph, built without cache or figures."""
    corpus = work / f"worst-case-{sentences}"
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir(parents=True)
    text = " ".join([WORST_CASE_SENTENCE] * sentences)
    (corpus / "article.txt").write_text(f"---\ndate: 2025-10-21\n---\n{text}\n", encoding="utf-8")
    out = work / f"out-worst-case-{sentences}"
    run = run_build([corpus], out, ["--jobs", "1", "--no-cache"], environment)
    status = "" if run.returncode == 0 else f"  EXIT {run.returncode}"
    print(f"  {sentences:>7} sentences ({len(text) / 2**20:.1f} MiB) in one article: {run.seconds:6.1f} s  "
          f"CPU {run.cpu_seconds / sentences * 1e6:5.0f} us/sentence  peak {run.peak_bytes / 2**20:5.0f} MiB"
          f"{status}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", default="1000", help="corpus sizes, comma-separated (default: 1000)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="folder holding TimeBank/ and AQUAINT/")
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="seed articles with manifest.csv")
    parser.add_argument("--work", type=Path, default=Path("/tmp/timeline-bench"),
                        help="where corpora, outputs and caches go (default: /tmp/timeline-bench)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument("--skip-jobs1", action="store_true", help="do not time --jobs 1 (slow at 100k)")
    parser.add_argument("--skip-uncached", action="store_true",
                        help="do not time --jobs 2 without the cache (filling the cache is a first run too)")
    parser.add_argument("--worst-case", action="store_true",
                        help="time one article of N short dated sentences instead (see --sentences)")
    parser.add_argument("--sentences", default="10000,100000",
                        help="sentence counts for --worst-case, comma-separated (default: 10000,100000)")
    arguments = parser.parse_args()
    if arguments.worst_case:
        arguments.work.mkdir(parents=True, exist_ok=True)
        environment = snapshot_code(arguments.work)
        print(f"one article of N x {WORST_CASE_SENTENCE!r}; --jobs 1, no cache, no figures", flush=True)
        for sentences in (int(text) for text in arguments.sentences.split(",")):
            worst_case(sentences, arguments.work, environment)
        return 0
    counts = [int(text) for text in arguments.articles.split(",")]
    bases = base_texts(arguments.data, arguments.seeds)
    if not bases:
        print(f"pipeline: no base texts under {arguments.data}", file=sys.stderr)
        return 2
    arguments.work.mkdir(parents=True, exist_ok=True)
    print(f"{len(bases)} base texts; {psutil.cpu_count()} cores; engine {arguments.engine}", flush=True)
    engine_options = ["--engine", "dask"] if arguments.engine == "dask" else []
    environment = snapshot_code(arguments.work)
    for count in counts:
        benchmark(count, arguments.work, bases, engine_options, arguments.skip_jobs1,
                  arguments.skip_uncached, environment)
    return 0


if __name__ == "__main__":
    sys.exit(main())
