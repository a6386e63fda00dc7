"""Near-duplicate detection at scale: time, candidate pairs, recall and precision on planted copies.

    .venv/bin/python benchmarks/near_duplicates.py [ARTICLES]    (default 20000)

Generates ARTICLES synthetic stories of 400 words, shaped like English news: 45% function words
("the", "of", "said"), the rest drawn from a Zipf-like vocabulary of 30,000 content words. Plants
one lightly edited copy (a tenth of its words changed) of every hundredth story, then runs
timeline.duplicates over them all and prints the figures.
"""

from __future__ import annotations

import itertools
import random
import sys
import time

from timeline.duplicates import candidate_pairs, function_words, mark_duplicates
from timeline.model import Article, Segment

WORDS_PER_STORY = 400
VOCABULARY = 30_000
FUNCTION_WORD_SHARE = 0.45
EDIT_SHARE = 0.1
COPY_EVERY = 100


def _stories(count: int, generator: random.Random) -> tuple[list[str], set[tuple[int, int]]]:
    vocabulary = [f"w{number}" for number in range(VOCABULARY)]
    weights = [1 / (rank + 1) for rank in range(VOCABULARY)]
    common = sorted(function_words())
    cumulative = list(itertools.accumulate(weights))
    texts = []
    for _ in range(count):
        content = generator.choices(vocabulary, cum_weights=cumulative, k=WORDS_PER_STORY)
        texts.append(
            " ".join(
                generator.choice(common) if generator.random() < FUNCTION_WORD_SHARE else word
                for word in content
            )
        )
    planted = set()
    for original in range(0, count, COPY_EVERY):
        words = texts[original].split()
        for position in generator.sample(range(len(words)), int(len(words) * EDIT_SHARE)):
            words[position] = generator.choice(vocabulary)
        planted.add((original, len(texts)))
        texts.append(" ".join(words))
    return texts, planted


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    texts, planted = _stories(count, random.Random(1))
    articles = [
        Article(f"{index:06d}", f"{index:06d}", text, segments=(Segment(0, len(text), "main"),))
        for index, text in enumerate(texts)
    ]
    started = time.perf_counter()
    pairs = candidate_pairs(texts)
    candidates_seconds = time.perf_counter() - started
    started = time.perf_counter()
    marked = mark_duplicates(articles)
    total_seconds = time.perf_counter() - started
    found = {
        (int(article.duplicate_of), index) for index, article in enumerate(marked) if article.duplicate_of
    }
    all_pairs = len(texts) * (len(texts) - 1) // 2
    print(
        f"articles: {len(texts)} ({len(planted)} planted near-duplicates, {EDIT_SHARE:.0%} of words edited)"
    )
    print(f"candidate pairs from LSH: {len(pairs)} of {all_pairs} possible ({len(pairs) / all_pairs:.2e})")
    print(
        f"candidates: {candidates_seconds:.1f} s; mark_duplicates in all: {total_seconds:.1f} s "
        f"({len(texts) / total_seconds:.0f} articles/s)"
    )
    print(f"recall: {len(found & planted)}/{len(planted)}; false duplicates: {len(found - planted)}")


if __name__ == "__main__":
    main()
