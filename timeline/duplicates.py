"""Near-duplicate articles: the same story syndicated, re-translated or lightly edited.

Each article's main story is cut into word pairs (2-shingles); MinHash signatures of those sets
(the values datasketch's MinHash gives, computed in numpy: timeline/minhash.py) are banded as
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
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from timeline.model import Article, Event

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


def signature_bytes(text: str) -> bytes:
    """The MinHash signature of a normalised story text, compact: NUM_PERMUTATIONS 32-bit values,
    b"" for a text without word pairs (see `timeline.minhash`). It is what workers send back and
    the cache keeps: 512 bytes."""
    shingle_set = shingles(text.split())
    if not shingle_set:
        return b""
    from timeline.minhash import minhash_bytes

    return minhash_bytes(shingle_set)


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
# Runs of equal band values longer than this are paired by neighbourhood (see minhash.pairs_in_runs).
LARGE_RUN = 100
NEIGHBOURS = 8


# Below this many signatures the banding is done in plain Python: importing numpy would take
# longer than the banding itself, and a small build served from the cache needs numpy for nothing else.
PYTHON_BANDING_BELOW = 3000


def candidate_pairs_of_signatures(signatures: Sequence[bytes]) -> list[tuple[int, int]]:
    """Pairs (i < j) of positions whose signatures (`signature_bytes`; b"" is no signature) share an
    LSH band and whose MinHash similarity estimate is at least MIN_ESTIMATED_SIMILARITY, in order.

    The banding of datasketch's MinHashLSH, done over all signatures at once: per band, the rows
    with equal values grouped and the groups paired (a group of more than LARGE_RUN rows by
    neighbourhood, see `timeline.minhash.pairs_in_runs`). Cost: one pass (or sort) per band, plus
    the pairs found; never all pairs."""
    signed = sum(1 for value in signatures if value)
    if signed < 2:
        return []
    if signed < PYTHON_BANDING_BELOW:
        return _candidate_pairs_in_python(signatures)
    from timeline.minhash import candidate_pairs_in_numpy

    return candidate_pairs_in_numpy(signatures)


_VALUE_BYTES = 4  # a signature is NUM_PERMUTATIONS 32-bit values
# For counting the equal values of two signatures at once, as lanes of one integer (see _equal_values).
_LOW_BITS = int.from_bytes(b"\xff\xff\xff\x7f" * NUM_PERMUTATIONS, "little")
_HIGH_BITS = int.from_bytes(b"\x00\x00\x00\x80" * NUM_PERMUTATIONS, "little")


def _equal_values(first: int, second: int) -> int:
    """How many of the 32-bit values of two signatures (each read as one integer) are equal.

    The values that differ are the non-zero lanes of first ^ second; adding 0x7fffffff to a lane's
    low 31 bits carries into its top bit iff they are not all zero, and never into the next lane."""
    differences = first ^ second
    nonzero = (((differences & _LOW_BITS) + _LOW_BITS) | differences) & _HIGH_BITS
    return NUM_PERMUTATIONS - nonzero.bit_count()


def _candidate_pairs_in_python(signatures: Sequence[bytes]) -> list[tuple[int, int]]:
    """`candidate_pairs_of_signatures` without numpy: the same pairs (the tests compare them)."""
    positions = [position for position, value in enumerate(signatures) if value]
    width = LSH_ROWS * _VALUE_BYTES
    found: set[tuple[int, int]] = set()
    for band in range(LSH_BANDS):
        start = band * width
        runs: dict[bytes, list[int]] = {}
        for row, position in enumerate(positions):
            runs.setdefault(signatures[position][start:start + width], []).append(row)
        for run in runs.values():
            if len(run) > LARGE_RUN:
                # As in numpy: the rows in the order of their whole signatures (as 32-bit values),
                # each paired with the NEIGHBOURS after it.
                run = sorted(run, key=lambda row: array("I", signatures[positions[row]]))
                for place, first in enumerate(run):
                    found.update((min(first, second), max(first, second))
                                 for second in run[place + 1:place + 1 + NEIGHBOURS])
            elif len(run) > 1:
                for place, first in enumerate(run):
                    found.update((first, second) for second in run[place + 1:])
    numbers = [int.from_bytes(signatures[position], "little") for position in positions]
    return [(positions[first], positions[second]) for first, second in sorted(found)
            if _equal_values(numbers[first], numbers[second]) / NUM_PERMUTATIONS >= MIN_ESTIMATED_SIMILARITY]


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



def events_the_original_lacks(events: Iterable[Event], original_text: str) -> tuple[Event, ...]:
    """The events of a near-duplicate dated by a sentence that has no counterpart in its original:
    what the copy adds (a new opening paragraph, an update). They stay, as sources that are not
    independent of the original. A sentence has a counterpart when one of the original's
    sentences is as similar as two copies of a story are (MIN_RATIO: a re-translated sentence
    scores about 80 against its source, an added one about 50)."""
    from rapidfuzz import fuzz, process

    from timeline.events.sentences import split_sentences

    original = original_text[:MAX_CHARACTERS]
    counterparts = [
        original[sentence.start:sentence.end].lower() for sentence in split_sentences(original)
    ]

    def has_counterpart(sentence: str) -> bool:
        found = process.extractOne(sentence.lower(), counterparts, scorer=fuzz.ratio, score_cutoff=MIN_RATIO)
        return found is not None

    return tuple(
        event for event in events if not all(has_counterpart(source.text) for source in event.sources)
    )
