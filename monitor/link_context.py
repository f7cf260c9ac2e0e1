"""Where a link sits on its page, as a reader sees it: the heading above it and the text around it.

Takes a bs4 anchor (or a page's main content element) and returns `LinkContext` values. A link that
says only "You can read the full strategy here" is understood from the heading above it ("Integrated
Care Strategy 2023 to 2028") or the paragraph, list item or card it sits in. Only bs4: the crawler and
the labelled classification cases both read links this way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from bs4 import Tag

_HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
_BLOCKS = ("p", "li", "td", "dd", "dt", "figcaption", "caption")
_SPACE = re.compile(r"\s+")
MAX_PARAGRAPH_CHARS = 400


@dataclass(frozen=True)
class LinkContext:
    heading: str | None = None  # the nearest heading before the link (or the card's own heading)
    paragraph: str | None = None  # the paragraph, list item, table cell or card the link sits in


def _text(tag: Tag) -> str:
    return _SPACE.sub(" ", tag.get_text(" ", strip=True)).strip()


def _container(anchor: Tag) -> Tag | None:
    """The block the link sits in: its paragraph or list item, else a small element holding only this
    link (a card). A grid of several cards is no one link's context."""
    for parent in anchor.parents:
        if parent.name in _BLOCKS:
            return parent
        if parent.name in ("div", "section", "article"):
            small = len(_text(parent)) <= MAX_PARAGRAPH_CHARS and len(parent.select("a[href]")) == 1
            return parent if small else None
        if parent.name in ("body", "main", "ul", "ol", "table"):
            return None
    return None


def link_context(anchor: Tag) -> LinkContext:
    heading = anchor.find_previous(_HEADINGS)
    block = _container(anchor)
    paragraph = _text(block)[:MAX_PARAGRAPH_CHARS] if block is not None else None
    own = block.find(_HEADINGS) if block is not None and len(block.select("a[href]")) == 1 else None
    if own is not None:
        heading = own  # a card's own heading names what its link leads to
    return LinkContext(heading=_text(heading) if heading is not None else None, paragraph=paragraph or None)


def link_contexts(root: Tag, base_url: str) -> dict[str, LinkContext]:
    """Absolute URL (without fragment) -> where its first link in `root` sits."""
    found: dict[str, LinkContext] = {}
    for anchor in root.select("a[href]"):
        url = urljoin(base_url, anchor["href"].strip()).split("#")[0]
        if url not in found:
            found[url] = link_context(anchor)
    return found


def opening_paragraph(root: Tag, max_words: int = 60) -> str | None:
    """The first paragraph of a page's main content (up to `max_words`): where a page says what it is."""
    for paragraph in root.find_all("p"):
        words = _text(paragraph).split()
        if len(words) >= 4:
            return " ".join(words[:max_words])
    return None
