"""Recognise an error page that answers 200: a "soft 404", which must be a failed fetch, never a version.

Takes what the crawler saw of one answer (the URL asked for, the URL it ended at after redirects, the
Content-Type, the bytes, and what the link or the archive says the document is) and returns why it is
an error page, or None. The shapes real sites take:
- a redirect to the site's error page (`/error.aspx?aspxerrorpath=/plan.pdf`, `/404`, `/page-not-found`);
- a redirect to the site's home page where a document was;
- an HTML page where a PDF or Word file was linked or is known to be (`monitor.sniff.refusal`);
- a page whose own title or main heading says it is not found.
Stored, any of them would look as if the plan had been deleted or had moved, and would become the
baseline the real plan is compared with when it comes back. Stdlib and `monitor.sniff` only: the
crawler imports it.
"""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import unquote, urlsplit

from store.vocabulary import FILE_FORMATS

from .sniff import declared_format, is_markup, refusal

_ERROR_PATH = re.compile(r"(^|[/_.-])(error|errors|404|not[-_]?found|page[-_]?not[-_]?found|notfound|"
                         r"file[-_]?not[-_]?found)([/_.-]|$)|aspxerrorpath=", re.IGNORECASE)
_HOME_PATH = re.compile(r"^/?((index|default|home)(\.[a-z]+)?/?)?$", re.IGNORECASE)
_NOT_FOUND_WORDS = re.compile(
    r"\b(page|file|document|resource)s?\s+(was\s+|is\s+)?not\s+found\b|\b404\b|\bnot\s+found\b|"
    r"\bcan(?:not|'t|’t)\s+(?:be\s+)?(?:find|found)\b|\bcould\s*n[o']t\s+(?:be\s+)?(?:find|found)\b|"
    r"\bcould\s+not\s+be\s+found\b|\b(?:does\s+not|doesn't|doesn’t)\s+exist\b|\bno\s+longer\s+available\b|"
    r"\ban?\s+error\s+(?:has\s+)?occurred\b|\bsomething\s+went\s+wrong\b", re.IGNORECASE)
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)
_H1 = re.compile(rb"<h1[^>]*>(.*?)</h1", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def error_page(requested_url: str, url: str, content_type: str | None, body: bytes,
               known: str | None = None, document: bool = True) -> str | None:
    """Why this answer is an error page and not the document (or, `document` False, the page) at
    `requested_url`, or None. `known`: the format the archive holds for that URL (a PDF), if any."""
    redirect = redirect_problem(requested_url, url)
    if redirect:
        return redirect
    promised = promised_format(requested_url, known)
    if document or promised:
        refused = refusal(url, content_type, body, promised=promised)
        if refused:
            return refused
    words = own_words(body)
    if words:
        return f"the page says {words!r}: an error page answering 200, not the document"
    return None


def redirect_problem(requested_url: str, url: str) -> str | None:
    """Why a redirect from `requested_url` to `url` means the document is not there, or None."""
    if requested_url == url:
        return None
    asked, landed = urlsplit(requested_url), urlsplit(url)
    target = unquote(landed.path) + ("?" + unquote(landed.query) if landed.query else "")
    if _ERROR_PATH.search(target):
        return f"redirected to an error page ({url}), not the document"
    if _HOME_PATH.match(landed.path) and not landed.query and not _HOME_PATH.match(asked.path):
        return f"redirected to the site's home page ({url}), not the document"
    return None


def own_words(body: bytes) -> str | None:
    """The title or main heading of an HTML page when it says the page is not there, else None."""
    head = body[:65536]
    if not is_markup(head[:4096]):
        return None
    for pattern in (_TITLE, _H1):
        match = pattern.search(head)
        if match:
            text = " ".join(unescape(_TAG.sub(" ", match.group(1).decode("utf-8", "replace"))).split())
            if text and len(text) <= 120 and _NOT_FOUND_WORDS.search(text):
                return text
    return None


def promised_format(url: str, known: str | None) -> str | None:
    """What a document at `url` should be: what the archive knows was there, else what its name says."""
    if known in FILE_FORMATS:
        return known
    named = declared_format(None, url)
    return named if named in FILE_FORMATS else None
