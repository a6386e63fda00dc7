"""Features of the part-of-speech tagger, computed the same way for training and tagging.

Every feature is a row of a weight matrix (one column per Penn tag); a token's scores are the sum
of its features' rows. Two kinds:
- word features ("-1lc=the", "0s3=ion", "+1amb=NOUN|VERB"): they depend only on the word at an
  offset, so each distinct word's rows for all slots are computed once per process and a sentence's
  feature matrix is a gather from that table;
- conjunctions ("t-1 & lc0"): integer keys (template, a, b) in the saved model; at tagging time
  every operand is a linear combination of a few atomic ones (a word code, a first-pass tag), so
  the operands of all templates for a whole batch of sentences are one matrix product, and their
  rows one gather from a dense table: a few array operations per batch.
Features unseen (or seen once) in training map to row 0, whose weights are zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property, lru_cache

import numpy as np

from timeline.linguistics.lemmas import dictionary_inflections, dictionary_lemmas

BEGIN = "\x02"  # the pseudo-words padding each sentence on both sides
FINISH = "\x03"
PADDING = 2  # words of padding on each side: the widest offset of a word feature

# Each Penn tag lemminflect may give a word is a feature of its own, so that a word whose whole
# class was never seen in training ("fell": JJ|NN|NNS|VB|VBD|VBP) still counts as a possible VBD.
CLASS_TAGS = ("NN", "NNS", "VB", "VBD", "VBN", "VBG", "VBZ", "VBP", "JJ", "JJR", "JJS", "RB", "RBR", "RBS")
# (offset, template) of the word features of one token.
WORD_SLOTS: tuple[tuple[int, str], ...] = tuple((0, f"has{tag}") for tag in CLASS_TAGS) + (
    (0, "bias"), (0, "w"), (0, "lc"), (0, "s1"), (0, "s2"), (0, "s3"), (0, "s4"), (0, "p1"), (0, "p2"),
    (0, "shape"), (0, "amb"), (0, "penn"), (0, "irregular"),
    (-1, "lc"), (-1, "s3"), (-1, "shape"), (-1, "amb"), (-1, "penn"),
    (1, "lc"), (1, "s3"), (1, "shape"), (1, "amb"), (1, "penn"),
    (-2, "lc"), (-2, "amb"), (2, "lc"), (2, "amb"),
)  # fmt: skip
OFFSETS = tuple(sorted({offset for offset, _ in WORD_SLOTS}))
# The word-feature columns of a feature matrix, by offset then in WORD_SLOTS order: the offset's
# place in OFFSETS and the slot of each column.
WORD_COLUMN_SLOT = np.array(
    [slot for offset in OFFSETS for slot, (slot_offset, _) in enumerate(WORD_SLOTS) if slot_offset == offset]
)
WORD_COLUMN_OFFSET = np.array([OFFSETS.index(WORD_SLOTS[slot][0]) for slot in WORD_COLUMN_SLOT])

# The per-word codes that conjunction features combine with tags.
CODE_NAMES = ("lc", "s3", "shape", "amb", "penn")

# Conjunction templates: name -> (first operand, second operand). Operands: "tag-1" is the tag
# of the previous token (from the first pass), "lc0" the current word's lowercase code, etc.
FIRST_PASS_CONJUNCTIONS = (("first", "shape0"), ("shape0", "amb0"), ("first", "amb0"))
SECOND_PASS_CONJUNCTIONS = (
    ("tag-1", "none"), ("tag+1", "none"), ("tag-2&tag-1", "none"), ("tag+1&tag+2", "none"),
    ("tag-1&tag+1", "none"), ("tag-1", "lc0"), ("tag+1", "lc0"), ("tag-1", "s30"), ("tag+1", "s30"),
    ("tag-1", "amb0"), ("tag+1", "amb0"), ("tag-1", "lc-1"), ("tag+1", "lc+1"), ("tag-1", "penn0"),
    ("tag+1", "penn0"),
)  # fmt: skip
KEY_SHIFT = 22
TEMPLATES = FIRST_PASS_CONJUNCTIONS + SECOND_PASS_CONJUNCTIONS
FIRST_PASS = slice(0, len(FIRST_PASS_CONJUNCTIONS))  # the templates of each pass
BOTH_PASSES = slice(0, len(TEMPLATES))
SECOND_PASS_ONLY = slice(len(FIRST_PASS_CONJUNCTIONS), len(TEMPLATES))
# The operands every template's operands are made of: whether the word opens the sentence, the
# word codes at offsets -1, 0 and +1, and the first pass's tags at offsets -2, -1, +1 and +2.
CODE_OFFSETS = np.array([-1, 0, 1])
TAG_OFFSETS = np.array([-2, -1, 1, 2])
ATOMIC_OPERANDS = (
    "first",
    *(f"{name}{offset:+d}" if offset else f"{name}0"
      for offset in CODE_OFFSETS.tolist() for name in CODE_NAMES),
    *(f"tag{offset:+d}" for offset in TAG_OFFSETS.tolist()),
)  # fmt: skip


def shape(word: str) -> str:
    """Xx for "Musk", d,d for "15,000", X.X. for "U.S.": classes of characters, runs cut at 2."""
    classes = []
    for character in word:
        if character.isupper():
            kind = "X"
        elif character.islower():
            kind = "x"
        elif character.isdigit():
            kind = "d"
        else:
            kind = character
        if len(classes) < 2 or classes[-1] != kind or classes[-2] != kind:
            classes.append(kind)
    return "".join(classes)


@lru_cache(maxsize=1 << 17)
def ambiguity_class(word: str) -> str:
    """The parts of speech lemminflect's dictionary allows for the word, e.g. "NOUN|VERB"."""
    classes = set(dictionary_lemmas(word)) | set(dictionary_lemmas(word.lower()))
    return "|".join(sorted(classes)) or "-"


def penn_class(word: str) -> str:
    """The Penn tags lemminflect can inflect some lemma of the word into exactly this word, e.g.
    "fell" -> "JJ|NN|NNS|VB|VBD|VBP": finer than the universal class (past tense or not)."""
    tags = set()
    for form in {word, word.lower()}:
        for universal, lemmas in dictionary_lemmas(form).items():
            for lemma in lemmas:
                tags.update(
                    tag for tag, forms in dictionary_inflections(lemma, universal).items() if form in forms
                )
    return "|".join(sorted(tags)) or "-"


def irregular_verb_form(word: str) -> str:
    """The tags among VBD/VBN of which the word is an irregular form ("fell" -> "VBD", "made" ->
    "VBD|VBN"), "-" if none: the few hundred irregular verbs share a behaviour the tagger learns
    from the frequent ones and applies to the rare ("fell", "sank", "forgave")."""
    lower = word.lower()
    if lower.endswith("ed"):
        return "-"
    tags = set()
    for lemma in dictionary_lemmas(lower).get("VERB", ()):
        inflections = dictionary_inflections(lemma, "VERB")
        tags.update(tag for tag in ("VBD", "VBN") if lower in inflections.get(tag, ()))
    return "|".join(sorted(tags)) or "-"


def word_values(word: str) -> dict[str, str]:
    """The value of every word template for one word."""
    if word in (BEGIN, FINISH):
        return {template: word for _, template in WORD_SLOTS} | {name: word for name in CODE_NAMES}
    lower = word.lower()
    penn = penn_class(word)
    penn_tags = set(penn.split("|"))
    return {f"has{tag}": "y" if tag in penn_tags else "n" for tag in CLASS_TAGS} | {
        "bias": "",
        "w": word,
        "lc": lower,
        "s1": lower[-1:],
        "s2": lower[-2:],
        "s3": lower[-3:],
        "s4": lower[-4:],
        "p1": word[:1],
        "p2": lower[:2],
        "shape": shape(word),
        "amb": ambiguity_class(word),
        "penn": penn,
        "irregular": irregular_verb_form(word),
    }


def slot_feature(offset: int, template: str, value: str) -> str:
    return f"{offset}{template}={value}"


class FeatureIndex:
    """Maps features to weight rows; caches each distinct word's rows and codes."""

    def __init__(
        self,
        tags: Sequence[str],
        word_features: Sequence[str],
        conjunction_keys: np.ndarray,
        vocabularies: dict[str, Sequence[str]],
    ) -> None:
        self.tags = tuple(tags)
        self.begin_tag = len(self.tags)
        self.finish_tag = len(self.tags) + 1
        # row 0 is the zero row of unknown features; then word features, then conjunctions
        self.word_row = {feature: row for row, feature in enumerate(word_features, start=1)}
        self.conjunction_keys = np.asarray(conjunction_keys, dtype=np.int64)
        self.conjunction_rows = np.arange(len(self.conjunction_keys), dtype=np.int32) + len(word_features) + 1
        self.size = len(word_features) + 1 + len(self.conjunction_keys)
        self.codes = {name: {value: code for code, value in enumerate(vocabularies[name], start=1)}
                      for name in CODE_NAMES}  # fmt: skip
        self.word_features = tuple(word_features)
        self.vocabularies = {name: tuple(vocabularies[name]) for name in CODE_NAMES}
        self.type_of: dict[str, int] = {}
        self._type_rows = np.zeros((64, len(WORD_SLOTS)), dtype=np.int32)
        self._type_codes = np.zeros((64, len(CODE_NAMES)), dtype=np.int64)
        self.type_ids([BEGIN, FINISH])

    def _add_type(self, word: str) -> int:
        type_id = len(self.type_of)
        if type_id == len(self._type_rows):
            self._type_rows = np.concatenate([self._type_rows, np.zeros_like(self._type_rows)])
            self._type_codes = np.concatenate([self._type_codes, np.zeros_like(self._type_codes)])
        values = word_values(word)
        self._type_rows[type_id] = [self.word_row.get(slot_feature(offset, template, values[template]), 0)
                                    for offset, template in WORD_SLOTS]  # fmt: skip
        self._type_codes[type_id] = [self.codes[name].get(values[name], 0) for name in CODE_NAMES]
        self.type_of[word] = type_id
        return type_id

    def type_ids(self, words: Sequence[str]) -> list[int]:
        type_of = self.type_of
        return [type_of[word] if word in type_of else self._add_type(word) for word in words]

    def layout(self, sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Type ids of all sentences laid end to end with padding, and the positions of the words."""
        begin, finish = self.type_of[BEGIN], self.type_of[FINISH]
        padded: list[int] = []
        positions: list[int] = []
        for words in sentences:
            padded.extend((begin,) * PADDING)
            positions.extend(range(len(padded), len(padded) + len(words)))
            padded.extend(self.type_ids(words))
            padded.extend((finish,) * PADDING)
        return np.asarray(padded, dtype=np.int64), np.asarray(positions, dtype=np.int64)

    def padded_tags(self, padded: np.ndarray, positions: np.ndarray, tags: np.ndarray) -> np.ndarray:
        """Tag ids laid out like the padded words: pseudo-tags at the padding."""
        laid = np.where(padded == self.type_of[BEGIN], self.begin_tag, self.finish_tag)
        laid[positions] = tags
        return laid

    def operand_size(self, name: str) -> int:
        """How many values an operand of a conjunction takes."""
        if name == "none":
            return 1
        if name == "first":
            return 2
        if name.startswith("tag"):
            return (len(self.tags) + 2) ** len(name.split("&"))
        code_name = next(code_name for code_name in CODE_NAMES if name.startswith(code_name))
        return len(self.vocabularies[code_name]) + 1

    def operand_terms(self, name: str) -> dict[str, int]:
        """An operand as a sum of ATOMIC_OPERANDS times coefficients: "tag-2&tag-1" is
        tag-2 * (number of tag values) + tag-1, "none" the empty sum."""
        if name == "none":
            return {}
        parts = name.split("&")
        width = len(self.tags) + 2
        return {part: width ** (len(parts) - 1 - number) for number, part in enumerate(parts)}

    @cached_property
    def operand_coefficients(self) -> tuple[np.ndarray, np.ndarray]:
        """(atomic operands x templates) twice: the first operands of the templates, and their
        second operands, as linear combinations of the atomic operands."""
        first = np.zeros((len(ATOMIC_OPERANDS), len(TEMPLATES)), dtype=np.float64)
        second = np.zeros_like(first)
        for number, names in enumerate(TEMPLATES):
            for coefficients, name in zip((first, second), names, strict=True):
                for atomic, coefficient in self.operand_terms(name).items():
                    coefficients[ATOMIC_OPERANDS.index(atomic), number] = coefficient
        return first, second

    @cached_property
    def second_operand_sizes(self) -> np.ndarray:
        return np.array([self.operand_size(second) for _, second in TEMPLATES], dtype=np.int64)

    @cached_property
    def conjunction_table(self) -> tuple[np.ndarray, np.ndarray]:
        """The row of each (first, second) operand pair of every template as one dense table (the
        templates' tables end to end), and where each template's part starts: one gather at
        tagging time instead of a search among the keys."""
        sizes = [self.operand_size(first) * self.operand_size(second) for first, second in TEMPLATES]
        starts = np.cumsum([0, *sizes[:-1]], dtype=np.int64)
        keys = self.conjunction_keys
        mask = (1 << KEY_SHIFT) - 1
        numbers = keys >> (2 * KEY_SHIFT)
        table = np.zeros(sum(sizes), dtype=np.int32)
        first_values = (keys >> KEY_SHIFT) & mask
        table[starts[numbers] + first_values * self.second_operand_sizes[numbers] + (keys & mask)] = (
            self.conjunction_rows
        )
        return table, starts

    def operands(
        self, padded: np.ndarray, positions: np.ndarray, tags: np.ndarray | None, templates: slice
    ) -> tuple[np.ndarray, np.ndarray]:
        """The values of the first and of the second operand of these templates for every word
        (words x templates): a matrix of the atomic operands of all words times the templates'
        coefficients, in a few array operations whatever the number of templates. The product is
        in floating point, exact for these integers (far below 2**53): numpy's integer product
        does not use BLAS and is several times slower."""
        atomics = np.zeros((len(positions), len(ATOMIC_OPERANDS)), dtype=np.float64)
        atomics[:, 0] = padded[positions - 1] == self.type_of[BEGIN]
        codes = self._type_codes[padded[positions[:, None] + CODE_OFFSETS]]
        tags_from = 1 + codes.shape[1] * codes.shape[2]
        atomics[:, 1:tags_from] = codes.reshape(len(positions), -1)
        if tags is not None:
            atomics[:, tags_from:] = tags[positions[:, None] + TAG_OFFSETS]
        first, second = self.operand_coefficients
        return (
            (atomics @ first[:, templates]).astype(np.int64),
            (atomics @ second[:, templates]).astype(np.int64),
        )

    def conjunction_keys_of(
        self, padded: np.ndarray, positions: np.ndarray, tags: np.ndarray | None
    ) -> list[np.ndarray]:
        """The integer key of each conjunction template for every word."""
        templates = FIRST_PASS if tags is None else BOTH_PASSES
        first, second = self.operands(padded, positions, tags, templates)
        numbers = np.arange(first.shape[1], dtype=np.int64)
        return list(((numbers << (2 * KEY_SHIFT)) | (first << KEY_SHIFT) | second).T)

    def conjunction_rows_of(
        self, padded: np.ndarray, positions: np.ndarray, tags: np.ndarray | None, templates: slice
    ) -> np.ndarray:
        """The rows of these conjunction templates for every word (words x templates)."""
        first, second = self.operands(padded, positions, tags, templates)
        table, starts = self.conjunction_table
        return table[starts[templates] + first * self.second_operand_sizes[templates] + second]

    def first_pass_rows(self, padded: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """The first pass's feature rows of every word (words x features): its word features, then
        its conjunctions of word codes. The second pass's rows start with the same columns."""
        around = padded[positions[:, None] + np.array(OFFSETS)]
        word_rows = self._type_rows[around[:, WORD_COLUMN_OFFSET], WORD_COLUMN_SLOT]
        conjunctions = self.conjunction_rows_of(padded, positions, None, FIRST_PASS)
        return np.concatenate([word_rows, conjunctions], axis=1)

    def second_pass_rows(self, first_pass: np.ndarray, padded: np.ndarray, positions: np.ndarray,
                         tags: np.ndarray) -> np.ndarray:  # fmt: skip
        """The first pass's rows followed by the conjunctions with the first pass's tags."""
        conjunctions = self.conjunction_rows_of(padded, positions, tags, SECOND_PASS_ONLY)
        return np.concatenate([first_pass, conjunctions], axis=1)

    def rows(self, padded: np.ndarray, positions: np.ndarray, tags: np.ndarray | None = None) -> np.ndarray:
        """The feature rows of every word (words x features); `tags` (padded like the words) adds
        the second pass's conjunctions with the first pass's tags."""
        first_pass = self.first_pass_rows(padded, positions)
        return first_pass if tags is None else self.second_pass_rows(first_pass, padded, positions, tags)
