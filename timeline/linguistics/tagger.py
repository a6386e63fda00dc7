"""The part-of-speech tagger: an averaged perceptron (Collins 2002) in two stacked passes.

A greedy left-to-right tagger needs the previous tag before it can score a word, so it runs one
word at a time in Python. Here the first pass scores every word from word features alone, in one
numpy gather-and-sum over a whole batch of sentences; the second pass adds conjunctions with the
first pass's tags on both sides (previous and next) and scores the batch again. The second pass was
trained on first-pass tags predicted by cross-validation (stacking), so it learnt to correct the
first pass's typical mistakes. Weights: data/tagger.npz, made by `python -m timeline.linguistics.train`.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

from timeline.linguistics.features import BEGIN, CODE_NAMES, FeatureIndex

MODEL_PATH = Path(__file__).with_name("data") / "tagger.npz"


def _strings(array: np.ndarray) -> list[str]:
    text = array.tobytes().decode("utf-8")
    return text.split("\n") if text else []


def _string_array(strings: Sequence[str]) -> np.ndarray:
    return np.frombuffer("\n".join(strings).encode("utf-8"), dtype=np.uint8)


def write_arrays(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """An .npz written byte-identically for the same arrays (np.savez stamps the current time)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(arrays):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue(), compresslevel=9)


class Tagger:
    def __init__(self, index: FeatureIndex, first_weights: np.ndarray, second_weights: np.ndarray) -> None:
        self.index = index
        self.first_weights = first_weights
        self.second_weights = second_weights

    def padded_tags(self, padded: np.ndarray, positions: np.ndarray, tags: np.ndarray) -> np.ndarray:
        """Tag ids laid out like the padded words: pseudo-tags at the padding."""
        index = self.index
        laid = np.where(padded == index.type_of[BEGIN], index.begin_tag, index.finish_tag)
        laid[positions] = tags
        return laid

    def tag_ids(self, sentences: Sequence[Sequence[str]]) -> np.ndarray:
        """The tag id of every word of the sentences, concatenated."""
        padded, positions = self.index.layout(sentences)
        if not len(positions):
            return np.zeros(0, dtype=np.int64)
        first = self.first_weights[self.index.rows(padded, positions)].sum(axis=1).argmax(axis=1)
        rows = self.index.rows(padded, positions, self.padded_tags(padded, positions, first))
        return self.second_weights[rows].sum(axis=1).argmax(axis=1)

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
            "tags": _string_array(index.tags),
            "word_features": _string_array(index.word_features),
            "conjunction_keys": index.conjunction_keys,
            "first_weights": self.first_weights.astype(np.float16),
            "second_weights": self.second_weights.astype(np.float16),
        }
        arrays.update({f"vocabulary_{name}": _string_array(index.vocabularies[name]) for name in CODE_NAMES})
        write_arrays(path, arrays)

    @classmethod
    def load(cls, path: Path) -> Tagger:
        with np.load(path) as arrays:
            index = FeatureIndex(
                tags=_strings(arrays["tags"]),
                word_features=_strings(arrays["word_features"]),
                conjunction_keys=arrays["conjunction_keys"],
                vocabularies={name: _strings(arrays[f"vocabulary_{name}"]) for name in CODE_NAMES},
            )
            return cls(
                index, arrays["first_weights"].astype(np.float32), arrays["second_weights"].astype(np.float32)
            )


@cache
def shipped_tagger() -> Tagger:
    """The tagger shipped with the package, loaded once per process."""
    return Tagger.load(MODEL_PATH)
