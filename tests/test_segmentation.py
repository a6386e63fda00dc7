"""Page segmentation: the main story's pieces, teasers with their own dates, furniture left out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.documents import build_article
from timeline.readers.base import Document
from timeline.segmentation import segment

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def _texts(text: str, kind: str) -> list[str]:
    return [text[piece.start : piece.end] for piece in segment(text).segments if piece.kind == kind]


def _outside(text: str) -> str:
    """Everything no segment covers."""
    covered = [False] * len(text)
    for piece in segment(text).segments:
        covered[piece.start : piece.end] = [True] * (piece.end - piece.start)
    return "".join(character for character, inside in zip(text, covered, strict=True) if not inside)


def test_aggregator_page_main_story_and_its_three_teasers() -> None:
    text = _seed("000_0ff818962a8dd053.txt")
    segmentation = segment(text)
    main = [piece for piece in segmentation.segments if piece.kind == "main"]
    teasers = [piece for piece in segmentation.segments if piece.kind == "teaser"]
    assert len(main) == 1
    assert text[main[0].start : main[0].end].startswith("Putin wants to meet Trump, but does Trump want")
    assert text[main[0].start : main[0].end].endswith(
        '"Canada is moving in that direction, and I would not be '
        'surprised if the US does as well," Ambassador Volker concluded.'
    )
    assert segmentation.title == "Putin wants to meet Trump, but does Trump want to meet Putin?"
    assert [(piece.title, piece.source, piece.age) for piece in teasers] == [
        ("US envoy Witkoff to visit Moscow ahead of sanctions deadline", "LeMonde", "PT3H"),
        ("China and Russia conduct joint naval drills in the Sea of Japan", "Euronews", "PT9H"),
        ("India accuses EU, US of double standard over Russian trade", "Fashion Network", "PT10H"),
    ]
    assert text[teasers[0].start : teasers[0].end].endswith("which are kept secret by the US military.")
    assert text[teasers[2].end - 20 : teasers[2].end] == 'o be a friend is fatal."'[-20:]
    assert segmentation.ages[teasers[1].start] == dt.timedelta(hours=9)
    outside = _outside(text)
    for furniture in (
        "Try Our AI Features",
        "Explore what Daily8 AI can do for you:",
        "No comments yet...",
        "Related Articles",
        "3 hours ago",
        "- LeMonde",
    ):
        assert furniture in outside


def test_share_and_comment_prompts_bylines_and_captions_are_furniture() -> None:
    text = _seed("002_1fe8c6310e030e24.txt")
    main = _texts(text, "main")
    assert main[0] == "Trump pushes for Putin-Zelenskyy summit as Kremlin downplays early talks"
    assert main[1].startswith("The Kremlin has dismissed talk of an early summit")
    assert main[1].endswith("how strongly Trump will stand with Europe in pursuing an end to the conflict.")
    outside = _outside(text)
    for furniture in (
        "TIMES International",
        "5 Min Read",
        "Photo: Collected",
        "Share This Article",
        "Leave a comment",
        "Leave a Reply",
        "Your email address will not be published.",
    ):
        assert furniture in outside


def test_galleries_app_adverts_and_comment_sections_are_furniture() -> None:
    text = _seed("003_8e86fa0f0e6ba2ce.txt")
    story = "\n".join(_texts(text, "main"))
    for furniture in (
        "View gallery",
        "נשיא",
        "(Photo: Gavriil Grigorov",
        "Ukrainian President Volodymyr Zelensky\n",
        "Get the Ynetnews app",
        "Follow Ynetnews on Facebook",
        "The commenter agrees",
    ):
        assert furniture not in story
    assert "The announcement came a day after Trump's envoy, Steve Witkoff" in story
    assert story.endswith('These are all some kind of games."')
    assert _texts(text, "teaser") == []


def test_weather_widget_header_date_and_slots_are_furniture() -> None:
    text = _seed("004_37202947cbd3880e.txt")
    main = _texts(text, "main")
    assert main[0] == "Another Trump-Putin summit? Not so fast."
    assert main[1].startswith("President Donald Trump’s second summit")
    assert main[1].endswith("because Hungary is a member of the EU.")
    outside = _outside(text)
    for furniture in (
        "11.9 C",
        "Munich",
        "Tuesday, October 21, 2025",
        "Must read",
        "Sponsored Adspot_img",
        "More articles",
        "LEAVE A REPLY",
        "Please enter your name here",
        "Latest article",
    ):
        assert furniture in outside


def test_an_article_without_furniture_is_one_main_segment() -> None:
    text = _seed("001_675a59ff66abc2b3.txt")
    segmentation = segment(text)
    assert [(piece.start, piece.end, piece.kind) for piece in segmentation.segments] == [
        (0, len(text.rstrip()), "main")
    ]
    assert segmentation.title is None  # its first line is a 31-word sentence, not a headline


PAGE = """Ministers agree on grain deal
By Ana Lopez
Published 3 March 2025

Ministers from both countries agreed on Monday to resume grain shipments through the Black Sea.
READ MORE: Black Sea shipping insurance costs soar after attacks
The deal, brokered in Istanbul, will be reviewed in four months, officials said.

Related stories
Grain prices fall on deal hopes
Wheat futures dropped by 4% in Chicago trading.

Farmers protest in Brussels
Hundreds of tractors blocked the city centre on Friday.

The agreement still needs approval from both parliaments, which are expected to vote on it this month.

Comments (3)
Great news for farmers, finally someone is doing something about it.
"""


def test_inline_link_title_only_block_and_resumed_story() -> None:
    segmentation = segment(PAGE)
    found = [(piece.kind, PAGE[piece.start : piece.end], piece.title) for piece in segmentation.segments]
    assert found == [
        ("main", "Ministers agree on grain deal", None),
        (
            "main",
            "Ministers from both countries agreed on Monday to resume grain shipments through the Black Sea.",
            None,
        ),
        (
            "teaser",
            "Black Sea shipping insurance costs soar after attacks",
            "Black Sea shipping insurance costs soar after attacks",
        ),
        ("main", "The deal, brokered in Istanbul, will be reviewed in four months, officials said.", None),
        (
            "teaser",
            "Grain prices fall on deal hopes\nWheat futures dropped by 4% in Chicago trading.",
            "Grain prices fall on deal hopes",
        ),
        (
            "teaser",
            "Farmers protest in Brussels\nHundreds of tractors blocked the city centre on Friday.",
            "Farmers protest in Brussels",
        ),
        (
            "main",
            "The agreement still needs approval from both parliaments, which are expected to vote on it "
            "this month.",
            None,
        ),
    ]
    assert segmentation.title == "Ministers agree on grain deal"


def test_teasers_dated_by_their_stamps() -> None:
    text = (
        "Main headline here\n\n"
        "The story itself is told in this sentence, which is long enough to be prose.\n\n"
        "More from Example News\n\nMarch 1, 2025\nOlder story title\nIts summary sentence is here.\n\n"
        "February 27, 2025\nAnother story\nAnother summary.\n"
    )
    article = build_article(Document("a.txt", "a.txt", text, "txt"), None)
    teasers = [piece for piece in article.segments if piece.kind == "teaser"]
    assert [(piece.title, piece.date, piece.date_source) for piece in teasers] == [
        ("Older story title", "2025-03-01", "dateline"),
        ("Another story", "2025-02-27", "dateline"),
    ]


def test_teasers_dated_from_the_page_date_less_their_age() -> None:
    text = _seed("000_0ff818962a8dd053.txt")
    saved = Document(
        "000.txt", "000.txt", text, "txt", metadata={"date": "2025-05-08", "retrieved": "2025-08-05"}
    )
    article = build_article(saved, None)
    assert (article.date, article.date_source) == ("2025-05-08", "metadata")
    main, *teasers = article.segments
    assert (main.date, main.date_source) == ("2025-05-08", "metadata")
    assert [(piece.date, piece.date_source, piece.age) for piece in teasers] == [
        ("2025-08-05", "metadata", "PT3H"),
        ("2025-08-05", "metadata", "PT9H"),
        ("2025-08-05", "metadata", "PT10H"),
    ]


def test_teasers_never_take_the_main_story_date() -> None:
    text = _seed("000_0ff818962a8dd053.txt")
    article = build_article(
        Document("000.txt", "000.txt", text, "txt", metadata={"date": "2025-05-08"}), None
    )
    teasers = [piece for piece in article.segments if piece.kind == "teaser"]
    assert [(piece.date, piece.date_source) for piece in teasers] == [
        ("2025", "inferred"),
        ("2025", "inferred"),
        ("2025", "inferred"),
    ]
    assert article.warnings == (
        "000.txt: teaser 'US envoy Witkoff to visit Moscow ahead of sanctions deadline': date inferred from "
        "content as 2025 (between 2025-07-31 and 2025-08-06, from 'Wednesday, August 6')",
        # Published 9 and 10 hours before the page was saved, that is 6 and 7 hours before the first
        # teaser, give or take a day boundary: the first teaser's window, a day wider on each side.
        "000.txt: teaser 'China and Russia conduct joint naval drills in the Sea of Japan': date inferred as "
        "2025 (between 2025-07-30 and 2025-08-07) from its age, PT9H, and the dates of the page's other "
        "teasers",
        "000.txt: teaser 'India accuses EU, US of double standard over Russian trade': date inferred as 2025 "
        "(between 2025-07-30 and 2025-08-07) from its age, PT10H, and the dates of the page's other teasers",
    )


def test_segments_index_the_text_after_front_matter() -> None:
    text = (
        "---\ntitle: Grain\n---\nShare this article\n"
        "Ministers agreed on Monday to resume the grain deal today.\n"
    )
    article = build_article(
        Document("a.md", "a.md", text, "md", body_start=21, metadata={"title": "Grain"}), None
    )
    assert [(text[piece.start : piece.end], piece.kind, piece.title) for piece in article.segments] == [
        ("Ministers agreed on Monday to resume the grain deal today.", "main", "Grain")
    ]


def test_a_list_of_headlines_is_one_teaser_each() -> None:
    text = (
        "Grain deal agreed\n"
        "Ministers from both countries agreed on Monday to resume grain shipments through the Black Sea.\n\n"
        "## Most read\n"
        "- Storm hits coast\n"
        "- Markets rally as oil falls\n"
        "Wheat harvest at record high\n"
        "Farmers in Kansas expect a record harvest this year, officials said.\n"
    )
    found = [(piece.kind, text[piece.start : piece.end], piece.title) for piece in segment(text).segments]
    assert found == [
        (
            "main",
            "Grain deal agreed\nMinisters from both countries agreed on Monday to resume grain shipments "
            "through the Black Sea.",
            None,
        ),
        ("teaser", "Storm hits coast", "Storm hits coast"),
        ("teaser", "Markets rally as oil falls", "Markets rally as oil falls"),
        (
            "teaser",
            "Wheat harvest at record high\nFarmers in Kansas expect a record harvest this year, officials "
            "said.",
            "Wheat harvest at record high",
        ),
    ]


# The negative corpus: lines of stories that look a little like furniture and must stay in the story.
STORY_LINES = [
    "Copyright holders protested outside the court on Monday.",
    "Apple's App Store faces a record fine from the EU",
    "No comments were made by the ministry, a spokesman said.",
    "Sponsored by the state, the programme trained 2,000 nurses last year, officials said.",
    "It happened two days ago.",
    "Cookie makers raised prices by 8% in June.",
    "Related talks in Vienna ended without a deal on Friday.",
    "Follow-up talks are expected next week in Geneva.",
    "Latest figures show inflation slowing to 2.1% in May.",
    "Read the full statement below.",
    "Photographs of the summit were released by the Kremlin on Tuesday.",
    "The picture: a nation divided over the war.",
    "Share prices fell 3% in early trading.",
    "Comments by the minister angered the opposition.",
]


def test_story_lines_that_resemble_furniture_stay_in_the_story() -> None:
    opening = "Ministers agreed on Monday to resume grain shipments through the Black Sea, officials said.\n"
    for line in STORY_LINES:
        text = opening + line + "\n" + opening
        assert _texts(text, "main") == [text.rstrip("\n")], line


# The corpus of furniture beyond the seeds' own: each line must fall outside the story.
FURNITURE_LINES = [
    "Share this story",
    "Share on WhatsApp",
    "Facebook Twitter Email",
    "Sign up for our daily newsletter",
    "Download the BBC app",
    "Advertisement",
    "4 min read",
    "Listen to this article 5 min",
    "© 2025 Example Media. All rights reserved.",
    "Copyright 2025 The Associated Press.",
    "(Photo: AFP)",
    "Image: Getty Images",
    "Tags: Russia, Ukraine, diplomacy",
    "Skip to main content",
    "We use cookies to improve your experience.",
    "23°F",
    "Partager cet article",
    "Story continues below advertisement",
    "Continue reading the main story",
    "Image source, Getty Images",
    "Image caption, Ukrainian soldiers near Pokrovsk",
    "AFP via Getty Images",
    "REUTERS/Evelyn Hockstein",
]


def test_furniture_lines_fall_outside_the_story() -> None:
    opening = "Ministers agreed on Monday to resume grain shipments through the Black Sea, officials said.\n"
    for line in FURNITURE_LINES:
        text = opening + line + "\n" + opening
        assert _texts(text, "main") == [opening.rstrip("\n")] * 2, line


def test_a_header_date_is_the_page_date_of_its_teasers() -> None:
    text = (
        "Tuesday, October 21, 2025\n\nSummit in doubt\n\n"
        "Lavrov said in Moscow that Russia's position had not changed since the talks in Alaska.\n\n"
        "Related Articles\n\n"
        "Reuters\n3 hours ago\nOil prices rise\nBrent crude rose 2% on supply worries.\n\n"
        "AP\n2 days ago\nStorm hits Manila\nThousands were evacuated before the typhoon made landfall.\n"
    )
    article = build_article(Document("page.txt", "page.txt", text, "txt"), None)
    assert (article.date, article.date_source) == ("2025-10-21", "dateline")
    assert [
        (piece.kind, piece.title, piece.source, piece.date, piece.date_source, piece.age)
        for piece in article.segments
    ] == [
        ("main", "Summit in doubt", None, "2025-10-21", "dateline", None),
        ("teaser", "Oil prices rise", "Reuters", "2025-10-21", "dateline", "PT3H"),
        ("teaser", "Storm hits Manila", "AP", "2025-10-19", "dateline", "P2D"),
    ]


def test_a_wire_dateline_dates_the_story_but_is_not_part_of_it() -> None:
    text = (
        "Putin and Trump to meet\n"
        "MOSCOW, Aug 7, 2025 (Reuters) - Russia said on Thursday that the two leaders would meet soon.\n"
    )
    article = build_article(Document("wire.txt", "wire.txt", text, "txt"), None)
    assert (article.date, article.date_source) == ("2025-08-07", "dateline")
    assert [text[piece.start : piece.end] for piece in article.segments] == [
        "Putin and Trump to meet",
        "Russia said on Thursday that the two leaders would meet soon.",
    ]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([*STORY_LINES, *FURNITURE_LINES, "", "   "]), max_size=25))
def test_any_mix_of_story_and_furniture_lines(lines: list[str]) -> None:
    opening = "Ministers agreed on Monday to resume grain shipments through the Black Sea, officials said."
    text = "\n".join([opening, *lines]) + "\n"
    pieces = segment(text).segments
    positions = [position for piece in pieces for position in (piece.start, piece.end)]
    assert positions == sorted(positions) and positions[0] == 0 and positions[-1] <= len(text)
    for piece in pieces:
        inside = text[piece.start : piece.end]
        assert inside == inside.strip() and inside
        for line in inside.splitlines():
            assert not line.strip() or line.strip() in STORY_LINES or line == opening


def test_a_wire_dateline_without_year_is_named_in_the_warning() -> None:
    text = "Putin and Trump to meet\nMOSCOW, Aug 7 (Reuters) - Russia said the two leaders would meet soon.\n"
    article = build_article(Document("wire.txt", "wire.txt", text, "txt"), None)
    assert (article.date, article.date_source) == (None, "none")
    assert article.warnings == (
        "wire.txt: the dateline 'Aug 7' names no year and nothing else dates the article; left undated",
    )
    assert [text[piece.start : piece.end] for piece in article.segments] == [
        "Putin and Trump to meet",
        "Russia said the two leaders would meet soon.",
    ]


def test_teasers_with_headlines_above_their_dates() -> None:
    text = (
        "Main headline here\n\n"
        "The story itself is told in this sentence, which is long enough to be prose.\n\n"
        "Related posts\n"
        "Storm hits Manila\nOct 19, 2025\nThousands were evacuated before the typhoon made landfall.\n"
        "Oil prices rise on supply worries\nOct 20, 2025\nBrent crude rose 2%.\n"
    )
    article = build_article(Document("page.txt", "page.txt", text, "txt"), None)
    teasers = [piece for piece in article.segments if piece.kind == "teaser"]
    assert [
        (text[piece.start : piece.end].split("\n")[0], piece.date, piece.date_source) for piece in teasers
    ] == [
        ("Storm hits Manila", "2025-10-19", "dateline"),
        ("Oil prices rise on supply worries", "2025-10-20", "dateline"),
    ]
