"""A maintainer's ignore rules (`ignore:` of a system in the sources file), applied to a text before it
is compared with another, so that noise inside a page's main content ("Page generated 1 December 2026
14:02") is never a change.

Takes a `Text`, the rules (`monitor.config.IgnoreRules`) and, for a selector, the version's HTML; returns
the text without what the rules name. Patterns are regular expressions removed from every paragraph;
selectors name elements of an HTML page whose text is removed. A paragraph left empty is dropped. The
archive is never touched: the version and its stored text stay exactly as fetched.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bs4 import BeautifulSoup

from store.vocabulary import WEB_FORMATS

from .extract import Text

MAX_HTML_BYTES = 20 * 1024 * 1024  # the selectors read the archived page again, here: never a huge one


def selected_texts(pages: list[bytes], selectors: list[str]) -> list[str]:
    """The text of every element the selectors match in these HTML pages, longest first."""
    found = set()
    for page in pages:
        if not selectors or len(page) > MAX_HTML_BYTES:
            continue
        soup = BeautifulSoup(page, "lxml")
        for selector in selectors:
            for element in soup.select(selector):
                text = " ".join(element.get_text(" ").split())
                if text:
                    found.add(text)
    return sorted(found, key=len, reverse=True)


def apply_ignore(text: Text | None, rules, pages: list[bytes] = ()) -> Text | None:
    """`text` without what `rules` say is noise (`pages`: the version's HTML, for selectors)."""
    if text is None or rules is None or rules.is_empty:
        return text
    removals = [re.compile(p) for p in rules.patterns]
    removals += [re.compile(re.escape(t).replace(r"\ ", r"\s+")) for t in selected_texts(list(pages), rules.selectors)]
    paragraphs = []
    for paragraph in text.paragraphs:
        words = paragraph.text
        for pattern in removals:
            words = pattern.sub(" ", words)
        words = " ".join(words.split())
        if words:
            paragraphs.append(replace(paragraph, text=words))
    return replace(text, paragraphs=paragraphs)


def web_pages(blobs, version) -> list[bytes]:
    """The HTML of a web version (a page, or a book's chapters); nothing for a file."""
    if version.document.format not in WEB_FORMATS:
        return []
    if version.parts:
        return [blobs.get(part["sha256"]) for part in version.parts]
    return [blobs.get(version.sha256)]
