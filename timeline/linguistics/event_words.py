"""Which tokens denote events, and their TimeML class: a learned classifier, not a word list.

An averaged perceptron (perceptron.py) over each noun, verb and adjective of a sentence, trained
on the gold EVENTs of the TempEval-3 training data (TimeBank + AQUAINT, 256 news documents, 11k
events) by `python -m timeline.linguistics.train_events`. Features: the word (lemma, tag, suffixes,
the parts of speech lemminflect's dictionary allows, whether a noun is deverbal: "resignation" ->
"resign"), its neighbours, and its role in the clause analysis: head of a verb group (with tense,
aspect, voice, modality, negation, whether it takes an infinitive complement or is one), head of a
noun phrase (subject, object, agent or object of which preposition, of which verb, with which
determiner). Classes: OCCURRENCE, REPORTING, STATE, I_ACTION, I_STATE, ASPECTUAL, PERCEPTION.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache, lru_cache
from itertools import repeat
from pathlib import Path

import numpy as np

from timeline.linguistics import Token
from timeline.linguistics.clauses import Clause, Phrase, analyse
from timeline.linguistics.features import ambiguity_class
from timeline.linguistics.lemmas import dictionary_lemmas
from timeline.linguistics.perceptron import scores, string_array, strings_of, write_arrays

MODEL_PATH = Path(__file__).with_name("data") / "event_words.npz"
OUTSIDE = "O"  # the class of a token that denotes no event
CANDIDATE_TAG_PREFIXES = ("NN", "VB", "JJ")
# noun suffixes that make a noun of a verb, and the endings the verb's stem may take back
DEVERBAL_SUFFIXES = (
    ("ation", ("", "e", "ate")), ("ition", ("", "e")), ("tion", ("", "e", "t")), ("sion", ("d", "de", "t")),
    ("ment", ("",)), ("ance", ("", "e")), ("ence", ("", "e")), ("al", ("", "e")), ("ure", ("", "e")),
    ("age", ("",)), ("ing", ("", "e")), ("ery", ("",)), ("sis", ("se", "ze")), ("y", ("",)),
)  # fmt: skip


def _is_verb(word: str) -> bool:
    return "VERB" in dictionary_lemmas(word)


@lru_cache(maxsize=1 << 16)
def deverbal_parts(noun: str) -> tuple[str, str]:
    """(suffix, verb) of a noun made of a verb lemminflect knows ("resignation" -> ("ation",
    "resign")), ("verb", noun) if the noun is itself a verb ("attack", "deal"), else ("", "")."""
    if _is_verb(noun):
        return "verb", noun
    for suffix, endings in DEVERBAL_SUFFIXES:
        if noun.endswith(suffix) and len(noun) > len(suffix) + 2:
            stem = noun[: -len(suffix)]
            verb = next((stem + ending for ending in endings if _is_verb(stem + ending)), None)
            if verb is not None:
                return suffix, verb
    return "", ""


def deverbal(noun: str) -> str:
    """The suffix by which a noun is made of a verb lemminflect knows ("resignation" -> "ation"),
    "verb" if the noun is itself a verb ("attack", "deal"), or "" if neither."""
    return deverbal_parts(noun)[0]


@lru_cache(maxsize=1 << 17)
def lexical_features(text: str, tag: str, lemma: str) -> tuple[str, ...]:
    lower = text.lower()
    base = lemma.lower()
    features = [
        "bias",
        f"l={base}",
        f"t={tag}",
        f"lt={base}|{tag[:2]}",
        f"s3={lower[-3:]}",
        f"s4={lower[-4:]}",
        f"amb={ambiguity_class(lower)}",
        f"cap={text[:1].isupper()}",
    ]
    if tag.startswith("NN"):
        features.append(f"deverbal={deverbal(base)}")
    return tuple(features)


def _roles(tokens: Sequence[Token], phrases: Sequence[Phrase], clauses: Sequence[Clause]) -> list[list[str]]:
    """The clause-analysis features of every token."""
    roles: list[list[str]] = [[] for _ in tokens]
    for phrase in phrases:
        roles[phrase.head].append("np_head")
        first = tokens[phrase.first]
        if first.tag == "DT" and phrase.first != phrase.head:
            roles[phrase.head].append(f"np_det={first.lemma}")
        for index in range(phrase.first, phrase.end):
            if index != phrase.head:
                roles[index].append("np_modifier")
                roles[index].append(f"np_modifier_of={tokens[phrase.head].lemma.lower()}")
    for number, clause in enumerate(clauses):
        verb = clause.verb
        head = roles[verb.head]
        head.extend((
            "vg_head", f"vg_tense={verb.tense}", f"vg_aspect={verb.aspect}", f"vg_voice={verb.voice}",
            f"vg_finite={verb.finite}", f"vg_modal={verb.modal}", f"vg_negated={verb.negated}",
            f"vg_lemma_voice={verb.lemma}|{verb.voice}", f"vg_subject={clause.subject is not None}",
            f"vg_object={clause.object is not None}",
        ))  # fmt: skip
        if clause.complement_of is not None:
            governing = clauses[clause.complement_of].verb
            head.append(f"complement_of={governing.lemma}")
            roles[governing.head].append("has_complement")
            roles[governing.head].append(f"has_complement_lemma={governing.lemma}")
        for index in range(verb.first, verb.end):
            if index != verb.head and tokens[index].tag.startswith("VB"):
                roles[index].append("auxiliary")
        arguments = [("subject", clause.subject), ("object", clause.object), ("agent", clause.agent)]
        arguments.extend((f"prep={preposition}", phrase) for preposition, phrase in clause.prepositional)
        for role, phrase in arguments:
            if phrase is not None:
                roles[phrase.head].append(f"argument={role}")
                roles[phrase.head].append(f"argument_of={role}|{verb.lemma}")
        if number and clauses[number - 1].verb.end == verb.first:
            roles[verb.head].append("after_verb_group")
    return roles


def _candidates(
    tokens: Sequence[Token], phrases: Sequence[Phrase], clauses: Sequence[Clause]
) -> Iterator[tuple[int, Token, list[str]]]:
    """(index, token, features of its context: neighbours and clause roles) of every candidate
    token (a noun, verb or adjective)."""
    roles = _roles(tokens, phrases, clauses)
    # each token's tag and lowercase lemma, read once: they are also its neighbours' features
    tags = ["<s>", *(token.tag for token in tokens), "</s>"]
    words = ["<s>", *(token.lemma.lower() for token in tokens), "</s>"]
    for index, token in enumerate(tokens):
        tag = tags[index + 1]
        if not tag.startswith(CANDIDATE_TAG_PREFIXES):
            continue
        before = tags[index]
        context = [
            f"t-1={before}",
            f"t+1={tags[index + 2]}",
            f"w-1={words[index]}",
            f"w+1={words[index + 2]}",
            f"t-1&t={before}|{tag}",
            *roles[index],
        ]
        yield index, token, context


def token_features(
    tokens: Sequence[Token], phrases: Sequence[Phrase], clauses: Sequence[Clause]
) -> list[tuple[int, list[str]]]:
    """(index, feature strings) of every candidate token (a noun, verb or adjective)."""
    return [
        (index, [*lexical_features(token.text, token.tag, token.lemma), *context])
        for index, token, context in _candidates(tokens, phrases, clauses)
    ]


def _padded_matrix(row_lists: Sequence[Sequence[int]]) -> np.ndarray:
    """Rows of features of each candidate, padded with the zero row to the longest. Laid end to
    end in one list and made an array once: an array write per candidate costs more."""
    width = max(map(len, row_lists), default=0)
    flat: list[int] = []
    for rows in row_lists:
        flat.extend(rows)
        flat.extend(repeat(0, width - len(rows)))
    return np.array(flat, dtype=np.int32).reshape(len(row_lists), width)


class EventWordModel:
    def __init__(self, classes: Sequence[str], features: Sequence[str], weights: np.ndarray) -> None:
        self.classes = tuple(classes)
        self.features = tuple(features)
        self.row_of = {feature: row for row, feature in enumerate(features, start=1)}
        self.weights = weights  # row 0: the zero row of unknown features
        # a word's own features depend on it alone, and words repeat: their rows are kept
        self.lexical_rows = lru_cache(maxsize=1 << 17)(self._lexical_rows)

    def _lexical_rows(self, text: str, tag: str, lemma: str) -> tuple[int, ...]:
        return tuple(self.row_of.get(feature, 0) for feature in lexical_features(text, tag, lemma))

    def rows(self, candidates: Sequence[tuple[int, list[str]]]) -> np.ndarray:
        """The feature rows of each candidate, padded with the zero row to the longest."""
        row = self.row_of.get
        return _padded_matrix([list(map(row, features, repeat(0))) for _, features in candidates])

    def candidate_rows(
        self, tokens: Sequence[Token], phrases: Sequence[Phrase], clauses: Sequence[Clause]
    ) -> list[tuple[int, list[int]]]:
        """(index, feature rows) of every candidate token: the rows of token_features, without
        making the strings of the token's own features again."""
        row = self.row_of.get
        return [
            (index, [*self.lexical_rows(token.text, token.tag, token.lemma), *map(row, context, repeat(0))])
            for index, token, context in _candidates(tokens, phrases, clauses)
        ]

    def classify_rows(self, rows: np.ndarray) -> list[str]:
        if not len(rows):
            return []
        predicted = scores(self.weights, rows).argmax(axis=1)
        return [self.classes[number] for number in predicted.tolist()]

    def classify(self, candidates: Sequence[tuple[int, list[str]]]) -> list[str]:
        return self.classify_rows(self.rows(candidates))

    def save(self, path: Path) -> None:
        write_arrays(path, {
            "classes": string_array(self.classes),
            "features": string_array(self.features),
            "weights": self.weights.astype(np.float16),
        })  # fmt: skip

    @classmethod
    def load(cls, path: Path) -> EventWordModel:
        with np.load(path) as arrays:
            return cls(strings_of(arrays["classes"]), strings_of(arrays["features"]),
                       arrays["weights"].astype(np.float32))  # fmt: skip


@cache
def shipped_model() -> EventWordModel:
    """The event-word model shipped with the package, loaded once per process."""
    return EventWordModel.load(MODEL_PATH)


Analysis = tuple[tuple[Phrase, ...], tuple[Clause, ...]]


def event_words_of_sentences(
    sentences: Sequence[tuple[Token, ...]], analyses: Sequence[Analysis] | None = None
) -> tuple[tuple[tuple[int, str], ...], ...]:
    """event_words of each sentence, classified in one batch (faster than one by one)."""
    if analyses is None:
        analyses = [analyse(tokens) for tokens in sentences]
    model = shipped_model()
    per_sentence = [
        model.candidate_rows(tokens, phrases, clauses)
        for tokens, (phrases, clauses) in zip(sentences, analyses, strict=True)
    ]
    all_rows = [rows for candidates in per_sentence for _, rows in candidates]
    classes = model.classify_rows(_padded_matrix(all_rows))
    found = []
    start = 0
    for candidates in per_sentence:
        sentence_classes = classes[start : start + len(candidates)]
        start += len(candidates)
        found.append(tuple(
            (index, event_class)
            for (index, _), event_class in zip(candidates, sentence_classes, strict=True)
            if event_class != OUTSIDE
        ))  # fmt: skip
    return tuple(found)


def event_words(tokens: tuple[Token, ...], analysis: Analysis | None = None) -> tuple[tuple[int, str], ...]:
    """(token index, TimeML class) of the tokens of one sentence that denote events. `analysis`,
    the sentence's clauses.analyse(tokens) if the caller has it already, saves computing it again."""
    return event_words_of_sentences([tokens], None if analysis is None else [analysis])[0]
