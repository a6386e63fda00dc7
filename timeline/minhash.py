"""MinHash signatures and their LSH banding, in numpy (see timeline.duplicates for what they are for).

Signing runs once per article, in the workers; the banding of a large collection runs in the main
process. Kept apart from timeline.duplicates so that a small build, which bands in plain Python,
never imports numpy.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Sequence

import numpy as np

from timeline.duplicates import (
    LARGE_RUN,
    LSH_BANDS,
    LSH_ROWS,
    MIN_ESTIMATED_SIMILARITY,
    NEIGHBOURS,
    NUM_PERMUTATIONS,
)

SIGNATURE_TYPE = np.uint32
_SEED = 1
_PAIRS_PER_SLICE = 8192


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


def minhash_bytes(shingle_set: set[bytes]) -> bytes:
    """The MinHash signature of a non-empty set of shingles as NUM_PERMUTATIONS 32-bit values: the
    values datasketch's MinHash gives, computed in one numpy expression without a MinHash object
    (which cost a millisecond an article, a fifth of the per-article work)."""
    hashes = np.fromiter(map(zlib.crc32, shingle_set), dtype=SIGNATURE_TYPE, count=len(shingle_set))
    multipliers, offsets = _permutations()
    # uint32 arithmetic wraps around: the permutations are affine maps modulo 2**32.
    return (_mixed(hashes)[:, None] * multipliers + offsets).min(axis=0).tobytes()


def pairs_in_runs(order: np.ndarray, keys: np.ndarray, matrix: np.ndarray) -> np.ndarray:
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


def candidate_pairs_in_numpy(signatures: Sequence[bytes]) -> list[tuple[int, int]]:
    """`timeline.duplicates.candidate_pairs_of_signatures` for a large collection: per band, the
    rows sorted by the band's values and the runs of equal values paired."""
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
        found.append(pairs_in_runs(np.argsort(keys, kind="stable").astype(np.int64), keys, matrix))
    # Sorted, then each pair once: np.unique would give the same, but numpy 2.4 takes its hashing
    # path for integers, 40x slower than a sort on the millions of band collisions of a large archive.
    pairs = np.sort(np.concatenate(found))
    pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))] if len(pairs) else pairs
    kept = [np.empty(0, dtype=np.int64)]
    # In slices: the two rows of every pair side by side would take 1 kB a pair at once.
    for start in range(0, len(pairs), _PAIRS_PER_SLICE):
        chunk = pairs[start:start + _PAIRS_PER_SLICE]
        first, second = chunk >> 32, chunk & 0xFFFFFFFF
        # np.take and a byte sum: twice as fast as fancy indexing and count_nonzero on the millions
        # of candidate pairs of a large archive's cached build.
        equal = np.take(matrix, first, axis=0) == np.take(matrix, second, axis=0)
        similarity = equal.view(np.uint8).sum(axis=1, dtype=np.uint16) / NUM_PERMUTATIONS
        kept.append(chunk[similarity >= MIN_ESTIMATED_SIMILARITY])
    close = np.concatenate(kept)
    return list(zip(positions[close >> 32].tolist(), positions[close & 0xFFFFFFFF].tolist(), strict=True))
