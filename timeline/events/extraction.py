"""Events of one article: each resolved date expression attached to the happening it dates.

Per sentence: the event words (triggers.py) and the anchored date expressions are paired, cheapest
first, where the cost is the number of words between them plus a charge for every clause boundary
crossed (a comma, "when", "that"; more for ";", a dash or "but"), so "met in Geneva in June 2021"
and "On Wednesday he imposed" both find their verb. Each pairing is an event; a sentence with two
dates and two happenings gives two events. Its participants are the people of the event word's
clause (for "a call with Putin", also the subject of the main clause); its places those named after
a preposition of place ("in Alaska") or before the event noun ("the Moscow talks"). A reporting
verb ("Peskov said Monday") dates the statement, which is an event of its own with the speaker as
participant and what it reports as label. "X and then Y" gives Y the same date as X and the order
X before Y; "a day after X" dates X a day before the day the text last named.

Labels are templates whose {N} slots the merge stage fills with canonical surnames, so that one
person reads the same in every headline.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from functools import cache
from typing import TypeVar

from timeline.events.analysis import AnalysedSentence, analyse_sentences
from timeline.events.entities import BARE_NAME, ORGANIZATION, PERSON, PLACE, bare_participant, titles
from timeline.events.gazetteer import gazetteer
from timeline.events.headline import clause_arguments, clause_headline, headline_words
from timeline.events.resources import data_lines
from timeline.events.triggers import (
    HELD,
    RECIPROCAL,
    STATEMENT,
    Trigger,
    cue_pattern,
    find_triggers,
    modal_doubt_pattern,
    report_sieve,
    status_cues,
    support_verbs,
    third_person,
    word_class,
)
from timeline.linguistics.clauses import VerbGroup, understood_subject
from timeline.model import Event, Mention, Sentence, Source, TimeExpr
from timeline.temporal.match_starts import sieved

MAX_PAIRING_COST = 12.0
UNCERTAIN_MODALS = frozenset({"may", "might", "could"})
PLANNING_MODALS = frozenset({"would", "shall"})
# The rule name of the stand-in date of a happening the article's own date dates.
REPORT_DAY = "article date"
# A reporting verb is dated only by a date right beside it ("said on Monday", "told reporters Tuesday").
MAX_STATEMENT_COST = 4.0
# A date just after its event word ("met in Geneva in June 2021", "Trump's meeting with Putin in
# Alaska last week and his discussions ...") is the usual order in news copy.
_TRIGGER_BEFORE_BONUS = 1.5
PLACE_WORDS_AFTER = 6
# A reporting verb takes a date only when no happening is as close: in "Peskov said Monday it
# considered the talks" the date is the statement's, in "I confirmed it yesterday in the
# conversation" the conversation's.
_STATEMENT_PENALTY = 3.0
_WORD = re.compile(r"[\w’'-]+")
# The patterns searched over whole clauses and sentences are `sieved`: a look-ahead worked out from
# each pattern skips at once the many positions no match can start at.
_STRONG_BREAK_BODY = r"[;:]|\s[—–]\s|—|\bbut\b|,\s*and\b"
_STRONG_BREAK = sieved(_STRONG_BREAK_BODY, re.IGNORECASE)
_DAYS_OR_WEEKS = re.compile(r"^P(\d+)([DW])$")
_AFTER_OR_BEFORE = re.compile(r"\s+(after|before)\b", re.IGNORECASE)
# How far back (characters) the day a "a day after" counts from may be: about two sentences.
ANAPHORA_REACH = 400
_SUBORDINATOR_BODY = (
    r"\b(?:while|whereas|although|though|because|after|before|since|when|which|who|that|if|unless)\b"
)
_WEAK_BREAK = sieved(",|" + _SUBORDINATOR_BODY, re.IGNORECASE)
_CLAUSE_BREAK = sieved(_STRONG_BREAK_BODY + "|,|" + _SUBORDINATOR_BODY, re.IGNORECASE)
_NEXT_CONJUNCT = re.compile(r"\s*,?\s*and\s+(?!then\b)", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?(?!\w)")
_WHEN_AFTER = re.compile(r"\s*,?\s*when\b", re.IGNORECASE)
# ", which signed Reyes from Lisbon in " up to a date: a relative clause still open there.
_OPEN_RELATIVE_CLAUSE = re.compile(r",\s*(?:which|who|whose)\b[^,;:()]*$", re.IGNORECASE)
RELATIVE_CLAUSE_REACH = 200
# A preposition between a date and the gerund it opens ("on Thursday for taking bribes"). A
# gerund after a comma alone tells the happening's outcome and shares its date ("swept through
# the villages on Saturday, killing 23 people").
_GERUND_OPENER = re.compile(
    r"\s*,?\s*(?:for|after|before|by|without|upon|on|from|over|against|despite|in)\s+", re.IGNORECASE
)
# A hyphenated date that a word follows modifies the noun after it ("second-quarter profit",
# "full-year results"), as a possessive date does.
_ATTRIBUTIVE_DATE = re.compile(r"[\w’'-]+-[\w’'-]+$")
_WORD_AFTER = re.compile(r" [a-zA-Z]")
_AND = sieved(r"\band\b", re.IGNORECASE)
_SUBORDINATOR = sieved(_SUBORDINATOR_BODY, re.IGNORECASE)
_THEN = sieved(r"(?:,\s*|\band\s+)(?:then|later|afterwards)\b|\bfollowed by\b", re.IGNORECASE)
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|to|near|outside|inside|into|via)\s+(?:the\s+)?$", re.IGNORECASE)
_OF_NOUN = re.compile(r"\s+of\s+(?:the\s+)?")
_PRONOUN_SUBJECT = sieved(
    r"\b(he|she)\s+(?:(?:also|then|later|again|has|had|have|will|would|could|quickly|already|"
    r"reportedly|previously|once)\s+)*$",
    re.IGNORECASE,
)
_POSSESSIVE_PRONOUN = sieved(r"\b(his|her)\s+(?:[a-z]+\s+)?$", re.IGNORECASE)
_TITLE_BEFORE = re.compile(r"\b([a-z]+?)s?\s+(?:also\s+)?$")
_WITH = re.compile(r"\s+with\s+", re.IGNORECASE)
_THAT_CLAUSE = re.compile(r"\W*that\b", re.IGNORECASE)
_COORDINATED_VERB = re.compile(r"\s*,?\s*and\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_PLURAL_SUBJECT = sieved(r"\b(?:they|them)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
# Double quotes only: a single quote is as often an apostrophe ("Russia's").
_QUOTE = re.compile(r"[“\"]([^“”\"]{3,120})[”\"]")
_SLOT = re.compile(r"\{(\d+)\}")
_DATE_PREPOSITION = re.compile(
    r"\b(?:on|in|at|by|since|from|until|during|of|as early as|as soon as)\s*$", re.IGNORECASE
)
_CLAUSE_END = (
    r"[,;:()“”\"]|\s[—–]\s|\b(?:that|after|before|because|while|if|when|as|but|and|which|who|unless)\b"
)
# The object of a verb ends at "to" too ("imposed tariffs to punish ..."); a reported clause does not.
_PHRASE_END = re.compile(_CLAUSE_END + r"|\bto\b")
_REPORTED_CLAUSE_END = re.compile(_CLAUSE_END)
_DEFINITE_REFERENCE = re.compile(r"\b(?:that|the|this|such a)\s+(\w+)", re.IGNORECASE)
_LABEL_WORD_LIMIT = 6
_Span = TypeVar("_Span", Mention, TimeExpr)
@dataclass(frozen=True, slots=True)
class _Pairing:
    trigger: Trigger
    timex: TimeExpr
    earlier: Trigger | None = None  # the event the text places just before this one ("and then")


def datable(expression: TimeExpr) -> bool:
    """Whether an expression gives a happening a place on the calendar."""
    return expression.type in ("DATE", "TIME") and None not in (expression.start_date, expression.end_date)


def spans_within(spans: Sequence[_Span], starts: Sequence[int], start: int, end: int) -> list[_Span]:
    """The spans that lie inside [START, END), in their order; SPANS sorted by start, STARTS their starts.

    Only the spans starting in the range are looked at, so that one call per sentence costs the
    article time linear in its length.
    """
    first = bisect.bisect_left(starts, start)
    last = bisect.bisect_right(starts, end)
    return [span for span in spans[first:last] if span.end <= end]


def _words_between(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text, start, end)) if end > start else 0


def _pairing_cost(text: str, expression: TimeExpr, trigger: Trigger, limit: float = math.inf) -> float:
    """The cost of pairing; past LIMIT, only some number past it (the clause breaks are not counted)."""
    if trigger.end <= expression.start:
        gap_start, gap_end, bonus = trigger.end, expression.start, _TRIGGER_BEFORE_BONUS
    elif expression.end <= trigger.start:
        gap_start, gap_end, bonus = expression.end, trigger.start, 0.0
    else:
        return 0.0
    words = _words_between(text, gap_start, gap_end) - bonus
    if words > limit:
        return words  # the breaks and the penalty only add to it
    strong = len(_STRONG_BREAK.findall(text, gap_start, gap_end))
    next_conjunct = gap_start == expression.end and _NEXT_CONJUNCT.match(text, gap_start, gap_end)
    if next_conjunct and trigger.pos != "noun":
        # "raised rates last month and signalled another increase": a date that ends one conjunct
        # is that conjunct's, not the verb's of the next
        strong += 1
    weak = len(_WEAK_BREAK.findall(text, gap_start, gap_end)) + len(_AND.findall(text, gap_start, gap_end))
    penalty = _STATEMENT_PENALTY if trigger.category == STATEMENT else 0.0
    return words + 3 * strong + weak + penalty


def _modifies_a_noun(text: str, expression: TimeExpr) -> bool:
    """Whether a date opens a noun phrase: a possessive ("Monday's announcement") or a hyphenated
    compound before a word ("second-quarter profit", "full-year forecast")."""
    if _POSSESSIVE.match(text, expression.end):
        return True
    return bool(_WORD_AFTER.match(text, expression.end) and _ATTRIBUTIVE_DATE.search(expression.text))


def _in_noun_after(text: str, expression: TimeExpr, trigger: Trigger) -> bool:
    """Whether the event word lies in the noun phrase a possessive date opens: "Monday's
    announcement", "last year's Madrid summit". Such a date dates that noun, not the clause: in
    "Yesterday, at this year's conference, Jobs unveiled the phone" the phone came yesterday."""
    if trigger.start < expression.end or _words_between(text, expression.end, trigger.start) > 3:
        return False
    return not _CLAUSE_BREAK.search(text, expression.end, trigger.start)


def _gerund_after(text: str, expression: TimeExpr, trigger: Trigger) -> bool:
    """Whether the event word is a gerund a preposition opens right after the date: "sentenced
    him to six years on Thursday for taking bribes", "was arrested on Monday after fleeing". The
    gerund is a complement of the clause the date belongs to (its own date would follow it)."""
    verb = trigger.verb
    return (
        trigger.pos != "noun"
        and trigger.start >= expression.end
        and verb is not None
        and not verb.finite
        and trigger.text.lower().endswith("ing")
        and _GERUND_OPENER.fullmatch(text, expression.end, trigger.start) is not None
    )


def _out_of_relative_clause(text: str, expression: TimeExpr, trigger: Trigger) -> bool:
    """Whether the date is inside a relative clause set off by commas and the event word after
    the comma that closes it: "The club, which signed Reyes in 2023, won the match": 2023 is
    the signing's."""
    if trigger.start < expression.end or "," not in text[expression.end : trigger.start]:
        return False
    return _in_open_relative_clause(text, expression)


def _in_open_relative_clause(text: str, expression: TimeExpr) -> bool:
    """Whether a relative clause set off by a comma is still open where the date starts."""
    window = max(0, expression.start - RELATIVE_CLAUSE_REACH)
    return _OPEN_RELATIVE_CLAUSE.search(text, window, expression.start) is not None


def _cost_limit(trigger: Trigger) -> float:
    return MAX_STATEMENT_COST if trigger.category == STATEMENT else MAX_PAIRING_COST


def pair_dates_with_triggers(
    text: str,
    expressions: Sequence[TimeExpr],
    triggers: Sequence[Trigger],
    forward_only: AbstractSet[int] = frozenset(),
) -> list[_Pairing]:
    """Each date expression with the event word it dates: cheapest pairs first, one date per word.

    Expressions whose start is in FORWARD_ONLY date only an event word after them.
    """
    candidates = sorted(
        (cost, expression.start, trigger.start, expression_index, trigger_index)
        for expression_index, expression in enumerate(expressions)
        for trigger_index, trigger in enumerate(triggers)
        if (cost := _pairing_cost(text, expression, trigger, limit := _cost_limit(trigger))) <= limit
        and (expression.start not in forward_only or trigger.start >= expression.end)
        and (not _modifies_a_noun(text, expression) or _in_noun_after(text, expression, trigger))
        and not _gerund_after(text, expression, trigger)
        and not _out_of_relative_clause(text, expression, trigger)
    )
    taken_expressions: set[int] = set()
    taken_triggers: set[int] = set()
    pairings: list[_Pairing] = []
    for _, _, _, expression_index, trigger_index in candidates:
        if expression_index in taken_expressions or trigger_index in taken_triggers:
            continue
        taken_expressions.add(expression_index)
        taken_triggers.add(trigger_index)
        pairings.append(_Pairing(triggers[trigger_index], expressions[expression_index]))
    # "between 2017 and 2019, when Putin and Trump had their last meetings": the clause "when"
    # opens right after a date tells of that time too.
    for pairing in list(pairings):
        when = _WHEN_AFTER.match(text, pairing.timex.end)
        if when is None:
            continue
        told = next(
            (
                (index, trigger)
                for index, trigger in enumerate(triggers)
                if trigger.start >= when.end() and trigger.category != STATEMENT
            ),
            None,
        )
        if told is not None and told[0] not in taken_triggers:
            if not _STRONG_BREAK.search(text, when.end(), told[1].start):
                taken_triggers.add(told[0])
                pairings.append(_Pairing(told[1], pairing.timex))
    # "their last meetings in Helsinki and then at the G20 gathering in Osaka": the coordinated
    # happening shares the date and comes after.
    for pairing in list(pairings):
        following = [
            (index, trigger)
            for index, trigger in enumerate(triggers)
            if trigger.start > pairing.trigger.end and trigger.category != STATEMENT
        ]
        if not following or following[0][0] in taken_triggers:
            continue  # only the very next happening is coordinated with this one
        index, trigger = following[0]
        between = text[pairing.trigger.end : trigger.start]
        if _THEN.search(between) and not _STRONG_BREAK.search(between):
            taken_triggers.add(index)
            pairings.append(_Pairing(trigger, pairing.timex, earlier=pairing.trigger))
    pairings.sort(key=lambda pairing: min(pairing.trigger.start, pairing.timex.start))
    return pairings


def _regions(text: str, sentence: Sentence, pairings: list[_Pairing]) -> list[tuple[int, int]]:
    """The stretch of the sentence that belongs to each event: cut at the last clause boundary between two."""
    bounds = []
    for pairing in pairings:
        if pairing.earlier is not None:  # its date belongs to the earlier event's words
            bounds.append((pairing.trigger.start, pairing.trigger.end))
        else:
            bounds.append(
                (min(pairing.trigger.start, pairing.timex.start), max(pairing.trigger.end, pairing.timex.end))
            )
    cuts = [sentence.start]
    for index, ((_, left_end), (right_start, _)) in enumerate(zip(bounds, bounds[1:], strict=False)):
        if right_start <= left_end:
            cuts.append(right_start)
            continue
        # Cut at a clause boundary; at "and" only when there is none ("Putin and Trump met" stays
        # whole); between coordinated events at their "and then".
        breaks = (
            (
                list(_THEN.finditer(text, left_end, right_start))
                if pairings[index + 1].earlier is not None
                else []
            )
            or list(_CLAUSE_BREAK.finditer(text, left_end, right_start))
            or list(_AND.finditer(text, left_end, right_start))
        )
        cuts.append(breaks[-1].start() if breaks else right_start)
    cuts.append(sentence.end)
    return [(cuts[index], cuts[index + 1]) for index in range(len(pairings))]


def _clause(
    text: str, start: int, end: int, anchor_start: int, anchor_end: int, commas: bool = True
) -> tuple[int, int]:
    """The clause of [START, END) around the anchor, between the nearest boundaries on each side.

    Without COMMAS, only dashes, semicolons and conjunctions bound it: "will meet on Wednesday,
    August 6, with Russian leadership in Moscow" keeps its place.
    """
    weak = _WEAK_BREAK if commas else _SUBORDINATOR
    left = start
    for match in _STRONG_BREAK.finditer(text, start, anchor_start):
        left = match.end()
    for match in weak.finditer(text, left, anchor_start):
        left = match.start() if match.group() != "," else match.end()
    right = end
    for pattern in (_STRONG_BREAK, weak):
        match = pattern.search(text, anchor_end, right)
        if match:
            right = match.start()
    return left, right


def _event_clause(text: str, region: tuple[int, int], pairing: _Pairing) -> tuple[int, int]:
    """The loose clause of an event's word and its date: where its place and status cues are."""
    anchor_start = min(pairing.trigger.start, pairing.timex.start)
    anchor_end = max(pairing.trigger.end, pairing.timex.end)
    return _clause(text, region[0], region[1], anchor_start, anchor_end, commas=False)


class _ArticleContext:
    """What extraction needs to know about the article around one sentence."""

    def __init__(
        self, text: str, mentions: Sequence[Mention], sentences: Sequence[Sentence],
        expressions: Sequence[TimeExpr] = (),
    ) -> None:
        self.text = text
        # where the text names a date or a time: a headline leaves those words out (a duration, "six
        # months", may be what happened, and stays)
        self.date_spans = sorted(
            (expression.start, expression.end)
            for expression in expressions
            if expression.type in ("DATE", "TIME")
        )
        self.mentions = sorted(mentions, key=lambda mention: (mention.start, mention.end))
        self.mention_starts = [mention.start for mention in self.mentions]
        # The furthest end of the mentions up to each: where a look-up of what overlaps a span stops.
        self.mention_reach = list(itertools.accumulate((mention.end for mention in self.mentions), max))
        self.sentences = list(sentences)
        self.sentence_starts = [sentence.start for sentence in self.sentences]
        self.analyses: dict[int, AnalysedSentence] = {}  # by sentence start, for the sentences analysed

    def analyse(self, indices: Sequence[int]) -> None:
        """Analyse these sentences (in one batch) for every later stage to read."""
        wanted = [self.sentences[i] for i in sorted(set(indices))]
        spans = [(s.start, s.end) for s in wanted if s.start not in self.analyses]
        for analysed in analyse_sentences(self.text, spans):
            self.analyses[analysed.start] = analysed

    def dates_within(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans of the temporal expressions that start inside [START, END) (a bisection)."""
        first = bisect.bisect_left(self.date_spans, (start,))
        last = bisect.bisect_left(self.date_spans, (end,))
        return self.date_spans[first:last]

    def analysis_of(self, sentence: Sentence) -> AnalysedSentence | None:
        return self.analyses.get(sentence.start)

    def within(self, start: int, end: int, kinds: tuple[str, ...]) -> list[Mention]:
        """The mentions of those kinds inside [START, END), in text order. A bisection, not a scan:
        scanning the article for each sentence would make its cost quadratic in its length."""
        return [m for m in spans_within(self.mentions, self.mention_starts, start, end) if m.kind in kinds]

    def overlapping(self, start: int, end: int) -> list[Mention]:
        """The mentions that overlap [START, END), in text order. A bisection, not a scan, for
        the same reason as `within`."""
        index = bisect.bisect_left(self.mention_starts, end)
        found = []
        while index > 0 and self.mention_reach[index - 1] > start:
            index -= 1
            if self.mentions[index].end > start:
                found.append(self.mentions[index])
        found.reverse()
        return found

    def antecedent(self, position: int) -> Mention | None:
        """Who "he" or "she" at POSITION most likely is: the first person named earlier in the
        sentence, else the first person of the nearest earlier sentence that names one (the
        subject of news sentences comes first)."""
        index = bisect.bisect_right(self.sentence_starts, position) - 1
        if index < 0:
            return None
        current = self.sentences[index]
        earlier = self.within(current.start, position, (PERSON,))
        if earlier:
            return earlier[0]
        for sentence in reversed(self.sentences[max(0, index - 3) : index]):
            people = self.within(sentence.start, sentence.end, (PERSON,))
            if people:
                return people[0]
        return None


def _unique(names: list[str]) -> list[str]:
    seen: list[str] = []
    for name in names:
        if name not in seen:
            seen.append(name)
    return seen


def _speaker(context: _ArticleContext, sentence: Sentence, trigger: Trigger) -> list[Mention]:
    """Who made a statement: the name just before the reporting verb, or just after ("said Peskov")."""
    text = context.text
    before = [
        m
        for m in context.within(sentence.start, trigger.start, (PERSON, ORGANIZATION))
        if _words_between(text, m.end, trigger.start) <= 2
    ]
    if before:
        return [before[-1]]
    after = [
        m
        for m in context.within(trigger.end, sentence.end, (PERSON, ORGANIZATION))
        if _words_between(text, trigger.end, m.start) <= 3
    ]
    if after:
        return [after[0]]
    pronoun = _PRONOUN_SUBJECT.search(text, sentence.start, trigger.start)
    if pronoun:
        antecedent = context.antecedent(pronoun.start())
        if antecedent:
            return [antecedent]
    return []


def _speaker_title(text: str, sentence: Sentence, trigger: Trigger) -> str | None:
    """'her spokesman said', 'officials said': the unnamed speaker's title, for the label."""
    match = _TITLE_BEFORE.search(text, sentence.start, trigger.start)
    if match and match.group(1).lower() in titles():
        return match.group(1).capitalize()
    return None


def _participants(
    context: _ArticleContext,
    sentence: Sentence,
    region: tuple[int, int],
    pairing: _Pairing,
    clause: tuple[int, int],
    loose: tuple[int, int],
) -> tuple[list[Mention], list[Mention]]:
    """People and organisations taking part: those of the event word's clause (CLAUSE, `_clause`
    of the word), then its subject; else those of its loose clause (LOOSE, `_event_clause`)."""
    trigger = pairing.trigger
    if trigger.category == STATEMENT:
        speakers = _speaker(context, sentence, trigger)
        return [m for m in speakers if m.kind == PERSON], [m for m in speakers if m.kind == ORGANIZATION]
    people = context.within(clause[0], clause[1], (PERSON,))
    organizations = context.within(clause[0], clause[1], (ORGANIZATION,))
    pronoun = _PRONOUN_SUBJECT.search(context.text, clause[0], trigger.start) or (
        _POSSESSIVE_PRONOUN.search(context.text, clause[0], trigger.start) if trigger.pos == "noun" else None
    )
    if pronoun:
        antecedent = context.antecedent(pronoun.start())
        if antecedent:
            people.insert(0, antecedent)
    if trigger.pos == "noun":
        wanted = 2 if trigger.category in RECIPROCAL else 1 if trigger.category in HELD else 0
    else:
        wanted = 1
    if _PLURAL_SUBJECT.search(context.text, clause[0], trigger.start):
        wanted = 0  # "plans for them to meet": whoever they are, not the nearest name
    if len({m.name for m in people}) < wanted:
        # "After a phone call with Putin Thursday, Trump announced ...": the other party is the
        # nearest person of the event's part of the sentence outside the clause.
        outside = [
            m
            for m in context.within(loose[0], loose[1], (PERSON,))
            if not clause[0] <= m.start < clause[1] and m.name not in {p.name for p in people}
        ]
        outside.sort(key=lambda m: min(abs(m.start - clause[1]), abs(clause[0] - m.end)))
        people.extend(outside[: wanted - len({m.name for m in people})])
        people.sort(key=lambda m: m.start)
    if (
        not people
        and trigger.pos != "noun"
        and _COORDINATED_VERB.match(context.text, region[0], trigger.start)
    ):
        # "Kemp declared an emergency on Monday and will visit Macon on Friday": the subject of
        # the first verb does the second.
        subject = context.within(sentence.start, region[0], (PERSON,))
        people = subject[:1]
    # A name that is the event word itself ("Rally" opening a sentence) is no participant.
    people = [m for m in people if m.text.lower() != trigger.text.lower()]
    return people, organizations


def _near(text: str, pairing: _Pairing, mention: Mention) -> bool:
    """Whether a place is close enough to the event word to be its place (its date not counted)."""
    trigger = pairing.trigger
    if mention.end <= trigger.start:
        return _words_between(text, mention.end, trigger.start) <= 2
    between = _words_outside_date(text, trigger.end, mention.start, pairing.timex)
    return len(_WORD.findall(between)) <= PLACE_WORDS_AFTER


def _places(context: _ArticleContext, region: tuple[int, int], pairing: _Pairing) -> list[Mention]:
    """Places named after a preposition of place, or right before the event noun ("the Alaska meeting")."""
    text = context.text
    trigger = pairing.trigger
    chosen: list[Mention] = []
    for mention in context.within(region[0], region[1], (PLACE,)):
        if not _near(text, pairing, mention):
            continue
        before = text[max(region[0], mention.start - 20) : mention.start]
        right_before_noun = trigger.pos == "noun" and 0 <= trigger.start - mention.end <= 1
        # "visit Madrid": the place is the visit's object
        object_of_visit = trigger.category == "visit" and 0 <= mention.start - trigger.end <= 1
        of_the_noun = trigger.pos == "noun" and bool(_OF_NOUN.fullmatch(text, trigger.end, mention.start))
        apposition = bool(chosen) and text[chosen[-1].end : mention.start].strip() == ","
        if (
            _LOCATIVE_BEFORE.search(before)
            or right_before_noun
            or of_the_noun
            or object_of_visit
            or apposition
        ):
            chosen.append(mention)
    return chosen


def _verb_group_status(trigger: Trigger) -> set[str]:
    """What the event word's verb group says of its happening: "will meet", "would meet" (said
    before it happens), "agreed to meet" -> planned; "may", "might", "could meet" -> uncertain."""
    verb = trigger.verb
    if verb is None:
        return set()
    if trigger.intended:
        return {"planned"}
    if verb.modal in UNCERTAIN_MODALS:
        return {"uncertain"}
    if verb.tense == "future" or verb.modal in PLANNING_MODALS:
        return {"planned"}
    return set()


def _status(text: str, region: tuple[int, int], pairing: _Pairing, reference_date: dt.date | None) -> str:
    trigger, expression = pairing.trigger, pairing.timex
    found = _verb_group_status(trigger)
    for kind, sieve, cues in _status_cue_groups():
        if kind == "modal" and trigger.verb is not None:
            continue  # the verb group's tense and modal have said it
        start, end = _cue_window(text, kind, region, trigger, expression)
        if sieve is not None and not sieve.search(text, start, end):
            continue
        for status, pattern in cues:
            match = pattern.search(text, start, end)
            if match and (kind != "timex" or not text[match.end() : expression.start].strip()):
                found.add(status)
    if "cancelled" in found:
        # "the summit could be called off": only in doubt.
        doubted = modal_doubt_pattern().search(text, region[0], trigger.end + 40)
        return "uncertain" if doubted else "cancelled"
    if trigger.category == "deadline" or "deadline" in found:
        return "deadline"
    if trigger.category == STATEMENT:
        return "reported"
    if "uncertain" in found:
        return "uncertain"
    in_future = bool(reference_date and expression.start_date and expression.start_date > reference_date)
    if "planned" in found or (in_future and not _is_past(trigger)):
        return "planned"
    return "happened"


# (kind of window, one alternation of the group's cues or None for a single cue, (status, cue) ...)
_CueGroup = tuple[str, re.Pattern[str] | None, tuple[tuple[str, re.Pattern[str]], ...]]


@cache
def _status_cue_groups() -> tuple[_CueGroup, ...]:
    """The status cues by the window they are looked for in (`_cue_window`), a group of several
    with one alternation of them all: the window of most events holds none, which one search tells."""
    groups: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for status, pattern, scope in status_cues():
        kind = "plan" if scope == "clause" and status == "planned" else scope
        groups.setdefault(kind, []).append((status, pattern))
    return tuple(
        (kind, _any_of([pattern for _, pattern in cues]) if len(cues) > 1 else None, tuple(cues))
        for kind, cues in groups.items()
    )


def _cue_window(
    text: str, kind: str, region: tuple[int, int], trigger: Trigger, expression: TimeExpr
) -> tuple[int, int]:
    """Where the status cues of a scope are looked for."""
    if kind == "plan":
        # A plan is said before the happening or its date ("is set to hold a meeting on
        # Wednesday", "to meet as early as this week"); cues after both belong to another verb.
        return region[0], max(trigger.end, expression.end)
    if kind == "clause":
        return region
    if kind == "near":
        return max(region[0], expression.start - 24), min(region[1], expression.end + 24)
    if kind == "timex":
        return max(region[0], expression.start - 16), expression.start
    words_before = list(_WORD.finditer(text, region[0], trigger.start))[-4:]
    return words_before[0].start() if words_before else trigger.start, trigger.start


def _any_of(patterns: Sequence[re.Pattern[str]]) -> re.Pattern[str]:
    """One alternation of case-insensitive PATTERNS: it matches in a text exactly when one of them does."""
    return re.compile("|".join(f"(?:{pattern.pattern})" for pattern in patterns), re.IGNORECASE)


def _surname_slot(index: int) -> str:
    return "{" + str(index) + "}"


def _noun_modifiers(text: str, region_start: int, trigger: Trigger, places: list[str]) -> str:
    """Capitalised words right before an event noun: "Victory Day parade", "G20 gathering"."""
    modifiers: list[str] = []
    position = trigger.start
    for _ in range(2):
        match = re.search(r"([\w-]+) $", text[region_start:position])
        if not match or not match.group(1)[0].isupper() or match.group(1) in places:
            break
        if match.group(1).lower() in headline_words("leading"):
            break  # "A meeting between ...": an article that opens the sentence
        modifiers.insert(0, match.group(1))
        position = region_start + match.start(1)
    return " ".join(modifiers)


def _trimmed(words: list[str], limit: int = _LABEL_WORD_LIMIT) -> str:
    """At most LIMIT words, without a leading article or a dangling function word at the end."""
    while words and words[0].lower() in headline_words("leading"):
        words = words[1:]
    words = words[:limit]
    while words and words[-1].lower().strip(",.;:") in headline_words("trailing"):
        words = words[:-1]
    return " ".join(words).strip(" ,.;:\"'“”‘’")


def _words_outside_date(text: str, start: int, end: int, expression: TimeExpr) -> str:
    """TEXT[START:END] with the date expression (and its preposition: "on Monday") taken out."""
    if start <= expression.start < end:
        before = _DATE_PREPOSITION.sub("", text[start : expression.start])
        return before + " " + text[min(expression.end, end) : end]
    return text[start:end]


def _phrase_after(
    text: str, start: int, end: int, expression: TimeExpr, limit: int, boundary: re.Pattern[str] = _PHRASE_END
) -> str:
    """The first words after START, up to a clause boundary: "higher tariffs against India"."""
    fragment = boundary.split(_words_outside_date(text, start, end, expression))[0]
    return _trimmed(fragment.split(), limit)


def _phrase_before(text: str, start: int, end: int) -> str:
    """The subject words before a verb: "the Joint Sea exercises (began)" -> "Joint Sea exercises"."""
    fragment = _PHRASE_END.split(text[start:end])[-1]
    words = fragment.split()
    if words and words[-1].lower() in headline_words("passive"):
        return ""  # "a policeman was killed": the words before are not who did it
    words = [word for word in words if word.lower() not in headline_words("auxiliary")][-4:]
    if any(word.lower() in headline_words("not_subject") or any(c.isdigit() for c in word) for word in words):
        return ""  # "the last time they met", "bombings on Aug. 7": no headline in that
    return _trimmed(words, 4)


def _actor_words(event: Event) -> frozenset[str]:
    """The words a later subject names the event's actors with: the words of their names and, if
    an organisation is among them, the nouns that name an organisation again ("the company")."""
    words = frozenset(
        word.lower() for name in (*event.participants, *event.organizations) for word in name.split()
    )
    return words | _organization_anaphors() if event.organizations else words


@cache
def _organization_anaphors() -> frozenset[str]:
    return frozenset(data_lines("organization_anaphors.txt"))


def _acted_by(
    trigger: Trigger, analysis: AnalysedSentence, actors: frozenset[str], pronouns: bool = True
) -> bool:
    """Whether a verb's subject is one of the actors (a word of their names) or, with PRONOUNS,
    a personal pronoun."""
    index = analysis.token_at(trigger.start)
    words = _subject_words(analysis, index) if index is not None else []
    if pronouns and len(words) == 1 and words[0] in _PERSONAL_PRONOUNS:
        return True
    return any(word in actors for word in words)


def _subject_words(analysis: AnalysedSentence, index: int) -> list[str]:
    """The words of the written subject of the clause of token INDEX, in lower case (none if it
    has none)."""
    clause = analysis.clause_of(index)
    if clause is None or clause.subject is None:
        return []
    return [token.text.lower() for token in analysis.tokens[clause.subject.first : clause.subject.end]]


_PERSONAL_PRONOUNS = frozenset({"he", "she", "it", "we", "they", "i"})


def _in_relative_clause(trigger: Trigger, analysis: AnalysedSentence) -> bool:
    """Whether a verb opens with a relative pronoun ("Pixar, which was founded by Jobs", "the
    version that held 6GB"): a relative clause describes what its noun is, background, and does
    not go on with the story's narrative."""
    verb = trigger.verb
    return verb is not None and trigger.pos != "noun" and _after_relative_pronoun(analysis, verb.first)


_RELATIVE_PRONOUN_TAGS = frozenset({"WDT", "WP", "WP$"})


def _is_past(trigger: Trigger) -> bool:
    """'met', 'was imposed', 'the verdict came', 'held talks': a clause in the simple past tells
    what happened (a past perfect, "had met", tells of an earlier time than the story's). A noun
    is past only as what its support verb carries out; "announced a summit" says nothing of when."""
    verb = trigger.verb
    return (
        (trigger.pos != "noun" or (verb is not None and verb.lemma.lower() in support_verbs()))
        and verb is not None
        and verb.tense == "past"
        and verb.aspect in ("none", "progressive")
    )


def _label(
    text: str,
    region: tuple[int, int],
    clause: tuple[int, int],
    pairing: _Pairing,
    people: list[str],
    places: list[str],
    organizations: Sequence[str] = (),
) -> tuple[str, tuple[str, ...]]:
    """A short headline from the event's own words, with {0}, {1} ... standing for people's surnames.

    Without people, an organisation of the clause stands in for them ("NATO meeting").
    """
    trigger = pairing.trigger
    names = tuple(people[:3])
    slots = [_surname_slot(index) for index in range(len(names))]
    place = f" {_place_preposition(text, pairing.trigger, places[0])} {places[0]}" if places else ""
    if trigger.pos == "tverb" and len(names) >= 2 and not _compound_subject(text, region, trigger):
        return f"{slots[0]} {third_person(trigger.lemma)} {slots[1]}{place}", names[:2]
    if trigger.pos in ("verb", "tverb") and len(names) == 1:
        # Headline style: no articles inside the object ("speaks with leaders of France").
        words = _phrase_after(text, trigger.end, clause[1], pairing.timex, 7).split()
        rest = _trimmed([word for word in words if word.lower() not in headline_words("article")], 5)
        that = _THAT_CLAUSE.match(_words_outside_date(text, trigger.end, region[1], pairing.timex))
        if not rest and that:
            # "announced on Tuesday that she will run for governor": what was announced
            after_that = trigger.end + re.search(r"\bthat\b", text[trigger.end : region[1]]).end()
            rest = _phrase_after(text, after_that, region[1], pairing.timex, 6, _REPORTED_CLAUSE_END)
        label = f"{slots[0]} {third_person(trigger.lemma)} {rest}".strip()
        return label + ("" if rest else place), names
    if trigger.pos in ("verb", "tverb") and not names:
        subject = _phrase_before(text, clause[0], trigger.start)
        if subject:
            verb = trigger.lemma if subject.endswith("s") else third_person(trigger.lemma)
            return _capitalised(f"{subject} {verb}{place}"), ()
    modifiers = _noun_modifiers(text, region[0], trigger, places) if trigger.pos == "noun" else ""
    who = "–".join(slots) or (organizations[0] if organizations and organizations[0] not in modifiers else "")
    parts = [part for part in (who, modifiers, trigger.noun) if part]
    partner = _WITH.match(text, trigger.end)
    if trigger.category in RECIPROCAL and len(names) == 1 and partner:
        # "a call with European leaders": the other party is not a person we know by name
        other = _phrase_after(text, partner.end(), region[1], pairing.timex, 3)
        if other:
            parts.append(f"with {other}")
    return _capitalised(" ".join(parts) + place), names


def _place_preposition(text: str, trigger: Trigger, place: str) -> str:
    """ "invasion of Ukraine" keeps its "of"; every other place is "in" it."""
    following = text[trigger.end : trigger.end + len(place) + 10]
    return "of" if trigger.pos == "noun" and _OF_NOUN.match(following) else "in"


def _capitalised(label: str) -> str:
    return label if label.startswith("{") else label[:1].upper() + label[1:]


def _statement_label(
    text: str,
    sentence: Sentence,
    pairing: _Pairing,
    speaker: str | None,
    speaker_organization: str | None,
    reported: tuple[str, tuple[str, ...]] | None,
) -> tuple[str, tuple[str, ...]]:
    """'Peskov: meeting on the radar': who spoke, then what about, in the sentence's own words.

    What about: the happening the same sentence reports, else a short quotation, else the
    beginning of the "that" clause, else the words before "X said".
    """
    names: tuple[str, ...] = (speaker,) if speaker else ()
    head = "{0}" if speaker else (speaker_organization or "")
    trigger = pairing.trigger
    if reported is not None:
        template, reported_names = reported
        shift = len(names)
        shifted = _SLOT.sub(lambda match: _surname_slot(int(match.group(1)) + shift), template)
        return (f"{head}: {shifted}" if head else shifted), names + reported_names
    quotes = [
        quote for quote in _QUOTE.findall(text, sentence.start, sentence.end) if len(quote.split()) <= 8
    ]
    if quotes:
        gist = f"'{_trimmed(quotes[0].split(), 8)}'"
    else:
        after = text[trigger.end : sentence.end]
        that = re.search(r"\bthat\b", after)
        if that:
            gist = _phrase_after(
                text,
                trigger.end + that.end(),
                sentence.end,
                pairing.timex,
                _LABEL_WORD_LIMIT,
                _REPORTED_CLAUSE_END,
            )
        else:
            gist = ""
    if not gist:
        return (f"{head} {trigger.noun}" if head else _capitalised(trigger.noun)), names
    return (f"{head}: {gist}" if head else _capitalised(gist)), names


def _compound_subject(text: str, region: tuple[int, int], trigger: Trigger) -> bool:
    """'Putin and Trump met' (both before the verb) rather than 'Witkoff met Putin'."""
    return bool(re.search(r"\band\b", text[region[0] : trigger.start]))


def date_relative_clauses(text: str, expressions: Sequence[TimeExpr]) -> tuple[list[TimeExpr], set[int]]:
    """The datable expressions, with "The announcement came a day after Witkoff held talks" read right.

    A count of days or weeks followed by "after" or "before" and a clause dates that clause: the
    talks were a day *before* the moment the sentence is about, which is the last day the text
    named ("the Kremlin said on Thursday"). Such an expression becomes that day minus (or plus) the
    count, and may date only an event word that follows it; their starts are returned.
    """
    ordered = sorted(expressions, key=lambda e: (e.start, e.end))
    result: list[TimeExpr] = []
    forward_only: set[int] = set()
    last_day: TimeExpr | None = None
    for expression in ordered:
        if datable(expression):
            result.append(expression)
            if expression.granularity == "day":
                last_day = expression
            continue
        count = _DAYS_OR_WEEKS.match(expression.value)
        direction = _AFTER_OR_BEFORE.match(text, expression.end)
        if not (count and direction and last_day is not None):
            continue
        if not text[: expression.start].rstrip()[-1:].isalpha():
            continue  # "Three days after the vote, ...": counted from the vote, which no day names
        if _DURATION_BEFORE.search(text, max(0, expression.start - 12), expression.start):
            continue  # "deliberated for two days before reaching the verdict": how long, not when
        if expression.start - last_day.end > ANAPHORA_REACH:
            continue
        days = int(count.group(1)) * (7 if count.group(2) == "W" else 1)
        offset = dt.timedelta(days=-days if direction.group(1).lower() == "after" else days)
        day = last_day.start_date + offset
        result.append(
            replace(
                expression,
                type="DATE",
                value=day.isoformat(),
                start_date=day,
                end_date=day,
                granularity="day",
                anchor=f"text:{last_day.start}:{last_day.end}",
            )
        )
        forward_only.add(expression.start)
    return result, forward_only


@dataclass
class _Draft:
    """An event being built for one sentence, before the statements get their labels."""

    pairing: _Pairing
    region: tuple[int, int]
    clause: tuple[int, int]
    people: list[str]
    bare: list[str]
    organizations: list[str]
    places: list[str]
    label: str = ""
    label_names: tuple[str, ...] = ()


def extract_events(
    article_id: str,
    text: str,
    sentences: Sequence[Sentence],
    expressions: Sequence[TimeExpr],
    mentions: Sequence[Mention],
    reference_dates: Sequence[tuple[int, int, dt.date | None]] = (),
) -> list[Event]:
    """The dated events of one article, with local ids "ARTICLE#N" and labels holding {N} name slots.

    `reference_dates` gives (start, end, date) for each stretch of text dated on its own (a teaser).
    """
    context = _ArticleContext(text, mentions, sentences, expressions)
    datable_expressions, forward_only = date_relative_clauses(text, expressions)
    expression_starts = [expression.start for expression in datable_expressions]
    events: list[Event] = []
    recent: list[tuple[int, int]] = []  # (sentence index, event index) of the last events, for "that meeting"
    leads = _lead_sentences(text, sentences, reference_dates)
    narrative = _Narrative()
    by_sentence = [spans_within(datable_expressions, expression_starts, s.start, s.end) for s in sentences]
    dated = [i for i, found in enumerate(by_sentence) if found]
    # Only a past day or week can become a narrative's occasion (_focuses): the sentences after
    # one are analysed with the rest; a narrative that goes on further is analysed as it goes.
    occasions = [
        i
        for i in dated
        if any(_may_focus(e, _reference_date_at(sentences[i].start, reference_dates)) for e in by_sentence[i])
    ]
    told_after = [i + step for i in occasions for step in range(1, NARRATIVE_REACH + 1)]
    told_after = [i for i in told_after if i < len(sentences)]
    perfect = [i for i, s in enumerate(sentences) if not by_sentence[i] and _may_report(text, s)]
    context.analyse(dated + sorted(leads) + told_after + perfect)
    for sentence_index, sentence in enumerate(sentences):
        in_sentence = by_sentence[sentence_index]
        reference_date = _reference_date_at(sentence.start, reference_dates)
        analysis = context.analysis_of(sentence)
        if analysis is None and narrative.wants_analysis(sentence_index, sentence.start):
            # A narrative the batch did not foresee goes on: analyse the next few sentences it may
            # reach at once (one sentence at a time costs the tagger's set-up each time).
            ahead = range(sentence_index, min(len(sentences), sentence_index + NARRATIVE_LOOKAHEAD))
            context.analyse(list(ahead))
            analysis = context.analysis_of(sentence)
        if analysis is not None:
            narrative.before(sentence_index, analysis)
        is_lead = sentence_index in leads
        pairings: list[_Pairing] = []
        undated_by = ""
        triggers: list[Trigger] = []
        if in_sentence and analysis is not None:
            in_sentence = [e for e in in_sentence if not _bounds_a_comparison(text, analysis, e)]
        if in_sentence:  # most sentences carry no date, and their event words no event
            triggers = find_triggers(text, analysis, is_lead) if analysis is not None else []
            triggers = [t for t in triggers if not any(e.start <= t.start < e.end for e in in_sentence)]
            pairings = pair_dates_with_triggers(text, in_sentence, triggers, forward_only)
            if is_lead and not pairings:
                pairings = _lead_pairing(in_sentence, triggers, forward_only)
            pairings += _reported_in_dated(pairings, triggers, reference_date)
            pairings += _narrated_in_dated(
                text, pairings, triggers, narrative.focus, sentence_index, analysis
            )
        elif analysis is not None:
            triggers = find_triggers(text, analysis, is_lead)
            pairings, undated_by = _undated_pairings(
                is_lead, triggers, narrative.focus, sentence_index, reference_date, analysis
            )
        if not in_sentence or not pairings:  # a sentence dating nothing of its own may doubt an earlier one
            _propagate_cancellation(text, sentence, sentence_index, events, recent)
        if not pairings:
            narrative.after(sentence_index, analysis, moved_away=False)
            continue
        drafts = _drafts(context, sentence, pairings, triggers)
        moved_away = False
        first_event = len(events)
        ids_by_trigger: dict[int, str] = {}
        for draft in drafts:
            pairing = draft.pairing
            event_id = f"{article_id}#{len(events)}"
            ids_by_trigger[pairing.trigger.start] = event_id
            after = (ids_by_trigger[pairing.earlier.start],) if pairing.earlier is not None else ()
            expression = pairing.timex
            source = Source(
                article_id, sentence.start, sentence.end, text[sentence.start : sentence.end], expression.text
            )
            events.append(
                Event(
                    id=event_id,
                    label=draft.label,
                    value=expression.value,
                    start_date=expression.start_date,
                    end_date=expression.end_date,
                    granularity=expression.granularity,
                    status="reported" if expression.rule == REPORT_DAY else _status(
                        text, draft.clause, pairing, reference_date
                    ),
                    participants=tuple(draft.people + draft.bare),
                    places=tuple(draft.places),
                    organizations=tuple(draft.organizations),
                    sources=(source,),
                    trigger=pairing.trigger.lemma,
                    after=after,
                    extra={
                        "category": pairing.trigger.category,
                        "nominal": pairing.trigger.pos == "noun",
                        "label_names": draft.label_names,
                        "timex_start": expression.start,
                        **_subject_happening(context, sentence, pairing.trigger),
                    },
                )
            )
            recent.append((sentence_index, len(events) - 1))
            if narrative.focus is not None and undated_by == "" and analysis is not None:
                moved_away = moved_away or _moves_away(events[-1], pairing.trigger, analysis, narrative.focus)
            narrated = expression.rule == "narrative"
            if (
                undated_by in FOCUS_RENEWERS
                and _focuses(expression, events[-1], reference_date)
                and not (narrated and pairing.trigger.category == STATEMENT)  # a comment on it
            ):
                stretch_end = _stretch_end(sentence.start, reference_dates)
                actors = _actor_words(events[-1])
                if narrated and narrative.focus is not None:
                    actors |= narrative.focus.actors  # "He demoed the widget": the same actors
                narrative.tells(_NarrativeFocus(sentence_index, expression, stretch_end, actors))
        narrative.after(sentence_index, analysis, moved_away, events[first_event:])
    return events


# How many sentences after the one that dated a happening an undated past-tense verb still tells of
# that occasion ("On Monday Jobs took the stage. He unveiled the iPhone 4. He called it ...").
NARRATIVE_REACH = 2
# How many sentences are analysed at once when a narrative goes on past the ones analysed.
NARRATIVE_LOOKAHEAD = 4
# A sentence the narrative rule dated goes on telling the occasion: the next ones may too
# ("On Monday Jobs took the stage. He unveiled the phone. He demoed its camera. ...").
FOCUS_RENEWERS = frozenset({"", "narrative"})
# Only a dated occasion (a time of day, a day, a week) is a narrative focus; a year or a month is
# background.
_FOCUS_GRANULARITIES = frozenset({"instant", "day", "week"})
LEAD_MIN_WORDS = 6
_SENTENCE_CLOSE = re.compile(r"[.!?][\"'”’)\]]*$")


@dataclass(slots=True)
class _NarrativeFocus:
    """The occasion the story last dated, which the next few past-tense sentences go on telling of."""

    sentence_index: int
    expression: TimeExpr
    stretch_end: int
    actors: frozenset[str] = frozenset()  # the words of the names of who took part (lower case)
    # Sentences since, telling of the past, that did not go on with the occasion. A sentence all
    # in the present ("There are 500 engineers at the conference.") comments and does not move
    # the story's time: it is only skipped, and after it the story goes on with the occasion if
    # it goes on with its actors ("Steve Jobs announced ...", "He demoed ...", not "Its founder
    # built the first quay").
    passed: int = 0
    skipped: int = 0

    @property
    def adjacent(self) -> bool:
        """Whether the sentences since are few enough to go on with it whoever acts."""
        return self.passed + self.skipped < NARRATIVE_REACH

    def reaches(self, sentence_index: int, position: int) -> bool:
        return (
            sentence_index > self.sentence_index
            and self.passed < NARRATIVE_REACH
            and position < self.stretch_end
        )

    def pass_over(self, sentence_index: int, analysis: AnalysedSentence | None) -> None:
        """Count a sentence that did not go on telling of the occasion (one not analysed counts)."""
        if sentence_index <= self.sentence_index:
            return
        if analysis is None or _tells_past(analysis):
            self.passed += 1
        else:
            self.skipped += 1


class _Narrative:
    """The occasion the story is telling of, followed sentence by sentence.

    A dated past day or week becomes the focus, and the next past-tense sentences may go on
    telling of it. A sentence whose first verb dates a happening at another time is a flashback:
    the focus ends ("He fought cancer in 2004 and took six months off in 2009."). News returns from
    a flashback to its own occasion: a sentence in the present soon after ("Jobs has not said what
    prompted the decision") brings back the first occasion the story told of, its lead's.
    """

    __slots__ = ("focus", "lead_occasion", "left_at", "flashback_actors")

    def __init__(self) -> None:
        self.focus: _NarrativeFocus | None = None
        self.lead_occasion: _NarrativeFocus | None = None
        self.left_at: int | None = None  # the sentence of the flashback that left the lead's occasion
        self.flashback_actors: frozenset[str] = frozenset()

    def before(self, sentence_index: int, analysis: AnalysedSentence) -> None:
        """Come back to the lead's occasion before a sentence whose main verb, in the past, has one
        of its actors as subject and none of the flashback's ("In April, a blog obtained a
        prototype of the phone. At the conference, Jobs joked about the incident.")."""
        lead = self.lead_occasion
        if self.focus is not None or lead is None or self.left_at is None or sentence_index <= self.left_at:
            return
        main = _main_verb(analysis)
        if main is None or main.tense != "past" or main.aspect not in ("none", "progressive"):
            return
        subject = _subject_words(analysis, main.head)
        if any(word in lead.actors for word in subject) and not any(
            word in self.flashback_actors for word in subject
        ):
            self.focus = _NarrativeFocus(sentence_index - 1, lead.expression, lead.stretch_end, lead.actors)
            self.left_at = None

    def wants_analysis(self, sentence_index: int, position: int) -> bool:
        """Whether a sentence must be analysed to follow the narrative."""
        if self.focus is not None:
            return self.focus.reaches(sentence_index, position)
        return self.left_at is not None

    def tells(self, focus: _NarrativeFocus) -> None:
        self.focus = focus
        if self.lead_occasion is None or self.lead_occasion.stretch_end != focus.stretch_end:
            self.lead_occasion = focus  # a teaser's stretch has a lead of its own
        self.left_at = None

    def after(
        self,
        sentence_index: int,
        analysis: AnalysedSentence | None,
        moved_away: bool,
        told: Sequence[Event] = (),
    ) -> None:
        """Follow the narrative past a sentence that told these events (MOVED_AWAY: its main verb
        dates another time)."""
        focus = self.focus
        if focus is not None:
            if focus.sentence_index == sentence_index:
                return  # the sentence told the occasion
            if moved_away:
                self.focus = None
                self.left_at = sentence_index if self.lead_occasion is not None else None
                self.flashback_actors = frozenset().union(*(_actor_words(event) for event in told))
            else:
                focus.pass_over(sentence_index, analysis)
            return
        lead = self.lead_occasion
        if lead is None or self.left_at is None or sentence_index <= self.left_at:
            return
        if analysis is not None and _in_the_present(analysis):
            self.focus = _NarrativeFocus(sentence_index, lead.expression, lead.stretch_end)
            self.left_at = None
        elif sentence_index - self.left_at >= NARRATIVE_REACH:
            self.left_at = None  # the story stays away


def _in_the_present(analysis: AnalysedSentence) -> bool:
    """Whether a sentence's first finite verb (not a relative clause's) is in the present tense,
    perfect or not ("has not yet said", "are sold")."""
    main = _main_verb(analysis)
    return main is not None and main.tense == "present"


def _moves_away(event: Event, trigger: Trigger, analysis: AnalysedSentence, focus: _NarrativeFocus) -> bool:
    """Whether a sentence's first verb tells a happening it dates at another time than the
    occasion ("... launched the store on April 28, 2003. The store was renamed in 2006."): a past
    tense after it tells of that time, so the occasion is no longer the focus. A dated happening
    in a clause after the sentence's first verb is an aside ("The nano is the second model to use
    flash memory, after the Shuffle was introduced in January.")."""
    occasion = focus.expression
    if event.status != "happened" or occasion.start_date is None or event.start_date is None:
        return False
    if trigger.verb is None or trigger.verb is not _main_verb(analysis):
        return False
    return event.end_date < occasion.start_date or event.start_date > occasion.end_date


def _main_verb(analysis: AnalysedSentence) -> VerbGroup | None:
    """A sentence's first finite verb group outside a relative clause: its main verb, as a rule
    ("Reyes, who joined the club in 2023, scored again": "scored")."""
    return next(
        (
            clause.verb
            for clause in analysis.clauses
            if clause.verb.finite and not _after_relative_pronoun(analysis, clause.verb.first)
        ),
        None,
    )


def _tells_past(analysis: AnalysedSentence) -> bool:
    """Whether a sentence has a finite verb in a past tense ("said", "had met", "was") outside a
    relative clause (which describes its noun: "the Mini, which held 6GB, ...")."""
    return any(
        clause.verb.finite
        and clause.verb.tense == "past"
        and not _after_relative_pronoun(analysis, clause.verb.first)
        for clause in analysis.clauses
    )


def _after_relative_pronoun(analysis: AnalysedSentence, first: int) -> bool:
    """Whether the verb group at FIRST follows a relative pronoun that follows its noun ("Pixar,
    which", "the version that"); "said what prompted it" asks an indirect question instead."""
    tokens = analysis.tokens
    return (
        first > 1
        and tokens[first - 1].tag in _RELATIVE_PRONOUN_TAGS
        and (tokens[first - 2].tag.startswith("NN") or tokens[first - 2].text == ",")
    )


def _may_focus(expression: TimeExpr, reference_date: dt.date | None) -> bool:
    """Whether a date can be the occasion the next sentences tell of: a past day or week."""
    return (
        expression.granularity in _FOCUS_GRANULARITIES
        and reference_date is not None
        and expression.end_date is not None
        and expression.end_date <= reference_date
    )


def _focuses(expression: TimeExpr, event: Event, reference_date: dt.date | None) -> bool:
    """Whether an event's date becomes the occasion the next sentences tell of: a past day or week
    of a happening that took place."""
    return event.status in ("happened", "reported") and _may_focus(expression, reference_date)


def _stretch_end(position: int, reference_dates: Sequence[tuple[int, int, dt.date | None]]) -> int:
    stretch = _stretch_at(position, reference_dates)
    return stretch[1] if stretch else position + 1


def _lead_sentences(
    text: str, sentences: Sequence[Sentence], reference_dates: Sequence[tuple[int, int, dt.date | None]]
) -> set[int]:
    """The first sentence of each story: its lead, which tells the happening the story is about.

    A title line, a byline or a dateline ("January 09, 2008") is no lead: a lead has a few words
    and closes like a sentence.
    """
    stretches = [(start, end) for start, end, _ in reference_dates] or [(0, len(text))]
    leads: set[int] = set()
    starts = [sentence.start for sentence in sentences]
    for start, end in stretches:
        index = bisect.bisect_left(starts, start)
        while index < len(sentences) and sentences[index].start < end:
            sentence = sentences[index]
            words = _WORD.findall(text, sentence.start, sentence.end)
            if len(words) >= LEAD_MIN_WORDS and _SENTENCE_CLOSE.search(text, sentence.start, sentence.end):
                leads.add(index)
                break
            index += 1
    return leads


def _report_day(trigger: Trigger, day: dt.date) -> TimeExpr:
    """The article's own date standing in for a date the sentence does not write."""
    return TimeExpr(
        trigger.start, trigger.start, "", "DATE", day.isoformat(), day, day, "day",
        rule=REPORT_DAY, anchor="dct",
    )


def _reports_today(trigger: Trigger) -> bool:
    """Whether a clause tells what stands as of the report: the present perfect ("Apple has
    released a phone", "has been sentenced") or a saying in the news present ("Apple says it will").

    News reports the present perfect of what just happened and the present of what is being said;
    the date is the report's (status reported), not a claim of when it happened. A modal, a
    negation or a question of time ("has not yet decided") keeps it undated.
    """
    verb = trigger.verb
    if verb is None or verb.negated or verb.modal is not None or verb.tense != "present":
        return False
    if verb.aspect == "perfect":
        return True
    return trigger.category == STATEMENT and trigger.pos != "noun" and verb.aspect in ("none", "progressive")


def _may_report(text: str, sentence: Sentence) -> bool:
    """A cheap sieve before analysing a sentence no expression dates: does it hold "has"/"have"
    or a present-tense reporting verb ("says", "announces")?"""
    return report_sieve().search(text, sentence.start, sentence.end) is not None


def _lead_pairing(
    expressions: Sequence[TimeExpr], triggers: Sequence[Trigger], forward_only: AbstractSet[int]
) -> list[_Pairing]:
    """A lead tells one happening and when: its date dates its first happening however many words
    lie between ("Jobs gave his keynote to the conference at Moscone Center in San Francisco on
    Monday")."""
    happenings = [t for t in triggers if t.category != STATEMENT] or list(triggers)
    dates = [e for e in expressions if e.start not in forward_only]
    if not happenings or not dates:
        return []
    return [_Pairing(happenings[0], dates[0])]


def _narrates(trigger: Trigger, analysis: AnalysedSentence, focus: _NarrativeFocus) -> bool:
    """Whether a verb goes on telling the focus's occasion: a simple past, not in a relative
    clause, and, past sentences in the present, with one of the occasion's actors as its subject.
    A saying goes on with it only when one of its actors says it ("Jobs praised the phone" at his
    keynote); "..., a spokesman said" is no new happening of the occasion."""
    if not _is_past(trigger) or _in_relative_clause(trigger, analysis):
        return False
    if trigger.category == STATEMENT:
        return _acted_by(trigger, analysis, focus.actors, pronouns=False)
    return focus.adjacent or _acted_by(trigger, analysis, focus.actors)


def _narrative_pairing(trigger: Trigger, focus: _NarrativeFocus) -> _Pairing:
    """A verb dated as the occasion it goes on telling of."""
    earlier = focus.expression
    stand_in = replace(
        earlier, start=trigger.start, end=trigger.start, rule="narrative",
        anchor=f"text:{earlier.start}:{earlier.end}",
    )
    if earlier.granularity == "instant" and earlier.start_date is not None:
        # "Apple announced this morning ... The Commission welcomed the announcement": on that
        # day, not at that time
        stand_in = replace(
            stand_in, type="DATE", value=earlier.start_date.isoformat(),
            end_date=earlier.start_date, granularity="day",
        )
    return _Pairing(trigger, stand_in)


def _narrated_in_dated(
    text: str,
    pairings: Sequence[_Pairing],
    triggers: Sequence[Trigger],
    focus: _NarrativeFocus | None,
    sentence_index: int,
    analysis: AnalysedSentence | None,
) -> list[_Pairing]:
    """In a sentence whose dates all belong to other verbs, its main verb may go on telling the
    occasion ("Reyes, who joined the club in 2023, scored again."; "Jobs announced that the
    system would be released in 2007.")."""
    if focus is None or analysis is None or not triggers:
        return []
    if not focus.reaches(sentence_index, triggers[0].start):
        return []
    main = _main_verb(analysis)
    trigger = next((t for t in triggers if t.verb is main and t.pos != "noun"), None)
    if main is None or trigger is None or not _narrates(trigger, analysis, focus):
        return []
    # A date before the main verb, outside a relative clause, dates it whatever word took it
    # ("Speaking on Tuesday, Trump said ...", "In an interview that night, he suggested ...").
    if any(
        pairing.timex.end <= trigger.start and not _in_open_relative_clause(text, pairing.timex)
        for pairing in pairings
    ):
        return []
    # A date in the main verb's own clause, or one dating a word of it, dates it already ("thanked
    # voters at a rally late on Sunday": the rally's Sunday is the thanks'; "The announcement came
    # a day after the talks").
    main_clause = analysis.clause_of(main.head)
    for pairing in pairings:
        for position in (pairing.trigger.start, pairing.timex.start):
            index = analysis.token_at(position)
            if index is None or analysis.clause_of(index) is main_clause:
                return []
    return [_narrative_pairing(trigger, focus)]


def _reported_in_dated(
    pairings: Sequence[_Pairing], triggers: Sequence[Trigger], reference_date: dt.date | None
) -> list[_Pairing]:
    """In a sentence with a date, a present-perfect happening no date took is the report's
    ("Apple announced Monday it has settled the dispute")."""
    if reference_date is None:
        return []
    taken = {pairing.trigger.start for pairing in pairings}
    return [
        _Pairing(trigger, _report_day(trigger, reference_date))
        for trigger in triggers
        if trigger.start not in taken and trigger.category != STATEMENT and _reports_today(trigger)
    ][:1]


def _undated_pairings(
    is_lead: bool,
    triggers: Sequence[Trigger],
    focus: _NarrativeFocus | None,
    sentence_index: int,
    reference_date: dt.date | None,
    analysis: AnalysedSentence,
) -> tuple[list[_Pairing], str]:
    """The happening of a sentence no expression dates, and what dates it instead.

    The lead's first happening is what the story reports (a saying before what is only planned):
    dated by the article's date, status reported. A past-tense verb in the sentences right after
    a dated occasion goes on telling of it ("On Monday Jobs took the stage. He unveiled the
    phone."): dated as that occasion, and the next sentences may go on in turn. A
    present-perfect happening or a present saying is the report's ("Apple has released ..."):
    dated by the article, status reported. Any other undated happening (a simple past is
    background: "He founded the company") stays out of the timeline.
    """
    if is_lead and reference_date is not None and triggers:
        # What happened, else the saying ("The council says it will rebuild the bridge"), else
        # what is to happen.
        happened = [t for t in triggers if t.category != STATEMENT and not _verb_group_status(t)]
        sayings = [t for t in triggers if t.category == STATEMENT]
        trigger = (happened or sayings or list(triggers))[0]
        return [_Pairing(trigger, _report_day(trigger, reference_date))], "article"
    if focus is not None and focus.reaches(sentence_index, triggers[0].start if triggers else 0):
        past = [t for t in triggers if _narrates(t, analysis, focus)]
        if past:
            return [_narrative_pairing(past[0], focus)], "narrative"
    reported = [t for t in triggers if _reports_today(t)]
    if reference_date is not None and reported:
        trigger = next((t for t in reported if t.category != STATEMENT), reported[0])
        return [_Pairing(trigger, _report_day(trigger, reference_date))], "article"
    return [], ""


def _draft(
    context: _ArticleContext,
    sentence: Sentence,
    pairing: _Pairing,
    region: tuple[int, int],
    drafts: list[_Draft],
) -> _Draft:
    text = context.text
    trigger = pairing.trigger
    # Each clause once: the participants, the lone names, the places and the status all read them.
    word_clause = _clause(text, region[0], region[1], trigger.start, trigger.end)
    clause = _event_clause(text, region, pairing)
    people, organizations = _participants(context, sentence, region, pairing, word_clause, clause)
    actors = _clause_actors(context, sentence, pairing)
    people_names = _unique([m.name for m in people + actors.people])
    if pairing.earlier is not None and not people_names:
        # "their last meetings in Helsinki and then at the G20 gathering": the same parties.
        earlier = next((d for d in drafts if d.pairing.trigger is pairing.earlier), None)
        people_names = list(earlier.people) if earlier else []
    # Lone capitalised words of the word's clause: the corpus may know whose surnames they are.
    lone = context.within(word_clause[0], word_clause[1], (BARE_NAME,))
    bare = list(dict.fromkeys(m for m in lone + actors.bare))
    bare = [m for m in bare if m.name not in actors.towns]

    draft = _Draft(
        pairing,
        region,
        clause,
        people_names,
        _unique([bare_participant(m.name) for m in bare]),
        _unique([m.name for m in organizations + actors.organizations]),
        _unique([m.name for m in _places(context, clause, pairing)] + list(actors.towns.values())),
    )
    if pairing.trigger.category != STATEMENT:
        # A bare name after the event word is more often a place or a thing than its subject.
        names = draft.people + [bare_participant(m.name) for m in bare if m.end <= pairing.trigger.start]
        found = _clause_label(context, sentence, pairing, draft)
        if found is None and pairing.trigger.pos != "noun" and not names:
            # the word label would be the words before the verb and the verb ("Investigators said
            # the fire begins"): the analysed subject and the verb say it better ("Fire begins")
            found = _clause_label(context, sentence, pairing, draft, bare=True)
        draft.label, draft.label_names = found or _label(
            text, draft.region, draft.clause, pairing, names, draft.places, draft.organizations
        )
        if _shown_words(draft.label, draft.label_names) < 2:  # "Deepen": "Rift deepens" says more
            retried = _clause_label(context, sentence, pairing, draft, bare=True, predicate=True)
            draft.label, draft.label_names = retried or (
                draft.label,
                draft.label_names,
            )
    return draft


@dataclass(frozen=True, slots=True)
class _Actors:
    people: list[Mention]
    organizations: list[Mention]
    bare: list[Mention]
    towns: dict[str, str]  # bare name -> the place the gazetteer knows by it ("struck Macon")


def _clause_actors(context: _ArticleContext, sentence: Sentence, pairing: _Pairing) -> _Actors:
    """Who and what the analysed clause of a happening names in its subject, object, agent and
    prepositional phrases: people, organisations ("Twitter sued Elon Musk", "fined by the SEC"),
    lone names; and the towns among those lone names after the verb ("a tornado struck Macon"),
    which are places, not participants. A statement's speaker is found otherwise (`_speaker`)."""
    analysis = context.analysis_of(sentence)
    actors = _Actors([], [], [], {})
    if analysis is None or pairing.trigger.category == STATEMENT:
        return actors
    for role, start, end in clause_arguments(analysis, pairing.trigger.start):
        for mention in context.overlapping(start, end):
            if mention.kind == PERSON:
                actors.people.append(mention)
            elif mention.kind == ORGANIZATION:
                actors.organizations.append(mention)
            elif mention.kind == BARE_NAME:
                place = gazetteer().lookup(mention.name) if role != "subject" else None
                if place is not None:
                    actors.towns[mention.name] = place.name
                elif role in _LOCATIVE_ROLES and (mention.start, mention.end) == (start, end):

                    actors.towns[mention.name] = mention.name  # "in Lahaina": the name is the whole phrase
                else:
                    actors.bare.append(mention)
    return actors


def _shown_words(label: str, names: Sequence[str]) -> int:
    """The words a label template shows for sure: a slot of a lone name ("?Sales", a capitalised
    word that opens a sentence) shows nothing unless somebody in the corpus is called so."""
    return sum(
        1
        for word in label.split()
        if not ((slot := _SLOT.match(word)) and names[int(slot.group(1))].startswith("?"))
    )


# A lone name after these prepositions of a happening's clause is where it happened.
_LOCATIVE_ROLES = frozenset({"in", "at", "near"})



def _clause_label(
    context: _ArticleContext,
    sentence: Sentence,
    pairing: _Pairing,
    draft: _Draft,
    bare: bool = False,
    predicate: bool = False,
) -> tuple[str, tuple[str, ...]] | None:
    """The headline the analysed clause of the event word gives. A meeting or a call keeps the
    label of its parties ("{0}–{1} meeting in Geneva", "{0} call with European leaders"), which
    reads the same in every report, when two people take part or a person or an organisation holds
    its noun ("NATO meeting")."""
    analysis = context.analysis_of(sentence)
    if analysis is None:
        return None
    parties = len(draft.people) + len(draft.organizations)
    noun = pairing.trigger.pos == "noun"
    if pairing.trigger.category in RECIPROCAL and (len(draft.people) >= 2 or (parties and noun)):
        # ... unless it is only wanted or agreed to: "Putin wants to meet Trump" is no meeting
        if not pairing.trigger.intended:
            return None

    people = context.within(sentence.start, sentence.end, (PERSON,))
    # every date of the sentence is left out of its headline, not only the one that dates the event
    dated = [(pairing.timex.start, pairing.timex.end), *context.dates_within(sentence.start, sentence.end)]
    found = clause_headline(
        context.text, analysis, pairing.trigger.start, people, dated, context.antecedent, bare, predicate
    )
    return (found.template, found.names) if found else None


def _reported_happening(
    context: _ArticleContext,
    sentence: Sentence,
    statement: _Draft,
    triggers: Sequence[Trigger],
    drafts: list[_Draft],
) -> _Draft | None:
    """What a statement is about: the nearest other happening of its sentence, dated or not
    ("Putin and Trump will meet in the coming days, the Kremlin said on Thursday")."""
    dated = [d for d in drafts if d.pairing.trigger.category != STATEMENT]
    statement_start = statement.pairing.trigger.start
    if dated:
        return min(dated, key=lambda d: abs(d.pairing.trigger.start - statement_start))
    # Only the inverted order, where the happening comes first and the speaker after a comma.
    undated = [t for t in triggers if t.category != STATEMENT and t.end <= statement_start]
    if not undated or "," not in context.text[undated[-1].end : statement_start]:
        return None
    trigger = undated[-1]
    region = (sentence.start, statement_start)
    return _draft(context, sentence, _Pairing(trigger, statement.pairing.timex), region, [])


def _drafts(
    context: _ArticleContext, sentence: Sentence, pairings: list[_Pairing], triggers: Sequence[Trigger]
) -> list[_Draft]:
    text = context.text
    drafts: list[_Draft] = []
    for pairing, region in zip(pairings, _regions(text, sentence, pairings), strict=True):
        drafts.append(_draft(context, sentence, pairing, region, drafts))
    folded: list[_Draft] = []
    for draft in drafts:
        if draft.pairing.trigger.category == STATEMENT:
            reported = _reported_happening(context, sentence, draft, triggers, drafts)
            draft.label, draft.label_names = _statement_label(
                text,
                sentence,
                draft.pairing,
                draft.people[0] if draft.people else None,
                draft.organizations[0]
                if draft.organizations
                else _speaker_title(text, sentence, draft.pairing.trigger),
                (reported.label, reported.label_names) if reported else None,
            )
            if reported is not None and reported in drafts and _folds_into(draft, reported):
                # "the agency said on Wednesday the toll has risen to 63": what the statement
                # reports, dated only by the article, is told as of the statement's day, and the
                # statement, whose label would repeat it, gives no event of its own
                timex = replace(draft.pairing.timex, start=reported.pairing.trigger.start,
                                end=reported.pairing.trigger.start, rule=REPORT_DAY)
                reported.pairing = replace(reported.pairing, timex=timex)
                folded.append(draft)
    return [draft for draft in drafts if draft not in folded]


def _folds_into(statement: _Draft, reported: _Draft) -> bool:
    """Whether a dated statement tells the happening its sentence dates only by the report."""
    return (
        reported.pairing.timex.rule == REPORT_DAY
        and statement.pairing.timex.rule != REPORT_DAY
        and statement.pairing.timex.granularity == "day"
    )


def _subject_happening(
    context: _ArticleContext, sentence: Sentence, trigger: Trigger
) -> dict[str, tuple[str, str]]:
    """{"subject_happening": (class, lemma)} when the subject of a verb's clause, written or
    understood, is itself a happening: "the earthquake killed 41", "a fire destroyed the mill",
    "..., killing 12 people" after "a bomb exploded". What the verb tells is that happening's
    doing, so the merge takes it for a report of that happening too; else {}."""
    analysis = context.analysis_of(sentence)
    index = analysis.token_at(trigger.start) if analysis is not None and trigger.pos != "noun" else None
    if index is None:
        return {}
    number = analysis.verb_clause_index(index)
    if number is None:
        return {}
    subject = understood_subject(analysis.tokens, analysis.phrases, analysis.clauses, number)
    if subject is None:
        return {}
    head = analysis.tokens[subject.head]
    listed = word_class(head.text, noun=True)
    if not head.tag.startswith("NN") or (listed is None and subject.head not in dict(analysis.event_words)):
        return {}
    lemma = head.lemma.lower()
    return {"subject_happening": (listed or lemma, lemma)}


def _bounds_a_comparison(text: str, analysis: AnalysedSentence, expression: TimeExpr) -> bool:
    """ "yields climbed to their highest level since 2007", "its first loss since March": a date
    after "since" that bounds a superlative dates no happening (nothing happened in 2007), while
    "has been fighting cancer since 2004" still dates the fight. The superlative is looked for
    back from "since" to the verb or the clause break before it."""
    if not _SINCE_BEFORE.search(text, max(0, expression.start - 8), expression.start):
        return False
    index = analysis.token_at(expression.start)
    if index is None:
        return False
    for token in reversed(analysis.tokens[max(0, index - 9) : index - 1]):
        if token.tag in ("JJS", "RBS") or token.lemma.lower() in _ORDINAL_SUPERLATIVES:
            return True
        if token.tag.startswith("VB") or token.tag in (",", ":", "CC"):
            return False
    return False


_DURATION_BEFORE = re.compile(r"\b(?:for|over|within|during)\s+$", re.IGNORECASE)
_SINCE_BEFORE = re.compile(r"\bsince\s+$", re.IGNORECASE)
_ORDINAL_SUPERLATIVES = frozenset({"first", "last", "only"})  # "the first time since ..."


def _stretch_at(
    position: int, reference_dates: Sequence[tuple[int, int, dt.date | None]]
) -> tuple[int, int, dt.date | None] | None:
    """The stretch dated on its own (in text order) that holds POSITION. A bisection: a saved
    aggregator page may hold thousands of teasers, and this is asked for every sentence."""
    index = bisect.bisect_right(reference_dates, position, key=lambda stretch: stretch[0]) - 1
    if index >= 0 and position < reference_dates[index][1]:
        return reference_dates[index]
    return None


def _reference_date_at(
    position: int, reference_dates: Sequence[tuple[int, int, dt.date | None]]
) -> dt.date | None:
    stretch = _stretch_at(position, reference_dates)
    return stretch[2] if stretch else None


def _propagate_cancellation(
    text: str, sentence: Sentence, sentence_index: int, events: list[Event], recent: list[tuple[int, int]]
) -> None:
    """'But that meeting is now in question': a later sentence doubts (or cancels) the event it
    points back to."""
    if not recent or sentence_index - recent[-1][0] > 2:
        return  # no event of the last two sentences to point back to
    if not _doubt_cues().search(text, sentence.start, sentence.end):
        return  # most sentences hold no cue: one search instead of one per kind of cue
    doubted = modal_doubt_pattern().search(text, sentence.start, sentence.end)  # "could be called off"
    if not doubted and cue_pattern("cancelled").search(text, sentence.start, sentence.end):
        status = "cancelled"
    elif doubted or cue_pattern("uncertain").search(text, sentence.start, sentence.end):
        status = "uncertain"
    else:
        return
    referred = {
        match.group(1).lower() for match in _DEFINITE_REFERENCE.finditer(text, sentence.start, sentence.end)
    }
    # "that meeting", "the talks": the class the lexicon gives the word pointed with
    triggers = {category for word in referred if (category := word_class(word, noun=True)) is not None}
    for earlier_sentence, event_index in reversed(recent):
        if sentence_index - earlier_sentence > 2:
            break
        event = events[event_index]
        if event.extra.get("category") in triggers and event.status in ("planned", "happened", "uncertain"):
            events[event_index] = _with_status(event, status)
            return


@cache
def _doubt_cues() -> re.Pattern[str]:
    """Any of the cues `_propagate_cancellation` looks for."""
    return _any_of((modal_doubt_pattern(), cue_pattern("cancelled"), cue_pattern("uncertain")))


def _with_status(event: Event, status: str) -> Event:
    return replace(event, status=status)
