"""Reading a fetched page the way a person scanning it would: its heading, its main text, what a link
says, and whether it is the contents page of a multi-page plan.

Takes Scrapy responses and selectors; returns plain values. Page chrome (navigation, headers, footers,
cookie banners, sidebars) is left out of "main" so it cannot make a page look like a plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

CHROME_ANCESTOR = ("ancestor::nav or ancestor::header or ancestor::footer or ancestor::aside or ancestor::form or "
                   "ancestor::*[contains(@class, 'cookie') or contains(@id, 'cookie') or contains(@class, 'sidebar')]")
_SPACE = re.compile(r"\s+")
_DOCUMENT_FILE = re.compile(r"\.(pdf|docx?|odt|rtf)$", re.I)


@dataclass
class Book:
    """A multi-page HTML plan being assembled: its contents page, and its chapters in order."""

    url: str
    title: str
    found: object  # monitor.classify.Classification of the contents page
    link_text: str | None
    referrer: str | None
    chapters: list[tuple[str, str]]
    parts: list[tuple[str, bytes]] = field(default_factory=list)
    received: int = 0


def squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def link_text(anchor) -> str:
    text = squash(" ".join(anchor.css("::text").getall()))
    return text or squash(anchor.attrib.get("aria-label") or anchor.attrib.get("title") or "")


def page_heading(response) -> str:
    """The page's h1 (what a person reads first), else its <title>."""
    h1 = squash(" ".join(response.css("main h1 ::text, h1 ::text").getall()[:20]))
    return h1 or squash(" ".join(response.css("title ::text").getall()))


def _main(response):
    for selector in ("main", "article", "[role=main]", "#content", "body"):
        found = response.css(selector)
        if found:
            return found[0]
    return response


def main_words(response) -> int:
    """Words in the paragraphs, list items and table cells of the main content, page chrome excluded."""
    texts = _main(response).xpath(f".//*[self::p or self::li or self::td][not({CHROME_ANCESTOR})]//text()").getall()
    return sum(len(text.split()) for text in texts)


def chapter_links(response, hosts: set[str]) -> list[tuple[str, str]]:
    """The chapters of a multi-page plan, in order, when this page is its contents page: the longest
    ordered list (or a list marked as chapters or contents) of three or more links to pages on the
    system's hosts, outside the page chrome."""
    main = _main(response)
    best: list[tuple[str, str]] = []
    for listing in main.css("ol, ul.chapters, ul.contents, ul.toc, .chapters ul, .contents ul"):
        if listing.xpath(f"boolean({CHROME_ANCESTOR})").get() == "1":
            continue
        links = []
        for anchor in listing.css("a[href]"):
            url = response.urljoin(anchor.attrib["href"]).split("#")[0]
            parts = urlsplit(url)
            if parts.hostname in hosts and not _DOCUMENT_FILE.search(parts.path) and url != response.url:
                links.append((url, link_text(anchor)))
        links = list(dict.fromkeys(links))
        if len(links) >= 3 and len(links) > len(best):
            best = links
    return best
