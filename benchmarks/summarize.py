"""`timeline summarize` against the reference timelines of Timeline17, beside two baselines.

For every topic under shared/data/timeline17/ (TOPIC/InputDocs/YYYY-MM-DD/*.txt, TOPIC/timelines/*.txt)
the system is given, as the standard evaluation does (news-tls, tilse), the number of reference
dates K and the mean number of sentences per reference date N (rounded), and is scored on:
- date F1: its K dates against the reference's dates, as sets;
- ROUGE-1/2 F1 "concat": all its sentences against all the reference's, as one text each;
- ROUGE-1/2 F1 "aligned": tilse's align_date_content_costs_many_to_one. Each system date is aligned
  to the reference date of least cost (1 - 1/(days apart + 1)) x (1 - content similarity), and each
  reference date to the system date of least cost; n-gram matches of aligned dates count 1/(days
  apart + 1); precision and recall are summed over dates (micro), then F1.
Tokens and stems are rouge-score's (Porter stemmer, stop words kept); the content similarity of
the alignment is rouge-score's ROUGE-1 F1. Scores are therefore close to, not equal to, those of
the Perl ROUGE that papers report.

Baselines, in the same run: the K publication days with most articles, each with the first
sentences of its first N articles; K random publication days (seed 0), the same way.

Then the time of a summary of every topic at once (real articles, 2 MB per 300), and of a
synthetic archive of --scale articles (benchmarks/pipeline.py's generator, shorter articles),
with --jobs 2, from a cold cache and again from the warm one.

    python benchmarks/summarize.py
    python benchmarks/summarize.py --data ../shared/data/timeline17 --scale 1000
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from rouge_score import rouge_scorer, tokenizers

import timeline

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "timeline17"
SEPARATOR = "-" * 32
RANDOM_SEED = 0

Timeline = dict[dt.date, list[str]]


def read_reference(path: Path) -> Timeline:
    """A reference timeline: a date line, its sentences, a separator; a date may come back later.
    An entry whose date line is no date (MJ_bbc has '2011-04-0') is left out, and said so."""
    timeline_: Timeline = defaultdict(list)
    day: dt.date | None = None
    skipping = False
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith(SEPARATOR):
            day, skipping = None, False
        elif skipping:
            continue
        elif day is None:
            try:
                day = dt.date.fromisoformat(line)
            except ValueError:
                print(f"{path}: '{line}' is not a date; its entry is left out", file=sys.stderr)
                skipping = True
        else:
            timeline_[day].append(line)
    return dict(timeline_)


def _first_sentences(folder: Path, count: int) -> list[str]:
    """The first sentence (line) of each of the first COUNT articles of a day's folder."""
    sentences = []
    for article in sorted(folder.glob("*.txt")):
        lines = [line.strip() for line in article.read_text(encoding="utf-8", errors="replace").splitlines()]
        first = next((line for line in lines if line), None)
        if first:
            sentences.append(first)
        if len(sentences) == count:
            break
    return sentences


def publication_baselines(inputs: Path, dates: int, sentences: int) -> tuple[Timeline, Timeline]:
    """(the busiest publication days, random publication days), each with its first sentences."""
    days = {dt.date.fromisoformat(folder.name): folder for folder in inputs.iterdir() if folder.is_dir()}
    busiest = sorted(days, key=lambda day: (-len(list(days[day].glob("*.txt"))), day))[:dates]
    chosen = random.Random(RANDOM_SEED).sample(sorted(days), min(dates, len(days)))
    return ({day: _first_sentences(days[day], sentences) for day in busiest},
            {day: _first_sentences(days[day], sentences) for day in chosen})


class Scorer:
    def __init__(self) -> None:
        self.rouge = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
        self.tokenizer = tokenizers.DefaultTokenizer(use_stemmer=True)

    def ngrams(self, sentences: Sequence[str], n: int) -> Counter:
        counts: Counter = Counter()
        for sentence in sentences:
            tokens = self.tokenizer.tokenize(sentence)
            counts.update(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
        return counts

    def concat(self, system: Timeline, reference: Timeline) -> dict[str, float]:
        scores = self.rouge.score(" ".join(s for day in sorted(reference) for s in reference[day]),
                                  " ".join(s for day in sorted(system) for s in system[day]))
        return {"rouge1": scores["rouge1"].fmeasure, "rouge2": scores["rouge2"].fmeasure}

    def aligned(self, system: Timeline, reference: Timeline) -> dict[str, float]:
        system_days, reference_days = sorted(system), sorted(reference)
        similarity = {
            (s, r): self.rouge.score(" ".join(reference[r]), " ".join(system[s]))["rouge1"].fmeasure
            for s in system_days for r in reference_days
        }

        def cost(s: dt.date, r: dt.date) -> float:
            return (1 - 1 / (abs((s - r).days) + 1)) * (1 - similarity[(s, r)])

        results = {}
        for name, n in (("rouge1", 1), ("rouge2", 2)):
            system_grams = {day: self.ngrams(system[day], n) for day in system_days}
            reference_grams = {day: self.ngrams(reference[day], n) for day in reference_days}
            precision_matched = sum(
                self._weighted_overlap(s, min(reference_days, key=lambda r, s=s: (cost(s, r), r)),
                                       system_grams, reference_grams) for s in system_days)
            recall_matched = sum(
                self._weighted_overlap(min(system_days, key=lambda s, r=r: (cost(s, r), s)), r,
                                       system_grams, reference_grams) for r in reference_days)
            precision_total = sum(sum(grams.values()) for grams in system_grams.values())
            recall_total = sum(sum(grams.values()) for grams in reference_grams.values())
            precision = precision_matched / precision_total if precision_total else 0.0
            recall = recall_matched / recall_total if recall_total else 0.0
            results[name] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return results

    @staticmethod
    def _weighted_overlap(s: dt.date, r: dt.date, system_grams: dict, reference_grams: dict) -> float:
        overlap = system_grams[s] & reference_grams[r]
        return sum(overlap.values()) / (abs((s - r).days) + 1)


def date_f1(system: Timeline, reference: Timeline) -> float:
    matched = len(set(system) & set(reference))
    if not matched:
        return 0.0
    precision, recall = matched / len(system), matched / len(reference)
    return 2 * precision * recall / (precision + recall)


METRICS = ("date F1", "concat R1", "concat R2", "aligned R1", "aligned R2")


def evaluate(scorer: Scorer, system: Timeline, reference: Timeline) -> dict[str, float]:
    concat, aligned = scorer.concat(system, reference), scorer.aligned(system, reference)
    return {"date F1": date_f1(system, reference),
            "concat R1": concat["rouge1"], "concat R2": concat["rouge2"],
            "aligned R1": aligned["rouge1"], "aligned R2": aligned["rouge2"]}


def system_timeline(inputs: Path, out: Path, dates: int, sentences: int, jobs: int) -> tuple[Timeline, float]:
    started = time.perf_counter()
    result = timeline.summarize([inputs], out=out, dates=dates, sentences=sentences, formats="none",
                                jobs=jobs)
    seconds = time.perf_counter() - started
    return {date.day: [s.text for s in date.sentences] for date in result.timeline_summary.dates}, seconds


def timed_twice(inputs: list[Path], out: Path, jobs: int, label: str) -> None:
    """A summary (default K and N) from a cold cache, then again from the warm one."""
    times = []
    for _ in range(2):
        started = time.perf_counter()
        result = timeline.summarize(inputs, out=out, formats="none", jobs=jobs)
        times.append(time.perf_counter() - started)
    read = sum(1 for article in result.articles if not article.errors)
    print(f"{label}: {read} articles, --jobs {jobs}: {times[0]:.1f} s from a cold cache "
          f"({read / times[0]:.0f} articles/s), {times[1]:.1f} s from the warm one "
          f"({len(result.timeline_summary.dates)} dates)")


def scale(count: int, jobs: int, work: Path, topics: list[Path]) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from pipeline import DEFAULT_DATA as TEMPEVAL
    from pipeline import DEFAULT_SEEDS, base_texts, write_corpus

    print()
    timed_twice([topic / "InputDocs" for topic in topics], work / "topics-out", jobs, "every topic at once")
    corpus = write_corpus(work, count, base_texts(TEMPEVAL, DEFAULT_SEEDS))
    timed_twice([corpus], work / "scale-out", jobs, "synthetic archive")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the Timeline17 folder")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--scale", type=int, default=1000, help="articles of the timing run (0: none)")
    arguments = parser.parse_args()
    topics = sorted(path for path in arguments.data.iterdir() if (path / "InputDocs").is_dir())
    if not topics:
        print(f"no topic under {arguments.data}", file=sys.stderr)
        return 1
    scorer = Scorer()
    table: dict[str, list[dict[str, float]]] = defaultdict(list)
    with tempfile.TemporaryDirectory(prefix="timeline-summarize-") as folder:
        work = Path(folder)
        header = " ".join(f"{name:>10}" for name in METRICS)
        print(f"{'topic':<12} {'system':<10} {header}   K  N  seconds")
        for topic in topics:
            for reference_file in sorted((topic / "timelines").glob("*.txt")):
                reference = read_reference(reference_file)
                dates = len(reference)
                sentences = round(statistics.mean(len(lines) for lines in reference.values()))
                ours, seconds = system_timeline(topic / "InputDocs", work / topic.name, dates, sentences,
                                                arguments.jobs)
                busiest, randomly = publication_baselines(topic / "InputDocs", dates, sentences)
                for name, system in (("timeline", ours), ("busiest", busiest), ("random", randomly)):
                    scores = evaluate(scorer, system, reference)
                    table[name].append(scores)
                    shown = f"{seconds:8.1f}" if name == "timeline" else ""
                    print(f"{topic.name:<12} {name:<10} " + " ".join(f"{scores[m]:>10.3f}" for m in METRICS)
                          + f" {dates:>3} {sentences:>2} {shown}")
        for name, rows in table.items():
            print(f"{'mean':<12} {name:<10} "
                  + " ".join(f"{statistics.mean(row[m] for row in rows):>10.3f}" for m in METRICS))
        if arguments.scale:
            scale(arguments.scale, arguments.jobs, work, topics)
    return 0


if __name__ == "__main__":
    sys.exit(main())
