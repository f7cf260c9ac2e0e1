"""Pages every replica site has besides its plans: footer pages, the news list and news items, the
stylesheet, so that links a crawler meets in the page furniture lead somewhere real.

Takes a site's `Chrome` and its news items; returns path -> `Resource`.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import chrome as ui
from .model import Resource


@dataclass(frozen=True)
class NewsItem:
    path: str
    headline: str
    published: str  # e.g. "4 March 2024"
    paragraphs: tuple[str, ...]


FOOTER_TEXT = {
    "/accessibility": ("Accessibility statement", (
        "We want as many people as possible to be able to use this website. You should be able to change "
        "colours, contrast levels and fonts, zoom in up to 400% without the text spilling off the screen, and "
        "navigate most of the website using just a keyboard or speech recognition software.",
        "Some of our older PDF documents are not fully accessible to screen reader software. If you need "
        "information on this website in a different format like accessible PDF, large print, easy read, "
        "audio recording or braille, please contact us.",
    )),
    "/privacy-notice": ("Privacy notice", (
        "This notice explains how we collect, use and share personal information, including the information "
        "we hold to commission health services and to respond to your enquiries and complaints.",
    )),
    "/cookies": ("Cookies", (
        "We use essential cookies to make this website work and optional analytics cookies to understand how "
        "you use it. We will not set optional cookies unless you accept them.",
    )),
    "/freedom-of-information": ("Freedom of information", (
        "You have the right to ask for information we hold. We will respond within 20 working days. Many of "
        "the documents people ask for are already published in our publication scheme.",
    )),
    "/contact-us": ("Contact us", (
        "Our offices are open Monday to Friday, 9am to 5pm. For help with a complaint about a local health "
        "service, contact our patient experience team.",
    )),
}


def site_pages(chrome: ui.Chrome, news: tuple[NewsItem, ...]) -> dict[str, Resource]:
    pages = {path: ui.page(chrome, title, ui.paragraphs(texts)) for path, (title, texts) in FOOTER_TEXT.items()}
    pages[f"/assets/css/{chrome.theme}.css"] = ui.stylesheet(chrome.theme)
    listing = "".join(f'<li>{ui.link(n.path, n.headline)} <span class="date">{n.published}</span></li>' for n in news)
    pages["/news"] = ui.page(chrome, "News", f'<ul class="news-list">{listing}</ul>', (("/news", "News"),))
    for item in news:
        body = f'<p class="published">Published: {item.published}</p>' + ui.paragraphs(item.paragraphs)
        pages[item.path] = ui.page(chrome, item.headline, body, (("/news", "News"),))
    return pages


def sidebar(news: tuple[NewsItem, ...], count: int = 3) -> tuple[tuple[str, str], ...]:
    return tuple((n.path, n.headline) for n in news[:count])
