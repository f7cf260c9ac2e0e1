"""What "the page's main content, chrome excluded" means, for the crawler and the HTML reader alike.

Takes the bytes of an HTML page (or a parsed soup) and returns its main content element with the page
chrome removed: scripts, navigation, headers and footers outside the content, sidebars, cookie banners,
breadcrumbs, share and feedback widgets and hidden elements. The main content is <main> (or role=main,
or a single <article>); failing that, the body. The crawler counts the words of it to decide whether a
single page is a document (`main_words`); extraction (`monitor.extract.read_html`) turns it into blocks.
Only bs4 and lxml: extraction child processes and the crawler both import it.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

_DROP_TAGS = ["script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
              "form", "button", "input", "select", "textarea", "nav", "aside", "dialog", "link", "meta"]
_DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog"}
_CHROME_WORDS = {"cookie", "cookies", "consent", "gdpr", "breadcrumb", "breadcrumbs", "nav", "navbar",
                 "navigation", "menu", "megamenu", "sidebar", "footer", "masthead", "skip", "share",
                 "sharing", "social", "newsletter", "feedback", "related", "subscribe", "pagination",
                 "pager", "toolbar", "backtotop", "signup", "survey", "alert", "banner", "popup", "modal"}
_COUNTED = ("p", "li", "td")


def parse(data: bytes) -> BeautifulSoup:
    return BeautifulSoup(data, "lxml")


def main_content(soup: BeautifulSoup) -> tuple[Tag, bool]:
    """The main content element, and whether the page marked it as such (<main>, role=main, <article>)."""
    for found in (soup.find_all("main"), soup.find_all(attrs={"role": "main"}), soup.find_all("article")):
        with_text = [t for t in found if t.get_text(strip=True)]
        if len(with_text) == 1:
            return with_text[0], True
    return (soup.body or soup), False


def is_chrome(tag: Tag, is_main: bool) -> bool:
    if tag.name in _DROP_TAGS or tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    if tag.get("role") in _DROP_ROLES:
        return True
    if re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", tag.get("style", "")):
        return True
    if tag.name in ("header", "footer") and not is_main:
        return True
    names = " ".join(tag.get("class", [])) + " " + (tag.get("id") or "")
    words = set(re.split(r"[-_\s]+", names.lower())) | {names.lower().replace("-", "").replace("_", "")}
    return bool(words & _CHROME_WORDS) and not tag.find(["main", "article", "h1"])


def strip_chrome(root: Tag, is_main: bool) -> None:
    """Remove comments and page chrome from `root`, in place."""
    for comment in root.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in root.find_all(True):
        if not tag.decomposed and tag is not root and is_chrome(tag, is_main):
            tag.decompose()


def main_element(data: bytes) -> Tag:
    """The page's main content with its chrome removed."""
    root, is_main = main_content(parse(data))
    strip_chrome(root, is_main)
    return root


def count_words(root: Tag) -> int:
    """Words in the paragraphs, list items and table cells under `root`, each word counted once."""
    total = 0
    for node in root.find_all(string=True):
        if isinstance(node, NavigableString) and node.find_parent(_COUNTED) is not None:
            total += len(node.split())
    return total


def main_words(data: bytes) -> int:
    """Words in the paragraphs, list items and table cells of the main content, page chrome excluded."""
    return count_words(main_element(data))
