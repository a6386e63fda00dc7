"""The learned event-word classifier, its TimeML reader, and the reproducibility of its training."""

from __future__ import annotations

import hashlib
from pathlib import Path

from timeline.linguistics import tag_sentence
from timeline.linguistics.clauses import analyse
from timeline.linguistics.event_words import MODEL_PATH, deverbal, event_words
from timeline.linguistics.timebank import read_events, sentence_spans
from timeline.linguistics.train_events import main as train_main

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "tempeval3" / "train"


def events_of(text: str) -> list[tuple[str, str]]:
    tokens = tag_sentence(text)
    return [(tokens[index].text, event_class) for index, event_class in event_words(tokens)]


def test_verbs_and_event_nouns_with_their_classes() -> None:
    assert events_of("The company announced on Monday that it had agreed to sell its steel unit.") == [
        ("announced", "REPORTING"), ("agreed", "I_ACTION"), ("sell", "OCCURRENCE"),
    ]  # fmt: skip
    assert events_of("Police arrested two men after the attack.") == [
        ("arrested", "OCCURRENCE"), ("attack", "OCCURRENCE"),
    ]  # fmt: skip


def test_aspectual_perception_and_intensional_states() -> None:
    assert events_of("Workers began the strike on Monday and stopped it two days later.") == [
        ("began", "ASPECTUAL"), ("strike", "OCCURRENCE"), ("stopped", "ASPECTUAL"),
    ]  # fmt: skip
    continued = events_of("The company continued to lose money.")
    assert continued == [("continued", "ASPECTUAL"), ("lose", "OCCURRENCE")]
    assert events_of("Residents saw smoke rising from the plant.") == [
        ("saw", "PERCEPTION"), ("rising", "OCCURRENCE"),
    ]  # fmt: skip
    assert events_of("Negotiators hope to reach an agreement before the election.") == [
        ("hope", "I_STATE"), ("reach", "OCCURRENCE"), ("election", "OCCURRENCE"),
    ]  # fmt: skip


def test_nominal_events_and_a_passive() -> None:
    assert events_of("The resignation of the minister followed weeks of protests.")[0] == (
        "resignation",
        "OCCURRENCE",
    )
    assert events_of("A former banker was sentenced to 25 years in prison by a judge.") == [
        ("sentenced", "OCCURRENCE")
    ]


def test_an_analysis_passed_in_gives_the_same_answer() -> None:
    tokens = tag_sentence("Police arrested two men after the attack.")
    assert (
        event_words(tokens, analyse(tokens)) == event_words(tokens) == ((1, "OCCURRENCE"), (6, "OCCURRENCE"))
    )
    assert event_words(()) == ()


def test_deverbal_nouns_are_recognised_from_the_verb_dictionary() -> None:
    assert [deverbal(noun) for noun in ("resignation", "agreement", "attack", "arrival", "kitchen")] == [
        "ation", "ment", "verb", "al", "",
    ]  # fmt: skip


def test_timeml_reader_decodes_references_and_keeps_offsets(tmp_path: Path) -> None:
    path = tmp_path / "doc.tml"
    path.write_text(
        '<?xml version="1.0" ?>\n<TimeML><TEXT>Smith &amp; Co <EVENT eid="e1" class="REPORTING">said</EVENT> '
        'prices <EVENT eid="e2" class="OCCURRENCE">fell</EVENT>. Then they rose.\n</TEXT></TimeML>\n',
        encoding="utf-8",
    )
    document = read_events(path)
    assert document.text == "Smith & Co said prices fell. Then they rose.\n"
    assert [(document.text[e.start : e.end], e.event_class) for e in document.events] == [
        ("said", "REPORTING"), ("fell", "OCCURRENCE"),
    ]  # fmt: skip
    assert [document.text[start:end] for start, end in sentence_spans(document.text)] == [
        "Smith & Co said prices fell.", "Then they rose.",
    ]  # fmt: skip


def test_training_rebuilds_the_shipped_weights_byte_identically(tmp_path: Path) -> None:
    rebuilt = tmp_path / "event_words.npz"
    train_main(["--corpus", str(CORPUS), "--out", str(rebuilt)])
    assert (
        hashlib.sha256(rebuilt.read_bytes()).hexdigest()
        == hashlib.sha256(MODEL_PATH.read_bytes()).hexdigest()
    )
