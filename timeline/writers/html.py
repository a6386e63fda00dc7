"""`timeline.html`: one self-contained page, the chronology and every event's sources.

The SVG chronology is inlined; hovering an event in it (or in the list under it) shows its
sources, each with the sentence that dates it and the dating expression marked; a click pins
them. Everything the page needs is inside the file: no script, style, font or image is fetched,
so it opens the same offline, in a mail attachment or years later.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from timeline.filters import FigureOptions, describe_filters, original_article_ids, source_count
from timeline.links import http_link
from timeline.model import Article, Event
from timeline.writers.atomic import write_text
from timeline.writers.citation import Citation, cite
from timeline.writers.figure import Chronology, figure_bytes, render_chronology, svg_safe_id
from timeline.writers.layout import date_phrase

HTML_FILE = "timeline.html"

PAGE_STYLE = """
:root { --ink: #222; --muted: #6b6b6b; --rule: #ddd; --accent: #d1495b; --lane: #2e5c8a; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       color: var(--ink); background: #fff; }
header, footer { padding: 12px 24px; }
header h1 { margin: 0 0 4px; font-size: 1.5em; }
header p, footer p { margin: 0; color: var(--muted); }
.layout { display: grid; grid-template-columns: minmax(0, 1fr); gap: 16px; padding: 0 24px; }
figure.chronology { margin: 0; border: 1px solid var(--rule); overflow-x: auto; }
figure.chronology svg { display: block; width: 100%; min-width: 980px; height: auto; }
[data-event] { cursor: pointer; }
svg g.selected > * { filter: drop-shadow(0 0 2px var(--accent)); }
aside#details { position: sticky; bottom: 0; max-height: 45vh; overflow: auto; border: 1px solid var(--rule);
                padding: 12px 14px; background: #fafafa; box-shadow: 0 -2px 8px rgba(0, 0, 0, .08); }
aside#details h2 { font-size: 1.05em; margin: 0 0 2px; }
aside#details .when { color: var(--muted); font-size: .9em; margin: 0 0 8px; }
.sources { list-style: none; padding: 0; margin: 0; }
.sources li { border-top: 1px solid var(--rule); padding: 6px 0; font-size: .92em; }
.sources .article { font-weight: 600; }
.sources blockquote { margin: 3px 0 0; color: #333; }
mark { background: #ffe08a; padding: 0 1px; }
section#events { padding: 8px 24px 16px; }
section#events h2 { font-size: 1.15em; }
ol.events { list-style: none; padding: 0; margin: 0; }
ol.events li { display: grid; grid-template-columns: 150px 1fr; gap: 10px; padding: 5px 6px;
               border-top: 1px solid var(--rule); }
ol.events li.selected { background: #fff1f2; }
ol.events .inline-sources { grid-column: 1 / -1; padding: 0 0 4px 160px; }
ol.events .date { color: var(--muted); font-variant-numeric: tabular-nums; }
.status { font-size: .8em; text-transform: uppercase; letter-spacing: .04em; color: var(--accent);
          margin-left: 6px; }
.count { color: var(--muted); font-size: .85em; margin-left: 6px; }
/* The figure takes the page's whole width (its text is 7 pt at its own 842 pt width: legible
   only that wide); the details go under it, pinned to the window's foot while the figure is in
   view. Wide enough to show the figure's own title, the page's heading is left to screen
   readers. On a phone the event list comes first; the figure, after it, scrolls sideways. */
@media (min-width: 901px) {
  header h1 { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
}
@media (max-width: 700px) {
  body { display: flex; flex-direction: column; }
  header { order: -2; }
  section#events { order: -1; }
  header, footer, section#events, .layout { padding-left: 12px; padding-right: 12px; }
  ol.events li { grid-template-columns: 1fr; gap: 2px; }
  ol.events .inline-sources { padding-left: 0; }
}
"""

PAGE_SCRIPT = """
(function () {
  const EVENTS = JSON.parse(document.getElementById("timeline-events").textContent);
  const details = document.getElementById("details");
  let pinned = null;
  function sourceItem(source) {
    const item = document.createElement("li");
    const article = document.createElement("div");
    article.className = "article";
    if (source.url) {
      const link = document.createElement("a");
      link.href = source.url;
      link.textContent = source.article;
      article.appendChild(link);
    } else {
      article.textContent = source.article;
    }
    item.appendChild(article);
    if (source.date) {
      const date = document.createElement("div");
      date.className = "when";
      date.textContent = "published " + source.date
        + (source.timex ? " \\u00b7 dated by \\u201c" + source.timex + "\\u201d" : "");
      item.appendChild(date);
    }
    const quote = document.createElement("blockquote");
    const sentence = source.sentence || "";
    const at = source.timex ? sentence.indexOf(source.timex) : -1;
    if (at < 0) {
      quote.textContent = sentence;
    } else {
      quote.appendChild(document.createTextNode(sentence.slice(0, at)));
      const mark = document.createElement("mark");
      mark.textContent = source.timex;
      quote.appendChild(mark);
      quote.appendChild(document.createTextNode(sentence.slice(at + source.timex.length)));
    }
    item.appendChild(quote);
    return item;
  }
  function show(key, pin) {
    const event = EVENTS[key];
    if (!event) return;
    if (pin) pinned = key;
    details.replaceChildren();
    details.dataset.shown = key;
    const title = document.createElement("h2");
    title.textContent = event.label;
    const when = document.createElement("p");
    when.className = "when";
    when.textContent = event.date + (event.status !== "happened" ? " \\u00b7 " + event.status : "")
      + " \\u00b7 " + event.count + (event.count === 1 ? " source" : " sources");
    const list = document.createElement("ul");
    list.className = "sources";
    event.sources.forEach(function (source) { list.appendChild(sourceItem(source)); });
    details.append(title, when, list);
    document.querySelectorAll(".selected").forEach(function (node) { node.classList.remove("selected"); });
    document.querySelectorAll('[data-event="' + key + '"]').forEach(function (node) {
      node.classList.add("selected");
    });
  }
  document.querySelectorAll("figure.chronology svg g[id^='event-']").forEach(function (group) {
    const match = /^event-(.+)-(mark|label|date)(?:-copy\\d+)?$/.exec(group.id);
    if (!match || !EVENTS[match[1]]) return;
    // A transparent box over the whole label, so the gaps between glyphs respond too.
    const box = group.getBBox();
    const hit = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    hit.setAttribute("x", box.x); hit.setAttribute("y", box.y);
    hit.setAttribute("width", box.width); hit.setAttribute("height", box.height);
    hit.setAttribute("fill", "transparent");
    group.appendChild(hit);
    group.dataset.event = match[1];
  });
  document.querySelectorAll("[data-event]").forEach(function (node) {
    node.addEventListener("click", function () {
      show(node.dataset.event, true);
      // In the list, far below the figure's panel, the sources also open under the item itself.
      document.querySelectorAll(".inline-sources").forEach(function (open) { open.remove(); });
      if (node.tagName === "LI") {
        const inline = document.createElement("div");
        inline.className = "inline-sources";
        inline.appendChild(details.querySelector(".sources").cloneNode(true));
        node.appendChild(inline);
      }
    });
    node.addEventListener("mouseenter", function () { if (!pinned) show(node.dataset.event, false); });
  });
})();
"""


def _svg_for_page(svg: bytes) -> str:
    """The SVG document as an element to inline: without its XML declaration and doctype."""
    text = svg.decode("utf-8")
    start = text.index("<svg")
    return text[start:].strip()


def _cited_label(citation: Citation, article_id: str) -> str:
    title = citation.title or article_id
    return f"{title} — {citation.outlet}" if citation.outlet else title


def _event_record(event: Event, articles: Mapping[str, Article], count: int) -> dict[str, Any]:
    sources = []
    for source in event.sources:
        citation = cite(articles.get(source.article), source.start)
        sources.append(
            {
                "article": _cited_label(citation, source.article),
                "date": citation.date,
                "url": http_link(citation.url),
                "sentence": source.text,
                "timex": source.timex,
            }
        )
    return {
        "id": event.id,
        "label": event.label or event.value,
        "date": date_phrase(event.value, event.granularity, event.start_date, event.end_date),
        "status": event.status,
        "count": count,
        "sources": sources,
    }


# Inside a <script> element, "</script" ends it and "<!--" changes how the rest is parsed; U+2028
# and U+2029 end a line in older JavaScript. As JSON escapes (valid JSON, the same text once parsed):
# none of these characters can stand outside a JSON string.
_SCRIPT_ESCAPES = {ord(character): f"\\u{ord(character):04x}" for character in "<>&\u2028\u2029"}


def _script_json(payload: Any) -> str:
    """JSON safe inside a <script> element that JSON.parse reads back as the same data."""
    return json.dumps(payload, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_ESCAPES)


def _event_list(events: Sequence[Event], records: Mapping[str, dict[str, Any]]) -> str:
    items = []
    for event in events:
        key = svg_safe_id(event.id)
        record = records[key]
        status = (
            f'<span class="status">{html.escape(event.status)}</span>' if event.status != "happened" else ""
        )
        count = record["count"]
        items.append(
            f'<li id="item-{key}" data-event="{key}"><span class="date">{html.escape(record["date"])}</span>'
            f"<span>{html.escape(record['label'])}{status}"
            f'<span class="count">{count} source{"s" if count != 1 else ""}</span></span></li>'
        )
    return "\n".join(items)


def html_page(
    events: Iterable[Event],
    articles: Sequence[Article] = (),
    options: FigureOptions | Mapping[str, Any] | None = None,
    chronology: Chronology | None = None,
) -> str:
    """The page for the events the options select (drawing the chronology unless one is given)."""
    options = FigureOptions.from_options(options)
    events = list(events)
    articles = list(articles)
    chronology = chronology or render_chronology(events, articles, options)
    shown = [marks.event for marks in chronology.marks.values()]
    listed = (
        sorted(shown, key=lambda event: (event.start_date, event.end_date, event.id)) + chronology.undrawn
    )
    originals = original_article_ids(articles)
    by_id = {article.id: article for article in articles}
    records = {
        svg_safe_id(event.id): _event_record(event, by_id, source_count(event, originals)) for event in listed
    }
    title = options.title or "Chronology"
    summary = f"{len(shown)} dated events"
    if chronology.undrawn:
        summary += f", {len(chronology.undrawn)} undated"
    filters = describe_filters(options)
    if filters:
        summary += f" · {filters}"
    reporting = sorted(
        {originals.get(source.article, source.article) for event in listed for source in event.sources}
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>{html.escape(title)}</h1>
<p>{html.escape(summary)}. Point at an event to see its sources and the sentence that dates it;
click to keep them.</p>
</header>
<div class="layout">
<figure class="chronology">
{_svg_for_page(figure_bytes(chronology, "svg"))}
</figure>
<aside id="details" aria-live="polite"><p>Point at or click an event to see its sources.</p></aside>
</div>
<section id="events">
<h2>Events</h2>
<ol class="events">
{_event_list(listed, records)}
</ol>
</section>
<footer><p>{len(reporting)} source article{"s" if len(reporting) != 1 else ""}.
Made with timeline.</p></footer>
<script type="application/json" id="timeline-events">{_script_json(records)}</script>
<script>{PAGE_SCRIPT}</script>
</body>
</html>
"""


def write_html(
    events: Iterable[Event],
    articles: Sequence[Article] = (),
    out_dir: str | os.PathLike[str] = "out",
    options: FigureOptions | Mapping[str, Any] | None = None,
    chronology: Chronology | None = None,
) -> list[Path]:
    """Write `timeline.html` into OUT_DIR; returns the path written."""
    path = Path(out_dir) / HTML_FILE
    write_text(path, html_page(events, articles, options, chronology))
    return [path]
