"""Speed and memory of what follows and what makes the per-article analyses, each part alone.

The first run reads a corpus (a folder, e.g. one `benchmarks/pipeline.py` built), analyses every
article once and pickles the articles and their analyses into --store; later runs load them from
there, so the figures are of the merge, the writers and the analysis only, not of reading.

It prints, in CPU time per article: analyse_article and its parts (sentences, tagger, mentions, events) on the
first --sample articles, merge_analyses, the writers (events.json, articles.json, the graph as
GraphML and node-link JSON) and the memory the analyses take once loaded (tracemalloc).

    python benchmarks/merge.py --corpus /tmp/bench-s2/corpus-v5-5000 --store /tmp/s2/analyses-5000.pickle
    python benchmarks/merge.py --store /tmp/s2/analyses-5000.pickle --save /tmp/s2/golden-5000
    python benchmarks/merge.py --store /tmp/s2/analyses-5000.pickle --check /tmp/s2/golden-5000

--save writes events.json, articles.json, graph.graphml and graph.json as the current code makes them
from the stored analyses; --check compares the current code's with them, byte for byte, and
re-analyses the --sample articles to compare their events with the stored ones.

--scale K prints only the merge of K copies of the stored analyses (copy k with its ids prefixed
"k/" and its dates moved 400 k days on, so that copies do not merge), each loaded from its own
pickle: CPU time of the merge per article, and the peak resident memory of the process through
the merge and events.json, which is what the main process of a build of K times N articles holds:

    python benchmarks/merge.py --store /tmp/s2/analyses-5000.pickle --scale 20
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import pickle
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from timeline.documents import read_articles
from timeline.duplicates import mark_duplicates
from timeline.events import _day, _stretches, analyse_article, tag_stretch
from timeline.events.entities import find_mentions
from timeline.events.extraction import extract_events
from timeline.events.merge import merge_analyses
from timeline.events.sentences import split_sentences
from timeline.graph import build_graph
from timeline.writers.articles_json import write_articles_json
from timeline.writers.atomic import dumps_json
from timeline.writers.events_json import write_events_json
from timeline.writers.graph_json import node_link
from timeline.writers.graphml import graphml_text

# CPU time of this process, not wall time: the machine is shared, and waiting for a core is not
# what is measured here (the writers' file system time is left out too).
_clock = time.process_time


def _collect(corpus: Path, store: Path) -> None:
    articles = mark_duplicates(list(read_articles([corpus])))
    started = _clock()
    analyses = [analyse_article(article) for article in sorted(articles, key=lambda a: a.id)]
    print(f"analysed {len(analyses)} articles in {_clock() - started:.1f} s", file=sys.stderr)
    with store.open("wb") as stream:
        pickle.dump(articles, stream, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(analyses, stream, protocol=pickle.HIGHEST_PROTOCOL)


def _load(store: Path) -> tuple[list, list]:
    with store.open("rb") as stream:
        return pickle.load(stream), pickle.load(stream)


def _one_by_one(analyses: list) -> tuple[float, int, list]:
    """Seconds and bytes to load the analyses each from its own pickle, as they come from the
    cache or a worker's pipe, and the loaded analyses."""
    pickles = [pickle.dumps(analysis, protocol=pickle.HIGHEST_PROTOCOL) for analysis in analyses]
    seconds, _ = _best(lambda: [pickle.loads(data) for data in pickles], 3)
    gc.collect()
    tracemalloc.start()  # after the timing: it slows every allocation down
    loaded = [pickle.loads(data) for data in pickles]
    gc.collect()
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, held, loaded


def _fingerprint(analysis: Any) -> tuple:
    """All an analysis holds, the events' `extra` too (Event equality leaves it out)."""
    return analysis, tuple(event.extra for event in analysis.events)


def _best(function: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The fastest of REPEAT runs, in seconds, and what the last returned."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = _clock()
        result = function()
        best = min(best, _clock() - started)
    return best, result


def _analysis_parts(articles: list) -> dict[str, float]:
    """Seconds spent in each part of analyse_article over ARTICLES."""
    parts = {"sentences": 0.0, "tagger": 0.0, "mentions": 0.0, "events": 0.0}
    for article in articles:
        text = article.text
        sentences, expressions, reference_dates = [], [], []
        for stretch in _stretches(article):
            started = _clock()
            sentences.extend(split_sentences(text, stretch.start, stretch.end))
            middle = _clock()
            expressions.extend(tag_stretch(text, stretch.start, stretch.end, stretch.reference))
            parts["sentences"] += middle - started
            parts["tagger"] += _clock() - middle
            reference_dates.append((stretch.start, stretch.end, _day(stretch.reference)))
        started = _clock()
        entities = find_mentions(text, sentences)
        middle = _clock()
        extract_events(article.id, text, sentences, expressions, entities.mentions, reference_dates)
        parts["mentions"] += middle - started
        parts["events"] += _clock() - middle
    return parts


def _written(writer: Callable[[Any, Path], None], records: Any, path: Path) -> bytes:
    writer(records, path)
    return path.read_bytes()


def _outputs(analyses: list, articles: list, folder: Path) -> dict[str, tuple[float, bytes]]:
    """Seconds and bytes of each stage after the analyses: merge, then each file written."""
    timings: dict[str, tuple[float, bytes]] = {}
    seconds, events = _best(lambda: merge_analyses(analyses), 3)
    timings["merge_analyses"] = (seconds, b"")
    metadata = [replace(article, text="") for article in articles]
    seconds, data = _best(lambda: _written(write_events_json, events, folder / "events.json"), 3)
    timings["events.json"] = (seconds, data)
    seconds, data = _best(lambda: _written(write_articles_json, metadata, folder / "articles.json"), 3)
    timings["articles.json"] = (seconds, data)
    seconds, graph = _best(lambda: build_graph(events, metadata), 3)
    timings["build_graph"] = (seconds, b"")
    seconds, data = _best(lambda: graphml_text(graph).encode("utf-8"), 1)
    timings["graph.graphml"] = (seconds, data)
    seconds, data = _best(lambda: dumps_json(node_link(graph)).encode("utf-8"), 3)
    timings["graph.json"] = (seconds, data)
    return timings


def _copy(analysis: Any, copy: int) -> Any:
    """ANALYSIS as another article's: ids prefixed with COPY, dates moved 400 days per copy."""
    article_id, moved = f"{copy}/{analysis.article_id}", dt.timedelta(days=400 * copy)
    events = tuple(
        replace(event, id=f"{copy}/{event.id}", start_date=event.start_date + moved,
                end_date=event.end_date + moved, after=tuple(f"{copy}/{local}" for local in event.after),
                sources=tuple(replace(source, article=article_id) for source in event.sources))
        for event in analysis.events
    )
    return replace(analysis, article_id=article_id, events=events)


def _scale(store: Path, copies: int) -> None:
    _, analyses = _load(store)
    scaled = [
        pickle.loads(pickle.dumps(_copy(analysis, copy))) for copy in range(copies) for analysis in analyses
    ]
    del analyses
    gc.collect()
    started = _clock()
    events = merge_analyses(scaled)
    seconds = _clock() - started
    with tempfile.TemporaryDirectory() as folder:
        write_events_json(events, Path(folder) / "events.json")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"{len(scaled)} articles, {len(events)} events: merge_analyses {seconds:.1f} s, "
          f"{seconds / len(scaled) * 1000:.4f} ms/article; "
          f"peak RSS through merge and events.json {peak:.0f} MiB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, help="folder to read and analyse when --store is missing")
    parser.add_argument("--store", type=Path, required=True, help="pickle of the articles and analyses")
    parser.add_argument("--sample", type=int, default=500, help="articles to time analyse_article on")
    parser.add_argument("--save", type=Path, help="write the outputs here (golden files)")
    parser.add_argument("--check", type=Path, help="compare the outputs with the golden files here")
    parser.add_argument("--scale", type=int, help="merge this many copies of the analyses, and only that")
    args = parser.parse_args(argv)
    if not args.store.exists():
        if args.corpus is None:
            parser.error(f"{args.store}: no such file; give --corpus to make it")
        _collect(args.corpus, args.store)
    if args.scale:
        _scale(args.store, args.scale)
        return 0
    articles, analyses = _load(args.store)
    seconds, held, analyses = _one_by_one(analyses)
    count = len(analyses)
    events = sum(len(analysis.events) for analysis in analyses)
    print(f"{count} articles, {events} local events; loaded one by one in {seconds / count * 1000:.4f} "
          f"ms/article, they hold {held / 2**20:.1f} MiB ({held / count / 1024:.2f} KiB per article)")

    ordered = sorted((a for a in articles if not a.errors and not a.duplicate_of), key=lambda a: a.id)
    sample = ordered[: args.sample]
    # The first run loads word tables and compiles rare patterns: the timing is the better of two.
    seconds, _ = _best(lambda: [analyse_article(article) for article in sample], 2)
    print(f"analyse_article: {seconds / len(sample) * 1000:.3f} ms/article over {len(sample)}")
    for part, spent in _analysis_parts(sample).items():
        print(f"  {part}: {spent / len(sample) * 1000:.3f} ms/article")

    with tempfile.TemporaryDirectory() as folder:
        timings = _outputs(analyses, articles, Path(folder))
    for name, (seconds, data) in timings.items():
        size = f", {len(data) / 2**20:.1f} MiB" if data else ""
        print(f"{name}: {seconds * 1000:.0f} ms, {seconds / count * 1000:.4f} ms/article{size}")

    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        for name, (_, data) in timings.items():
            if data:
                (args.save / name).write_bytes(data)
    if args.check:
        failures = [name for name, (_, data) in timings.items()
                    if data and (args.check / name).read_bytes() != data]
        stored = {analysis.article_id: _fingerprint(analysis) for analysis in analyses}
        changed = [article.id for article in sample
                   if _fingerprint(analyse_article(article)) != stored[article.id]]
        if changed:
            failures.append(f"events of {len(changed)} articles, first {changed[0]}")
        print("check: " + ("differs: " + ", ".join(failures) if failures else "identical"))
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
