"""Headlines from the clause that tells a happening: subject, verb in the headline's present, object.

The analysed sentence (events/analysis.py) gives each clause its verb group (tense, voice, modal,
negation), its subject, object, agent and prepositional phrases. A headline reads them the way a
sub-editor writes one: "Twitter sued Elon Musk" -> "Twitter sues {0}"; a passive keeps its
participle and drops the auxiliary and the agent ("Sam Bankman-Fried was sentenced to 25 years in
prison by a judge" -> "{0} sentenced to 25 years"); an infinitive after the verb stays with it
("is set to begin" -> "set to begin"; "closed the deal to buy Twitter"). An event noun is
headlined by its clause when it is the verb's object ("the jury delivered its verdicts" -> "Jury
delivers verdicts"), with the verb when the verb only says it happened ("a fire started in Lahaina"
-> "Fire starts in Lahaina"), and else by its own phrase ("the collapse of FTX" -> "Collapse of
FTX"). People stand as {N} slots the merge stage fills with their canonical surnames; the date
words and articles are left out; nothing ends on a preposition or a determiner.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from lemminflect import getInflection

from timeline.events.analysis import AnalysedSentence
from timeline.events.entities import PERSON
from timeline.events.resources import data_lines, data_table
from timeline.linguistics.clauses import Clause, Phrase, understood_subject, words_by_role
from timeline.model import Mention

# lemminflect deep-copies its dictionary entry on every call, and the same verbs recur in headlines
_inflection = lru_cache(maxsize=1 << 14)(getInflection)

HEADLINE_WORDS = 8
PHRASE_WORDS = 5
_PLURAL_NOUNS = frozenset({"NNS", "NNPS"})
_NOUNS = frozenset({"NN", "NNS", "NNP", "NNPS"})
_POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
_POSSESSIVE_ENDINGS = ("'s", "’s")
_LOCATIVE = frozenset({"in", "at", "near"})
_PUNCTUATION = frozenset({",", ":", ".", "``", "''", "-LRB-", "-RRB-"})
_PLURAL_PRONOUNS = frozenset({"they", "we", "you", "i"})
_DROPPED_TAGS = frozenset({"PRP$", "WP$", "-LRB-", "-RRB-", "``", "''", '"'})


@cache
def headline_words(group: str) -> frozenset[str]:
    """A word group of data/headline_words.tsv: "leading", "trailing", "aspectual" ..."""
    return frozenset(
        word for name, words in data_table("headline_words.tsv") if name == group for word in words.split()
    )


@cache
def _calendar_words() -> frozenset[str]:
    return frozenset(data_lines("calendar_words.txt"))


@dataclass(frozen=True, slots=True)
class Headline:
    template: str  # with {N} slots for people
    names: tuple[str, ...]  # the full name each slot stands for


class _Writer:
    """Renders token spans of one sentence as headline words, numbering the people it meets."""

    def __init__(
        self,
        text: str,
        analysis: AnalysedSentence,
        people: Sequence[Mention],
        dated: Sequence[tuple[int, int]],
        antecedent: Callable[[int], Mention | None],
        bare: bool = False,
        predicate: bool = False,
    ) -> None:
        self.text = text
        self.bare = bare  # a subject and its verb alone make a headline
        self.predicate = predicate  # and so does a predicate without a subject to name
        self.analysis = analysis
        self.tokens = analysis.tokens
        self.people = [m for m in people if m.kind == PERSON]
        self.dated = dated
        self.antecedent = antecedent
        self.names: list[str] = []

    def slot(self, name: str) -> str:
        if name not in self.names:
            self.names.append(name)
        return "{" + str(self.names.index(name)) + "}"

    def _person_at(self, index: int, pronouns: bool = True) -> Mention | None:
        token = self.tokens[index]
        for mention in self.people:
            if mention.start <= token.start < mention.end:
                return mention
        if pronouns and token.tag == "PRP" and token.lemma.lower() in headline_words("person_pronoun"):
            return self.antecedent(token.start)
        return None

    def is_date(self, index: int) -> bool:
        """Whether a token dates rather than tells: the paired expression, a weekday or month, a year."""
        token = self.tokens[index]
        return (
            any(start <= token.start < end for start, end in self.dated)
            or (token.text in _calendar_words() and token.text != "Day" and token.tag != "MD")
            or token.text.lower() in headline_words("time")
            or (token.tag == "CD" and token.text.isdigit() and 1900 <= int(token.text) <= 2099)
        )

    def has_person(self, first: int, end: int) -> bool:
        return any(self._person_at(index) is not None for index in range(first, end))

    def words(self, first: int, end: int, limit: int = PHRASE_WORDS, pronouns: bool = True) -> list[str]:
        """Tokens [first, end) as headline words: people as slots, no articles, no date words; of a
        longer noun phrase, its last LIMIT words (it ends on its head); of a clause (PRONOUNS false:
        "she will run"), its first."""
        words: list[str] = []
        glued = False  # whether the last word may take the next token without a space
        index = first
        while index < end:
            token = self.tokens[index]
            index += 1
            possessive = token.text in _POSSESSIVE_MARKS
            if possessive and words and words[-1].startswith("{"):
                words[-1] += token.text  # "{0}'s proposed summit"
                continue
            person = self._person_at(index - 1, pronouns)
            if person is not None:
                # "a Putin-Trump summit": one token may name several people
                named = [m for m in self.people if m.start < token.end and token.start < m.end] or [person]
                slot = "–".join(self.slot(m.name) for m in named)
                if slot not in words:
                    words.append(slot)
                while index < end and self.tokens[index].start < person.end:
                    index += 1
                glued = False
                continue
            if self.is_date(index - 1) or token.tag in _DROPPED_TAGS:
                continue
            if possessive and (index < 2 or self.is_date(index - 2)):
                continue  # "Monday's announcement"
            if token.tag in ("DT", "PRP") and token.text.lower() in headline_words("article"):
                continue
            if glued and words and token.start == self.tokens[index - 2].end:
                words[-1] += token.text  # "$" "44-billion" -> "$44-billion"
            else:
                words.append(token.text)
            glued = True
        if not pronouns:
            return _trimmed(words, limit, leading=False)
        return _trimmed(_trimmed(words, len(words))[-limit:], limit)

    def subject_of(self, clause: Clause) -> Phrase | None:
        """The clause's subject as a reader understands it ("..., killing 12 people")."""
        analysis = self.analysis
        return understood_subject(analysis.tokens, analysis.phrases, analysis.clauses,
                                  analysis.clauses.index(clause))

    def phrase_end(self, phrase: Phrase, stop: int) -> int:
        return _end_with_complements(self.analysis, phrase, stop)


def _end_with_complements(analysis: AnalysedSentence, phrase: Phrase, stop: int) -> int:
    """The end of a phrase with its "of" complements ("Bank of America", "collapse of FTX")."""
    tokens = analysis.tokens
    end = phrase.end
    starting = {p.first: p for p in analysis.phrases}
    while end + 1 < stop and tokens[end].lemma == "of" and end + 1 in starting:
        end = starting[end + 1].end
    return min(end, stop)


def _trimmed(words: list[str], limit: int, leading: bool = True) -> list[str]:
    """At most LIMIT words, without a leading article or a dangling function word or possessive at
    the end ("owns 50% of nation's")."""
    while leading and words and words[0].lower() in headline_words("leading"):
        words = words[1:]
    words = words[:limit]
    trailing = headline_words("trailing")
    while words and (words[-1].lower().strip(",.;:") in trailing or words[-1].endswith(_POSSESSIVE_ENDINGS)):
        words = words[:-1]
    return words


def _covers(phrase: Phrase | None, index: int) -> bool:
    return phrase is not None and phrase.first <= index < phrase.end


def _is_plural(writer: _Writer, clause: Clause) -> bool:
    subject = writer.subject_of(clause)
    if subject is None:
        return False
    head = writer.tokens[subject.head]
    if head.tag == "PRP":
        return head.text.lower() in _PLURAL_PRONOUNS
    after = subject.end
    coordinated = after < clause.verb.first and writer.tokens[after].tag == "CC"
    # "Jobs" may be tagged a plural noun: a capitalised one is a name, unless "the" makes it a
    # group ("the Beatles")
    named_group = head.tag == "NNPS" and writer.tokens[subject.first].text.lower() == "the"
    # capitalised only as the sentence's first word: "Sales rose"
    common = head.text[:1].islower() or subject.head == 0
    plural_noun = named_group or (head.tag in _PLURAL_NOUNS and common)
    return plural_noun or coordinated


def _read_as_past(writer: _Writer, clause: Clause) -> bool:
    """ "A fire started in Lahaina": a lone participle after its subject, in a sentence without a
    finite verb, is the past tense the tagger took for a participle; so is a verb of saying ("his
    father said ..."), which hardly ever stands as a reduced passive."""
    verb = clause.verb
    if verb.voice != "passive" or verb.first != verb.head or writer.subject_of(clause) is None:
        return False
    form = writer.tokens[verb.head].text.lower()
    past, participle = _inflection(verb.lemma, "VBD"), _inflection(verb.lemma, "VBN")
    if not past or form != past[0] or clause.agent is not None:
        return False
    # "began" is no participle; "started" may be one, unless no verb of the sentence is finite
    if form not in participle or verb.lemma in words_by_role()["clause_complement"]:
        return True
    return not any(c.verb.finite for c in writer.analysis.clauses)



def _verb_words(writer: _Writer, clause: Clause, subject: list[str], plural: bool | None = None) -> list[str]:
    """The verb in headline style: the present for what happened, the participle of a passive;
    PLURAL, if given, overrides the number the subject gives it."""
    verb = clause.verb
    tokens = writer.tokens
    particle = [tokens[verb.end].text] if verb.end < len(tokens) and tokens[verb.end].tag == "RP" else []
    if verb.voice == "passive" and not _read_as_past(writer, clause):
        return ["not"] * verb.negated + [tokens[verb.head].text.lower()] + particle
    if verb.modal:
        return [verb.modal] + ["not"] * verb.negated + [verb.lemma] + particle
    if plural is None:
        people = sum(1 for word in subject if word.startswith("{"))
        plural = people > 1 if people else _is_plural(writer, clause)
    if verb.negated:
        return ["do" if plural else "does", "not", verb.lemma] + particle
    inflected = _inflection(verb.lemma, "VBP" if plural else "VBZ")
    return [inflected[0] if inflected else verb.lemma] + particle


def _speaker_as_subject(writer: _Writer, clause: Clause) -> Phrase | None:
    """ "Halvorsen said on Monday it had agreed to buy ...": the "it" or "they" that opens what a
    verb of saying reports stands, in news copy, for the one who says it (a person's "he" or "she"
    is the antecedent's to resolve). None unless the clause before is that saying, with a subject
    a headline can name, and nothing but its own words (no comma, no other verb) lies between."""
    tokens = writer.tokens
    subject = clause.subject
    clauses = writer.analysis.clauses
    index = clauses.index(clause)
    if subject is None or index == 0 or tokens[subject.head].text.lower() not in ("it", "they"):
        return None
    saying = clauses[index - 1]
    if saying.verb.lemma not in words_by_role()["clause_complement"] or saying.subject is None:
        return None
    if tokens[saying.subject.head].tag not in _NOUNS - {"PRP"}:
        return None
    between = tokens[saying.verb.end : subject.first]
    if any(token.text in _PUNCTUATION or token.tag.startswith("VB") for token in between):
        return None
    return saying.subject


def _subject_words(writer: _Writer, clause: Clause) -> list[str]:
    speaker = _speaker_as_subject(writer, clause)
    subject = speaker or writer.subject_of(clause)
    if subject is None:
        return []
    tokens = writer.tokens
    verb_first = clause.verb.first if speaker is None else subject.end
    end = writer.phrase_end(subject, verb_first)
    starting = {p.first: p for p in writer.analysis.phrases}
    while end + 1 < verb_first and tokens[end].tag == "CC" and end + 1 in starting:
        end = writer.phrase_end(starting[end + 1], verb_first)  # "Putin and Joe Biden met"
    if speaker is None and clause.verb.first > 0 and tokens[clause.verb.first - 1].tag == "PRP":
        return []  # "plans for them to meet": whoever they are, not the subject found before
    if writer.has_person(subject.head, subject.head + 1) or writer.has_person(end - 1, end):
        # "Apple CEO Steve Jobs", "Putin and Joe Biden": the people are the headline's subject (but
        # "the Biden administration" is no person)
        slots = [w for w in writer.words(subject.first, end, HEADLINE_WORDS) if w.startswith("{")]
        return " and ".join(slots).split()
    if tokens[subject.head].tag == "PRP" or tokens[subject.head].tag not in _NOUNS | {"CD", "$"}:
        return []  # "it", "they", "more (than ...)": nothing the headline can name
    return writer.words(subject.first, end, PHRASE_WORDS)


def _complement_words(writer: _Writer, clause: Clause, index: int) -> list[list[str]]:
    """What follows the verb: its object (with an infinitive or a prepositional phrase right after
    it), else its first prepositional phrase, else an infinitive or a passive's agent; and the
    place it happened, when one is named."""
    tokens = writer.tokens
    parts: list[list[str]] = []
    following = _infinitive_after(writer, index)
    prepositional = [
        (lemma, phrase)
        for lemma, phrase in clause.prepositional
        if phrase.first > clause.verb.first and not _dates_only(writer, phrase)
    ]
    found = _object(writer, clause)
    obj = writer.words(found.first, writer.phrase_end(found, len(tokens))) if found is not None else []
    if found is not None and obj:
        end = writer.phrase_end(found, len(tokens))
        if _predicative_adjective(writer, end):
            obj.append(tokens[end].text)  # what the object is found or left: "finds Orr guilty"
            end += 1
        if following is not None and following.verb.first == end:
            obj += _infinitive_words(writer, following)
        following = None
        parts.append(obj)
        # "imposed higher tariffs against India": the phrase right after the object
        prepositional = [item for item in prepositional if item[1].first > end]
        if prepositional and prepositional[0][1].first == end + 1:
            lemma, phrase = prepositional.pop(0)
            parts.append([lemma, *writer.words(phrase.first, phrase.end, 3)])
    elif prepositional:
        lemma, phrase = prepositional.pop(0)
        words = writer.words(phrase.first, writer.phrase_end(phrase, len(tokens)), 4)
        if words:
            parts.append([lemma, *words])
    if following is not None and not parts:
        parts.append(_infinitive_words(writer, following))
    if not parts and clause.agent is not None:
        parts.append(["by", *writer.words(clause.agent.first, clause.agent.end, 4)])  # "acquired by Disney"
    places = [item for item in prepositional if item[0] in _LOCATIVE and tokens[item[1].head].tag == "NNP"]
    place = places[0] if places else None
    if place is not None:
        parts.append([place[0], *writer.words(place[1].first, place[1].end, 3)])
    return parts


def _dates_only(writer: _Writer, phrase: Phrase) -> bool:
    """Whether a phrase only dates: its first noun is a date word ("the fiscal year ending March
    31", "the third quarter"), not "his top aides Wednesday" (one chunk), "the 1991 agreement" or
    "last year's Madrid summit" (a possessive is no noun the phrase is about); a phrase without a
    noun, when all its words are."""
    tokens = writer.tokens
    nouns = (
        i for i in range(phrase.first, phrase.end)
        if tokens[i].tag in _NOUNS and not (i + 1 < phrase.end and tokens[i + 1].tag == "POS")
    )
    first_noun = next(nouns, None)
    if first_noun is not None:
        return writer.is_date(first_noun)
    return all(writer.is_date(i) for i in range(phrase.first, phrase.end))


def _predicative_adjective(writer: _Writer, index: int) -> bool:
    """Whether the token at INDEX is an adjective said of the object before it ("found Orr guilty
    of bribery", "left 5,000 homes dark"), not one opening a phrase of its own ("southern Lebanon")."""
    tokens = writer.tokens
    if index >= len(tokens) or tokens[index].tag != "JJ" or writer.is_date(index):
        return False
    following = tokens[index + 1].tag if index + 1 < len(tokens) else "."
    return following not in _NOUNS and following not in ("CD", "JJ", "$")


def _infinitive_after(writer: _Writer, index: int) -> Clause | None:
    """The "to"-infinitive clause that goes with clause INDEX: its complement ("set to begin",
    "agreed to plead", "voted on Monday to close") or the purpose right after its object ("closed
    the deal to buy Twitter")."""
    analysis = writer.analysis
    clauses = analysis.clauses
    if index + 1 >= len(clauses):
        return None
    following = clauses[index + 1]
    if analysis.tokens[following.verb.first].tag != "TO":
        return None
    clause = clauses[index]
    if following.complement_of == index:
        return following
    if clause.object is None and all(
        writer.is_date(i) or analysis.tokens[i].tag in ("IN", "RB")
        for i in range(clause.verb.end, following.verb.first)
    ):
        return following  # only the date between: "voted on Monday to close the bridge"
    if clause.object is not None and following.verb.first == clause.object.end:
        return following
    return None


def _infinitive_words(writer: _Writer, clause: Clause) -> list[str]:
    words = ["to", clause.verb.lemma]
    if clause.object is not None:
        words += writer.words(clause.object.first, clause.object.end, 3)
        return words
    for lemma, phrase in clause.prepositional:
        if not writer.is_date(phrase.head):
            return words + [lemma, *writer.words(phrase.first, phrase.end, 3)]
    return words


def _assembled(parts: list[list[str]]) -> str:
    """The parts joined, the last ones dropped while the headline is too long."""
    while len(parts) > 3 and sum(len(part) for part in parts) > HEADLINE_WORDS:
        parts = parts[:-1]
    words = _trimmed([word for part in parts for word in part], HEADLINE_WORDS)
    headline = " ".join(words).strip(" ,.;:\"'“”‘’")
    first = headline.split(" ", 1)[0]
    if headline.startswith("{") or any(c.isupper() for c in first[1:]):
        return headline  # a slot; "iPhone", "eBay" keep their case
    return headline[:1].upper() + headline[1:]


def _clause_headline(writer: _Writer, index: int, subject: list[str] | None = None) -> str | None:
    clauses = writer.analysis.clauses
    clause = clauses[index]
    governing = _governing(writer, index)
    if governing is not None:
        return _clause_headline(writer, governing)
    if clause.verb.lemma in headline_words("no_predicate"):
        return None
    subject_words = _subject_words(writer, clause) if subject is None else subject
    if not subject_words:
        return _predicate_headline(writer, clause, index) if writer.predicate and subject is None else None
    reported = _reported_clause(writer, clause, index)
    complement = [reported] if reported else _complement_words(writer, clause, index)
    if not any(complement) and subject is None and clause.verb.voice == "active" and not writer.bare:
        return None  # "Trump raises", "Apple announces": a fragment ("Leopard released" is none)
    return _assembled([subject_words, _verb_words(writer, clause, subject_words), *complement])


def _predicate_headline(writer: _Writer, clause: Clause, index: int) -> str | None:
    """A happening whose subject no headline can name ("it", "they", a "he" the story does not
    name): its predicate alone, as a chronology's entries often read ("Fired from the company",
    "Takes medical leave"), rather than its verb alone. None when nothing follows the verb."""
    reported = _reported_clause(writer, clause, index)
    complement = [reported] if reported else _complement_words(writer, clause, index)
    if not any(complement):
        return None
    return _assembled([_verb_words(writer, clause, [], plural=False), *complement])


def _governing(writer: _Writer, index: int) -> int | None:
    """The clause an infinitive belongs to ("set" for "to begin", "closed" for "to buy")."""
    analysis = writer.analysis
    if index == 0 or analysis.tokens[analysis.clauses[index].verb.first].tag != "TO":
        return None
    return index - 1 if _infinitive_after(writer, index - 1) is analysis.clauses[index] else None



def _reported_clause(writer: _Writer, clause: Clause, index: int) -> list[str]:
    """What a verb such as "announced" reports, when a clause follows it with "that" or without:
    "announced on Tuesday that she will run for governor" -> "she will run for governor"."""
    if _object(writer, clause) is not None or clause.verb.lemma not in words_by_role()["clause_complement"]:
        return []
    tokens = writer.tokens
    # past the verb's own prepositional phrases: "announced in an internal memo that ..."
    start = max(
        [clause.verb.end]
        + [p.end for lemma, p in clause.prepositional if p.first > clause.verb.first and lemma != "that"]
    )
    # "said in a letter published Wednesday that ...": what follows "that"
    that = next(
        (i for i in range(start, min(start + 8, len(tokens))) if tokens[i].text.lower() == "that"), None
    )
    start = start if that is None else that + 1
    while start < len(tokens) and (writer.is_date(start) or tokens[start].tag in ("IN", "RB", "WDT")):
        start += 1
        if tokens[start - 1].text.lower() == "that":
            break

    reported = next(
        (c for c in writer.analysis.clauses[index + 1 :] if c.verb.first >= start and c.verb.finite), None
    )
    if reported is None or not 0 < reported.verb.first - start <= 4 or tokens[start].tag in _PUNCTUATION:
        return []  # no clause there, or more than its subject before its verb
    arguments = [reported.object, *(phrase for _, phrase in reported.prepositional[:1])]
    end = max([reported.verb.end] + [p.end for p in arguments if p is not None and p.first > start])
    return writer.words(start, end, 6, pronouns=False)


def _object(writer: _Writer, clause: Clause) -> Phrase | None:
    """The clause's object; past a date read as one, the phrase after it ("announced today another
    special event")."""
    found = clause.object
    if found is not None and all(writer.is_date(i) for i in range(found.first, found.end)):
        found = next((p for p in writer.analysis.phrases if p.first == found.end), None)
        if found is not None and writer.tokens[found.head].tag == "PRP":
            return None  # "announced Monday it has settled": the subject of what was announced
    return found


def _nominal(writer: _Writer, index: int) -> str | None:
    """An event noun by its own phrase: "the collapse of FTX" -> "Collapse of FTX", "FTX's collapse"
    -> "FTX collapse", "its launch" -> the thing named before it with "launch"."""
    phrase = next((p for p in writer.analysis.phrases if _covers(p, index)), None)
    if phrase is None:
        return None
    tokens = writer.tokens
    owner: list[str] = []
    possessive = next((i for i in range(phrase.first, index) if tokens[i].tag == "PRP$"), None)
    if possessive is not None:
        owner = _owner(writer, possessive)
    words = writer.words(phrase.first, index + 1, 4)
    end = writer.phrase_end(phrase, len(tokens))
    complement = writer.words(index + 1, end, 4) if end > phrase.end else []
    if complement:
        # "of" and the last words of its phrases: "collapse of FTX", "criticism of {0}'s proposed summit"
        words = words + (complement if complement[0] == "of" else ["of", *complement])

    words = owner + words
    place = _place_after(writer, end)
    if len(words) + len(place) < 2:
        return None  # the noun alone; with where it happened it says something ("Earthquake in Turkey")
    return _assembled([words, place])


def _place_after(writer: _Writer, index: int) -> list[str]:
    """ "in Moscow" right after a noun phrase: where it happened."""
    tokens = writer.tokens
    if index + 1 < len(tokens) and tokens[index].lemma in _LOCATIVE:
        phrase = next((p for p in writer.analysis.phrases if p.first == index + 1), None)
        if phrase is not None and tokens[phrase.head].tag == "NNP" and not writer.is_date(phrase.head):
            return [tokens[index].lemma, *writer.words(phrase.first, phrase.end, 3)]
    return []



def _owner(writer: _Writer, possessive: int) -> list[str]:
    """Who "its" or "his" stands for: a person for "his"/"her", else the last proper name before."""
    token = writer.tokens[possessive]
    if token.text.lower() in ("his", "her"):
        person = writer.antecedent(token.start)
        return [writer.slot(person.name)] if person is not None else []
    if token.text.lower() != "its":
        return []
    # the nearest thing named before: "the iTunes store since its launch"
    phrases = writer.analysis.phrases
    named = [p for p in phrases if p.end <= possessive and writer.tokens[p.head].tag in _NOUNS]
    return writer.words(named[-1].first, named[-1].end, 3) if named else []


def _tells(analysis: AnalysedSentence, clause: Clause) -> bool:
    """Whether a clause states something (a tensed verb), rather than a purpose or a plan ("to
    protect and secure the parade") that is no headline for the noun it governs."""
    tokens = analysis.tokens
    first = clause.verb.first
    if first > 1 and tokens[first - 1].tag == "CC":
        # "to protect and secure the parade": a verb coordinated with an infinitive is one too
        earlier = [c for c in analysis.clauses if c.verb.end == first - 1]
        if earlier and not earlier[0].verb.finite:
            return False
    return clause.verb.finite and tokens[first].tag != "VB"


def _role_of_noun(
analysis: AnalysedSentence, index: int) -> tuple[int, str] | None:
    """(clause, "subject" or "object") when the event noun heads an argument of a clause."""
    for number, clause in enumerate(analysis.clauses):
        if _covers(clause.object, index) and clause.object is not None and clause.object.head == index:
            return number, "object"
        if _covers(clause.subject, index) and clause.subject is not None and clause.subject.head == index:
            return number, "subject"
    return None


def clause_headline(
    text: str,
    analysis: AnalysedSentence,
    trigger_start: int,
    people: Sequence[Mention],
    dated: Sequence[tuple[int, int]],
    antecedent: Callable[[int], Mention | None],
    bare: bool = False,
    predicate: bool = False,
) -> Headline | None:
    """The headline of the happening whose word starts at TRIGGER_START, or None when its clause
    gives none (no subject to name, an empty verb, no word left but the noun).

    PEOPLE are the person mentions of the sentence (each becomes a slot); DATED the spans of its
    date expressions, left out; ANTECEDENT says who "he" or "she" at a position is. BARE allows a
    subject and its verb alone ("Rift between India and US deepens"; it may read as a fragment
    when the verb wants an object); PREDICATE, for when the only other label is one word
    ("Fire"), the predicate alone when the subject cannot be named ("Fired from company").
    """
    index = analysis.token_at(trigger_start)
    if index is None:
        return None
    writer = _Writer(text, analysis, people, dated, antecedent, bare, predicate)
    tag = analysis.tokens[index].tag
    headline: str | None = None
    if tag.startswith("VB"):
        number = analysis.verb_clause_index(index)
        if number is not None:
            headline = _clause_headline(writer, number)
    elif tag.startswith("NN"):
        role = _role_of_noun(analysis, index)
        if role is not None and role[1] == "object" and _tells(analysis, analysis.clauses[role[0]]):
            headline = _clause_headline(writer, role[0])
        elif role is not None and analysis.clauses[role[0]].verb.lemma in headline_words("aspectual"):
            noun = _nominal(writer, index) or _assembled([writer.words(index, index + 1)])
            headline = _clause_headline(writer, role[0], noun.split())
        if headline is None:
            headline = _nominal(writer, index)
        if headline is None and role is not None and _tells(analysis, analysis.clauses[role[0]]):
            headline = _clause_headline(writer, role[0])
    if not headline or len(headline.split()) < 2:
        return None
    return Headline(headline, tuple(writer.names))


def clause_arguments(analysis: AnalysedSentence, position: int) -> list[tuple[str, int, int]]:
    """(role, start, end) of each argument of the clause that tells the happening whose word is at
    POSITION: its "subject", "object", "agent" and prepositional phrases (role: the preposition),
    each with its "of" complements ("Bank of America", "the collapse of FTX"). Who and what takes
    part is named there."""
    index = analysis.token_at(position)
    clause = analysis.clause_of(index) if index is not None else None
    if clause is None:
        return []
    tokens = analysis.tokens
    spans = []
    subject = understood_subject(tokens, analysis.phrases, analysis.clauses, analysis.clauses.index(clause))
    if clause.verb.first > 0 and tokens[clause.verb.first - 1].tag == "PRP":
        subject = None  # "plans for them to meet": not the subject found before
    roles = [("subject", subject), ("object", clause.object), ("agent", clause.agent)]

    for role, phrase in roles + list(clause.prepositional):
        if phrase is not None:
            end = _end_with_complements(analysis, phrase, len(tokens))
            spans.append((role, tokens[phrase.first].start, tokens[end - 1].end))
    return spans


