"""A Penn-Treebank-like tokenizer for news text, returning character offsets.

Choices (those of the Penn Treebank and of UD English-EWT, which the tagger is trained on, unless
said otherwise):
- clitics are split: "don't" -> "do" "n't", "can't" -> "ca" "n't", "Musk's" -> "Musk" "'s";
- every punctuation mark is its own token, except "..." and "--" which stay whole;
- abbreviations keep their period: "U.S.", "a.m.", "Mr.", "Inc.", an initial "M." before a name
  (data/abbreviations.txt);
- numbers keep their thousands separators and decimals: "15,000", "3.5", "3:30";
- hyphenated words are one token ("Bankman-Fried", "44-billion", "15-year"), unlike EWT which
  splits the hyphen off: the trainer joins EWT's pieces back (see conllu.py);
- a magnitude glued to a number is split from it as a word of its own: "$15bn" -> "$" "15" "bn"
  (data/number_units.txt), as "$15 billion" would be three tokens;
- URLs and e-mail addresses are one token.
One compiled regular expression scanned once over the text: linear in its length.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data")


def word_list(name: str) -> tuple[str, ...]:
    """The non-comment lines of a one-word-per-line data file."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def token_pattern() -> re.Pattern[str]:
    listed = {name: word_list(name) for name in ("abbreviations.txt", "number_units.txt")}
    for name, words in listed.items():
        if any(not word.isprintable() or " " in word for word in words):
            # no token spans a space: token_spans tokenizes each piece between spaces alone
            raise ValueError(f"{name}: one word per line, without spaces")
    abbreviations = "|".join(sorted(map(re.escape, listed["abbreviations.txt"]), key=len, reverse=True))
    units = "|".join(sorted(map(re.escape, listed["number_units.txt"]), key=len, reverse=True))
    word = r"[^\W_]+"
    alternatives = [
        r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]'’]",  # a URL, without the sentence's final punctuation
        # an e-mail address, tried only where a run of its characters starts: else "1.a.1.a..."
        # would be scanned again from every token in it (quadratic)
        r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
        rf"\b(?:{abbreviations})\.",  # Mr. Inc. Jan.
        r"\b(?:[^\W\d_]\.){2,}",  # U.S. a.m. U.S.A.
        r"\b[A-Z]\.(?=\s+[A-Z])",  # an initial before a name: Jennifer M. Anderson
        rf"\d+(?:[.,]\d+)*(?=(?:{units})\b)",  # 15 of 15bn; the unit then matches as a word
        r"\d+(?:[.,:]\d+)+(?:-[^\W_]+)*",  # 15,000  3.5  3:30  15,000-strong
        rf"{word}(?=n['’]t\b)",  # do of don't, ca of can't
        r"n['’]t\b",
        r"['’](?:[sdmSDM]|re|ve|ll|RE|VE|LL)\b",  # 's 're 've 'll 'd 'm
        rf"[A-Za-z]['’](?=[A-Z]){word}(?:-{word})*",  # O'Brien, D'Souza
        rf"{word}(?:-{word})*",  # words, numbers and hyphenated compounds
        r"\.\.\.|--",
        r"[^\w\s]",  # any other mark alone
    ]
    return re.compile("|".join(f"(?:{alternative})" for alternative in alternatives))


NON_SPACE = re.compile(r"\S+")


@lru_cache(maxsize=1 << 16)
def _piece_spans(piece: str) -> tuple[tuple[int, int], ...]:
    """The offsets of the tokens of a piece of text between spaces, tokenized alone."""
    return tuple(match.span() for match in token_pattern().finditer(piece))


def token_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The (start, end) offsets into `text` of the tokens of text[start:end].

    Most pieces between spaces are plain words or numbers, one token each; only the others go
    through the full pattern (which tries its alternatives at every position: slower). No token
    spans a space, and only an initial ("M.", which looks ahead for the name after it) or a piece
    glued to the text before `start` depend on more than the piece itself: any other piece is
    tokenized alone, once per process (pieces such as "said," or "$15bn" recur)."""
    stop = len(text) if end is None else end
    pattern = token_pattern()
    spans: list[tuple[int, int]] = []
    glued = start > 0 and not text[start - 1].isspace()
    for piece in NON_SPACE.finditer(text, start, stop):
        word = piece.group()
        if word.isalpha() or word.isdigit():
            spans.append(piece.span())
        elif not (word[-1] == "." and "A" <= word[-2:-1] <= "Z") and not (glued and piece.start() == start):
            offset = piece.start()
            spans.extend([(offset + first, offset + last) for first, last in _piece_spans(word)])
        else:
            # up to the sentence's end, not the piece's: "M." looks ahead for the name after it
            for match in pattern.finditer(text, piece.start(), stop):
                if match.start() >= piece.end():
                    break
                spans.append(match.span())
    return spans
