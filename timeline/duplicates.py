"""Near-duplicate articles: the same story syndicated, re-translated or lightly edited.

Each article's main story is cut into word pairs (2-shingles); MinHash signatures of those sets go
into a locality-sensitive hash index (datasketch), which proposes candidate pairs in time linear in
the number of articles, never comparing all pairs. Each candidate is then verified on the texts
with rapidfuzz. Word pairs separate a re-translation from a different story on the same topic
well: the seeds' re-translated pair shares 38% of its word pairs, different stories about the same
summit at most 6%, while single words are shared at 16-21% by any two stories on one topic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from datasketch import MinHash, MinHashLSH
from rapidfuzz import fuzz

from timeline.model import Article

SHINGLE_WORDS = 2
NUM_PERMUTATIONS = 128
# The LSH proposes pairs whose estimated word-pair Jaccard similarity is above this; set low so
# that re-translations (0.3-0.4) are not missed; verification below removes the false candidates.
CANDIDATE_THRESHOLD = 0.2
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


def shingles(words: Sequence[str], size: int = SHINGLE_WORDS) -> set[bytes]:
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[index:index + size]).encode() for index in range(len(words) - size + 1)}


def signature(shingle_set: Iterable[bytes]) -> MinHash:
    minhash = MinHash(num_perm=NUM_PERMUTATIONS, seed=_SEED)
    minhash.update_batch(sorted(shingle_set))
    return minhash


def same_story(first: str, second: str) -> bool:
    """Whether two normalised story texts are the same story, by rapidfuzz similarities."""
    return (fuzz.ratio(first, second) >= MIN_RATIO
            or fuzz.token_set_ratio(first, second) >= MIN_TOKEN_SET_RATIO)


def _priority(article: Article) -> tuple[int, str, str]:
    """The original of a group is its earliest dated article; ties, and undated ones, by id."""
    return (0, article.date, article.id) if article.date else (1, "", article.id)


def candidate_pairs(texts: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs (i < j) of story texts whose word-pair sets the MinHash LSH index finds similar.

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
        pairs.extend((other, position) for other in sorted(index.query(signatures[position])))
        index.insert(position, signatures[position])
    return sorted(pairs)


def find_duplicate_groups(articles: Sequence[Article]) -> list[list[int]]:
    """Groups (of two or more indices into ARTICLES) of articles that tell the same story."""
    texts = [story_text(article) if not article.errors else "" for article in articles]
    parent = list(range(len(articles)))

    def root(position: int) -> int:
        while parent[position] != position:
            parent[position] = parent[parent[position]]
            position = parent[position]
        return position

    for first, second in candidate_pairs(texts):
        if root(first) != root(second) and same_story(texts[first], texts[second]):
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
