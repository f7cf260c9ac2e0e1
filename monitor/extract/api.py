"""The two entry points: document bytes in, `Text` out, whatever the bytes are.

`extract_text` checks the size, decides the format from the magic bytes (sniff.py), and has a guarded
child parse the document (pdf.py for PDFs; read_docx.py and read_html.py otherwise). `extract_html_book`
does the same for the chapter pages of a multi-page HTML plan, in order, each chapter's heading its
section and its number the paragraphs' page. Neither ever raises for a bad document: the outcome says
what went wrong, and a bug in here is logged and reported as `corrupt` rather than raised.
"""

from __future__ import annotations

import logging
import re
import time

from .guard import run_child, warm_up
from .model import Limits, Outcome, Text, failed
from .normalise import Block, to_paragraphs
from .pdf import extract_pdf
from .sniff import sniff

log = logging.getLogger(__name__)

DOCX_SETTINGS = {"body": "paragraphs, tables, text boxes, tracked insertions",
                 "left out": "headers, footers, footnotes, deletions, tables of contents"}
HTML_SETTINGS = {"content": "main, role=main or the one article, else body without link lists",
                 "left out": "navigation, headers, footers, sidebars, banners, hidden, widgets"}


def extract_text(data: bytes, *, content_type: str | None = None, url: str | None = None,
                 limits: Limits = Limits()) -> Text:
    """The text of one document (PDF, DOCX or HTML), or why there is none."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"extract_text takes the document's bytes, not {type(data).__name__}")
    started = time.monotonic()
    warm_up(limits.memory_mb)  # a second worker starts when a document has pages to share
    try:
        text = _extract(bytes(data), content_type, url, limits, time.monotonic())
    except Exception as exc:  # the boundary for one document: never let a bug stop the caller
        log.exception("extraction of %s failed unexpectedly", url or "a document")
        text = failed(Outcome.CORRUPT, f"internal error: {type(exc).__name__}: {exc}")
    text.elapsed_s = round(time.monotonic() - started, 3)
    log.info("extracted %s: %s, %s, %d paragraphs in %.2f s%s", url or "document", text.format, text.outcome,
             len(text.paragraphs), text.elapsed_s, f" ({text.detail})" if text.detail else "")
    return text


def extract_html_book(chapters: list[tuple[str, bytes]], *, limits: Limits = Limits()) -> Text:
    """One Text for a plan published as one HTML page per chapter, the chapters in the order given."""
    started = time.monotonic()
    warm_up(limits.memory_mb)
    try:
        text = _extract_book(chapters, limits, time.monotonic())
    except Exception as exc:  # the boundary for one document
        log.exception("extraction of an HTML book failed unexpectedly")
        text = failed(Outcome.CORRUPT, f"internal error: {type(exc).__name__}: {exc}", format="html_book")
    text.elapsed_s = round(time.monotonic() - started, 3)
    log.info("extracted HTML book of %d chapters: %s, %d paragraphs in %.2f s", len(chapters), text.outcome,
             len(text.paragraphs), text.elapsed_s)
    return text


def _extract(data: bytes, content_type: str | None, url: str | None, limits: Limits, started: float) -> Text:
    if len(data) > limits.max_bytes:
        return failed(Outcome.TOO_LARGE, f"{len(data) / 2**20:.1f} MB, more than the limit of "
                      f"{limits.max_bytes / 2**20:.1f} MB")
    sniffed = sniff(data, content_type, url)
    if sniffed.format is None:
        return failed(sniffed.outcome, sniffed.detail)
    if sniffed.format == "pdf":
        return extract_pdf(data, limits, started)
    deadline = started + limits.timeout_s
    from . import read_docx, read_html  # here, not at the top: a worker then imports only what it reads
    if sniffed.format == "docx":
        read = run_child(read_docx.read_docx, (data, limits.max_bytes), memory_mb=limits.memory_mb, deadline=deadline)
        return _finish("docx", read, limits, "python-docx", version("python-docx"), DOCX_SETTINGS)
    read = run_child(read_html.read_html, (data,), memory_mb=limits.memory_mb, deadline=deadline)
    return _finish("html", read, limits, "beautifulsoup4", _html_version(), HTML_SETTINGS)


def _extract_book(chapters: list[tuple[str, bytes]], limits: Limits, started: float) -> Text:
    if not chapters:
        return failed(Outcome.CORRUPT, "an HTML book with no chapters", format="html_book")
    total = sum(len(body) for _, body in chapters)
    if total > limits.max_bytes:
        return failed(Outcome.TOO_LARGE, f"{total / 2**20:.1f} MB of chapters, more than the limit of "
                      f"{limits.max_bytes / 2**20:.1f} MB", format="html_book")
    for number, (url, body) in enumerate(chapters, start=1):
        sniffed = sniff(body, "text/html", None)
        if sniffed.format != "html":
            why = sniffed.detail or f"a {sniffed.format.upper()} file"
            return failed(Outcome.CORRUPT, f"chapter {number} ({url}) is not an HTML page: {why}",
                          format="html_book", page_count=len(chapters))
    from . import read_html

    read = run_child(read_html.read_html_book, ([bytes(body) for _, body in chapters],),
                     memory_mb=limits.memory_mb, deadline=started + limits.timeout_s)
    if read.ok:
        read.value = _join_chapters(read.value, [url for url, _ in chapters])
    return _finish("html_book", read, limits, "beautifulsoup4", _html_version(), HTML_SETTINGS,
                   page_count=len(chapters))


def _join_chapters(chapters: list[dict], urls: list[str]) -> dict:
    blocks: list[Block] = []
    for number, (chapter, url) in enumerate(zip(chapters, urls, strict=True), start=1):
        heading = chapter["title"] or url
        for block in chapter["blocks"]:
            block.page, block.section = number, heading
            blocks.append(block)
    return {"title": _book_title(chapters), "blocks": blocks, "pages": len(chapters)}


def _book_title(chapters: list[dict]) -> str | None:
    """What every chapter's <title> ends with ("Our priorities - Joint Forward Plan - NHS X" gives
    "Joint Forward Plan"); else the first chapter's heading."""
    parts = [[p.strip() for p in re.split(r"\s[-|\u2013]\s", c.get("page_title") or "")] for c in chapters]
    shared: list[str] = []
    while len(chapters) > 1 and all(len(p) > len(shared) + 1 for p in parts):
        candidate = {p[-len(shared) - 1] for p in parts}
        if len(candidate) != 1:
            break
        shared.insert(0, candidate.pop())
    return shared[0] if shared else chapters[0]["title"]


def _finish(fmt: str, read, limits: Limits, extractor: str, extractor_version: str, settings: dict,
            page_count: int | None = None) -> Text:
    known = {"format": fmt, "extractor": extractor, "extractor_version": extractor_version, "settings": settings}
    if not read.ok:
        detail = f"took longer than the {limits.timeout_s:g} s time limit" if read.outcome == Outcome.TIMEOUT \
            else read.detail
        return failed(read.outcome, detail, format=fmt, page_count=page_count)
    paragraphs = to_paragraphs(read.value["blocks"])
    pages = page_count if page_count is not None else read.value.get("pages")
    stats = {"peak_child_mb": read.peak_mb}
    if not paragraphs:
        what = "page has no main text (built by JavaScript?)" if fmt.startswith("html") else "document has no text"
        return failed(Outcome.NO_TEXT_LAYER, f"the {what}", page_count=pages, stats=stats, **known)
    title = read.value["title"] or next((p.text for p in paragraphs if p.kind == "heading"), None)
    return Text(Outcome.OK, title=title, page_count=pages, paragraphs=paragraphs, stats=stats, **known)


def version(distribution: str) -> str:
    from importlib.metadata import version  # 50 ms to import: only for the readers that need it

    return version(distribution)


def _html_version() -> str:
    return f"{version('beautifulsoup4')}; lxml {version('lxml')}"
