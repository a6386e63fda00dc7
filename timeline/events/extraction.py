"""Events of one article: each resolved date expression attached to the happening it dates.

Per sentence: the event words (triggers.py) and the anchored date expressions are paired, cheapest
first, where the cost is the number of words between them plus a charge for every clause boundary
crossed (a comma, "when", "that"; more for ";", a dash or "but"), so "met in Geneva in June 2021"
and "On Wednesday he imposed" both find their verb. Each pairing is an event; a sentence with two
dates and two happenings gives two events. Its participants are the people of the event word's
clause (for "a call with Putin", also the subject of the main clause); its places those named after
a preposition of place ("in Alaska") or before the event noun ("the Moscow talks"). A reporting
verb ("Peskov said Monday") dates the statement, which is an event of its own with the speaker as
participant. "X and then Y" gives Y the same date as X and the order X before Y.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from timeline.events.entities import BARE_NAME, ORGANIZATION, PERSON, PLACE, bare_participant
from timeline.events.triggers import RECIPROCAL, STATEMENT, Trigger, find_triggers, status_cues
from timeline.model import Event, Mention, Sentence, Source, TimeExpr

MAX_PAIRING_COST = 12.0
# A date just after its event word ("met in Geneva in June 2021") is the usual order in news copy.
_TRIGGER_BEFORE_BONUS = 0.5
# A reporting verb takes a date only when no happening is as close: in "Peskov said Monday it
# considered the talks" the date is the statement's, in "I confirmed it yesterday in the
# conversation" the conversation's.
_STATEMENT_PENALTY = 2.0
_WORD = re.compile(r"[\w’'-]+")
_STRONG_BREAK = re.compile(r"[;:]|\s[—–]\s|—|\bbut\b", re.IGNORECASE)
_WEAK_BREAK = re.compile(
    r",|\b(?:while|whereas|although|though|because|after|before|since|when|which|who|that|if|unless)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(_STRONG_BREAK.pattern + "|" + _WEAK_BREAK.pattern, re.IGNORECASE)
_AND = re.compile(r"\band\b", re.IGNORECASE)
_SUBORDINATOR = re.compile(_WEAK_BREAK.pattern.replace(",|", "", 1), re.IGNORECASE)
_THEN = re.compile(r"(?:,\s*|\band\s+)(?:then|later|afterwards)\b|\bfollowed by\b", re.IGNORECASE)
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|to|near|outside|inside|into|via)\s+(?:the\s+)?$", re.IGNORECASE)
_PRONOUN_SUBJECT = re.compile(
    r"\b(he|she)\s+(?:(?:also|then|later|again|has|had|have|will|would|could|quickly|already|"
    r"reportedly|previously|once)\s+)*$",
    re.IGNORECASE,
)
_POSSESSIVE_PRONOUN = re.compile(r"\b(his|her)\s+(?:[a-z]+\s+)?$", re.IGNORECASE)
_PLURAL_SUBJECT = re.compile(r"\b(?:they|them)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_QUOTE = re.compile(r"[“\"‘']([^“”\"‘’']{3,120})[”\"’']")
_LEADING_FILLER = re.compile(r"^(?:the|a|an|that|it|this|those|these)\s+", re.IGNORECASE)
_DEFINITE_REFERENCE = re.compile(r"\b(?:that|the|this|such a)\s+(\w+)", re.IGNORECASE)
_LABEL_WORD_LIMIT = 6


@dataclass(frozen=True, slots=True)
class _Pairing:
    trigger: Trigger
    timex: TimeExpr
    earlier: Trigger | None = None  # the event the text places just before this one ("and then")


def datable(expression: TimeExpr) -> bool:
    """Whether an expression gives a happening a place on the calendar."""
    return expression.type in ("DATE", "TIME") and expression.start_date is not None


def _words_between(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text, start, end)) if end > start else 0


def _pairing_cost(text: str, expression: TimeExpr, trigger: Trigger) -> float:
    if trigger.end <= expression.start:
        gap_start, gap_end, bonus = trigger.end, expression.start, _TRIGGER_BEFORE_BONUS
    elif expression.end <= trigger.start:
        gap_start, gap_end, bonus = expression.end, trigger.start, 0.0
    else:
        return 0.0
    strong = len(_STRONG_BREAK.findall(text, gap_start, gap_end))
    weak = len(_WEAK_BREAK.findall(text, gap_start, gap_end))
    penalty = _STATEMENT_PENALTY if trigger.category == STATEMENT else 0.0
    return _words_between(text, gap_start, gap_end) + 3 * strong + weak - bonus + penalty


def pair_dates_with_triggers(
    text: str, expressions: Sequence[TimeExpr], triggers: Sequence[Trigger]
) -> list[_Pairing]:
    """Each date expression with the event word it dates: cheapest pairs first, one date per word."""
    candidates = sorted(
        (cost, expression.start, trigger.start, expression_index, trigger_index)
        for expression_index, expression in enumerate(expressions)
        for trigger_index, trigger in enumerate(triggers)
        if (cost := _pairing_cost(text, expression, trigger)) <= MAX_PAIRING_COST
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
    # "their last meetings in Helsinki and then at the G20 gathering in Osaka": the coordinated
    # happening shares the date and comes after.
    for pairing in list(pairings):
        following = [
            (index, trigger)
            for index, trigger in enumerate(triggers)
            if index not in taken_triggers
            and trigger.start > pairing.trigger.end
            and trigger.category != STATEMENT
        ]
        if not following:
            continue
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
        bounds.append(
            (min(pairing.trigger.start, pairing.timex.start), max(pairing.trigger.end, pairing.timex.end))
        )
    cuts = [sentence.start]
    for (_, left_end), (right_start, _) in zip(bounds, bounds[1:], strict=False):
        if right_start <= left_end:
            cuts.append(right_start)
            continue
        # Cut at a clause boundary; at "and" only when there is none ("Putin and Trump met" stays whole).
        breaks = list(_CLAUSE_BREAK.finditer(text, left_end, right_start)) or list(
            _AND.finditer(text, left_end, right_start)
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

    def __init__(self, text: str, mentions: Sequence[Mention]) -> None:
        self.text = text
        self.mentions = sorted(mentions, key=lambda mention: (mention.start, mention.end))

    def within(self, start: int, end: int, kinds: tuple[str, ...]) -> list[Mention]:
        return [m for m in self.mentions if m.start >= start and m.end <= end and m.kind in kinds]

    def last_person_before(self, position: int) -> Mention | None:
        for mention in reversed(self.mentions):
            if mention.end <= position and mention.kind == PERSON:
                return mention
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
        antecedent = context.last_person_before(pronoun.start())
        if antecedent:
            return [antecedent]
    return []


def _participants(
    context: _ArticleContext, sentence: Sentence, region: tuple[int, int], pairing: _Pairing
) -> tuple[list[Mention], list[Mention]]:
    """People and organisations taking part: those of the event word's clause, then its subject."""
    trigger = pairing.trigger
    if trigger.category == STATEMENT:
        speakers = _speaker(context, sentence, trigger)
        return [m for m in speakers if m.kind == PERSON], [m for m in speakers if m.kind == ORGANIZATION]
    clause = _clause(context.text, region[0], region[1], trigger.start, trigger.end)
    people = context.within(clause[0], clause[1], (PERSON,))
    organizations = context.within(clause[0], clause[1], (ORGANIZATION,))
    pronoun = _PRONOUN_SUBJECT.search(context.text, clause[0], trigger.start) or (
        _POSSESSIVE_PRONOUN.search(context.text, clause[0], trigger.start) if trigger.pos == "noun" else None
    )
    if pronoun:
        antecedent = context.last_person_before(pronoun.start())
        if antecedent:
            people.insert(0, antecedent)
    wanted = 2 if trigger.category in RECIPROCAL and trigger.pos == "noun" else 1
    if _PLURAL_SUBJECT.search(context.text, clause[0], trigger.start):
        wanted = 0  # "plans for them to meet": whoever they are, not the nearest name
    if len({m.name for m in people}) < wanted:
        # "After a phone call with Putin Thursday, Trump announced ...": the other party is the
        # nearest person of the sentence outside the clause.
        outside = [
            m
            for m in context.within(sentence.start, sentence.end, (PERSON,))
            if not clause[0] <= m.start < clause[1] and m.name not in {p.name for p in people}
        ]
        outside.sort(key=lambda m: min(abs(m.start - clause[1]), abs(clause[0] - m.end)))
        people.extend(outside[: wanted - len({m.name for m in people})])
        people.sort(key=lambda m: m.start)
    return people, organizations


def _bare_names(context: _ArticleContext, region: tuple[int, int], pairing: _Pairing) -> list[Mention]:
    """Lone capitalised words of the event's clause; the corpus may know whose surnames they are."""
    clause = _clause(context.text, region[0], region[1], pairing.trigger.start, pairing.trigger.end)
    return context.within(clause[0], clause[1], (BARE_NAME,))


def _places(context: _ArticleContext, region: tuple[int, int], trigger: Trigger) -> list[Mention]:
    """Places named after a preposition of place, or right before the event noun ("the Alaska meeting")."""
    text = context.text
    chosen: list[Mention] = []
    for mention in context.within(region[0], region[1], (PLACE,)):
        before = text[max(region[0], mention.start - 20) : mention.start]
        right_before_noun = trigger.pos == "noun" and 0 <= trigger.start - mention.end <= 1
        apposition = bool(chosen) and text[chosen[-1].end : mention.start].strip() == ","
        if _LOCATIVE_BEFORE.search(before) or right_before_noun or apposition:
            chosen.append(mention)
    return chosen


def _status(text: str, region: tuple[int, int], pairing: _Pairing, reference_date: dt.date | None) -> str:
    trigger, expression = pairing.trigger, pairing.timex
    found: set[str] = set()
    for status, pattern, scope in status_cues():
        if scope == "clause":
            window = (region[0], region[1])
        elif scope == "timex":
            window = (max(region[0], expression.start - 16), expression.start)
        else:
            words_before = list(_WORD.finditer(text, region[0], trigger.start))[-4:]
            window = (words_before[0].start() if words_before else trigger.start, trigger.start)
        match = pattern.search(text, *window)
        if match and (scope != "timex" or not text[match.end() : expression.start].strip()):
            found.add(status)
    if "cancelled" in found:
        return "cancelled"
    if trigger.category == "deadline" or "deadline" in found:
        return "deadline"
    if trigger.category == STATEMENT:
        return "reported"
    if "planned" in found or (
        reference_date and expression.start_date and expression.start_date > reference_date
    ):
        return "planned"
    return "happened"


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
        modifiers.insert(0, match.group(1))
        position = region_start + match.start(1)
    return " ".join(modifiers)


def _short(text: str, limit: int = _LABEL_WORD_LIMIT) -> str:
    words = _LEADING_FILLER.sub("", text.strip(" ,.;:\"'“”‘’")).split()
    return " ".join(words[:limit]).rstrip(",.;:")


def _label(
    text: str,
    region: tuple[int, int],
    pairing: _Pairing,
    people: list[str],
    organizations: list[str],
    places: list[str],
) -> tuple[str, tuple[str, ...]]:
    """A short headline from the event's own words, with {0}, {1} ... standing for people's surnames."""
    trigger = pairing.trigger
    names = tuple(people[:3])
    slots = [_surname_slot(index) for index in range(len(names))]
    place = f" in {places[0]}" if places else ""
    if trigger.category == STATEMENT:
        speaker = slots[0] if slots else (organizations[0] if organizations else "")
        sentence_text = text[region[0] : region[1]]
        quote = next((q for q in _QUOTE.findall(sentence_text) if len(q.split()) <= 8), None)
        if quote:
            gist = f"'{_short(quote, 8)}'"
        else:
            after = text[trigger.end : region[1]]
            that = re.search(r"\bthat\b", after)
            gist = _short(after[that.end() :] if that else after)
        head = f"{speaker}: " if speaker else ""
        return (head + gist).strip() or trigger.noun, names[:1] if slots else ()
    if trigger.pos == "tverb" and len(names) >= 2 and not _compound_subject(text, region, trigger):
        return f"{slots[0]} {_third_person(trigger.lemma)} {slots[1]}{place}", names[:2]
    if trigger.pos in ("verb", "tverb") and len(names) == 1:
        rest = _short(_without(text[trigger.end : region[1]], pairing.timex, trigger.end), 4)
        label = f"{slots[0]} {_third_person(trigger.lemma)} {rest}".strip()
        return label + ("" if not places or places[0] in rest else place), names
    modifiers = _noun_modifiers(text, region[0], trigger, places) if trigger.pos == "noun" else ""
    who = "–".join(slots)
    parts = [part for part in (who, modifiers, trigger.noun) if part]
    label = " ".join(parts) + place
    return label[0].upper() + label[1:] if not label.startswith("{") else label, names


def _compound_subject(text: str, region: tuple[int, int], trigger: Trigger) -> bool:
    """'Putin and Trump met' (both before the verb) rather than 'Witkoff met Putin'."""
    return bool(re.search(r"\band\b", text[region[0] : trigger.start]))


def _without(fragment: str, expression: TimeExpr, offset: int) -> str:
    start, end = expression.start - offset, expression.end - offset
    if 0 <= start < len(fragment):
        fragment = fragment[:start]
    return re.split(r"[,;:]| — |\bthat\b|\bto\b|\bafter\b|\bbefore\b", fragment)[0] if end >= 0 else fragment


def _third_person(lemma: str) -> str:
    if " " in lemma:
        first, rest = lemma.split(" ", 1)
        return f"{_third_person(first)} {rest}"
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


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
    context = _ArticleContext(text, mentions)
    datable_expressions = sorted((e for e in expressions if datable(e)), key=lambda e: (e.start, e.end))
    events: list[Event] = []
    recent: list[tuple[int, int]] = []  # (sentence index, event index) of the last events, for "that meeting"
    for sentence_index, sentence in enumerate(sentences):
        in_sentence = [e for e in datable_expressions if e.start >= sentence.start and e.end <= sentence.end]
        triggers = find_triggers(text, sentence.start, sentence.end)
        triggers = [t for t in triggers if not any(e.start <= t.start < e.end for e in in_sentence)]
        pairings = pair_dates_with_triggers(text, in_sentence, triggers) if in_sentence else []
        if not pairings:
            _propagate_cancellation(text, sentence, sentence_index, events, recent)
            continue
        reference_date = _reference_date_at(sentence.start, reference_dates)
        ids_by_trigger: dict[int, str] = {}
        for pairing, region in zip(pairings, _regions(text, sentence, pairings), strict=True):
            people, organizations = _participants(context, sentence, region, pairing)
            if pairing.earlier is not None and not people:
                earlier_event = next(
                    (e for e in events if e.id == ids_by_trigger.get(pairing.earlier.start)), None
                )
                people_names = list(earlier_event.participants) if earlier_event else []
            else:
                people_names = _unique([m.name for m in people])
            bare_names = [bare_participant(m.name) for m in _bare_names(context, region, pairing)]
            clause = _event_clause(text, region, pairing)
            places = _unique([m.name for m in _places(context, clause, pairing.trigger)])
            organization_names = _unique([m.name for m in organizations])
            label, label_names = _label(text, region, pairing, people_names, organization_names, places)
            event_id = f"{article_id}#{len(events)}"
            ids_by_trigger[pairing.trigger.start] = event_id
            after = (ids_by_trigger[pairing.earlier.start],) if pairing.earlier is not None else ()
            expression = pairing.timex
            events.append(
                Event(
                    id=event_id,
                    label=label,
                    value=expression.value,
                    start_date=expression.start_date,
                    end_date=expression.end_date,
                    granularity=expression.granularity,
                    status=_status(text, clause, pairing, reference_date),
                    participants=tuple(people_names + bare_names),
                    places=tuple(places),
                    organizations=tuple(organization_names),
                    sources=(
                        Source(
                            article_id,
                            sentence.start,
                            sentence.end,
                            text[sentence.start : sentence.end],
                            expression.text,
                        ),
                    ),
                    trigger=pairing.trigger.lemma,
                    after=after,
                    extra={
                        "category": pairing.trigger.category,
                        "label_names": label_names,
                        "timex_start": expression.start,
                        "noun": pairing.trigger.noun,
                    },
                )
            )
            recent.append((sentence_index, len(events) - 1))
    return events


def _reference_date_at(
    position: int, reference_dates: Sequence[tuple[int, int, dt.date | None]]
) -> dt.date | None:
    for start, end, date in reference_dates:
        if start <= position < end:
            return date
    return None


def _propagate_cancellation(
    text: str, sentence: Sentence, sentence_index: int, events: list[Event], recent: list[tuple[int, int]]
) -> None:
    """'But that meeting is now in question': a later sentence cancels the event it points back to."""
    cancelled = any(
        status == "cancelled" and pattern.search(text, sentence.start, sentence.end)
        for status, pattern, _ in status_cues()
    )
    if not cancelled:
        return
    referred = {
        match.group(1).lower() for match in _DEFINITE_REFERENCE.finditer(text, sentence.start, sentence.end)
    }
    triggers = {
        t.category for t in find_triggers(text, sentence.start, sentence.end) if t.text.lower() in referred
    }
    for earlier_sentence, event_index in reversed(recent):
        if sentence_index - earlier_sentence > 2:
            break
        event = events[event_index]
        if event.extra.get("category") in triggers and event.status in ("planned", "happened"):
            events[event_index] = _with_status(event, "cancelled")
            return


def _with_status(event: Event, status: str) -> Event:
    from dataclasses import replace

    return replace(event, status=status)
