"""The linguistic analysis of the sentences events are read from: tokens, phrases, clauses, event words.

One record per analysed sentence, computed in one batch per article (the tagger and the event-word
classifier are far faster on many sentences at once), so every later stage of event extraction
(which words are happenings, who did what, the headline) reads the same analysis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from timeline.linguistics import Token, tag_sentences
from timeline.linguistics.clauses import Clause, Phrase, analyse
from timeline.linguistics.event_words import event_words_of_sentences


@dataclass(frozen=True, slots=True)
class AnalysedSentence:
    start: int  # character offsets of the sentence in the article text
    end: int
    tokens: tuple[Token, ...]
    phrases: tuple[Phrase, ...]
    clauses: tuple[Clause, ...]
    event_words: tuple[tuple[int, str], ...]  # (token index, TimeML event class) of each happening word

    def token_at(self, position: int) -> int | None:
        """The index of the token that covers a character offset, if any."""
        for index, token in enumerate(self.tokens):
            if token.start <= position < token.end:
                return index
        return None

    def verb_clause_index(self, token_index: int) -> int | None:
        """The index of the clause whose verb group holds a token, if any."""
        for number, clause in enumerate(self.clauses):
            if clause.verb.first <= token_index < clause.verb.end:
                return number
        return None

    def clause_of(self, token_index: int) -> Clause | None:
        """The clause whose verb group holds a token, else the clause whose arguments hold it."""
        number = self.verb_clause_index(token_index)
        if number is not None:
            return self.clauses[number]
        for clause in self.clauses:
            arguments = [clause.subject, clause.object, clause.agent, *(p for _, p in clause.prepositional)]
            if any(p is not None and p.first <= token_index < p.end for p in arguments):
                return clause
        return None


def analyse_sentences(text: str, spans: Sequence[tuple[int, int]]) -> list[AnalysedSentence]:
    """The analysis of each sentence text[start:end], in one batch."""
    if not spans:
        return []
    tagged = tag_sentences(text, spans)
    analyses = [analyse(tokens) for tokens in tagged]
    happenings = event_words_of_sentences(tagged, analyses)
    rows = zip(spans, tagged, analyses, happenings, strict=True)
    return [
        AnalysedSentence(start, end, tokens, phrases, clauses, words)
        for (start, end), tokens, (phrases, clauses), words in rows
    ]
