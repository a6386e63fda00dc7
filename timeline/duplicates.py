"""Near-duplicate articles: the same story syndicated, re-translated or lightly edited.

Each article's main story is cut into word pairs (2-shingles); MinHash signatures of those sets go
into a locality-sensitive hash index (datasketch), which proposes candidate pairs in time linear in
the number of articles, never comparing all pairs. Each candidate is then verified on the texts
with rapidfuzz. Word pairs separate a re-translation from a different story on the same topic
well: the seeds' re-translated pair shares 37% of its word pairs (pairs of function words such as
"of the" left out), different stories about the same summit at most 5%, while single words are
shared at 16-21% by any two stories on one topic.
"""

from __future__ import annotations

import functools
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from datasketch import MinHash, MinHashLSH
from rapidfuzz import fuzz

from timeline.model import Article

SHINGLE_WORDS = 2  # shingles are word pairs
NUM_PERMUTATIONS = 128
# The LSH proposes pairs whose estimated word-pair Jaccard similarity is above this; set low so
# that re-translations (0.3-0.4) are not missed; verification below removes the false candidates.
CANDIDATE_THRESHOLD = 0.2
# The LSH index, tuned for recall, also proposes pairs far below its threshold (banding is a soft
# cut); the signatures' own similarity estimate (error about 0.02 at 128 permutations) drops them
# before the costlier text comparison.
MIN_ESTIMATED_SIMILARITY = 0.15
# Verification (rapidfuzz, on the normalised main texts): an edit-distance similarity this high
# (the seeds' re-translation scores 81, distinct stories on one topic 42-44), or a token-set
# similarity this high, which catches a shortened copy wholly contained in a longer one.
MIN_RATIO = 70.0
MIN_TOKEN_SET_RATIO = 92.0
# A story's identity is in its opening; this bounds the work on a huge or concatenated file.
MAX_CHARACTERS = 50_000
_SEED = 1
_WORD = re.compile(r"\w+")


def story_text(article: Article) -> str:
    """The main story of an article (its teasers and page furniture left out), lower-cased words."""
    mains = [article.text[piece.start:piece.end] for piece in article.segments if piece.kind == "main"]
    text = "\n".join(mains) if mains else article.text[article.body_start:]
    return " ".join(_WORD.findall(text[:MAX_CHARACTERS].lower()))


@functools.cache
def function_words() -> frozenset[str]:
    with open(Path(__file__).parent / "resources" / "function_words.txt", encoding="utf-8") as stream:
        return frozenset(line.strip() for line in stream if line.strip() and not line.startswith("#"))


def shingles(words: Sequence[str]) -> set[bytes]:
    """The pairs of consecutive words, except pairs of function words only ("of the")."""
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    common = function_words()
    pairs = zip(words, words[1:], strict=False)
    return {f"{first} {second}".encode() for first, second in pairs
            if first not in common or second not in common}


@functools.cache
def _template() -> MinHash:
    # Its permutations are drawn once from the fixed seed and shared by every signature (drawing
    # them anew for each article was a third of the work).
    return MinHash(num_perm=NUM_PERMUTATIONS, seed=_SEED)


def signature(shingle_set: Iterable[bytes]) -> MinHash:
    # CRC-32 as the base hash: deterministic across runs and machines, and several times faster
    # than datasketch's default SHA-1; the random permutations on top give MinHash its spread.
    template = _template()
    minhash = MinHash(num_perm=NUM_PERMUTATIONS, seed=_SEED, hashfunc=zlib.crc32,
                      permutations=template.permutations, scheme=template.scheme)
    minhash.update_batch(list(shingle_set))  # a minimum: the order does not matter
    return minhash


def same_story(first: str, second: str) -> bool:
    """Whether two normalised story texts are the same story, by rapidfuzz similarities."""
    return (fuzz.ratio(first, second) >= MIN_RATIO
            or fuzz.token_set_ratio(first, second) >= MIN_TOKEN_SET_RATIO)


def _priority(article: Article) -> tuple[int, str, str]:
    """The original of a group is its earliest dated article; ties, and undated ones, by id."""
    return (0, article.date, article.id) if article.date else (1, "", article.id)


def candidate_pairs(texts: Iterable[str]) -> list[tuple[int, int]]:
    """Pairs (i < j) of story texts whose word-pair sets the MinHash LSH index finds similar and
    whose MinHash similarity estimate is at least MIN_ESTIMATED_SIMILARITY.

    Each text is hashed once and looked up once: the work grows with the number of texts (and of
    true near-duplicates), not with the number of pairs."""
    index = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERMUTATIONS)
    signatures: dict[int, MinHash] = {}
    pairs: list[tuple[int, int]] = []
    for position, text in enumerate(texts):
        shingle_set = shingles(text.split())
        if not shingle_set:
            continue
        signatures[position] = signature(shingle_set)
        pairs.extend(
            (other, position) for other in sorted(index.query(signatures[position]))
            if signatures[position].jaccard(signatures[other]) >= MIN_ESTIMATED_SIMILARITY
        )
        index.insert(position, signatures[position])
    return sorted(pairs)


def find_duplicate_groups(articles: Sequence[Article]) -> list[list[int]]:
    """Groups (of two or more indices into ARTICLES) of articles that tell the same story."""
    # The story texts are made twice, for the signatures and again for the few candidates,
    # rather than held all at once: on a large archive they were as big as the articles.
    texts = (story_text(article) if not article.errors else "" for article in articles)
    pairs = candidate_pairs(texts)
    text_of = functools.lru_cache(maxsize=1024)(lambda position: story_text(articles[position]))
    parent = list(range(len(articles)))

    def root(position: int) -> int:
        while parent[position] != position:
            parent[position] = parent[parent[position]]
            position = parent[position]
        return position

    for first, second in pairs:
        if root(first) != root(second) and same_story(text_of(first), text_of(second)):
            parent[max(root(first), root(second))] = min(root(first), root(second))
    groups: dict[int, list[int]] = {}
    for position in range(len(articles)):
        groups.setdefault(root(position), []).append(position)
    return [members for _, members in sorted(groups.items()) if len(members) > 1]


def mark_duplicates(articles: Sequence[Article]) -> list[Article]:
    """The articles, in the same order, each near-duplicate with `duplicate_of` set to its group's
    original (the earliest dated member, else the first by id)."""
    marked = list(articles)
    for members in find_duplicate_groups(articles):
        original = min(members, key=lambda position: _priority(articles[position]))
        for position in members:
            if position != original:
                marked[position] = replace(articles[position], duplicate_of=articles[original].id)
    return marked
