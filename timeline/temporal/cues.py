"""Tense and orientation of the clause around an expression: does it point to the past or the future?

HeidelTime's news strategy resolves "Friday" by the tense of its sentence. We look for the
cue nearest to the expression within its sentence (resources/<language>/cues.yaml): a future-oriented verb
group ("will meet", "is set to hold", "plans to") or a past one ("said", "met", "was"); a
deadline preposition right before it ("by Friday") points to the future.
"""

from __future__ import annotations

import re

from timeline.temporal.grammar import grammar

# The period of a title or a month abbreviation ends no sentence: "Roe vs. Wade", "Sen. Kerry",
# "on Jan. 6" keep the verb of the clause in the sentence of the date.
_NON_FINAL_ABBREVIATIONS = (
    "vs", "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Sgt", "Capt", "Prof",
    "Rev", "Jan", "Feb", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No",
)
# The final character first, then the look-behinds: the engine then skips in C to the next
# [.!?\n] instead of testing the abbreviations at every character (30x faster, same matches).
_SENTENCE_END = re.compile(
    r"[.!?\n](?:(?<=[.!?])"
    + "".join(rf"(?<!\b{abbreviation}[.!?])" for abbreviation in _NON_FINAL_ABBREVIATIONS)
    + r"[\"'”’)]*\s+(?=[\"“'(]*[A-Z0-9])|(?<=\n)(?:\s*\n|(?=[A-Z])))"
)
_SEARCH_WINDOW = 300
# Where the clause of an expression ends, looking right: punctuation, or a conjunction opening another.
_CLAUSE_BREAK = re.compile(r"[,;:()\"“”]|\s(?:and|but|while|whereas|that|which|who|after|before|because)\s")


def sentence_bounds(
    text: str, start: int, end: int, lower: int = 0, upper: int | None = None
) -> tuple[int, int]:
    """The sentence holding text[start:end], kept within [lower, upper) and a few hundred characters."""
    upper = len(text) if upper is None else upper
    window_start = max(lower, start - _SEARCH_WINDOW)
    sentence_start = window_start
    for boundary in _SENTENCE_END.finditer(text, window_start, start):
        sentence_start = boundary.end()
    window_end = min(upper, end + _SEARCH_WINDOW)
    following = _SENTENCE_END.search(text, end, window_end)
    sentence_end = following.start() + 1 if following else window_end
    return sentence_start, sentence_end


def _follows(preposition: re.Pattern[str], tail: str) -> bool:
    """Whether TAIL, the text just before an expression, ends with PREPOSITION."""
    last = None
    for match in preposition.finditer(tail):
        last = match
    return last is not None and not tail[last.end() :].strip()


def orientation(text: str, start: int, end: int, lower: int = 0, upper: int | None = None) -> str | None:
    """'past', 'future' or None (no cue) for the expression at text[start:end].

    The verb that governs a date mostly comes before it in its clause ("said on Monday", "will
    meet on Friday"); a cue after it counts only within its own clause, and at double distance, so
    that "began on Sunday and are set to last three days" stays in the past.
    """
    cues = grammar().cues
    sentence_start, sentence_end = sentence_bounds(text, start, end, lower, upper)
    tail = text[max(sentence_start, start - 24) : start]
    if (
        _follows(cues["bound"], tail)
        and cues["pluperfect"].search(text, sentence_start, sentence_end)
        and not cues["future_in_past"].search(text, sentence_start, sentence_end)
    ):
        return "past"
    if _follows(cues["deadline"], tail):
        return "future"
    if _follows(cues["start"], tail) and cues["condition"].search(text, sentence_start, sentence_end):
        return "future"
    clause_break = _CLAUSE_BREAK.search(text, end, sentence_end)
    clause_end = clause_break.start() if clause_break else sentence_end
    nearest: tuple[int, str] | None = None
    for kind in ("future", "plan_made", "past"):
        for cue in cues[kind].finditer(text, sentence_start, sentence_end):
            if cue.end() <= start:
                distance, tense = start - cue.end(), ("future" if kind == "plan_made" else kind)
            elif cue.start() >= end:
                distance = 2 * (cue.start() - end) + (0 if cue.start() < clause_end else _SEARCH_WINDOW * 4)
                tense = "past" if kind == "plan_made" else kind
            else:
                continue
            if nearest is None or distance < nearest[0]:
                nearest = (distance, tense)
    return nearest[1] if nearest else None


# A date fronted before the comma of its sentence ("In January, the company hired ..."): the verb
# that governs it is the one of the main clause after the comma.
_FRONTED = re.compile(r"[\"“'(]*(?:[A-Za-z]+[ \t]+){0,2}$")
# What ends the clause of a verb before a date: punctuation, or a conjunction opening another
# clause ("had not signed it if the relatives lose when the case is heard in May").
_CLAUSE_BREAK_BEFORE = re.compile(
    r"[,;:()\"“”]|\s(?:and|but|while|whereas|that|which|who|after|before|because|if|when|unless|whether|once|so)\s"
)
# A bound before a date makes it the end of a period, not the time of the event.
_BOUND_BEFORE = re.compile(r"\b(?:through|thru|until|till|by)[ \t]+$")


def governed_by_past(text: str, start: int, end: int, lower: int = 0, upper: int | None = None) -> bool:
    """Whether the verb that governs text[start:end] is a past form: the nearest verb group before it
    in its own clause ("changed to a calendar year in December"), or, for a date fronted before a
    comma, the first verb group of the main clause ("In January, the company brought in ...")."""
    cues = grammar().cues
    sentence_start, sentence_end = sentence_bounds(text, start, end, lower, upper)
    if _BOUND_BEFORE.search(text, max(sentence_start, start - 12), start):
        return False  # "has extended loans through January": the loans run on, whenever extended
    if _FRONTED.fullmatch(text, sentence_start, start) and text.startswith(",", end):
        first: tuple[int, str] | None = None
        for kind in ("future", "past"):
            cue = cues[kind].search(text, end, sentence_end)
            if cue is not None and (first is None or cue.start() < first[0]):
                first = (cue.start(), kind)
        return first is not None and first[1] == "past"
    nearest: tuple[int, str] | None = None
    for kind in ("future", "plan_made", "past"):
        for cue in cues[kind].finditer(text, sentence_start, start):
            # A plan made before the date governs it as the plan's infinitive: what is planned is ahead.
            if nearest is None or cue.end() > nearest[0]:
                nearest = (cue.end(), "future" if kind == "plan_made" else kind)
    if nearest is None or nearest[1] != "past":
        return False
    return _CLAUSE_BREAK_BEFORE.search(text, nearest[0], start) is None


def caption_scene(text: str, start: int, end: int, lower: int = 0, upper: int | None = None) -> bool:
    """Whether text[start:end] dates the scene of a photo caption: its sentence tells, before it and in
    the present, a person arriving, leaving or being led ("Smith arrives for arraignment on
    January 3"), with no cue of the future."""
    cues = grammar().cues
    sentence_start, sentence_end = sentence_bounds(text, start, end, lower, upper)
    scene = cues["caption_scene"].search(text, sentence_start, start)
    if scene is None:
        return False
    # The scene's own verb ("arrives") is also a present of schedules; any other future cue wins.
    return all(
        scene.start() <= cue.start() < scene.end()
        for cue in cues["future"].finditer(text, sentence_start, sentence_end)
    )
