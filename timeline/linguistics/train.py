"""Trains the part-of-speech tagger shipped in data/tagger.npz.

    python -m timeline.linguistics.train [--treebank DIR] [--out FILE]

Training data: the training part of the fixed document split of UD English-EWT's dev and test
files (conllu.ewt_split: every seventh document held out, to measure on). Deterministic: features
and vocabularies are sorted, sentence order per epoch comes from a fixed seed and there is no
threading, so the same treebank gives a byte-identical file.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from timeline.linguistics.conllu import GoldSentence, ewt_split
from timeline.linguistics.features import (
    BEGIN,
    CODE_NAMES,
    FINISH,
    PADDING,
    WORD_SLOTS,
    FeatureIndex,
    slot_feature,
    word_values,
)
from timeline.linguistics.perceptron import averaged_perceptron
from timeline.linguistics.tagger import MODEL_PATH, Tagger

TREEBANK = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ud-english-ewt"
EPOCHS = 10
FOLDS = 5  # cross-validation folds that give the second pass realistic first-pass tags
MINIMUM_COUNT = 1  # every feature seen in training is kept: leaving out those seen once cost 0.2% accuracy


def _word_lists(sentences: Sequence[GoldSentence]) -> list[list[str]]:
    return [[word.form for word in sentence.words] for sentence in sentences]


def _bounds(sentences: Sequence[Sequence[str]]) -> list[tuple[int, int]]:
    bounds = []
    start = 0
    for words in sentences:
        bounds.append((start, start + len(words)))
        start += len(words)
    return bounds


def word_index(sentences: Sequence[GoldSentence]) -> tuple[list[str], list[str], dict[str, list[str]]]:
    """Tags, word features and code vocabularies seen at least MINIMUM_COUNT times, sorted."""
    features: Counter[str] = Counter()
    codes: dict[str, Counter[str]] = {name: Counter() for name in CODE_NAMES}
    for words in _word_lists(sentences):
        padded = [BEGIN] * PADDING + words + [FINISH] * PADDING
        values = [word_values(word) for word in padded]
        for position in range(PADDING, PADDING + len(words)):
            for offset, template in WORD_SLOTS:
                features[slot_feature(offset, template, values[position + offset][template])] += 1
            for name in CODE_NAMES:
                codes[name][values[position][name]] += 1

    def kept(counter: Counter[str]) -> list[str]:
        return sorted(key for key, count in counter.items() if count >= MINIMUM_COUNT and "\n" not in key)

    tags = sorted({word.xpos for sentence in sentences for word in sentence.words})
    return tags, kept(features), {name: kept(counter) for name, counter in codes.items()}


def _frequent_keys(keys: list[np.ndarray]) -> np.ndarray:
    values, counts = np.unique(np.concatenate(keys), return_counts=True)
    return values[counts >= MINIMUM_COUNT]


def train_pass(
    index: FeatureIndex, sentences: Sequence[GoldSentence], first_tags: np.ndarray | None, seed: int
) -> np.ndarray:
    words = _word_lists(sentences)
    padded, positions = index.layout(words)
    tag_id = {tag: number for number, tag in enumerate(index.tags)}
    gold = np.array([tag_id[word.xpos] for sentence in sentences for word in sentence.words], dtype=np.int64)
    tags = None
    if first_tags is not None:
        tags = index.padded_tags(padded, positions, first_tags)
    rows = index.rows(padded, positions, tags)
    return averaged_perceptron(rows, gold, _bounds(words), index.size, len(index.tags), seed, EPOCHS)


def train(sentences: Sequence[GoldSentence]) -> Tagger:
    tags, word_features, vocabularies = word_index(sentences)
    words = _word_lists(sentences)
    first_index = FeatureIndex(tags, word_features, np.zeros(1, dtype=np.int64), vocabularies)
    padded, positions = first_index.layout(words)
    first_keys = _frequent_keys(first_index.conjunction_keys_of(padded, positions, None))
    first_index = FeatureIndex(tags, word_features, first_keys, vocabularies)

    # first-pass tags of every training sentence from a model that did not see it
    fold_of = np.arange(len(sentences)) % FOLDS
    first_tags = np.zeros(sum(len(sentence) for sentence in words), dtype=np.int64)
    starts = np.cumsum([0] + [len(sentence) for sentence in words])
    for fold in range(FOLDS):
        inside = [sentence for number, sentence in enumerate(sentences) if fold_of[number] != fold]
        outside = [number for number in range(len(sentences)) if fold_of[number] == fold]
        weights = train_pass(first_index, inside, None, seed=fold)
        out_padded, out_positions = first_index.layout([words[number] for number in outside])
        scores = weights[first_index.rows(out_padded, out_positions)].sum(axis=1).argmax(axis=1)
        cursor = 0
        for number in outside:
            length = len(words[number])
            first_tags[starts[number] : starts[number] + length] = scores[cursor : cursor + length]
            cursor += length

    laid_tags = first_index.padded_tags(padded, positions, first_tags)
    second_keys = _frequent_keys(first_index.conjunction_keys_of(padded, positions, laid_tags))
    index = FeatureIndex(tags, word_features, second_keys, vocabularies)
    first_weights = train_pass(index, sentences, None, seed=FOLDS)
    second_weights = train_pass(index, sentences, first_tags, seed=FOLDS + 1)
    return Tagger(index, first_weights, second_weights)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--treebank", type=Path, default=TREEBANK, help="folder of the EWT .conllu files")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    arguments = parser.parse_args(argv)
    training, _ = ewt_split(arguments.treebank)
    tagger = train(training)
    tagger.save(arguments.out)
    print(f"{arguments.out}: {len(training)} sentences, {tagger.index.size} features, "
          f"{arguments.out.stat().st_size:,} bytes")  # fmt: skip


if __name__ == "__main__":
    main()
