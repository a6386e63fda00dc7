"""The part-of-speech tagger: an averaged perceptron (Collins 2002) in two stacked passes.

A greedy left-to-right tagger needs the previous tag before it can score a word, so it runs one
word at a time in Python. Here the first pass scores every word from word features alone, in one
numpy gather-and-sum over a whole batch of sentences; the second pass adds conjunctions with the
first pass's tags on both sides (previous and next) and scores the batch again. The second pass was
trained on first-pass tags predicted by cross-validation (stacking), so it learnt to correct the
first pass's typical mistakes. Weights: data/tagger.npz, made by `python -m timeline.linguistics.train`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

from timeline.linguistics.features import CODE_NAMES, SECOND_PASS_ONLY, FeatureIndex
from timeline.linguistics.perceptron import scores, string_array, strings_of, write_arrays

MODEL_PATH = Path(__file__).with_name("data") / "tagger.npz"


class Tagger:
    def __init__(self, index: FeatureIndex, first_weights: np.ndarray, second_weights: np.ndarray) -> None:
        self.index = index
        # The two passes' weights side by side in one array: the second pass's features start with
        # all of the first's, so each of those rows is read once for both passes' scores.
        self.weights = np.concatenate([first_weights, second_weights], axis=1)

    @property
    def first_weights(self) -> np.ndarray:
        return self.weights[:, : len(self.index.tags)]

    @property
    def second_weights(self) -> np.ndarray:
        return self.weights[:, len(self.index.tags) :]

    def tag_ids(self, sentences: Sequence[Sequence[str]]) -> np.ndarray:
        """The tag id of every word of the sentences, concatenated."""
        index = self.index
        padded, positions = index.layout(sentences)
        if not len(positions):
            return np.zeros(0, dtype=np.int64)
        # both passes' sums over the first pass's features; then the second pass's go on over its
        # conjunctions with the first pass's tags (the first pass's half is not read again)
        both = scores(self.weights, index.first_pass_rows(padded, positions))
        first = both[:, : len(index.tags)].argmax(axis=1)
        conjunctions = index.conjunction_rows_of(
            padded, positions, index.padded_tags(padded, positions, first), SECOND_PASS_ONLY
        )
        return scores(self.weights, conjunctions, both)[:, len(index.tags) :].argmax(axis=1)

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        ids = self.tag_ids(sentences).tolist()
        names = self.index.tags
        tagged = []
        start = 0
        for words in sentences:
            tagged.append([names[tag] for tag in ids[start : start + len(words)]])
            start += len(words)
        return tagged

    def save(self, path: Path) -> None:
        index = self.index
        arrays = {
            "tags": string_array(index.tags),
            "word_features": string_array(index.word_features),
            "conjunction_keys": index.conjunction_keys,
            "first_weights": self.first_weights.astype(np.float16),
            "second_weights": self.second_weights.astype(np.float16),
        }
        arrays.update({f"vocabulary_{name}": string_array(index.vocabularies[name]) for name in CODE_NAMES})
        write_arrays(path, arrays)

    @classmethod
    def load(cls, path: Path) -> Tagger:
        with np.load(path) as arrays:
            index = FeatureIndex(
                tags=strings_of(arrays["tags"]),
                word_features=strings_of(arrays["word_features"]),
                conjunction_keys=arrays["conjunction_keys"],
                vocabularies={name: strings_of(arrays[f"vocabulary_{name}"]) for name in CODE_NAMES},
            )
            return cls(
                index, arrays["first_weights"].astype(np.float32), arrays["second_weights"].astype(np.float32)
            )


@cache
def shipped_tagger() -> Tagger:
    """The tagger shipped with the package, loaded once per process."""
    return Tagger.load(MODEL_PATH)
