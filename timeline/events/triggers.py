"""Event words ("met", "summit", "convicted", "said") of an analysed sentence, their class, and status cues.

Which words are happenings is the linguistic analysis' decision (timeline/linguistics: a tagger,
clauses and a TimeML event-word classifier trained on TempEval-3), not a list: every verb or noun
it marks as an event is an event word, unless it is one of the verbs that name no happening alone
(data/not_events.tsv: "be", "have" ...). The word lists stay as a lexicon of classes
(data/triggers.tsv, data/verbs.tsv, data/phrases.tsv): "talks" and "summit" are both a meeting so
that articles wording one happening differently merge. A word the lexicon does not know is of
the class of the verb it is made of ("conviction" -> "convict"), else of its own lemma; a
reporting word (TimeML REPORTING) is a statement. Status cues are data/status_cues.tsv.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from timeline.events.analysis import AnalysedSentence
from timeline.events.resources import data_table
from timeline.linguistics import Token
from timeline.linguistics.clauses import Phrase, VerbGroup
from timeline.linguistics.event_words import deverbal_parts
from timeline.temporal.match_starts import sieved

STATEMENT = "statement"
# Classes whose noun names a happening between several parties: "a call with Putin" has
# the main clause's subject as its other party.
RECIPROCAL = frozenset({"meeting", "call"})
# Classes whose noun has a holder who is the clause's subject: "In a press conference ..., Lavrov said".
HELD = frozenset({"conference", "announcement", "visit", "proposal"})
# TimeML classes that name a happening; STATE ("owns", "available") and I_STATE ("wants",
# "believes") name none a timeline can place.
HAPPENING_CLASSES = frozenset({"OCCURRENCE", "REPORTING", "I_ACTION", "ASPECTUAL", "PERCEPTION"})
REPORTING = "REPORTING"
INTENSIONAL_CLASSES = frozenset({"I_ACTION", "I_STATE"})
NEGATIVE_DETERMINERS = frozenset({"no", "neither"})
_VERB_TAGS = frozenset("VB VBD VBG VBN VBP VBZ".split())
_NOUN_TAGS = frozenset("NN NNS".split())
_MODIFIER_TAGS = frozenset("JJ JJR JJS NN NNS NNP NNPS CD HYPH".split())
_DETERMINER_TAGS = frozenset("DT PRP$ POS WP$".split())


@dataclass(frozen=True, slots=True)
class Trigger:
    start: int
    end: int
    text: str
    lemma: str
    category: str  # meeting | call | visit | statement | sanctions | ... | the lemma of an unlisted verb
    pos: str  # verb | tverb | noun
    noun: str  # the noun a headline uses for it ("met" -> "meeting")
    # The verb group of the word's clause (its own for a verb, the governing one for a noun):
    # tense, aspect, modal and negation, which the status reads.
    verb: VerbGroup | None = None
    # What another clause intends, expects or wants: "expects exports to fall", "agreed to meet".
    intended: bool = False


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    lemma: str
    category: str
    pos: str
    noun: str


@lru_cache(maxsize=1)
def _forms() -> dict[str, LexiconEntry]:
    """Word form -> its entry: the listed forms, then every form of the listed verbs."""
    words = {row[0]: LexiconEntry(row[1], row[2], row[3], row[4]) for row in data_table("triggers.tsv")}
    for lemma, category, pos, noun, past in data_table("verbs.tsv"):
        for form in (lemma, third_person(lemma), past if past != "-" else regular_past(lemma)):
            words.setdefault(form, LexiconEntry(lemma, category, pos, noun))
    return words


@lru_cache(maxsize=1)
def _verb_lemmas() -> dict[str, LexiconEntry]:
    """Verb lemma -> its entry, for forms the lexicon does not list ("convicting", "attacks")."""
    verbs: dict[str, LexiconEntry] = {}
    for entry in _forms().values():
        if entry.pos in ("verb", "tverb"):
            verbs.setdefault(entry.lemma, entry)
    return verbs


@lru_cache(maxsize=1)
def _phrases() -> dict[tuple[str, ...], LexiconEntry]:
    return {
        tuple(row[0].split()): LexiconEntry(row[1], row[2], row[3], row[4])
        for row in data_table("phrases.tsv")
    }


@lru_cache(maxsize=1)
def _phrase_words() -> frozenset[str]:
    """Every word of a listed phrase: an event word that is none of them starts no phrase look-up."""
    return frozenset(word for words in _phrases() for word in words)


@cache
def not_events() -> frozenset[str]:
    return frozenset(row[0] for row in data_table("not_events.tsv"))


@cache
def support_verbs() -> dict[str, str]:
    """Verb lemma -> the role ("subject" or "object") of the noun that names its happening."""
    return {lemma: role for lemma, role in data_table("support_verbs.tsv")}


def third_person(lemma: str) -> str:
    """meet -> meets, impose -> imposes, say -> says, go to war -> goes to war."""
    if " " in lemma:
        first, rest = lemma.split(" ", 1)
        return f"{third_person(first)} {rest}"
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


def regular_past(lemma: str) -> str:
    """explode -> exploded, bomb -> bombed, ratify -> ratified."""
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def word_class(word: str, noun: bool = False) -> str | None:
    """The class the lexicon gives a word form ("talks" -> "meeting", "met" -> "meeting"), if any;
    NOUN: only if the form is listed as a noun."""
    entry = _forms().get(word.lower())
    return entry.category if entry is not None and (entry.pos == "noun" or not noun) else None


@cache
def report_sieve() -> re.Pattern[str]:
    """ "has", "have" and the present forms of the listed reporting verbs ("says", "announces"):
    a sentence without any of them holds no present perfect and no saying in the news present."""
    present = {
        form
        for form, entry in _forms().items()
        if entry.category in (STATEMENT, "announcement") and form == third_person(entry.lemma)
    }
    words = sorted({"has", "have"} | present, key=lambda word: (-len(word), word))
    return sieved(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b|['’]ve\b", re.IGNORECASE)


def _alternation(cues: Sequence[str]) -> str:
    """A group matching any of CUES, longest first (so "called off" before "called")."""
    return "(?:" + "|".join(map(re.escape, sorted(cues, key=lambda cue: -len(cue)))) + ")"


def _cues_pattern(cues: Sequence[str]) -> re.Pattern[str]:
    """One pattern for CUES, longest first, each a whole word or phrase."""
    return sieved(r"(?<![\w’'])" + _alternation(cues) + r"(?![\w’'])", re.IGNORECASE)


@cache
def cue_pattern(status: str) -> re.Pattern[str]:
    """One pattern for every cue of STATUS, longest first."""
    return _cues_pattern([row[1] for row in data_table("status_cues.tsv") if row[0] == status])


@cache
def modal_doubt_pattern() -> re.Pattern[str]:
    """A modal of doubt before a cue of cancellation, which makes it a doubt: "could be called
    off", "may well be postponed" (both lists from status_cues.tsv: the "modal" cues of uncertain
    and the cues of cancelled)."""
    table = data_table("status_cues.tsv")
    modals = [cue for status, cue, scope in table if status == "uncertain" and scope == "modal"]
    cancellations = [cue for status, cue, _ in table if status == "cancelled"]
    return sieved(
        r"(?<![\w’'])" + _alternation(modals) + r"\s+(?:well\s+|yet\s+|still\s+)?be\s+"
        + _alternation(cancellations) + r"(?![\w’'])",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def status_cues() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """(status, pattern, scope) for the cues of each status and scope, in the table's order.

    The cues of one status and scope share a window, so one alternation (longest first) finds
    whether any of them is there; a "timex" cue must also end right before its date, so each of
    those is tried on its own.
    """
    groups: dict[tuple[str, str], list[str]] = {}
    for status, cue, scope in data_table("status_cues.tsv"):
        key = (status, scope) if scope != "timex" else (status, f"{scope}:{cue}")
        groups.setdefault(key, []).append(cue)
    return tuple((status, _cues_pattern(cues), key.split(":")[0]) for (status, key), cues in groups.items())


def _is_event_noun(token: Token) -> bool:
    """A noun naming a happening by its form: listed ("verdict", "talks"), or made of a verb by a
    suffix ("resignation" of "resign")."""
    return (
        word_class(token.text, noun=True) is not None
        or word_class(token.lemma, noun=True) is not None
        or deverbal_parts(token.lemma.lower())[0] not in ("", "verb")
    )


def main_verb(analysis: AnalysedSentence) -> int | None:
    """The token of the sentence's first finite main-clause verb that names a happening: what a
    headline or lead reports ("Airbus wins Qatar Airways order worth $15bn")."""
    states = {index for index, event_class in analysis.event_words if event_class not in HAPPENING_CLASSES}
    for clause in analysis.clauses:
        verb = clause.verb
        if verb.finite and clause.complement_of is None and verb.lemma.lower() not in not_events():
            return None if verb.head in states else verb.head  # "Putin wants to meet": a state
    return None


def _denied(analysis: AnalysedSentence) -> set[int]:
    """The verbs of negated verb groups and the nouns of "no ..." phrases."""
    tokens = analysis.tokens
    denied = {clause.verb.head for clause in analysis.clauses if clause.verb.negated}
    denied.update(
        phrase.head
        for phrase in analysis.phrases
        if tokens[phrase.first].text.lower() in NEGATIVE_DETERMINERS
    )
    return denied


def _of_phrase(analysis: AnalysedSentence, phrase: Phrase) -> Phrase | None:
    """The phrase after "of" that a measure or a part is of: "three hours of talks"."""
    tokens = analysis.tokens
    if phrase.end < len(tokens) and tokens[phrase.end].text.lower() == "of":
        return next((p for p in analysis.phrases if p.first == phrase.end + 1), None)
    return None


def _event_tokens(analysis: AnalysedSentence, lead: bool) -> tuple[dict[int, str], dict[int, int]]:
    """(token index -> TimeML class of the sentence's happening words, verb index -> the index of
    the subject noun that names its happening: "the verdict came")."""
    tokens = analysis.tokens
    found: dict[int, str] = {}
    denied = _denied(analysis)
    flagged = {index for index, event_class in analysis.event_words if event_class in HAPPENING_CLASSES}
    for index, event_class in analysis.event_words:
        token = tokens[index]
        if event_class not in HAPPENING_CLASSES:
            continue
        if token.tag in _VERB_TAGS and token.lemma.lower() in not_events():
            continue
        if token.tag not in _VERB_TAGS and token.tag not in _NOUN_TAGS:
            continue  # adjectives ("dead", "available") and names are states or things
        if index in denied:
            continue  # "did not meet", "there has been no summit": nothing happened
        found[index] = event_class
    if lead:
        head = main_verb(analysis)
        if head is not None and head not in found and head not in denied and tokens[head].tag in _VERB_TAGS:
            # The classifier, trained on past-tense report prose, under-detects the headline present.
            found[head] = "OCCURRENCE"
    named_by: dict[int, int] = {}
    for clause in analysis.clauses:
        head = clause.verb.head
        role = support_verbs().get(tokens[head].lemma.lower())
        noun = clause.subject if role == "subject" else clause.object if role == "object" else None
        if head not in found or noun is None:
            continue
        if role == "object" and not _is_event_noun(tokens[noun.head]) and noun.head not in flagged:
            noun = _of_phrase(analysis, noun) or noun  # "held three hours of talks"
        word = tokens[noun.head]
        if word.tag not in _NOUN_TAGS or not (noun.head in flagged or _is_event_noun(word)):
            continue
        if role == "object":
            del found[head]  # "held talks": the talks are the happening
            found.setdefault(noun.head, "OCCURRENCE")
        else:
            # "the verdict came on Friday": one happening, told by the verb (its tense, its date)
            # and named by the noun (its class)
            found.pop(noun.head, None)
            named_by[head] = noun.head
    return dict(sorted(found.items())), named_by


@lru_cache(maxsize=1 << 14)
def _entry(word: str, lemma: str, is_verb: bool, event_class: str) -> LexiconEntry:
    """The class, lemma and headline noun of an event word: the lexicon's, else derived. Cached:
    event words recur from article to article."""
    listed = _forms().get(word)
    if listed is not None and (listed.pos == "noun") != is_verb:
        return listed
    if is_verb:
        entry = _verb_lemmas().get(lemma)
        if entry is not None:
            return entry
        category = STATEMENT if event_class == REPORTING else lemma
        return LexiconEntry(lemma, category, "verb", lemma)
    listed = _forms().get(lemma)
    if listed is not None and listed.pos == "noun":
        return LexiconEntry(listed.lemma, listed.category, "noun", word)
    verb = deverbal_parts(lemma)[1]
    entry = _verb_lemmas().get(verb)
    if entry is not None:
        return LexiconEntry(lemma, entry.category, "noun", word)
    category = STATEMENT if event_class == REPORTING else (verb or lemma)
    return LexiconEntry(lemma, category, "noun", word)


def _intended(analysis: AnalysedSentence) -> set[int]:
    """The heads of infinitives complementing a verb of intention or expectation (TimeML I_ACTION,
    I_STATE: "plans to", "expects ... to", "agreed to", "would like to"): not yet happened."""
    classes = dict(analysis.event_words)
    clauses = analysis.clauses
    return {
        clause.verb.head
        for clause in clauses
        if clause.complement_of is not None
        and classes.get(clauses[clause.complement_of].verb.head) in INTENSIONAL_CLASSES
    }


def _nominal_gerund(tokens: tuple[Token, ...], index: int) -> bool:
    """ "the G20 gathering", "Monday's shooting": a gerund after a determiner is a noun."""
    if tokens[index].tag != "VBG":
        return False
    before = index - 1
    while before >= 0 and tokens[before].tag in _MODIFIER_TAGS:
        before -= 1
    return before >= 0 and tokens[before].tag in _DETERMINER_TAGS


def find_triggers(text: str, analysis: AnalysedSentence, lead: bool = False) -> list[Trigger]:
    """The event words of an analysed sentence, in text order; LEAD: it is a headline or lead,
    whose main verb reports the story's happening even where the classifier sees none."""
    tokens = analysis.tokens
    phrases = _phrases()
    triggers: list[Trigger] = []
    found, named_by = _event_tokens(analysis, lead)
    intended = _intended(analysis)
    phrase_words = _phrase_words()
    lowered: list[str] = []  # the sentence's words for the phrases, made once when first needed
    for index, event_class in found.items():
        token = tokens[index]
        word = token.text.lower()
        is_verb = token.tag in _VERB_TAGS and not _nominal_gerund(tokens, index)
        entry = _entry(word, token.lemma.lower(), is_verb, event_class)
        if index in named_by:
            noun = tokens[named_by[index]]
            named = _entry(noun.text.lower(), noun.lemma.lower(), False, event_class)
            entry = LexiconEntry(token.lemma.lower(), named.category, "verb", named.noun)
        first, last = index, index
        if word in phrase_words and not lowered:
            lowered = [token.text.lower() for token in tokens]
        # "press conference", "phone call", "spoke with": a listed phrase around the word
        for size in (3, 2) if word in phrase_words else ():
            for begin in range(max(0, index - size + 1), min(index, len(tokens) - size) + 1):
                words = tuple(lowered[begin : begin + size])
                listed = phrases.get(words)
                if listed is None or (listed.pos == "noun") == is_verb:
                    continue  # "a call on Tuesday" is no "call on"
                if not (triggers and triggers[-1].end > tokens[begin].start):
                    entry, first, last = phrases[words], begin, begin + size - 1
                    break
            if (first, last) != (index, index):
                break
        start, end = tokens[first].start, tokens[last].end
        pos = "noun" if not is_verb else ("tverb" if entry.pos == "tverb" else "verb")
        triggers.append(
            Trigger(
                start,
                end,
                text[start:end],
                entry.lemma,
                entry.category,
                pos,
                entry.noun,
                clause.verb if (clause := analysis.clause_of(index)) is not None else None,
                index in intended,
            )
        )
    return triggers
