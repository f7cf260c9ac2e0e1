"""What a reader sees on a page: its main text, its links, its table rows."""

from __future__ import annotations

from bs4 import BeautifulSoup


def main_text(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").find("main").get_text(" ").split())


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def link(html: str, text: str) -> str:
    """The href of the first link in <main> whose text contains `text`."""
    found = [a for a in soup(html).find("main").find_all("a") if text in a.get_text()]
    assert found, f"no link with {text!r}"
    return found[0]["href"]
