"""Reads UD CoNLL-U treebanks (UD English-EWT) into sentences tokenized the way tokens.py does.

Used by the trainer and the benchmarks only. EWT splits hyphenated compounds ("15 - year",
"Bankman - Fried"); our tokenizer keeps them whole, so pieces joined by a HYPH token written
without spaces become one word, with the tag, lemma and features of the last piece (the compound's
head in English: "15-year" is used like "year") and the dependency of the piece that attaches the
compound outside itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class GoldWord:
    form: str
    upos: str
    xpos: str
    lemma: str
    features: dict[str, str]
    head: int  # index in the sentence's words, -1 for the root
    relation: str
    enhanced: tuple[tuple[int, str], ...]  # enhanced dependencies (head index, relation), -1 the root


@dataclass(frozen=True, slots=True)
class GoldSentence:
    document: str
    sentence_id: str
    words: tuple[GoldWord, ...]


@dataclass(slots=True)
class _Row:
    number: int
    form: str
    lemma: str
    upos: str
    xpos: str
    features: dict[str, str]
    head: int
    relation: str
    enhanced: tuple[tuple[str, str], ...]  # (head number as written, relation)
    space_after: bool


def _features(field: str) -> dict[str, str]:
    if field == "_":
        return {}
    return dict(item.split("=", 1) for item in field.split("|"))


def _join_hyphenated(rows: list[_Row]) -> list[list[_Row]]:
    """Groups rows into words: a HYPH row written without spaces glues its neighbours."""
    groups: list[list[_Row]] = []
    index = 0
    while index < len(rows):
        group = [rows[index]]
        index += 1
        while (
            index + 1 < len(rows)
            and rows[index].xpos == "HYPH"
            and not group[-1].space_after
            and not rows[index].space_after
            and rows[index + 1].upos != "PUNCT"
        ):
            group.extend(rows[index : index + 2])
            index += 2
        groups.append(group)
    return groups


def _sentence(document: str, sentence_id: str, rows: list[_Row]) -> GoldSentence:
    groups = _join_hyphenated(rows)
    word_of_row = {row.number: position for position, group in enumerate(groups) for row in group}
    words = []
    for group in groups:
        members = {row.number for row in group}
        outside = [row for row in group if row.head not in members] or [group[-1]]
        attaching = outside[0]
        last = group[-1] if group[-1].xpos != "HYPH" else group[0]
        words.append(
            GoldWord(
                form="".join(row.form for row in group),
                upos=last.upos,
                xpos=last.xpos,
                lemma="".join(row.lemma for row in group[:-1]) + last.lemma if len(group) > 1 else last.lemma,
                features=last.features,
                head=word_of_row[attaching.head] if attaching.head else -1,
                relation=attaching.relation,
                enhanced=tuple(
                    (word_of_row[int(head)] if head != "0" else -1, relation)
                    for head, relation in attaching.enhanced
                    if head == "0" or (head.isdigit() and int(head) not in members)
                ),
            )
        )
    return GoldSentence(document, sentence_id, tuple(words))


def read_conllu(path: Path) -> list[GoldSentence]:
    """The sentences of a CoNLL-U file, skipping multiword-token ranges and empty nodes."""
    sentences: list[GoldSentence] = []
    document = sentence_id = ""
    rows: list[_Row] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc id = "):
            document = line.removeprefix("# newdoc id = ")
        elif line.startswith("# sent_id = "):
            sentence_id = line.removeprefix("# sent_id = ")
        elif not line:
            if rows:
                sentences.append(_sentence(document, sentence_id, rows))
            rows = []
        elif not line.startswith("#"):
            fields = line.split("\t")
            if "-" in fields[0] or "." in fields[0]:
                continue
            rows.append(
                _Row(
                    number=int(fields[0]),
                    form=fields[1],
                    lemma=fields[2],
                    upos=fields[3],
                    xpos=fields[4],
                    features=_features(fields[5]),
                    head=int(fields[6]),
                    relation=fields[7],
                    enhanced=tuple(tuple(item.split(":", 1)) for item in fields[8].split("|") if item != "_"),
                    space_after="SpaceAfter=No" not in fields[9],
                )
            )
    if rows:
        sentences.append(_sentence(document, sentence_id, rows))
    return sentences


EWT_FILES = ("en_ewt-ud-dev.conllu", "en_ewt-ud-test.conllu")


def ewt_split(directory: Path) -> tuple[list[GoldSentence], list[GoldSentence]]:
    """(training, held-out) sentences of the EWT parts in `directory`.

    The split is by document, so no held-out sentence shares a text with a training one: taking the
    documents in file order, every seventh (ordinal 3, 10, 17, ...) is held out, about 15%.
    """
    training: list[GoldSentence] = []
    held_out: list[GoldSentence] = []
    ordinal = -1
    last_document = None
    for name in EWT_FILES:
        for sentence in read_conllu(directory / name):
            if sentence.document != last_document:
                ordinal += 1
                last_document = sentence.document
            (held_out if ordinal % 7 == 3 else training).append(sentence)
    return training, held_out
