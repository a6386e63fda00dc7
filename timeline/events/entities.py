"""People, organisations and places named in an article, with their aliases merged.

Names are runs of capitalised words. A run is an organisation when a table of institutions names
it ("the Kremlin", data/organizations.tsv) or it ends in a head word such as "Ministry"; a place
when the gazetteer knows it; a person when it starts with a given name (the gender-guesser
package's list of first names) or follows a title ("President Trump", "spokesman Dmitry Peskov").
Titles and country adjectives before a name are stripped from it and remembered as the person's
role, so that "the Ukrainian president" later in the article finds "Volodymyr Zelensky". A lone
surname ("Volker") is the person of the article who has it; one the article never introduces is
left as a bare name for `NameResolver` to match across the whole corpus ("Poutine" -> "Vladimir
Putin"), and so is a role the article never gives to anyone ("the German chancellor").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from timeline.events.gazetteer import gazetteer
from timeline.events.resources import data_lines, data_table, given_names
from timeline.linguistics.lemmas import dictionary_lemmas
from timeline.model import Mention, Sentence
from timeline.temporal.match_starts import sieved

PERSON, ORGANIZATION, PLACE = "person", "organization", "place"
# A capitalised word the article never ties to a kind; NameResolver may still find its person.
BARE_NAME = "name"
_BARE_MARK = "?"
_ROLE_MARK = "role:"


def surname(name: str) -> str:
    """The part of a full name a headline uses: "Putin", "von der Leyen", "bin Salman"."""
    words = name.split()
    for index in range(1, len(words) - 1):
        if words[index] in _PERSON_CONNECTORS:
            return " ".join(words[index:])
    return words[-1] if words else ""


def bare_participant(name: str) -> str:
    """How a bare name stands among an event's participants until the corpus resolves it."""
    return _BARE_MARK + name


def unresolved_name(participant: str) -> str | None:
    """The bare name in a participant written by `bare_participant`, else None."""
    return participant[1:] if participant.startswith(_BARE_MARK) else None


_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W\d_]\w*|\d+")
_NAME_CONNECTORS = frozenset(
    {"von", "van", "der", "den", "de", "da", "del", "bin", "al", "la", "le", "of", "for"}
)
# Connectors that may sit inside a person's name (the others only join institution or place names).
_PERSON_CONNECTORS = frozenset({"von", "van", "der", "den", "de", "da", "del", "bin", "al", "la", "le"})
_ROMAN_NUMERAL = re.compile(r"^[IVX]+$")
_INITIALS = re.compile(r"^(?:[A-Z]\.?){1,2}$")
_SPEECH_AFTER = re.compile(r"\s+(?:said|says|told|added|stated|explained|noted|warned|wrote|posted|asked)\b")
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|at|from|to|near|outside|inside|into|via|towards?)\s+$", re.IGNORECASE
)
_MAX_PLACE_WORDS = 4
_ACRONYM = re.compile(r"^[A-Z]{2,5}$")
# A capitalised word after a lowercase word, a digit or a comma: inside a sentence, so a name.
_CAPITALISED_INSIDE = re.compile(r"(?<=[a-z0-9,;])[ \t]+([A-Z][\w'’-]*)")
_UNIT_BEFORE = re.compile(r"(?:\d|\()\s?$")


_SURNAME_SIMILARITY = 0.7
RECURRING_NAME = 3


@lru_cache(maxsize=1)
def titles() -> dict[str, str]:
    """Title or role word (lower case) -> role class (data/titles.tsv)."""
    return dict(data_table("titles.tsv"))


@lru_cache(maxsize=1)
def _title_edges() -> tuple[frozenset[str], frozenset[str]]:
    """The first and the last words of the titles: a word that is neither starts or ends none,
    which spares joining the words around every name to look them up."""
    return (
        frozenset(title.split(" ")[0] for title in titles()),
        frozenset(title.split(" ")[-1] for title in titles()),
    )


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    return dict(data_table("demonyms.tsv"))


@lru_cache(maxsize=1)
def _organizations() -> dict[str, str]:
    return dict(data_table("organizations.tsv"))


@lru_cache(maxsize=1)
def _organization_heads() -> frozenset[str]:
    return frozenset(data_lines("organization_heads.txt"))


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(data_lines("function_words.txt"))


@lru_cache(maxsize=1)
def _calendar_words() -> frozenset[str]:
    return frozenset(data_lines("calendar_words.txt"))


class _Tokens:
    """The word tokens of one sentence: every word's text, and its offsets when asked for (most
    words are no name, and never are)."""

    __slots__ = ("words", "_spans")

    def __init__(self, text: str, start: int, end: int, hyphenated: bool = True) -> None:
        spans = [match.span() for match in _TOKEN.finditer(text, start, end)]
        if hyphenated and text.find("-", start, end) != -1:  # most sentences have no hyphen
            spans = _joined_at_hyphens(text, spans)
        self._spans = spans
        self.words = [text[first:last] for first, last in spans]

    def __len__(self) -> int:
        return len(self.words)

    def start(self, index: int) -> int:
        return self._spans[index][0]

    def end(self, index: int) -> int:
        return self._spans[index][1]

    def joined_by_space(self, text: str, left: int) -> bool:
        """Whether only a space parts token LEFT from the next: a possessive ("Putin's aide") or
        any punctuation ends a name."""
        end = self._spans[left][1]
        return text[end : end + 1] == " " and self._spans[left + 1][0] == end + 1


def _joined_at_hyphens(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """SPANS with capitalised words joined by a hyphen made one: "Bankman-Fried", "Coca-Cola"."""
    joined: list[tuple[int, int]] = []
    for first, last in spans:
        if (
            joined
            and first == joined[-1][1] + 1
            and text[joined[-1][1]] == "-"
            and text[joined[-1][0]].isupper()
            and text[first].isupper()
        ):
            joined[-1] = (joined[-1][0], last)
        else:
            joined.append((first, last))
    return joined


def _is_capitalised(word: str) -> bool:
    return word[0].isupper()


def _name_runs(text: str, tokens: _Tokens) -> list[list[int]]:
    """Indices of maximal runs of capitalised tokens (with connectors such as "of" inside)."""
    words = tokens.words
    count = len(words)
    runs: list[list[int]] = []
    for index in [position for position, word in enumerate(words) if word[0].isupper()]:
        if runs and index <= runs[-1][-1]:
            continue  # taken into the run before
        run = [index]
        cursor = index
        while cursor + 1 < count and tokens.joined_by_space(text, cursor):
            if _is_capitalised(words[cursor + 1]):
                cursor += 1
                run.append(cursor)
                continue
            connectors = _connectors_before_name(text, tokens, cursor + 1)
            if connectors:
                run.extend(range(cursor + 1, cursor + connectors + 2))
                cursor += connectors + 1
                continue
            break
        runs.append(run)
    return runs


def _connectors_before_name(text: str, tokens: _Tokens, index: int) -> int:
    """How many connector words ("of", "von der") at INDEX lead to a capitalised word (0 if none)."""
    count = 0
    while (
        count < 2
        and index + count + 1 < len(tokens)
        and tokens.words[index + count] in _NAME_CONNECTORS
        and tokens.joined_by_space(text, index + count)
    ):
        count += 1
        if _is_capitalised(tokens.words[index + count]):
            return count
    return 0


def _split_at_calendar_words(run: list[int], tokens: _Tokens) -> list[list[int]]:
    pieces: list[list[int]] = [[]]
    for index in run:
        if tokens.words[index] in _calendar_words():
            pieces.append([])
        else:
            pieces[-1].append(index)
    return [piece for piece in pieces if piece]


def _longest_title(words: Sequence[str]) -> int:
    """How many of WORDS (from the first) form a title ("Secretary of State" -> 3), 0 if none."""
    if not words or words[0].lower() not in _title_edges()[0]:
        return 0
    for length in (3, 2, 1):
        if len(words) >= length and " ".join(words[:length]).lower() in titles():
            return length
    return 0


@dataclass
class _Role:
    country: str | None = None
    role: str | None = None
    titled: bool = False
    former: bool = False  # "former Russian president Dmitry Medvedev" holds no role now


def _role_before(tokens: _Tokens, first: int) -> _Role:
    """Lower-case titles and country words just before a name: "US envoy Steve Witkoff"."""
    role = _Role()
    cursor = first - 1
    while cursor >= 0 and first - cursor <= 4:
        word = tokens.words[cursor]
        title_length = (
            next(
                (
                    length
                    for length in (3, 2, 1)
                    if cursor - length + 1 >= 0
                    and " ".join(tokens.words[cursor - length + 1 : cursor + 1]).lower()
                    in titles()
                ),
                0,
            )
            if word.lower() in _title_edges()[1]
            else 0
        )
        if title_length:
            title = " ".join(tokens.words[cursor - title_length + 1 : cursor + 1]).lower()
            role.role = role.role or titles()[title]
            role.titled = True
            cursor -= title_length
            continue
        if word in _demonyms():
            role.country = role.country or _demonyms()[word]
            cursor -= 1
            continue
        if word.lower() in ("former", "ex", "late"):
            role.former = True
            cursor -= 1
            continue
        if word in _organizations() or word in ("deputy", "top", "senior", "chief", "new"):
            cursor -= 1
            continue
        break
    return role


def _last_title(words: Sequence[str]) -> tuple[int, int] | None:
    """Where the last title inside a run of words is, as (start, end), when a name follows it."""
    for start in range(len(words) - 2, -1, -1):
        length = _longest_title(words[start:])
        if length and start + length < len(words):
            return start, start + length
    return None


def _place_at(words: Sequence[str]) -> tuple[int, str | None]:
    """The longest place name starting WORDS: (number of words, canonical name)."""
    for length in range(min(_MAX_PLACE_WORDS, len(words)), 0, -1):
        place = gazetteer().lookup(" ".join(words[:length]))
        if place is not None:
            return length, place.name
    return 0, None


@dataclass(frozen=True, slots=True)
class ArticleEntities:
    mentions: tuple[Mention, ...]
    # role (country, class) -> person, learnt from "Ukrainian President Volodymyr Zelensky"
    roles: tuple[tuple[str, str, str], ...]


class _Collector:
    def __init__(self, text: str) -> None:
        self.text = text
        self.mentions: list[Mention] = []
        # (position, country, role, person) in text order: who holds a role from where it is said
        self.roles: list[tuple[int, str, str, str]] = []
        self.hyphenated_surnames: set[str] = set()  # "Bankman-Fried", once a full name had it
        self._capitalised_inside: set[str] | None = None  # words written capitalised mid-sentence

    def add(self, tokens: _Tokens, first: int, last: int, kind: str, name: str) -> None:
        start, end = tokens.start(first), tokens.end(last)
        self.mentions.append(Mention(start, end, self.text[start:end], kind, name))

    def classify(self, tokens: _Tokens, run: list[int], sentence_start: int) -> None:
        words = [tokens.words[index] for index in run]
        # A name never starts with a function word ("The Kremlin", "But Putin").
        while words and words[0] in _function_words():
            run, words = run[1:], words[1:]
        if not run:
            return
        if any("-" in word for word in words) and not self._hyphenated_name(words):
            # "Putin-Trump summit", "Russia-Ukraine war", "Pro-Kremlin": each part on its own
            parts = _Tokens(self.text, tokens.start(run[0]), tokens.end(run[-1]), hyphenated=False)
            for part_run in _name_runs(self.text, parts):
                for piece in _split_at_calendar_words(part_run, parts):
                    self.classify(parts, piece, sentence_start)
            return
        whole = " ".join(words)
        if whole in _organizations():
            self.add(tokens, run[0], run[-1], ORGANIZATION, _organizations()[whole])
            return
        if len(words) > 1 and (
            words[-1] in _organization_heads()
            or (words[0] in _organization_heads() and words[1] in ("of", "for"))
        ):
            self.add(tokens, run[0], run[-1], ORGANIZATION, whole)
            return
        role = _role_before(tokens, run[0])
        # Leading titles, country words and institutions: "Russian President", "Kremlin".
        cursor = 0
        while cursor < len(words):
            title_length = _longest_title(words[cursor:])
            if title_length:
                role.role = titles()[" ".join(words[cursor : cursor + title_length]).lower()]
                role.titled = True
                cursor += title_length
                continue
            if words[cursor] in _demonyms() and cursor + 1 < len(words):
                role.country = _demonyms()[words[cursor]]
                cursor += 1
                continue
            if words[cursor] in _organizations() and cursor + 1 < len(words):
                self.add(tokens, run[cursor], run[cursor], ORGANIZATION, _organizations()[words[cursor]])
                cursor += 1
                continue
            break
        rest = run[cursor:]
        rest_words = words[cursor:]
        if not rest:
            return
        if len(rest_words) == 1 and rest_words[0].isupper() and len(rest_words[0]) > 3:
            # A dateline in capitals: "ATLANTA (Reuters) -"
            title_case = rest_words[0].title()
            rest_words = [title_case] if gazetteer().lookup(title_case) else rest_words
        place_length, place_name = _place_at(rest_words)
        if (
            place_length == len(rest_words)
            and place_name
            and self._plausible_place(tokens, rest, place_name, sentence_start)
        ):
            self.add(tokens, rest[0], rest[-1], PLACE, place_name)
            return
        if self._is_person(rest_words, role):
            name = " ".join(rest_words)
            self.add(tokens, rest[0], rest[-1], PERSON, name)
            if "-" in rest_words[-1]:
                self.hyphenated_surnames.add(rest_words[-1])

            if role.role and role.country and not role.former:
                self.roles.append((tokens.start(rest[0]), role.country, role.role, name))
            return
        titled_at = _last_title(rest_words)
        if titled_at is not None:
            # "State Senator Jane Doe", "European Commission President Ursula von der Leyen": the
            # name follows the last title; what comes before it may name an institution.
            title_start, title_end = titled_at
            # The institution keeps the country words the prefix loop took: "European Commission".
            before = words[: cursor + title_start]
            name_words = rest_words[title_end:]
            if before and (before[-1] in _organization_heads() or " ".join(before) in _organizations()):
                organization = " ".join(before)
                self.add(
                    tokens,
                    run[0],
                    rest[title_start - 1],
                    ORGANIZATION,
                    _organizations().get(organization, organization),
                )
            role.titled = True
            role.role = titles()[" ".join(rest_words[title_start:title_end]).lower()]
            if self._is_person(name_words, role):
                self.add(tokens, rest[title_end], rest[-1], PERSON, " ".join(name_words))
                return
            rest, rest_words = rest[title_end:], name_words
        if len(rest_words) == 1:
            word = rest_words[0]
            if word in _demonyms() or word in _function_words() or not word[0].isupper():
                return
            if word.endswith("s") and word[:-1].lower() in titles():
                return  # "Officials said": a title, not a name
            if self._common_word_opening_a_sentence(tokens, rest[0], sentence_start, word):
                return  # "Prosecutors said", "Sales of the brewery fell": capitalised by its place
            if _ACRONYM.match(word) and word.lower() not in titles() and not _UNIT_BEFORE.search(
                self.text, max(0, tokens.start(rest[0]) - 3), tokens.start(rest[0])
            ):
                # "FTX", "IBM", "SEC": an initialism no gazetteer knows names an organisation (but
                # "5 GB", "3G" and "(WWDC)", the short form of the words before it, name none)
                self.add(tokens, rest[0], rest[0], ORGANIZATION, word)
                return
            titled = role.titled or bool(_SPEECH_AFTER.match(self.text, tokens.end(rest[0])))
            self.add(tokens, rest[0], rest[0], PERSON if titled else BARE_NAME, word)
            return
        # A run that is neither: look for places inside it ("Sea of Japan", "Budapest Hungary").
        index = 0
        while index < len(rest_words):
            length, name = _place_at(rest_words[index:])
            if (
                length
                and name
                and self._plausible_place(tokens, rest[index : index + length], name, sentence_start)
            ):
                self.add(tokens, rest[index], rest[index + length - 1], PLACE, name)
                index += length
            else:
                index += 1

    def _common_word_opening_a_sentence(
        self, tokens: _Tokens, index: int, sentence_start: int, word: str
    ) -> bool:
        """Whether a lone capitalised word is only capitalised because it opens the sentence: the
        plural of a common noun ("Prosecutors", "Sales", "Investigators") that the article never
        writes capitalised inside a sentence, as it would a name. Singular words are left alone:
        too many names are also words ("Apple", "Bush", "Shell")."""
        opening = self.text[sentence_start : tokens.start(index)].strip(" \t\n\"'“‘(")
        lower = word.lower()
        if opening or not any(noun != lower for noun in dictionary_lemmas(lower).get("NOUN", ())):
            return False
        if self._capitalised_inside is None:
            self._capitalised_inside = set(_CAPITALISED_INSIDE.findall(self.text))
        return word not in self._capitalised_inside

    def _hyphenated_name(self, words: list[str]) -> bool:
        """Whether a hyphen joins the parts of a person's name: after a given name ("Sam
        Bankman-Fried"), or alone once the article gave it so."""
        if len(words) == 1:
            return words[0] in self.hyphenated_surnames
        return _starts_with_given_name(words) or any(
            word.lower() in given_names() for word in words if "-" not in word
        )

    def _plausible_place(self, tokens: _Tokens, run: list[int], name: str, sentence_start: int) -> bool:
        place = gazetteer().place(name)
        if place is None or not place.minor:
            return True
        before = self.text[sentence_start : tokens.start(run[0])]
        return bool(_PREPOSITION_BEFORE.search(before))

    @staticmethod
    def _is_person(words: list[str], role: _Role) -> bool:
        if len(words) < 2 or len(words) > 4:
            return False
        if any(
            word in _organization_heads() or word in _demonyms() or _ROMAN_NUMERAL.match(word)
            for word in words[1:]
        ):
            return False
        if any(word in _NAME_CONNECTORS and word not in _PERSON_CONNECTORS for word in words):
            return False
        return role.titled or _starts_with_given_name(words)


def _starts_with_given_name(words: list[str]) -> bool:
    first = words[0]
    # "Jean-Pierre": a hyphenated given name starts with one
    return first.split("-")[0].lower() in given_names() or bool(_INITIALS.match(first))


_ROLE_REFERENCE = re.compile(
    r"\b(?:the|his|her|their|its)\s+(?P<country>[A-Z][\w.]*(?:\s[A-Z]\w+)?)\s+"
    r"(?P<title>[a-z][a-z ]*?)\b(?!\s+[A-Z])"
)


def find_mentions(text: str, sentences: Iterable[Sentence]) -> ArticleEntities:
    """Every person, organisation and place named in the sentences of one article."""
    collector = _Collector(text)
    sentence_list = list(sentences)
    for sentence in sentence_list:
        tokens = _Tokens(text, sentence.start, sentence.end)
        for run in _name_runs(text, tokens):
            for piece in _split_at_calendar_words(run, tokens):
                collector.classify(tokens, piece, sentence.start)
    mentions = _resolve_within_article(_recurring_names_as_people(text, collector.mentions))
    mentions.extend(_role_references(text, sentence_list, collector.roles))
    mentions.sort(key=lambda mention: (mention.start, mention.end))
    roles = tuple(sorted({(country, role, name) for _, country, role, name in collector.roles}))
    return ArticleEntities(tuple(mentions), roles)


def _recurring_names_as_people(text: str, mentions: list[Mention]) -> list[Mention]:
    """Lone capitalised words: one the article also writes in lower case is a common word ("Talks");
    one it keeps using ("Putin", three times or more) is a person's surname."""
    counts = Counter(m.name for m in mentions if m.kind == BARE_NAME)
    in_lower_case = {name: _written_in_lower_case(text, name.lower()) for name in counts}
    # "Apple" where the article also wrote "Apple Inc": that organisation
    organizations: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        if mention.kind == ORGANIZATION and " " in mention.name:
            organizations[mention.name.split()[0]].add(mention.name)
    lone = {m.name for m in mentions if m.kind == BARE_NAME or (m.kind == PERSON and " " not in m.name)}
    ends: dict[str, list[int]] = defaultdict(list)  # where each name's mentions end, in text order
    for mention in mentions:
        if mention.name in lone:
            ends[mention.name].append(mention.end)
    things = {name for name in lone if _referred_to_as_thing(text, ends[name])}
    kept = []
    for mention in mentions:
        if mention.kind == PERSON and mention.name in things:
            mention = Mention(mention.start, mention.end, mention.text, ORGANIZATION, mention.name)
        if mention.kind == BARE_NAME:
            if in_lower_case[mention.name]:
                continue
            if len(organizations.get(mention.name, ())) == 1:
                (organization,) = organizations[mention.name]
                mention = Mention(mention.start, mention.end, mention.text, ORGANIZATION, organization)
            elif mention.name in things:
                mention = Mention(mention.start, mention.end, mention.text, ORGANIZATION, mention.name)
            elif counts[mention.name] >= RECURRING_NAME and mention.name[1:].islower():
                mention = Mention(mention.start, mention.end, mention.text, PERSON, mention.name)
        kept.append(mention)
    return kept


# The look-ahead at the first letters spares trying the alternatives where none starts.
_PRONOUN = sieved(r"\b(?:(he|his|him|she|her)|(it|its))\b", re.IGNORECASE)
# How far after a name its pronoun is looked for: about a clause.
_PRONOUN_REACH = 80
_THING_EVIDENCE = 2


def _referred_to_as_thing(text: str, ends: list[int]) -> bool:
    """Whether the pronoun that first follows a lone name (its mentions ending at ENDS) is
    "it"/"its" (twice or more) more often than "he"/"she" ("Twitter said it would ...", "Musk said
    he ..."): a company, not a person."""
    person = thing = 0
    for end in ends:
        found = _PRONOUN.search(text, end, end + _PRONOUN_REACH)
        if found:
            person += found.group(1) is not None
            thing += found.group(2) is not None
    return thing >= _THING_EVIDENCE and thing > person



def _written_in_lower_case(text: str, word: str) -> bool:
    r"""Whether WORD (lower-case ASCII letters) stands in TEXT as a word of its own: what
    `re.findall(r"\b[a-z]+\b", text)` would list, without listing every word of the text."""
    if not (word.isascii() and word.isalpha() and word.islower()):
        return False
    position = text.find(word)
    while position >= 0:
        end = position + len(word)
        if not (position and _is_word_character(text[position - 1])) and not (
            end < len(text) and _is_word_character(text[end])
        ):
            return True
        position = text.find(word, position + 1)
    return False


def _is_word_character(character: str) -> bool:
    # What \w matches in a str pattern.
    return character.isalnum() or character == "_"


def _resolve_within_article(mentions: list[Mention]) -> list[Mention]:
    """Give lone surnames the full name the article introduced ("Volker" -> "Kurt Volker")."""
    full_names = sorted({m.name for m in mentions if m.kind == PERSON and " " in m.name})
    by_surname: dict[str, set[str]] = defaultdict(set)
    for name in full_names:
        by_surname[name.split()[-1]].add(name)
    full_name: dict[str, str | None] = {}  # lone name -> its one full name, worked out once per name
    resolved = []
    for mention in mentions:
        if mention.kind in (PERSON, BARE_NAME) and " " not in mention.name:
            if mention.name not in full_name:
                candidates = by_surname.get(mention.name) or {
                    name
                    for surname, names in by_surname.items()
                    if _similar_surnames(surname, mention.name)
                    for name in names
                }
                full_name[mention.name] = next(iter(candidates)) if len(candidates) == 1 else None
            found = full_name[mention.name]
            if found is not None:
                mention = Mention(mention.start, mention.end, mention.text, PERSON, found)
        resolved.append(mention)
    return resolved


def _role_references(
    text: str, sentences: list[Sentence], roles: list[tuple[int, str, str, str]]
) -> list[Mention]:
    """'the Ukrainian president' -> the person the article introduced with that role before."""
    found = []
    for sentence in sentences:
        for match in _ROLE_REFERENCE.finditer(text, sentence.start, sentence.end):
            country = _demonyms().get(match["country"])
            title = match["title"].strip()
            role = titles().get(title) or titles().get(title.split()[0]) if title else None
            holders = [
                name
                for position, held_country, held_role, name in roles
                if position < match.start() and (held_country, held_role) == (country, role)
            ]
            if holders:
                found.append(Mention(match.start(), match.end(), match.group(), PERSON, holders[-1]))
            elif country and role:
                # Not introduced here: the corpus may know who holds it ("the German chancellor").
                found.append(
                    Mention(match.start(), match.end(), match.group(), BARE_NAME, role_key(country, role))
                )
    return found


def role_key(country: str, role: str) -> str:
    """How a role stands among names until the corpus says who holds it: "role:Germany:leader"."""
    return f"{_ROLE_MARK}{country}:{role}"


def _similar_surnames(left: str, right: str) -> bool:
    """Spellings of one surname: "Zelensky"/"Zelenskyy", "Putin"/"Poutine"; same first letter, short edit."""
    if left == right:
        return True
    if left[:1].lower() != right[:1].lower() or min(len(left), len(right)) < 4:
        return False
    left, right = left.lower(), right.lower()
    return Levenshtein.distance(left, right) <= 2 and (
        Levenshtein.normalized_similarity(left, right) >= _SURNAME_SIMILARITY
    )


class NameResolver:
    """Merges the spellings of one person across a corpus and gives each a canonical name.

    Full names that share a surname spelling and a similar first name are one person
    ("Sergei Lavrov"/"Sergey Lavrov"; "Volodymyr Zelensky"/"Volodymyr Zelenskyy"); the spelling
    used most often is canonical (ties: alphabetical). A lone surname is the one full name that
    has it; a role ("the German chancellor") the one person any article gave it. Only names whose
    surnames are within two edits of each other are compared (`_SurnameIndex`), so an archive of
    many thousand people is not compared pair by pair.
    """

    def __init__(self, person_names: Iterable[str], roles: Iterable[tuple[str, str, str]] = ()) -> None:
        counts = Counter(person_names)
        full_names = sorted(name for name in counts if " " in name)
        by_surname: dict[str, list[str]] = defaultdict(list)
        for name in full_names:
            by_surname[name.split()[-1]].append(name)
        similar = _SurnameIndex(by_surname)
        parent = {name: name for name in full_names}

        def root(name: str) -> str:
            while parent[name] != name:
                parent[name] = parent[parent[name]]
                name = parent[name]
            return name

        for surname, names in by_surname.items():
            for other in similar.of(surname):
                if other < surname:
                    continue  # each pair of surnames once
                others = by_surname[other]
                for index, left in enumerate(names):
                    for right in names[index + 1 :] if other == surname else others:
                        if _same_person(left, right):
                            parent[root(right)] = root(left)
        groups: dict[str, list[str]] = defaultdict(list)
        for name in full_names:
            groups[root(name)].append(name)
        self._canonical: dict[str, str] = {}
        self._by_surname: dict[str, set[str]] = defaultdict(set)
        for members in groups.values():
            canonical = min(members, key=lambda name: (-counts[name], name))
            for name in members:
                self._canonical[name] = canonical
                self._by_surname[name.split()[-1]].add(canonical)
        # The surnames of the canonical names are those of all the full names, indexed above.
        self._similar_surnames = similar
        # Who holds each role across the corpus; a role with several holders names no one.
        self._role_holders: dict[str, set[str]] = defaultdict(set)
        for country, role, holder in roles:
            self._role_holders[role_key(country, role)].add(holder)

    def canonical(self, name: str) -> str | None:
        """The canonical full name for NAME, or None for a lone name that matches no one."""
        if name in self._canonical:
            return self._canonical[name]
        if name.startswith(_ROLE_MARK):
            holders = {self._canonical.get(holder, holder) for holder in self._role_holders.get(name, ())}
            return next(iter(holders)) if len(holders) == 1 else None
        if " " in name:
            return name
        candidates = self._by_surname.get(name)
        if not candidates:
            candidates = {
                canonical
                for surname in self._similar_surnames.of(name)
                for canonical in self._by_surname[surname]
            }
        if len(candidates) == 1:
            return next(iter(candidates))
        return None


def _deletions(word: str, depth: int) -> set[str]:
    """WORD and every string made by deleting up to DEPTH of its characters."""
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {
            variant[:index] + variant[index + 1 :] for variant in frontier for index in range(len(variant))
        }
        found |= frontier
    return found


# Two edits between surnames leave them similar only when the longer has seven letters or more
# (`_SURNAME_SIMILARITY`), so both have five or more; shorter ones need look one edit away only.
_TWO_EDIT_SURNAME = 5


class _SurnameIndex:
    """Surnames filed under their first letter and every string that deleting one or two letters
    makes of them (lower case): two spellings within that many edits of each other share one
    (symmetric deletion), so the similar spellings of a surname are found without comparing it
    with every other surname of its letter."""

    def __init__(self, surnames: Iterable[str]) -> None:
        self._by_letter: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for surname in surnames:
            lowered = surname.lower()
            filed = self._by_letter[lowered[:1]]
            for variant in _surname_variants(lowered):
                filed[variant].append(surname)

    def of(self, name: str) -> set[str]:
        """The surnames `_similar_surnames` finds similar to NAME."""
        lowered = name.lower()
        filed = self._by_letter.get(lowered[:1])
        if not filed:
            return set()
        found = {surname for variant in _surname_variants(lowered) for surname in filed.get(variant, ())}
        return {surname for surname in found if _similar_surnames(surname, name)}


def _surname_variants(lowered: str) -> set[str]:
    return _deletions(lowered, 2 if len(lowered) >= _TWO_EDIT_SURNAME else 1)


def _same_person(left: str, right: str) -> bool:
    left_words, right_words = left.split(), right.split()
    if not _similar_surnames(left_words[-1], right_words[-1]):
        return False
    left_first, right_first = left_words[0].lower(), right_words[0].lower()
    if left_first == right_first:
        return True
    return Levenshtein.distance(left_first, right_first) <= 1 and min(len(left_first), len(right_first)) > 3
