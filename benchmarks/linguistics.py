"""The linguistic layer on the held-out part of UD English-EWT: accuracy and speed.

Held-out: every seventh document of EWT's dev+test files (timeline.linguistics.conllu.ewt_split),
which the shipped tagger was not trained on. Prints Penn tag accuracy (all words, words seen in
training, unseen words), lemma accuracy, the clause analysis against the treebank's gold (subject
and object heads: precision and recall against enhanced nsubj*/obj relations, a copula standing
for its predicate; voice against Voice=Pass; finiteness and tense of the group's first verb), and
the event-word classifier's 5-fold cross-validation by document on the TempEval-3 training data
(extent precision/recall/F1, class accuracy on matched events and class F1), the tagger on that
news (the coarse part of speech TimeBank gives its events: verb, noun, adjective), and tokens per
second of `tag_sentences` (tokenizer,
two tagging passes, lemmas, Token objects), of the tagger alone, of `clauses.analyse` and of
`event_words`, one process, best CPU time of --rounds.

    python benchmarks/linguistics.py [--treebank DIR] [--rounds 5]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from timeline.linguistics import Token, tag_sentences
from timeline.linguistics.clauses import analyse
from timeline.linguistics.conllu import GoldSentence, ewt_split
from timeline.linguistics.event_words import event_words, event_words_of_sentences
from timeline.linguistics.lemmas import lemma
from timeline.linguistics.tagger import shipped_tagger
from timeline.linguistics.timebank import EventDocument, read_event_corpus, sentence_spans
from timeline.linguistics.train_events import CORPUS, cross_validate

DEFAULT_TREEBANK = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ud-english-ewt"


def _best_seconds(function, rounds: int) -> float:
    """The best CPU time of `rounds` runs: CPU time hardly moves with what else runs on the
    machine, wall time does."""
    seconds = []
    for _ in range(rounds):
        started = time.process_time()
        function()
        seconds.append(time.process_time() - started)
    return min(seconds)


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "n/a"


def _gold_pairs(sentence: GoldSentence, relations: tuple[str, ...]) -> set[tuple[int, int]]:
    """(verb, argument) pairs of the enhanced dependencies with these relations. A copula stands
    for its predicate (UD heads "X is late" by "late", the clause analysis by "is")."""
    copula = {word.head: index for index, word in enumerate(sentence.words) if word.relation == "cop"}
    return {
        (copula.get(head, head), index)
        for index, word in enumerate(sentence.words)
        for head, relation in word.enhanced
        if head >= 0 and relation.split(":")[0] in relations and relation != "nsubj:outer"
    }


def clause_figures(held_out: list[GoldSentence], tags: list[list[str]]) -> None:
    """Subjects, objects, voice, finiteness and tense of the clause analysis against EWT's gold."""
    counts = dict.fromkeys(("subject", "object"), (0, 0, 0))
    voice = finite = tense = (0, 0)
    passive = (0, 0, 0)
    for sentence, sentence_tags in zip(held_out, tags, strict=True):
        tokens = []
        offset = 0
        for word, tag in zip(sentence.words, sentence_tags, strict=True):
            tokens.append(Token(offset, offset + len(word.form), word.form, tag, lemma(word.form, tag)))
            offset += len(word.form) + 1
        _, clauses = analyse(tuple(tokens))

        def ud_head(index: int, words=sentence.words) -> int:
            """UD heads a name by its first word ("flat"), the analysis by its last."""
            return words[index].head if words[index].relation.startswith("flat") else index

        predicted = {
            "subject": {(c.verb.head, ud_head(c.subject.head)) for c in clauses if c.subject is not None},
            "object": {(c.verb.head, ud_head(c.object.head)) for c in clauses if c.object is not None},
        }
        gold = {"subject": _gold_pairs(sentence, ("nsubj",)), "object": _gold_pairs(sentence, ("obj",))}
        for name in counts:
            right, guessed, expected = counts[name]
            counts[name] = (
                right + len(predicted[name] & gold[name]),
                guessed + len(predicted[name]),
                expected + len(gold[name]),
            )
        for clause in clauses:
            group = clause.verb
            head = sentence.words[group.head]
            gold_passive = head.features.get("Voice") == "Pass"
            voice = (voice[0] + (gold_passive == (group.voice == "passive")), voice[1] + 1)
            passive = (
                passive[0] + (gold_passive and group.voice == "passive"),
                passive[1] + (group.voice == "passive"),
                passive[2] + gold_passive,
            )
            first = group.first + (tokens[group.first].tag == "TO")
            first_word = sentence.words[first]
            gold_finite = first_word.features.get("VerbForm") == "Fin"
            finite = (finite[0] + (gold_finite == group.finite), finite[1] + 1)
            if group.tense in ("past", "present") and group.modal is None and gold_finite:
                gold_tense = {"Past": "past", "Pres": "present"}.get(first_word.features.get("Tense", ""))
                tense = (tense[0] + (gold_tense == group.tense), tense[1] + 1)
    print("clauses (held-out, predicted tags; gold: EWT enhanced nsubj*/obj, Voice, VerbForm, Tense):")
    for name, (right, guessed, expected) in counts.items():
        print(f"  {name} heads          precision {_ratio(right, guessed)}  recall {_ratio(right, expected)}"
              f"  ({right}/{guessed} predicted, {expected} gold)")  # fmt: skip
    right, guessed, expected = passive
    passive_figures = f"passive precision {_ratio(right, guessed)}, recall {_ratio(right, expected)}"
    print(f"  voice of verb groups  accuracy {_ratio(*voice)}  ({passive_figures})")
    print(f"  finite or not         accuracy {_ratio(*finite)}")
    print(f"  past/present          accuracy {_ratio(*tense)}  (finite groups without modal or future)")


def news_part_of_speech(documents: list[EventDocument]) -> None:
    """The tagger on news: the coarse part of speech of TempEval-3's gold events (MAKEINSTANCE
    pos: VERB, NOUN, ADJECTIVE) against the first letters of our tag at the event's first token."""
    expected_prefix = {"VERB": ("VB", "MD"), "NOUN": ("NN",), "ADJECTIVE": ("JJ",)}
    right = total = 0
    for document in documents:
        prefix_at = {
            event.start: expected_prefix[event.part_of_speech]
            for event in document.events
            if event.part_of_speech in expected_prefix
        }
        for tokens in tag_sentences(document.text, sentence_spans(document.text)):
            for token in tokens:
                if token.start in prefix_at:
                    total += 1
                    right += token.tag.startswith(prefix_at[token.start])
    print(f"tags on news: coarse part of speech of gold events {_ratio(right, total)}  ({total} events)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--treebank", type=Path, default=DEFAULT_TREEBANK)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--tempeval", type=Path, default=CORPUS, help="TempEval-3 training folder")
    arguments = parser.parse_args()
    training, held_out = ewt_split(arguments.treebank)
    seen = {word.form for sentence in training for word in sentence.words}
    tagger = shipped_tagger()
    words = [[word.form for word in sentence.words] for sentence in held_out]
    predicted = [tag for sentence in tagger.tag(words) for tag in sentence]
    gold = [word for sentence in held_out for word in sentence.words]
    right = [tag == word.xpos for tag, word in zip(predicted, gold, strict=True)]
    known = [ok for ok, word in zip(right, gold, strict=True) if word.form in seen]
    unknown = [ok for ok, word in zip(right, gold, strict=True) if word.form not in seen]
    lemmas_right = [lemma(word.form, tag) == word.lemma for tag, word in zip(predicted, gold, strict=True)]
    print(f"held-out: {len(held_out)} sentences, {len(gold)} words (training: {len(training)} sentences)")
    print(f"tag accuracy          {sum(right) / len(right):.4f}")
    print(f"  seen in training    {sum(known) / len(known):.4f}  ({len(known)} words)")
    print(f"  unseen              {sum(unknown) / len(unknown):.4f}  ({len(unknown)} words)")
    print(f"lemma accuracy        {sum(lemmas_right) / len(lemmas_right):.4f}  (with predicted tags)")

    clause_figures(held_out, tagger.tag(words))

    text = "\n".join(" ".join(sentence) for sentence in words)
    spans = []
    start = 0
    for sentence in words:
        end = start + len(" ".join(sentence))
        spans.append((start, end))
        start = end + 1
    token_count = sum(len(sentence) for sentence in tag_sentences(text, spans))
    whole = _best_seconds(lambda: tag_sentences(text, spans), arguments.rounds)
    alone = _best_seconds(lambda: tagger.tag_ids(words), arguments.rounds)
    print(f"tag_sentences         {token_count / whole:,.0f} tokens/s ({token_count} tokens, one process)")
    print(f"tagger alone          {len(gold) / alone:,.0f} tokens/s")
    sentences = tag_sentences(text, spans)
    analysed = _best_seconds(lambda: [analyse(tokens) for tokens in sentences], arguments.rounds)
    print(f"clauses.analyse       {token_count / analysed:,.0f} tokens/s")
    events = _best_seconds(lambda: [event_words(tokens) for tokens in sentences], arguments.rounds)
    print(f"event_words           {token_count / events:,.0f} tokens/s (analyse included, by sentence)")
    batched = _best_seconds(lambda: event_words_of_sentences(sentences), arguments.rounds)
    print(f"event_words_of_sentences {token_count / batched:,.0f} tokens/s (analyse included, one batch)")

    documents = read_event_corpus([arguments.tempeval / "TimeBank", arguments.tempeval / "AQUAINT"])
    print(f"event words: TempEval-3 training data, {len(documents)} documents, 5-fold cross-validation")
    print("\n".join(f"  {line}" for line in cross_validate(documents).lines()))
    news_part_of_speech(documents)


if __name__ == "__main__":
    main()
