"""timeline.html in a real headless Chromium: it renders offline, and an event's sources show on click.

Chromium and its driver come from Debian's packages (`make test` installs them); selenium is
pointed at /usr/bin/chromedriver so that it never tries to download one.
"""

from __future__ import annotations

import io
import re

import numpy as np
import pytest
from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from test_figure_corpus import ARTICLES, make_event, seed_like_events

from timeline.writers.html import html_page, write_html

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ACCENT = (0xD1, 0x49, 0x5B)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-extensions",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
        "--window-size=1400,1000",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    return write_html(
        seed_like_events(),
        ARTICLES,
        out,
        {"highlight": "Helsinki,Osaka,Alaska,Budapest", "title": "From Helsinki to Budapest"},
    )[0]


def _screenshot(browser) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(browser.get_screenshot_as_png())).convert("RGB")).astype(int)


def _region(pixels: np.ndarray, element) -> np.ndarray:
    rect = element.rect
    x0, y0 = int(rect["x"]), int(rect["y"])
    return pixels[y0 : y0 + int(rect["height"]), x0 : x0 + int(rect["width"])]


def test_page_renders_the_chronology_offline(browser, page):
    browser.get(page.resolve().as_uri())
    assert browser.title == "From Helsinki to Budapest"
    svg = browser.find_element(By.CSS_SELECTOR, "figure.chronology svg")
    assert svg.size["width"] > 800 and svg.size["height"] > 500
    # Nothing was fetched: no script, style, font or image outside the file.
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    pixels = _region(_screenshot(browser), svg)
    ink = (pixels.sum(axis=2) < 600).mean()
    assert 0.02 < ink < 0.5  # drawn, not blank, not a black box
    accent = (np.abs(pixels - ACCENT).sum(axis=2) < 40).sum()
    assert accent > 200  # the highlighted chain is there, in its colour
    listed = browser.find_elements(By.CSS_SELECTOR, "ol.events li")
    assert len(listed) == 34


def test_clicking_an_event_shows_its_sources_with_the_dating_sentence(browser, page):
    browser.get(page.resolve().as_uri())
    details = browser.find_element(By.ID, "details")
    before = _region(_screenshot(browser), details)
    browser.find_element(By.ID, "event-e19-label").click()
    text = details.text
    assert text.startswith("Trump–Putin summit in Alaska\n15 Aug 2025 · 4 sources")
    assert "Summit talk after Alaska — The Times Desk" in text
    assert "As reported, it happened last week according to officials." in text
    marked = [mark.text for mark in details.find_elements(By.TAG_NAME, "mark")]
    assert marked == ["last week", "next week", "two months ago", "in August"]
    after = _region(_screenshot(browser), details)
    assert before.shape == after.shape or after.size > before.size
    assert after.shape[0] > 200  # the panel grew to hold four sources
    assert (np.abs(after - np.array([0xFF, 0xE0, 0x8A])).sum(axis=2) < 30).sum() > 100  # the marks show
    # Pinned: pointing at another event no longer replaces it; clicking does.
    ActionChains(browser).move_to_element(browser.find_element(By.ID, "event-e02-mark")).perform()
    assert details.text.startswith("Trump–Putin summit in Alaska")
    browser.find_element(By.ID, "item-e07").click()
    assert details.text.startswith(
        "Spokesman says a meeting is necessary but not yet planned\n5 May 2025 · reported"
    )
    item = browser.find_element(By.ID, "item-e07")
    assert item.get_attribute("class") == "selected"
    # Far below the figure, the sources open under the list item too.
    assert "As reported, it happened on Monday according to officials." in item.text


def test_pointing_at_an_event_previews_its_sources(browser, page):
    browser.get(page.resolve().as_uri())
    ActionChains(browser).move_to_element(browser.find_element(By.ID, "event-e03-mark")).perform()
    assert browser.find_element(By.ID, "details").text.startswith(
        "Leaders meet at the G20 gathering in Osaka\n28 Jun 2019 · 1 source"
    )


def test_page_is_self_contained_and_escapes_what_it_embeds():
    event = make_event("e1", "A </script> in a label", "2025-08-15", sources=(("b.txt", "<b>"),))
    page = html_page([event], ARTICLES)
    assert page.count("</script>") == 2  # the data block's and the code's, none from the label
    assert "\\u003c/script\\u003e" in page  # escaped as JSON, read back as written
    assert not re.search(r"""(src|href)=["']?https?:""", page)
    assert "<svg" in page and "<?xml" not in page


def test_same_input_same_page(tmp_path):
    first = write_html(seed_like_events(), ARTICLES, tmp_path / "a")[0].read_bytes()
    second = write_html(seed_like_events(), ARTICLES, tmp_path / "b")[0].read_bytes()
    assert first == second
