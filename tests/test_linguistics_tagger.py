"""Part-of-speech tags and lemmas of the shipped tagger, and the reproducibility of its training."""

from __future__ import annotations

import hashlib
from pathlib import Path

from timeline.linguistics import Token, tag_sentence, tag_sentences
from timeline.linguistics.tagger import MODEL_PATH
from timeline.linguistics.train import main as train_main

TREEBANK = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ud-english-ewt"


def tagged(text: str) -> list[tuple[str, str, str]]:
    return [(token.text, token.tag, token.lemma) for token in tag_sentence(text)]


def test_tags_and_lemmas_of_a_passive_sentence() -> None:
    assert tagged("The former chief was sentenced to 25 years in prison by a judge on Thursday.") == [
        ("The", "DT", "the"), ("former", "JJ", "former"), ("chief", "NN", "chief"), ("was", "VBD", "be"),
        ("sentenced", "VBN", "sentence"), ("to", "IN", "to"), ("25", "CD", "25"), ("years", "NNS", "year"),
        ("in", "IN", "in"), ("prison", "NN", "prison"), ("by", "IN", "by"), ("a", "DT", "a"),
        ("judge", "NN", "judge"), ("on", "IN", "on"), ("Thursday", "NNP", "Thursday"), (".", ".", "."),
    ]  # fmt: skip


def test_irregular_verbs_negation_and_modals() -> None:
    assert tagged("She didn't think the markets would fall, but they dropped.") == [
        ("She", "PRP", "she"), ("did", "VBD", "do"), ("n't", "RB", "not"), ("think", "VB", "think"),
        ("the", "DT", "the"), ("markets", "NNS", "market"), ("would", "MD", "would"), ("fall", "VB", "fall"),
        (",", ",", ","), ("but", "CC", "but"), ("they", "PRP", "they"), ("dropped", "VBD", "drop"),
        (".", ".", "."),
    ]  # fmt: skip


def test_proper_nouns_keep_their_case_as_lemma() -> None:
    tokens = tag_sentence("Prosecutors said Mary Jones-Whitfield left Chicago in March.")
    assert [(token.text, token.tag, token.lemma) for token in tokens[2:5]] == [
        ("Mary", "NNP", "Mary"), ("Jones-Whitfield", "NNP", "Jones-Whitfield"), ("left", "VBD", "leave"),
    ]  # fmt: skip


def test_offsets_of_batched_sentences_point_into_the_whole_text() -> None:
    text = "Prices rose. Shares dropped sharply."
    first, second = tag_sentences(text, [(0, 12), (13, 36)])
    assert first == (
        Token(0, 6, "Prices", "NNS", "price"),
        Token(7, 11, "rose", "VBD", "rise"),
        Token(11, 12, ".", ".", "."),
    )  # fmt: skip
    assert [(token.start, token.end, token.tag) for token in second] == [
        (13, 19, "NNS"),
        (20, 27, "VBD"),
        (28, 35, "RB"),
        (35, 36, "."),
    ]
    assert tag_sentence(text, 13, 36) == second
    assert tag_sentences(text, []) == () and tag_sentence("") == ()


def test_training_rebuilds_the_shipped_weights_byte_identically(tmp_path: Path) -> None:
    rebuilt = tmp_path / "tagger.npz"
    train_main(["--treebank", str(TREEBANK), "--out", str(rebuilt)])
    assert (
        hashlib.sha256(rebuilt.read_bytes()).hexdigest()
        == hashlib.sha256(MODEL_PATH.read_bytes()).hexdigest()
    )
