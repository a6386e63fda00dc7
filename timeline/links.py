"""Which source URLs may become links in our pages: http(s) only.

A URL comes from the input (front matter, JSON, a manifest, a saved page) and so from whoever wrote
it: `javascript:alert(1)` as a link's href runs when the reader clicks it, `data:` and `file:` open
what the page's reader did not choose. Anything but an absolute http(s) URL is kept as data and
shown as text, never linked.
"""

from __future__ import annotations

import re

# Browsers drop tabs and newlines inside a URL and spaces around it ("java\tscript:" is
# "javascript:"), so a URL holding any whitespace or control character is not taken as a link.
_HTTP_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)


def http_link(url: str | None) -> str | None:
    """URL when it may be a link's target (an absolute http or https URL), else None."""
    return url if url is not None and _HTTP_URL.fullmatch(url) else None


def unlinkable_url_warning(path: str, url: str | None) -> str | None:
    """The warning for a URL that is given but will not be linked, naming the file; None otherwise."""
    if not url or http_link(url) is not None:
        return None
    return f"{path}: url {url!r} is not an http(s) URL; it is kept as text and not linked"
