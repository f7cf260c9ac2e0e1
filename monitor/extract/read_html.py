"""Child-process side of HTML extraction: page bytes in, blocks of the main content out.

Takes the bytes of one HTML page (or, for a book, of each chapter page) and returns {"title",
"blocks"}: headings, paragraphs, list items and table rows of the page's main content, in document
order. Page chrome goes first (`monitor.main_content`, which the crawler shares: what "main content"
and "chrome" mean), then lines such as "Page last reviewed" or "Back to top". Without a marked main
content, the body is read with link-heavy blocks dropped.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from ..main_content import main_content, parse, strip_chrome
from .normalise import Block

_JUNK_LINES = re.compile(
    r"^(page last (reviewed|updated)|last (reviewed|updated|modified|edited)|next review( due)?|"
    r"this page was last|back to top|skip to (main )?content|print this page|share this page|"
    r"was this page (useful|helpful)|we use (some )?cookies|this (web)?site uses cookies|accept (all )?cookies)",
    re.IGNORECASE)
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_LEAVES = {"p", "dt", "dd", "figcaption", "pre", "caption", "address", "summary", "blockquote", "li", "td", "th"}
_CONTAINERS = {"div", "section", "article", "main", "ul", "ol", "dl", "figure", "details", "header",
               "footer", "body", "html", "center", "table", "tbody", "thead", "tfoot", "tr",
               "fieldset", "hgroup", "li", "blockquote"}
_BLOCKY = _HEADINGS | _LEAVES | _CONTAINERS


def read_html(data: bytes) -> dict:
    soup = parse(data)
    title = _title(soup)
    root, is_main = main_content(soup)  # the same main content the crawler counts words in
    strip_chrome(root, is_main)
    blocks = _Walker(keep_links=is_main).walk(root)
    page_title = " ".join(soup.title.get_text().split()) if soup.title else ""
    return {"title": title, "page_title": page_title, "blocks": [b for b in blocks if not _is_junk(b)]}


def read_html_book(chapters: list[bytes]) -> list[dict]:
    return [read_html(data) for data in chapters]


def _title(soup: BeautifulSoup) -> str | None:
    heading = soup.find("h1")
    if heading and heading.get_text(strip=True):
        return " ".join(heading.get_text(" ").split())
    if soup.title and soup.title.string:
        return " ".join(soup.title.string.split())
    return None


def _is_junk(block: Block) -> bool:
    text = " ".join(" ".join(block.lines).split())
    return len(text) < 200 and bool(_JUNK_LINES.match(text))


class _Walker:
    """Turns the content element into blocks, in document order. Without a <main> to trust
    (`keep_links` False), blocks that are mostly link text are menus and go."""

    def __init__(self, keep_links: bool):
        self.keep_links = keep_links
        self.blocks: list[Block] = []
        self.inline: list[str] = []

    def walk(self, root: Tag) -> list[Block]:
        self._children(root)
        self._flush()
        return self.blocks

    def _children(self, tag: Tag) -> None:
        for child in tag.children:
            if isinstance(child, NavigableString):
                self.inline.append(str(child))
            elif isinstance(child, Tag):
                self._tag(child)

    def _tag(self, tag: Tag) -> None:
        if tag.name in _HEADINGS:
            self._flush()
            self._emit(_text(tag).split("\n"), "heading", tag)
        elif tag.name == "table":
            self._flush()
            self._table(tag)
        elif tag.name == "br":
            self.inline.append("\n")
        elif tag.name in _LEAVES and not tag.find(_BLOCKY):
            self._flush()
            self._emit(_text(tag).split("\n"), "text", tag)
        elif tag.name in _CONTAINERS or tag.find(_BLOCKY):
            self._flush()
            self._children(tag)
            self._flush()
        else:
            self.inline.append(_text(tag))

    def _flush(self) -> None:
        text = "".join(self.inline)
        self.inline = []
        if text.strip():
            self.blocks.append(Block(text.split("\n"), None, "text"))

    def _emit(self, lines: list[str], kind: str, tag: Tag) -> None:
        if kind == "text" and not self.keep_links:
            total = len(tag.get_text(strip=True))
            links = sum(len(a.get_text(strip=True)) for a in tag.find_all("a"))
            if total and links / total > 0.7:
                return
        self.blocks.append(Block(lines, None, kind))

    def _table(self, table: Tag) -> None:
        for row in table.find_all("tr"):
            if row.find_parent("table") is not table:
                continue
            cells = [_text(c).split("\n") for c in row.find_all(["td", "th"], recursive=False)]
            filled = [c for c in cells if "".join(c).strip()]
            if len(filled) > 1:
                self.blocks.append(Block([], None, "row", cells=filled))
            elif filled:
                self.blocks.append(Block(filled[0], None, "text"))


def _text(tag: Tag) -> str:
    """An element's text with <br> as a line break and block children on lines of their own."""
    parts: list[str] = []
    for node in tag.descendants:
        if isinstance(node, NavigableString) and not isinstance(node, Comment):
            parts.append(str(node))
        elif isinstance(node, Tag) and (node.name == "br" or node.name in _BLOCKY - {"li", "td", "th"}):
            parts.append("\n")
    return "".join(parts)
