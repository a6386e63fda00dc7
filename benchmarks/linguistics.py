"""The linguistic layer on the held-out part of UD English-EWT: accuracy and speed.

Held-out: every seventh document of EWT's dev+test files (timeline.linguistics.conllu.ewt_split),
which the shipped tagger was not trained on. Prints Penn tag accuracy (all words, words seen in
training, unseen words), lemma accuracy, and tokens per second of `tag_sentences` (tokenizer,
two tagging passes, lemmas, Token objects) and of the tagger alone, one process, best of --rounds.

    python benchmarks/linguistics.py [--treebank DIR] [--rounds 5]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from timeline.linguistics import tag_sentences
from timeline.linguistics.conllu import ewt_split
from timeline.linguistics.lemmas import lemma
from timeline.linguistics.tagger import shipped_tagger

DEFAULT_TREEBANK = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ud-english-ewt"


def _best_seconds(function, rounds: int) -> float:
    seconds = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - started)
    return min(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--treebank", type=Path, default=DEFAULT_TREEBANK)
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    training, held_out = ewt_split(arguments.treebank)
    seen = {word.form for sentence in training for word in sentence.words}
    tagger = shipped_tagger()
    words = [[word.form for word in sentence.words] for sentence in held_out]
    predicted = [tag for sentence in tagger.tag(words) for tag in sentence]
    gold = [word for sentence in held_out for word in sentence.words]
    right = [tag == word.xpos for tag, word in zip(predicted, gold, strict=True)]
    known = [ok for ok, word in zip(right, gold, strict=True) if word.form in seen]
    unknown = [ok for ok, word in zip(right, gold, strict=True) if word.form not in seen]
    lemmas_right = [lemma(word.form, tag) == word.lemma for tag, word in zip(predicted, gold, strict=True)]
    print(f"held-out: {len(held_out)} sentences, {len(gold)} words (training: {len(training)} sentences)")
    print(f"tag accuracy          {sum(right) / len(right):.4f}")
    print(f"  seen in training    {sum(known) / len(known):.4f}  ({len(known)} words)")
    print(f"  unseen              {sum(unknown) / len(unknown):.4f}  ({len(unknown)} words)")
    print(f"lemma accuracy        {sum(lemmas_right) / len(lemmas_right):.4f}  (with predicted tags)")

    text = "\n".join(" ".join(sentence) for sentence in words)
    spans = []
    start = 0
    for sentence in words:
        end = start + len(" ".join(sentence))
        spans.append((start, end))
        start = end + 1
    token_count = sum(len(sentence) for sentence in tag_sentences(text, spans))
    whole = _best_seconds(lambda: tag_sentences(text, spans), arguments.rounds)
    alone = _best_seconds(lambda: tagger.tag_ids(words), arguments.rounds)
    print(f"tag_sentences         {token_count / whole:,.0f} tokens/s ({token_count} tokens, one process)")
    print(f"tagger alone          {len(gold) / alone:,.0f} tokens/s")


if __name__ == "__main__":
    main()
