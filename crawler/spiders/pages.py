"""Reading a fetched page the way a person scanning it would: its heading, its main text, what a link
says, and whether it is the contents page of a multi-page plan.

Takes Scrapy responses and selectors; returns plain values. What the main content is, chrome excluded
(navigation, headers, footers, cookie banners, sidebars), is `monitor.main_content`'s to say, the same
rules text extraction reads the page by, so chrome cannot make a page look like a plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from monitor import main_content

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


def main_part(response):
    """The page's main content as a bs4 element, chrome removed (`monitor.main_content`)."""
    return main_content.main_element(response.body)


def main_words(response) -> int:
    """Words in the paragraphs, list items and table cells of the main content, page chrome excluded."""
    return main_content.main_words(response.body)


def chapter_links(response, hosts: set[str]) -> list[tuple[str, str]]:
    """The chapters of a multi-page plan, in order, when this page is its contents page: the longest
    ordered list (or a list marked as chapters or contents) of three or more links to pages on the
    system's hosts, in the main content (chrome excluded, as `monitor.main_content` defines it); or a
    CMS page list or grid of cards, three or more siblings holding one link each, to pages below this one."""
    main = main_part(response)
    best: list[tuple[str, str]] = []
    for listing in main.select("ol, ul.chapters, ul.contents, ul.toc, .chapters ul, .contents ul"):
        links = page_links(response, listing.select("a[href]"), hosts)
        if len(links) >= 3 and len(links) > len(best):
            best = links
    for links in _sibling_groups(response, main, hosts):
        if len(links) > len(best):
            best = links
    return best


def _sibling_groups(response, main, hosts: set[str]):
    """Links of each element whose children (three or more) each hold exactly one link, when every link
    leads below this page's path: a grid of chapter cards, not a list of unrelated pages."""
    below = urlsplit(response.url).path.rstrip("/") + "/"
    for parent in main.find_all(["div", "section", "ul", "nav"]):
        anchors = []
        for child in parent.find_all(True, recursive=False):
            inner = [child] if child.name == "a" and child.has_attr("href") else child.select("a[href]")
            if len(inner) == 1:
                anchors.append(inner[0])
        links = page_links(response, anchors, hosts) if len(anchors) >= 3 else []
        if len(links) >= 3 and all(urlsplit(url).path.startswith(below) for url, _ in links):
            yield links


def links_below(response, main, hosts: set[str]) -> bool:
    """Whether the main content links to two or more pages below this one: a hub, not a page of a plan."""
    below = urlsplit(response.url).path.rstrip("/") + "/"
    links = page_links(response, main.select("a[href]"), hosts)
    return sum(urlsplit(url).path.startswith(below) for url, _ in links) >= 2


def page_links(response, anchors, hosts: set[str]) -> list[tuple[str, str]]:
    """(url, link text) of the `anchors` (bs4 tags) that lead to other pages on the system's hosts, once each."""
    links = []
    for anchor in anchors:
        url = response.urljoin(anchor["href"]).split("#")[0]
        parts = urlsplit(url)
        if parts.hostname in hosts and not _DOCUMENT_FILE.search(parts.path) and url != response.url:
            links.append((url, _anchor_text(anchor)))
    return list(dict.fromkeys(links))


def _anchor_text(anchor) -> str:
    """`link_text` for a bs4 anchor: its own text, else its aria-label or title."""
    text = squash(" ".join(anchor.find_all(string=True, recursive=False)))
    return text or squash(anchor.get("aria-label") or anchor.get("title") or "")
