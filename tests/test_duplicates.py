"""Near-duplicate articles: re-translations and syndicated copies found without comparing all pairs."""

from __future__ import annotations

import random
from pathlib import Path

from timeline.documents import build_article, read_articles
from timeline.duplicates import (
    CANDIDATE_THRESHOLD,
    LARGE_RUN,
    LSH_BANDS,
    LSH_ROWS,
    MIN_ESTIMATED_SIMILARITY,
    NEIGHBOURS,
    NUM_PERMUTATIONS,
    candidate_pairs,
    duplicate_groups,
    events_the_original_lacks,
    mark_duplicates,
    shingles,
    signature_bytes,
    story_text,
)
from timeline.model import Article, Event, Source
from timeline.readers.base import Document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

STORY = (
    "Ministers from Ukraine and Turkey agreed on Monday to resume grain shipments through the Black Sea, "
    "after two days of talks in Istanbul. The deal, brokered by the United Nations, will be reviewed in four "
    "months, officials said. Insurance costs for ships have soared since the attacks on the port of Odesa in "
    "July, and traders warned that prices could stay high until the corridor is safe again. The agreement "
    "still needs the approval of both parliaments, which are expected to vote on it before the end of the "
    "month, a spokesman for the ministry told reporters in Ankara."
)


def _article(identifier: str, text: str, date: str | None = None) -> Article:
    metadata = {"date": date} if date else {}
    return build_article(Document(identifier, identifier, text, "txt", metadata=metadata), None)


def test_seed_retranslation_is_a_duplicate_of_the_original() -> None:
    articles = mark_duplicates(list(read_articles([SEEDS])))
    assert [(article.id[:3], article.duplicate_of) for article in articles] == [
        ("000", None),
        ("001", "000_0ff818962a8dd053.txt"),
        ("002", None),
        ("003", None),
        ("004", None),
    ]


def test_teasers_are_left_out_of_the_comparison() -> None:
    (page,) = list(read_articles([SEEDS / "000_0ff818962a8dd053.txt"]))
    text = story_text(page)
    assert text.startswith("putin wants to meet trump but does trump want to meet putin")
    assert text.endswith("i would not be surprised if the us does as well ambassador volker concluded")
    assert "witkoff" not in text


def test_lightly_edited_syndicated_copy_and_shortened_copy() -> None:
    edited = (
        STORY.replace("Monday", "Tuesday").replace("soared", "risen sharply").replace("Ankara", "the capital")
    )
    shortened = STORY[: STORY.index(" Insurance")]
    other = (
        "Heavy rain flooded the centre of Valencia on Sunday, and the regional government closed schools "
        "for two days while firefighters pumped water out of hundreds of basements and underground car "
        "parks. Forecasters expect more storms along the coast this week."
    )
    articles = mark_duplicates(
        [
            _article("syndicated.txt", edited, "2025-03-05"),
            _article("original.txt", STORY, "2025-03-04"),
            _article("short.txt", shortened),
            _article("other.txt", other, "2025-03-01"),
        ]
    )
    assert [(article.id, article.duplicate_of) for article in articles] == [
        ("syndicated.txt", "original.txt"),  # the earliest dated member is the original
        ("original.txt", None),
        ("short.txt", "original.txt"),
        ("other.txt", None),
    ]


def test_same_topic_different_stories_are_not_duplicates() -> None:
    articles = mark_duplicates(
        list(
            read_articles(
                [
                    SEEDS / name
                    for name in (
                        "002_1fe8c6310e030e24.txt",
                        "003_8e86fa0f0e6ba2ce.txt",
                        "004_37202947cbd3880e.txt",
                    )
                ]
            )
        )
    )
    assert [article.duplicate_of for article in articles] == [None, None, None]


def test_undated_group_takes_the_first_id_and_errors_are_ignored() -> None:
    broken = Article("b.txt", "b.txt", "", errors=("b.txt: empty file",))
    articles = mark_duplicates([_article("z.txt", STORY), broken, _article("c.txt", STORY)])
    assert [article.duplicate_of for article in articles] == ["c.txt", None, None]


def test_candidates_grow_with_articles_not_with_pairs() -> None:
    generator = random.Random(7)
    vocabulary = [f"word{number}" for number in range(5000)]
    texts = [" ".join(generator.choices(vocabulary, k=300)) for _ in range(400)]
    texts.append(texts[10].replace("word1 ", "word2 "))  # one true near-duplicate
    pairs = candidate_pairs(texts)
    assert (10, 400) in pairs
    assert len(pairs) < 20  # of 80,200 possible pairs


def _datasketch_candidates(texts: list[str]) -> list[tuple[int, int]]:
    """What datasketch's own MinHash + MinHashLSH propose, filtered the same way: the reference."""
    import zlib

    from datasketch import MinHash, MinHashLSH

    index = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERMUTATIONS)
    signatures: dict[int, MinHash] = {}
    pairs = []
    for position, text in enumerate(texts):
        shingle_set = shingles(text.split())
        if not shingle_set:
            continue
        signatures[position] = MinHash(num_perm=NUM_PERMUTATIONS, seed=1, hashfunc=zlib.crc32)
        signatures[position].update_batch(list(shingle_set))
        pairs += [(other, position) for other in index.query(signatures[position])
                  if signatures[position].jaccard(signatures[other]) >= MIN_ESTIMATED_SIMILARITY]
        index.insert(position, signatures[position])
    return sorted(pairs)


def test_signatures_and_banding_are_datasketchs() -> None:
    from datasketch.lsh import _optimal_param

    assert _optimal_param(CANDIDATE_THRESHOLD, NUM_PERMUTATIONS, 0.5, 0.5) == (LSH_BANDS, LSH_ROWS)
    generator = random.Random(3)
    # A small vocabulary: unrelated texts share word pairs too, some near the similarity cut.
    vocabulary = [f"word{number}" for number in range(14)]
    texts = [" ".join(generator.choices(vocabulary, k=60)) for _ in range(150)]
    # Copies with a few words changed, a one-word text (its shingle is the word), an empty one.
    texts += [text.replace("word1 ", "word9 ") for text in texts[:20]] + ["alone", "alone", ""]
    expected = _datasketch_candidates(texts)
    assert len(expected) > 1000 and (170, 171) in expected
    assert candidate_pairs(texts) == expected
    assert signature_bytes("") == b"" and len(signature_bytes(texts[0])) == 4 * NUM_PERMUTATIONS


def test_a_story_syndicated_many_times_is_one_group_found_by_neighbourhood() -> None:
    generator = random.Random(5)
    words = " ".join(STORY.lower().replace(",", "").replace(".", "").split()).split()
    copies = []
    for number in range(LARGE_RUN + 50):  # more copies than a band's run is paired in full
        edited = list(words)
        edited[generator.randrange(len(edited))] = f"edit{number}"
        copies.append(" ".join(edited))
    vocabulary = [f"word{number}" for number in range(3000)]
    others = [" ".join(generator.choices(vocabulary, k=90)) for _ in range(200)]
    texts = others[:100] + copies + others[100:]
    groups = duplicate_groups([signature_bytes(text) for text in texts], texts.__getitem__)
    assert groups == [list(range(100, 100 + len(copies)))]
    # A few neighbours a copy in each band (1,941 pairs in all), not the 11,175 pairs of the copies.
    assert len(candidate_pairs(texts)) < 2 * NEIGHBOURS * len(copies)


def test_plain_python_banding_gives_the_pairs_of_the_numpy_banding() -> None:
    from timeline.duplicates import _candidate_pairs_in_python
    from timeline.minhash import candidate_pairs_in_numpy

    generator = random.Random(11)
    vocabulary = [f"word{number}" for number in range(14)]
    crowded = [" ".join(generator.choices(vocabulary, k=60)) for _ in range(150)]
    words = STORY.lower().replace(",", "").replace(".", "").split()
    # More copies than a band's run is paired in full: their runs are paired by neighbourhood.
    copies = [" ".join(words[:number % len(words)] + [f"edit{number}"] + words[number % len(words) + 1:])
              for number in range(LARGE_RUN + 20)]
    signatures = [signature_bytes(text) for text in [*crowded, "", *copies, "alone", "alone"]]
    pairs = candidate_pairs_in_numpy(signatures)
    assert len(pairs) > 2000 and (151, 152) in pairs and (271, 272) in pairs
    assert not any(150 in pair for pair in pairs)  # the empty text has no signature
    assert _candidate_pairs_in_python(signatures) == pairs


def test_two_different_stories_give_no_candidate() -> None:
    assert candidate_pairs([STORY.lower(), "a storm closed the port of valparaiso on tuesday"]) == []


def _event(event_id: str, sentence: str) -> Event:
    source = Source("copy", 0, 1, sentence, "")
    return Event(event_id, "", "2025-05-05", None, None, "day", "happened", sources=(source,))


def test_a_near_duplicate_keeps_the_events_of_the_sentences_its_original_lacks():
    original = "The summit was held in Helsinki in July 2018. Both leaders spoke to the press afterwards."
    reworded = _event("a", "The summit took place in Helsinki in July 2018.")
    added = _event("b", "A new meeting is necessary but not yet planned, the Kremlin said on Monday.")
    assert events_the_original_lacks([reworded, added], original) == (added,)


def test_built_with_its_original_the_seed_copy_still_gives_its_added_opening(tmp_path):
    import timeline
    from timeline.filters import original_article_ids, source_count

    inputs = [SEEDS / "000_0ff818962a8dd053.txt", SEEDS / "001_675a59ff66abc2b3.txt"]
    built = timeline.build(inputs, out=tmp_path, formats="none")
    only_in_copy = [
        event for event in built.events
        if {source.article for source in event.sources} == {"001_675a59ff66abc2b3.txt"}
    ]
    assert [(event.value, event.sources[0].text[:60]) for event in only_in_copy] == [
        ("2025-05-05", "A meeting between Russian President Vladimir Putin and US Pr")
    ]
    originals = original_article_ids(built.articles)
    assert originals["001_675a59ff66abc2b3.txt"] == "000_0ff818962a8dd053.txt"
    assert source_count(only_in_copy[0], originals) == 1  # not an independent source
