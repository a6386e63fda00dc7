"""Near-duplicate articles: the same story syndicated, re-translated or lightly edited.

Each article's main story is cut into word pairs (2-shingles); MinHash signatures of those sets
(the values datasketch's MinHash gives, computed in one numpy expression) are banded as
datasketch's MinHashLSH bands them, which proposes candidate pairs in time about linear in the
number of articles, never comparing all pairs. Each candidate is then verified on the texts
with rapidfuzz. Word pairs separate a re-translation from a different story on the same topic
well: the seeds' re-translated pair shares 37% of its word pairs (pairs of function words such as
"of the" left out), different stories about the same summit at most 5%, while single words are
shared at 16-21% by any two stories on one topic.
"""

from __future__ import annotations

import functools
import re
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

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
SIGNATURE_TYPE = np.uint32
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


# MurmurHash3's 32-bit finalizer (shifts and multipliers), which datasketch's "affine32" scheme
# applies to each base hash before its permutations.
_FMIX32 = (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16)


def _mixed(hashes: np.ndarray) -> np.ndarray:
    first_shift, first_multiplier, second_shift, second_multiplier, third_shift = _FMIX32
    hashes = hashes ^ (hashes >> first_shift)
    hashes = hashes * np.uint32(first_multiplier)
    hashes = hashes ^ (hashes >> second_shift)
    hashes = hashes * np.uint32(second_multiplier)
    return hashes ^ (hashes >> third_shift)


@functools.cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The multipliers (odd) and offsets of the NUM_PERMUTATIONS affine permutations, drawn as
    datasketch's MinHash(seed=_SEED) draws them ("affine32" scheme; the tests check they agree).
    Drawn here, because importing datasketch takes half a second (scipy) in every worker."""
    generator = np.random.RandomState(_SEED)
    halves = generator.randint(0, 1 << 31, NUM_PERMUTATIONS, dtype=SIGNATURE_TYPE)
    offsets = generator.randint(0, 1 << 32, NUM_PERMUTATIONS, dtype=SIGNATURE_TYPE)
    return halves * SIGNATURE_TYPE(2) + SIGNATURE_TYPE(1), offsets


def signature_bytes(text: str) -> bytes:
    """The MinHash signature of a normalised story text, compact: NUM_PERMUTATIONS 32-bit values,
    b"" for a text without word pairs. The same values as `signature`, computed in one numpy
    expression without a MinHash object (which cost a millisecond an article, a fifth of the
    per-article work); it is what workers send back and the cache keeps: 512 bytes."""
    shingle_set = shingles(text.split())
    if not shingle_set:
        return b""
    hashes = np.fromiter(map(zlib.crc32, shingle_set), dtype=SIGNATURE_TYPE, count=len(shingle_set))
    multipliers, offsets = _permutations()
    # uint32 arithmetic wraps around: the permutations are affine maps modulo 2**32.
    return (_mixed(hashes)[:, None] * multipliers + offsets).min(axis=0).tobytes()


def article_signature(article: Article) -> bytes:
    """The signature of an article's main story (b"" for an unreadable article)."""
    return b"" if article.errors else signature_bytes(story_text(article))


def same_story(first: str, second: str) -> bool:
    """Whether two normalised story texts are the same story, by rapidfuzz similarities."""
    from rapidfuzz import fuzz

    # With a cutoff rapidfuzz may stop as soon as the score cannot reach it (same decision, sooner).
    return (fuzz.ratio(first, second, score_cutoff=MIN_RATIO) >= MIN_RATIO
            or fuzz.token_set_ratio(first, second, score_cutoff=MIN_TOKEN_SET_RATIO) >= MIN_TOKEN_SET_RATIO)


def _priority(article: Article) -> tuple[int, str, str]:
    """The original of a group is its earliest dated article; ties, and undated ones, by id."""
    return (0, article.date, article.id) if article.date else (1, "", article.id)


# The LSH banding for CANDIDATE_THRESHOLD and NUM_PERMUTATIONS: datasketch's optimal choice
# (`datasketch.lsh._optimal_param`, which the tests check), written out because computing it imports
# scipy, most of a cached build's start-up.
LSH_BANDS = 28
LSH_ROWS = 2
_PAIRS_PER_SLICE = 8192
# Runs of equal band values longer than this are paired by neighbourhood (see _pairs_in_runs).
LARGE_RUN = 100
NEIGHBOURS = 8


def _pairs_in_runs(order: np.ndarray, keys: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """The pairs (i < j) of rows whose KEYS are equal, given ORDER that sorts KEYS; as i * 2**32 + j.

    Each row is paired with the rows after it in its run of equal keys, all runs at once. A run of
    more than LARGE_RUN rows is a band value common to a large part of the archive (a frequent
    word pair that holds the minimum for unrelated stories): all its pairs would grow with the
    square of the archive. Its rows are put in the order of their whole signatures, which brings
    near-identical ones together (a story syndicated a hundred times), and each is paired with
    the NEIGHBOURS rows after it; the groups of copies are then joined through these pairs."""
    order = order.copy()
    ordered = keys[order]
    run_start = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    run_end = np.append(run_start[1:], len(ordered))
    lengths = run_end - run_start
    # For sorted place k: the places after it in its run, k + 1 .. end - 1.
    ends = np.repeat(run_end, lengths)
    later = ends - np.arange(len(ordered)) - 1
    for start, end in zip(run_start[lengths > LARGE_RUN].tolist(), run_end[lengths > LARGE_RUN].tolist(),
                          strict=True):
        members = order[start:end]
        order[start:end] = members[np.lexsort(matrix[members].T[::-1])]
        later[start:end] = np.minimum(later[start:end], NEIGHBOURS)
    total = int(later.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    first_place = np.repeat(np.arange(len(ordered)), later)
    step = np.arange(total) - np.repeat(np.cumsum(later) - later, later)
    first, second = order[first_place], order[first_place + 1 + step]
    return np.minimum(first, second) << 32 | np.maximum(first, second)


def candidate_pairs_of_signatures(signatures: Sequence[bytes]) -> list[tuple[int, int]]:
    """Pairs (i < j) of positions whose signatures (`signature_bytes`; b"" is no signature) share an
    LSH band and whose MinHash similarity estimate is at least MIN_ESTIMATED_SIMILARITY.

    The banding of datasketch's MinHashLSH, done over all signatures at once: per band, the rows
    sorted by the band's values and the runs of equal values paired. Cost: a sort per band, plus
    the pairs found; never all pairs."""
    positions = np.array([position for position, value in enumerate(signatures) if value], dtype=np.int64)
    if len(positions) < 2:
        return []
    matrix = np.frombuffer(b"".join(signatures[position] for position in positions.tolist()),
                           dtype=SIGNATURE_TYPE).reshape(len(positions), NUM_PERMUTATIONS)
    rows = LSH_ROWS
    found = []
    for band in range(LSH_BANDS):
        # A band's values, one row each, as one comparable key: equal keys are equal bands.
        block = np.ascontiguousarray(matrix[:, band * rows:(band + 1) * rows])
        keys = block.view(np.uint64 if rows == 2 else f"V{rows * 4}").ravel()
        found.append(_pairs_in_runs(np.argsort(keys, kind="stable").astype(np.int64), keys, matrix))
    # Sorted, then each pair once: np.unique would give the same, but numpy 2.4 takes its hashing
    # path for integers, 40x slower than a sort on the millions of band collisions of a large archive.
    pairs = np.sort(np.concatenate(found))
    pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))] if len(pairs) else pairs
    kept = [np.empty(0, dtype=np.int64)]
    # In slices: the two rows of every pair side by side would take 1 kB a pair at once.
    for start in range(0, len(pairs), _PAIRS_PER_SLICE):
        chunk = pairs[start:start + _PAIRS_PER_SLICE]
        first, second = chunk >> 32, chunk & 0xFFFFFFFF
        similarity = np.count_nonzero(matrix[first] == matrix[second], axis=1) / NUM_PERMUTATIONS
        kept.append(chunk[similarity >= MIN_ESTIMATED_SIMILARITY])
    close = np.concatenate(kept)
    return list(zip(positions[close >> 32].tolist(), positions[close & 0xFFFFFFFF].tolist(), strict=True))


def candidate_pairs(texts: Iterable[str]) -> list[tuple[int, int]]:
    """Pairs (i < j) of story texts whose word-pair sets the LSH index finds similar and whose
    MinHash similarity estimate is at least MIN_ESTIMATED_SIMILARITY."""
    return candidate_pairs_of_signatures([signature_bytes(text) for text in texts])


def duplicate_groups(
    signatures: Sequence[bytes], story_text_at: Callable[[int], str],
    pairs: Sequence[tuple[int, int]] | None = None, verdicts: dict[tuple[int, int], bool] | None = None,
) -> list[list[int]]:
    """Groups (of two or more positions) of articles that tell the same story, from their
    signatures; `story_text_at(position)` gives the story text of a candidate to verify.

    PAIRS: the candidates, when the caller computed them already (`candidate_pairs_of_signatures`).
    VERDICTS: the verifications known already, by pair (from the cache); new ones are added to it."""
    if pairs is None:
        pairs = candidate_pairs_of_signatures(signatures)
    if verdicts is None:
        verdicts = {}
    text_of = functools.lru_cache(maxsize=1024)(story_text_at)
    parent = list(range(len(signatures)))

    def root(position: int) -> int:
        while parent[position] != position:
            parent[position] = parent[parent[position]]
            position = parent[position]
        return position

    for first, second in pairs:
        if root(first) == root(second):
            continue
        if (first, second) not in verdicts:
            verdicts[first, second] = same_story(text_of(first), text_of(second))
        if verdicts[first, second]:
            parent[max(root(first), root(second))] = min(root(first), root(second))
    groups: dict[int, list[int]] = {}
    for first, second in pairs:
        for position in (first, second):
            groups.setdefault(root(position), []).append(position)
    return [sorted(set(members)) for _, members in sorted(groups.items()) if len(set(members)) > 1]


def find_duplicate_groups(articles: Sequence[Article]) -> list[list[int]]:
    """Groups (of two or more indices into ARTICLES) of articles that tell the same story."""
    # The story texts are made twice, for the signatures and again for the few candidates,
    # rather than held all at once: on a large archive they were as big as the articles.
    signatures = [article_signature(article) for article in articles]
    return duplicate_groups(signatures, lambda position: story_text(articles[position]))


def originals(articles: Sequence[Article], groups: Iterable[list[int]]) -> dict[int, str]:
    """For each near-duplicate in GROUPS (positions into ARTICLES), the id of its group's original
    (the earliest dated member, else the first by id)."""
    found: dict[int, str] = {}
    for members in groups:
        original = min(members, key=lambda position: _priority(articles[position]))
        found.update((position, articles[original].id) for position in members if position != original)
    return found


def mark_duplicates(articles: Sequence[Article]) -> list[Article]:
    """The articles, in the same order, each near-duplicate with `duplicate_of` set to its group's
    original (the earliest dated member, else the first by id)."""
    marked = list(articles)
    for position, original in originals(articles, find_duplicate_groups(articles)).items():
        marked[position] = replace(articles[position], duplicate_of=original)
    return marked
