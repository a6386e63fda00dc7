"""Noun phrases, verb groups and clauses from tagged tokens: a rule-based shallow parse.

Three passes over one sentence's tokens, each linear in its length:
1. noun phrases: maximal runs of determiner/adjective/noun/number/currency tags (a coordinating
   conjunction ends one, so "Twitter and Musk" are two phrases; a participle is inside only before
   a noun, "the retiring judge");
2. verb groups: an auxiliary chain and the verb it helps ("has been sentenced", "did not say",
   "is going to buy", "to plead"), read for tense, aspect, voice, modality and negation;
3. clauses: for each verb group its subject (the phrase before it, skipping adverbs, a relative
   clause or an apposition between commas, a preposition's phrase after the subject's head), its
   object and prepositional phrases (after it, up to the next clause boundary), the agent of a
   passive ("by X"), and which clause an infinitive complements.
Closed-class words are read from data/clause_words.tsv.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from timeline.linguistics import Token
from timeline.linguistics.tokens import word_list


@dataclass(frozen=True, slots=True)
class Phrase:
    first: int  # token indices [first, end)
    end: int
    head: int


@dataclass(frozen=True, slots=True)
class VerbGroup:
    first: int
    end: int
    head: int
    lemma: str
    tense: str  # past | present | future | none (non-finite)
    aspect: str  # none | perfect | progressive | perfect progressive
    voice: str  # active | passive
    modal: str | None
    negated: bool
    finite: bool


@dataclass(frozen=True, slots=True)
class Clause:
    verb: VerbGroup
    subject: Phrase | None
    object: Phrase | None
    agent: Phrase | None
    prepositional: tuple[tuple[str, Phrase], ...]
    complement_of: int | None


NOUN_PHRASE_START = frozenset(
    "DT PDT PRP$ WP$ CD $ # JJ JJR JJS NN NNS NNP NNPS PRP EX".split()
)  # fmt: skip
NOUN_PHRASE_INSIDE = frozenset("CD $ # JJ JJR JJS NN NNS NNP NNPS POS HYPH".split())
NOUNS = frozenset("NN NNS NNP NNPS PRP EX".split())
# "Qatar Airways order", "May 2022", "US$"
NOUNS_AFTER_NOUN = frozenset("NN NNS NNP NNPS CD POS HYPH $".split())
VERBS = frozenset("MD VB VBD VBZ VBP VBG VBN".split())
ADVERBS = frozenset("RB RBR RBS".split())
RELATIVE_PRONOUNS = frozenset("WDT WP".split())
PREPOSITIONS = frozenset("IN TO".split())
CLAUSE_BOUNDARIES = frozenset(", : ; . -LRB- -RRB- `` '' CC WDT WP WRB".split())


@cache
def words_by_role() -> dict[str, frozenset[str]]:
    roles: dict[str, set[str]] = {}
    for line in word_list("clause_words.tsv"):
        lemma, role = line.split("\t")
        roles.setdefault(role, set()).add(lemma)
    return {role: frozenset(lemmas) for role, lemmas in roles.items()}


@cache
def _magnitudes() -> frozenset[str]:
    """Words that scale the number before them: "15 bn", "2.2 billion"."""
    return frozenset(word_list("number_units.txt")) | words_by_role()["magnitude"]


def noun_phrases(tokens: Sequence[Token]) -> list[Phrase]:
    outside = words_by_role()["preposition_like"]
    tags = [token.tag for token in tokens]  # read once: each is tested several times
    phrases = []
    index = 0
    count = len(tokens)
    while index < count:
        tag = tags[index]
        if tag not in NOUN_PHRASE_START or tokens[index].lemma in outside:
            index += 1
            continue
        first = index
        index += 1
        if tag != "PRP":  # a personal pronoun is a phrase alone: "gave him the deal"
            while index < count:
                tag = tags[index]
                if tags[index - 1] in NOUNS and tag not in NOUNS_AFTER_NOUN:
                    break  # "the company last year": a modifier after a noun starts another phrase
                if tag in NOUN_PHRASE_INSIDE:
                    index += 1
                elif tag in ("VBG", "VBN") and index + 1 < count and tags[index + 1] in NOUNS:
                    index += 1
                else:
                    break
        phrases.append(Phrase(first, index, _phrase_head(tokens, tags, first, index)))
    return phrases


def _phrase_head(tokens: Sequence[Token], tags: Sequence[str], first: int, end: int) -> int:
    """The last noun; for an amount ("$15bn", "US$2.2 billion") the currency sign, unless a noun
    follows the amount ("USD 44-billion deal" is headed by "deal"). One pass over the phrase."""
    last_noun = last_amount = currency = None
    for index in range(first, end):
        tag = tags[index]
        if tag in NOUNS:
            last_noun = index
        elif tag == "CD":
            last_amount = index
        elif tag == "$" and currency is None:
            currency = index
    if currency is not None:
        after_amount = first if last_amount is None else last_amount + 1
        # a magnitude right after the number is part of the amount: "15 bn", "2.2 billion"
        if (
            last_noun is None
            or last_noun < after_amount
            or (last_noun == after_amount and tokens[last_noun].text.lower() in _magnitudes())
        ):
            return currency
    if last_noun is not None:
        return last_noun
    return last_amount if last_amount is not None else end - 1


def _verb_group(
    tokens: Sequence[Token], tags: Sequence[str], first: int, covered: Sequence[bool]
) -> VerbGroup:
    """The verb group starting at `first` (a verb, a modal or an infinitive's "to")."""
    roles = words_by_role()
    verbs: list[int] = []
    index = first
    count = len(tokens)
    negated = False
    future = False
    going_to = False
    if tags[index] == "TO":
        index += 1
    while index < count and not covered[index]:
        token = tokens[index]
        tag = tags[index]
        if tag in ADVERBS:
            if not any(
                tags[j] in VERBS and not covered[j] for j in range(index + 1, min(index + 3, count))
            ):
                break
            negated = negated or token.lemma in roles["negation"]
            index += 1
            continue
        if tag == "TO" and verbs and tokens[verbs[-1]].lemma == "go" and tags[verbs[-1]] == "VBG":
            future = True  # "is going to buy": the group goes on to "buy"
            going_to = True
            index += 1
            continue
        if tag not in VERBS:
            break
        if verbs and not going_to:
            previous = tokens[verbs[-1]]
            if previous.tag != "MD" and previous.lemma not in roles["auxiliary"]:
                break
            if previous.lemma == "get" and tag != "VBN":
                break
        verbs.append(index)
        index += 1
        if going_to:
            break
    if not verbs:  # "to" before something that is not a verb: callers do not start groups there
        verbs.append(first)
    end = verbs[-1] + 1
    head = verbs[-1]
    lead = tokens[first]
    aspect_perfect = any(
        tokens[a].lemma == "have" and tags[b] == "VBN" for a, b in zip(verbs, verbs[1:], strict=False)
    )
    aspect_progressive = any(
        tokens[a].lemma == "be" and tags[b] == "VBG" and tokens[b].lemma != "go"
        for a, b in zip(verbs, verbs[1:], strict=False)
    )
    # "was sentenced", "got fired"; a participle alone is a reduced passive ("a man sentenced to ...")
    passive = tags[head] == "VBN" and (
        tokens[verbs[-2]].lemma in roles["passive"] if len(verbs) > 1 else lead.tag != "TO"
    )
    modal = None
    first_verb = tokens[verbs[0]]
    finite = lead.tag != "TO" and first_verb.tag in ("MD", "VBD", "VBZ", "VBP", "VB")
    if first_verb.tag == "MD":
        if first_verb.lemma in roles["future"]:
            future = True
        else:
            modal = first_verb.lemma
    if not finite:
        tense = "future" if future else "none"
    elif future:
        tense = "future"
    elif first_verb.tag == "VBD":
        tense = "past"
    else:
        tense = "present"
    aspect = {
        (True, True): "perfect progressive",
        (True, False): "perfect",
        (False, True): "progressive",
        (False, False): "none",
    }[(aspect_perfect, aspect_progressive)]
    return VerbGroup(
        first=first,
        end=end,
        head=head,
        lemma=tokens[head].lemma,
        tense=tense,
        aspect=aspect,
        voice="passive" if passive else "active",
        modal=modal,
        negated=negated,
        finite=finite,
    )


def verb_groups(tokens: Sequence[Token], phrases: Sequence[Phrase]) -> list[VerbGroup]:
    tags = [token.tag for token in tokens]  # read once: each is tested several times
    covered = [False] * len(tokens)
    for phrase in phrases:
        for index in range(phrase.first, phrase.end):
            covered[index] = True
    groups = []
    index = 0
    while index < len(tokens):
        tag = tags[index]
        starts = tag in VERBS or (
            tag == "TO"
            and index + 1 < len(tokens)
            and tags[index + 1] == "VB"
            and not covered[index + 1]
        )
        if starts and not covered[index]:
            group = _verb_group(tokens, tags, index, covered)
            groups.append(group)
            index = group.end
        else:
            index += 1
    return groups


class _Sentence:
    """The phrases of a sentence indexed by their first and last token."""

    def __init__(self, tokens: Sequence[Token], phrases: Sequence[Phrase]) -> None:
        self.tokens = tokens
        self.ending_at = {phrase.end - 1: phrase for phrase in phrases}
        self.starting_at = {phrase.first: phrase for phrase in phrases}
        self.antecedent_ending_at: dict[int, Phrase] = {}  # last token of a relative clause -> antecedent

    def skip_adverbs_left(self, index: int) -> int:
        while index >= 0 and self.tokens[index].tag in ADVERBS:
            index -= 1
        return index

    def first_conjunct(self, phrase: Phrase) -> Phrase:
        """ "Airbus and Boeing" -> Airbus: the first of coordinated phrases, as UD attaches them."""
        before = phrase.first - 1
        while before >= 1 and self.tokens[before].tag == "CC" and before - 1 in self.ending_at:
            earlier = self.ending_at[before - 1]
            if earlier.first >= 1 and self.tokens[earlier.first - 1].tag in VERBS:
                break  # "is late and the meeting is ...": the earlier phrase belongs to another clause
            phrase = earlier
            before = phrase.first - 1
        return phrase

    def phrase_left_of(self, index: int) -> Phrase | None:
        """The phrase ending at `index`, climbing over "the chief of the company" to its first noun."""
        phrase = self.ending_at.get(index)
        if phrase is None:
            return None
        phrase = self.first_conjunct(phrase)
        while (
            phrase.first >= 2
            and self.tokens[phrase.first - 1].tag == "IN"
            and phrase.first - 2 in self.ending_at
        ):
            phrase = self.first_conjunct(self.ending_at[phrase.first - 2])
        return phrase

    def insertion_start(self, comma: int) -> int | None:
        """For ", who ... ," or ", the chief executive ," ending at `comma`, the opening comma."""
        opening = comma - 1
        while opening >= 0 and self.tokens[opening].text != ",":
            opening -= 1
        if opening < 1:
            return None
        inside = self.tokens[opening + 1 : comma]
        if not inside:
            return None
        relative = inside[0].tag in RELATIVE_PRONOUNS
        apposition = (opening + 1) in self.starting_at and all(token.tag not in VERBS for token in inside)
        return opening if relative or apposition else None


def _subject(sentence: _Sentence, group: VerbGroup, clauses: list[Clause]) -> tuple[Phrase | None, bool]:
    """(subject, whether the clause is a relative clause whose subject is its antecedent)."""
    tokens = sentence.tokens
    index = sentence.skip_adverbs_left(group.first - 1)
    if index < 0:
        return None, False
    if tokens[index].tag in RELATIVE_PRONOUNS or (
        tokens[index].lemma == "that" and tokens[index].tag == "WDT"
    ):
        before = index - 1
        if before >= 0 and tokens[before].text == ",":
            before -= 1
        return sentence.phrase_left_of(before), True
    if index in sentence.antecedent_ending_at:
        return sentence.antecedent_ending_at[index], False
    if tokens[index].text == ",":
        opening = sentence.insertion_start(index)
        if opening is not None:
            return sentence.phrase_left_of(opening - 1), False
        return None, False
    if tokens[index].tag == "CC" and clauses:
        return clauses[-1].subject, False  # "bought Twitter and fired the board": shared subject
    return sentence.phrase_left_of(index), False


def understood_subject(tokens: Sequence[Token], phrases: Sequence[Phrase], clauses: Sequence[Clause],
                       index: int) -> Phrase | None:
    """The subject of clause INDEX as a reader understands it: its written subject (the phrase a
    conjunction opens, "after OPEC announced", rather than the noun the parse climbed to), else the
    one it leaves unwritten after a comma, a conjunction or a preposition:
    - a past participle qualifies the noun before the comma ("the suit, filed in 2003"), unless
      that noun is the object of a preposition ("was arrested in Paris, charged with fraud"): then
      it goes on telling of the clause before's subject;
    - a present participle tells what the clause before's subject did besides ("The bomb exploded
      in the market, killing 12 people");
    - a present participle after a preposition too ("deliberated before reaching a verdict"), or
      the object it follows ("barred him from working");
    - a finite verb goes on a series ("tripled in 2004, doubled in 2005 and fell in 2006") or
      follows a participle's insertion ("The suit, filed in 2003, claims ..."); not a verb of
      saying, whose subject may follow it ("We will win, said the coach").
    None when it has none and no comma or clause comes before it. Clause.subject keeps the parse's
    reading: the event-word classifier was trained on it."""
    clause = clauses[index]
    group = clause.verb
    sentence = _Sentence(tokens, phrases)
    if clause.subject is not None:
        return _subject_after_conjunction(sentence, clause) or clause.subject
    comma = sentence.skip_adverbs_left(group.first - 1)
    earlier = clauses[index - 1] if index else None
    if comma >= 0 and tokens[comma].tag == "CC" and earlier is not None:
        # "doubled in 2005 and fell in 2006": the subject the clause before shares
        return understood_subject(tokens, phrases, clauses, index - 1)
    if comma >= 0 and tokens[comma].tag == "IN" and tokens[group.first].tag == "VBG" and earlier is not None:
        if earlier.object is not None and earlier.object.end == comma:
            return earlier.object  # "barred him from working": he would work
        # "deliberated for two days before reaching a verdict": the jurors reached it
        return understood_subject(tokens, phrases, clauses, index - 1)
    if comma < 0 or tokens[comma].text != ",":
        return None
    head_tag = tokens[group.first].tag
    if head_tag == "VBN":
        before = sentence.phrase_left_of(comma - 1)
        if before is not None and (before.first == 0 or tokens[before.first - 1].tag not in PREPOSITIONS):
            return before
        return understood_subject(tokens, phrases, clauses, index - 1) if earlier is not None else None
    if earlier is None:
        return None
    if head_tag == "VBG":
        return understood_subject(tokens, phrases, clauses, index - 1)
    if not group.finite:
        return None
    opening = earlier.verb.first - 1
    if tokens[earlier.verb.first].tag == "VBN" and opening >= 1 and tokens[opening].text == ",":
        if all(token.text != "," for token in tokens[earlier.verb.end : comma]):
            return sentence.phrase_left_of(opening - 1)  # "The suit, filed in 2003, claims"
    if group.lemma in words_by_role()["clause_complement"]:
        return None
    return understood_subject(tokens, phrases, clauses, index - 1) if earlier.verb.finite else None


def _subject_after_conjunction(sentence: _Sentence, clause: Clause) -> Phrase | None:
    """ "Oil rose 3% after OPEC announced cuts", "said that the toll from the flood has risen": the
    parse climbs from the phrase before the verb over every preposition, as over the "of" of "the
    head of the agency said", and goes past a conjunction the tagger reads as one ("after",
    "that"); a reader stops there, at the phrase the conjunction opens. None when no conjunction
    lies on the way (the parse's reading stands)."""
    tokens = sentence.tokens
    phrase = sentence.ending_at.get(sentence.skip_adverbs_left(clause.verb.first - 1))
    subordinators = words_by_role()["subordinator"]
    while phrase is not None and phrase.first >= 1 and tokens[phrase.first - 1].tag == "IN":
        if tokens[phrase.first - 1].lemma.lower() in subordinators:
            return phrase if phrase != clause.subject else None
        phrase = sentence.ending_at.get(phrase.first - 2)
    return None


def _arguments_after(
    sentence: _Sentence, group: VerbGroup, next_group_start: int, next_finite: bool, relative: bool
) -> tuple[Phrase | None, Phrase | None, list[tuple[str, Phrase]], int]:
    """(object, agent, prepositional phrases, end of the clause's last argument)."""
    tokens = sentence.tokens
    roles = words_by_role()
    index = group.end
    while index < next_group_start and tokens[index].tag in ("RB", "RP"):
        index += 1
    direct = None
    last = group.end - 1
    candidate = sentence.starting_at.get(index)
    # a phrase right before the next finite verb group is that clause's subject ("said he would"),
    # unless this is a relative clause: "the storm that flooded the towns has weakened"
    subject_of_next = (
        candidate is not None
        and candidate.end == next_group_start
        and next_finite
        and (not relative or group.lemma in roles["clause_complement"])
    )
    if candidate is not None and group.lemma != "be" and not subject_of_next:
        direct = candidate
        index = direct.end
        last = index - 1
        while (
            index + 1 < next_group_start and tokens[index].tag == "CC" and index + 1 in sentence.starting_at
        ):
            index = sentence.starting_at[index + 1].end  # coordinated objects: the first is the object
            last = index - 1
    agent = None
    prepositional: list[tuple[str, Phrase]] = []
    while index < next_group_start:
        token = tokens[index]
        if token.tag in ADVERBS:
            index += 1
            continue
        if token.tag in PREPOSITIONS and index + 1 in sentence.starting_at:
            phrase = sentence.starting_at[index + 1]
            if token.lemma in roles["noun_preposition"]:
                pass  # "losses of $2bn": the noun's, not the verb's
            elif token.lemma == "by" and group.voice == "passive" and agent is None:
                agent = phrase
            else:
                prepositional.append((token.lemma, phrase))
            index = phrase.end
            last = index - 1
            continue
        if token.tag in CLAUSE_BOUNDARIES or token.tag in PREPOSITIONS:
            break
        index += 1
    return direct, agent, prepositional, last


def analyse(tokens: tuple[Token, ...]) -> tuple[tuple[Phrase, ...], tuple[Clause, ...]]:
    """The noun phrases and the clauses of one sentence's tokens."""
    roles = words_by_role()
    phrases = noun_phrases(tokens)
    groups = verb_groups(tokens, phrases)
    sentence = _Sentence(tokens, phrases)
    clauses: list[Clause] = []
    for number, group in enumerate(groups):
        next_start = groups[number + 1].first if number + 1 < len(groups) else len(tokens)
        complement_of = None
        relative = False
        infinitive = tokens[group.first].tag == "TO"
        if clauses and infinitive:
            governing = clauses[-1]
            object_control = governing.object is not None and governing.verb.lemma in roles["object_control"]
            between = governing.object.end if object_control and governing.object else governing.verb.end
            if sentence.skip_adverbs_left(group.first - 1) == between - 1:
                complement_of = number - 1
                # "asked him to resign": him resigns; "agreed to plead": the one who agreed pleads
                subject = governing.object if object_control else governing.subject
            else:
                subject = governing.subject  # "closed the deal to buy Twitter": a purpose, same subject
        else:
            subject, relative = _subject(sentence, group, clauses)
        next_finite = number + 1 < len(groups) and groups[number + 1].finite
        direct, agent, prepositional, last = _arguments_after(
            sentence, group, next_start, next_finite, relative
        )
        if subject is not None and tokens[subject.head].tag == "EX":
            # "there was an explosion": the explosion is the subject
            after = group.end
            while after < len(tokens) and tokens[after].tag in ADVERBS:
                after += 1
            subject = sentence.starting_at.get(after)
            direct = None
        if relative and subject is not None:
            sentence.antecedent_ending_at[last] = subject
        if not clauses:
            start = subject.first if subject is not None else group.first
            prepositional = _fronted_prepositional(sentence, start) + prepositional
        clauses.append(Clause(group, subject, direct, agent, tuple(prepositional), complement_of))
    return tuple(phrases), tuple(clauses)


def _fronted_prepositional(sentence: _Sentence, end: int) -> list[tuple[str, Phrase]]:
    """Prepositional phrases opening the sentence before the first clause ("On Thursday, in
    Manhattan, the jury ..."): they belong to that clause. Anything else before it, none."""
    tokens = sentence.tokens
    found: list[tuple[str, Phrase]] = []
    index = 0
    while index < end:
        token = tokens[index]
        if token.text == "," or token.tag in ADVERBS:
            index += 1
        elif token.tag in PREPOSITIONS and index + 1 in sentence.starting_at:
            phrase = sentence.starting_at[index + 1]
            if phrase.end > end:
                return []
            found.append((token.lemma, phrase))
            index = phrase.end
        else:
            return []
    return found
