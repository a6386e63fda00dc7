"""Lemmas from lemminflect's dictionary, chosen by the Penn tag the tagger predicted."""

from __future__ import annotations

from functools import cache, lru_cache

from lemminflect import getAllInflections, getAllLemmas, getLemma

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


# lemminflect deep-copies its dictionary entry on every call: the features of a new word look up the
# same entries several times (as typed and lowercased, for the tagger and the event-word classifier)
@lru_cache(maxsize=1 << 17)
def dictionary_lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's getAllLemmas(word), read once per word: universal part of speech -> lemmas
    (in the word's case style). Shared between callers: never modify it."""
    return getAllLemmas(word)


@lru_cache(maxsize=1 << 16)
def dictionary_inflections(lemma: str, universal: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's getAllInflections(lemma, universal), read once: Penn tag -> forms. Shared
    between callers: never modify it."""
    return getAllInflections(lemma, universal)
