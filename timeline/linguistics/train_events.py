"""Trains the event-word classifier shipped in data/event_words.npz, or cross-validates it.

    python -m timeline.linguistics.train_events [--corpus DIR] [--out FILE]
    python -m timeline.linguistics.train_events --cross-validate     # prints the figures only

Data: the TempEval-3 training corpus (TimeBank + AQUAINT; ../shared/data/tempeval3/train), its
gold EVENT extents and classes, over our own tokens, tags and clause analysis. Cross-validation:
5 folds by document (documents sorted by name, the i-th in fold i mod 5). Deterministic: sorted
features, fixed seeds, so the same corpus gives a byte-identical file.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from timeline.linguistics import tag_sentences
from timeline.linguistics.clauses import analyse
from timeline.linguistics.event_words import MODEL_PATH, OUTSIDE, EventWordModel, token_features
from timeline.linguistics.perceptron import averaged_perceptron
from timeline.linguistics.timebank import EventDocument, read_event_corpus, sentence_spans

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "tempeval3" / "train"
EPOCHS = 10
FOLDS = 5
MINIMUM_COUNT = 2  # a feature seen once is left out


@dataclass(frozen=True, slots=True)
class Sentence:
    candidates: tuple[tuple[int, list[str]], ...]
    labels: tuple[str, ...]  # the gold class of each candidate, OUTSIDE for none
    missed: int  # gold events on tokens that are not candidates (not a noun, verb or adjective)


def document_sentences(document: EventDocument) -> list[Sentence]:
    spans = sentence_spans(document.text)
    class_at: dict[int, str] = {}
    for event in document.events:
        for offset in range(event.start, event.end):
            class_at[offset] = event.event_class
    sentences = []
    for tokens in tag_sentences(document.text, spans):
        phrases, clauses = analyse(tokens)
        candidates = token_features(tokens, phrases, clauses)
        candidate_indices = {index for index, _ in candidates}

        def gold_class(index: int, tokens=tokens) -> str:
            token = tokens[index]
            return next((class_at[o] for o in range(token.start, token.end) if o in class_at), OUTSIDE)

        labels = tuple(gold_class(index) for index, _ in candidates)
        missed = sum(
            1
            for index in range(len(tokens))
            if index not in candidate_indices and gold_class(index) != OUTSIDE
        )
        sentences.append(Sentence(tuple(candidates), labels, missed))
    return sentences


def train(sentences: Sequence[Sentence], seed: int = 0) -> EventWordModel:
    counts: Counter[str] = Counter(
        feature for sentence in sentences for _, features in sentence.candidates for feature in features
    )
    features = sorted(
        feature for feature, count in counts.items() if count >= MINIMUM_COUNT and "\n" not in feature
    )
    classes = sorted({label for sentence in sentences for label in sentence.labels} | {OUTSIDE})
    model = EventWordModel(classes, features, np.zeros((len(features) + 1, len(classes)), dtype=np.float32))
    kept = [sentence for sentence in sentences if sentence.candidates]
    all_candidates = [candidate for sentence in kept for candidate in sentence.candidates]
    rows = model.rows(all_candidates)
    class_id = {name: number for number, name in enumerate(classes)}
    gold = np.array([class_id[label] for sentence in kept for label in sentence.labels], dtype=np.int64)
    bounds = []
    start = 0
    for sentence in kept:
        bounds.append((start, start + len(sentence.candidates)))
        start += len(sentence.candidates)
    model.weights = averaged_perceptron(rows, gold, bounds, len(features) + 1, len(classes), seed, EPOCHS)
    return model


@dataclass(slots=True)
class Scores:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    class_right: int = 0

    def add(self, sentence: Sentence, predicted: Sequence[str]) -> None:
        self.gold += sum(label != OUTSIDE for label in sentence.labels) + sentence.missed
        for label, guess in zip(sentence.labels, predicted, strict=True):
            if guess == OUTSIDE:
                continue
            self.predicted += 1
            if label != OUTSIDE:
                self.matched += 1
                self.class_right += label == guess

    def lines(self) -> list[str]:
        precision = self.matched / self.predicted if self.predicted else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        class_precision = self.class_right / self.predicted if self.predicted else 0.0
        class_recall = self.class_right / self.gold if self.gold else 0.0
        class_f1 = (
            2 * class_precision * class_recall / (class_precision + class_recall)
            if class_precision + class_recall
            else 0.0
        )
        return [
            f"event extent  precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}"
            f"  ({self.matched} matched, {self.predicted} predicted, {self.gold} gold)",
            f"event class   accuracy on matched {self.class_right / max(self.matched, 1):.3f}"
            f"  class F1 {class_f1:.3f}",
        ]


def cross_validate(documents: Sequence[EventDocument]) -> Scores:
    by_document = [document_sentences(document) for document in documents]
    scores = Scores()
    for fold in range(FOLDS):
        training = [s for number, doc in enumerate(by_document) if number % FOLDS != fold for s in doc]
        model = train(training, seed=fold)
        for number, doc in enumerate(by_document):
            if number % FOLDS == fold:
                for sentence in doc:
                    scores.add(sentence, model.classify(sentence.candidates))
    return scores


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder holding TimeBank/ and AQUAINT/")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--cross-validate", action="store_true", help="print 5-fold figures, write nothing")
    arguments = parser.parse_args(argv)
    documents = read_event_corpus([arguments.corpus / "TimeBank", arguments.corpus / "AQUAINT"])
    if arguments.cross_validate:
        scores = cross_validate(documents)
        print(f"{len(documents)} documents, {FOLDS}-fold cross-validation by document:")
        print("\n".join(scores.lines()))
        return
    model = train([sentence for document in documents for sentence in document_sentences(document)])
    model.save(arguments.out)
    print(f"{arguments.out}: {len(documents)} documents, {len(model.features)} features, "
          f"{arguments.out.stat().st_size:,} bytes")  # fmt: skip


if __name__ == "__main__":
    main()
