"""Lemmas from lemminflect's dictionary, chosen by the Penn tag the tagger predicted."""

from __future__ import annotations

from functools import cache, lru_cache

from lemminflect import getLemma

from timeline.linguistics.tokens import DATA

# Penn tag prefix -> the universal part of speech lemminflect indexes its dictionary by
UNIVERSAL_OF_PENN = {"NN": "NOUN", "VB": "VERB", "JJ": "ADJ", "RB": "ADV"}


@cache
def clitic_lemmas() -> dict[tuple[str, str], str]:
    lines = (DATA / "clitic_lemmas.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    return {(form, tag): lemma for form, tag, lemma in rows}


@lru_cache(maxsize=1 << 18)
def lemma(word: str, tag: str) -> str:
    """The dictionary form of a word under a Penn tag; proper nouns and unknown words keep their
    text (a proper noun its case too, as "Bankman-Fried" is its own lemma); a modal is itself
    ("could", not "can": the modal is the meaning)."""
    if tag in ("NNP", "NNPS"):
        return word
    lower = word.lower()
    special = clitic_lemmas().get((lower, tag))
    if special is not None:
        return special
    universal = UNIVERSAL_OF_PENN.get(tag[:2])
    if universal is None:
        return word if word == "I" else lower
    candidates = getLemma(lower, upos=universal)
    return candidates[0] if candidates else lower
