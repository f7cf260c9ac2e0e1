"""Fault paths served by every replica host that is up, in every state; nothing links to them.

Takes the host's content, a decoded path and the parsed query; returns a `routes.Reply` or None when
the path is not a fault path.

    /slow?s=2          answers (a small HTML page) after s seconds (default 2, at most 30)
    /trickle?s=20      answers at once, then sends its s-byte HTML body one byte a second (at most 60)
    /redirect-loop     302 to /redirect-loop?again=1, which 302s back: a loop without end
    /broken.pdf        the first half of a real PDF, as application/pdf
    /error-page.pdf    an HTML "something went wrong" page served as application/pdf with 200
    /huge.pdf?mb=60    declares and streams mb MiB (default 60) of PDF-looking bytes, made lazily
    /retry-after.pdf   always 503 with Retry-After: 1 (?s=N: N seconds, at most 3600)
    /flaky.pdf         503 with Retry-After: 1 to the first request since the state began, then a PDF
    /links?to=/a&to=/b a page linking to each `to`, as given (session ids, traps...)
    /links-to-bad      a page linking to file:, javascript:, mailto:, data: and private addresses
                       (10.0.0.1, 169.254.169.254) that a crawler must never fetch
"""

from __future__ import annotations

import html
import time
from collections.abc import Iterator
from functools import cache

from tests.docgen import Doc, Section, make_pdf

from . import routes
from .model import HTML, PDF, Resource

SLOW_MAX_S = 30.0
HUGE_DEFAULT_MB = 60
CHUNK_BYTES = 64 * 1024

BAD_LINKS = (
    ("file:///etc/passwd", "Download the staff directory"),
    ("javascript:alert(1)", "Open the plan viewer"),
    ("mailto:engagement@replica-ics.example", "Email the engagement team"),
    ("data:text/html,<h1>plan</h1>", "Plan preview"),
    ("http://10.0.0.1/documents/Joint%20Forward%20Plan.pdf", "Joint Forward Plan (intranet copy)"),
    ("http://169.254.169.254/latest/meta-data/", "Server information"),
)


def answer(content: routes.HostContent, path: str, query: dict[str, list[str]]) -> routes.Reply | None:
    if path == "/slow":
        return _slow(query)
    if path == "/trickle":
        return _trickle(query)
    if path == "/redirect-loop":
        target = "/redirect-loop" if query.get("again") else "/redirect-loop?again=1"
        return routes.Reply(302, [("Location", target), ("Content-Type", HTML)], b"", 0)
    if path == "/broken.pdf":
        body = _small_pdf()
        return routes.make_reply(Resource(body[: len(body) // 2], PDF))
    if path == "/error-page.pdf":
        return routes.make_reply(Resource(_ERROR_PAGE.encode(), PDF))
    if path == "/huge.pdf":
        return _huge(query)
    if path == "/retry-after.pdf":
        seconds = query.get("s", ["1"])[0]
        return routes.unavailable(min(int(seconds), 3600) if seconds.isdigit() else 1)
    if path == "/flaky.pdf":
        return routes.unavailable() if content.count_hit(path) == 1 else routes.make_reply(Resource(_small_pdf(), PDF))
    if path == "/links":
        anchors = "".join(f'<li><a href="{html.escape(to, quote=True)}">Our publications</a></li>'
                          for to in query.get("to", []))
        return routes.make_reply(Resource(f"<!DOCTYPE html><html><body><main><h1>Links</h1><ul>{anchors}</ul>"
                                          "</main></body></html>".encode(), HTML))
    if path == "/links-to-bad":
        return routes.make_reply(Resource(_bad_links_page().encode(), HTML))
    return None


def _slow(query: dict[str, list[str]]) -> routes.Reply:
    try:
        delay_s = min(float(query.get("s", ["2"])[0]), SLOW_MAX_S)
    except ValueError:
        delay_s = 2.0
    reply = routes.make_reply(Resource(b"<!DOCTYPE html><html><body><p>Thank you for waiting.</p></body></html>", HTML))
    reply.delay_s = max(delay_s, 0.0)
    return reply


def _trickle(query: dict[str, list[str]]) -> routes.Reply:
    try:
        length = max(1, min(int(query.get("s", ["20"])[0]), 60))
    except ValueError:
        length = 20

    def one_byte_a_second() -> Iterator[bytes]:
        for _ in range(length):
            yield b" "
            time.sleep(1.0)

    return routes.Reply(200, [("Content-Type", HTML)], one_byte_a_second(), length)


def _huge(query: dict[str, list[str]]) -> routes.Reply:
    try:
        size_mb = max(1, min(int(query.get("mb", [str(HUGE_DEFAULT_MB)])[0]), 4096))
    except ValueError:
        size_mb = HUGE_DEFAULT_MB
    length = size_mb * 1024 * 1024
    return routes.Reply(200, [("Content-Type", PDF)], _stream_huge(length), length)


def _stream_huge(length: int) -> Iterator[bytes]:
    # Starts like a PDF so only the size gives it away; the rest is comment lines.
    yield b"%PDF-1.4\n"
    left = length - 9
    line = b"% " + b"0" * 61 + b"\n"
    chunk = line * (CHUNK_BYTES // len(line))
    while left > 0:
        piece = chunk[:left]
        left -= len(piece)
        yield piece


@cache
def _small_pdf() -> bytes:
    doc = Doc("Replica ICS: Notice of meeting", [Section("Notice", [
        "The Integrated Care Board will meet in public at 10am on Tuesday in the Council Chamber.",
        "Papers are published five working days before each meeting.",
    ])])
    return make_pdf(doc)


def _bad_links_page() -> str:
    items = "".join(f'<li><a href="{href}">{label}</a></li>' for href, label in BAD_LINKS)
    return ("<!DOCTYPE html><html lang=\"en\"><head><title>Useful links</title></head><body>"
            f"<h1>Useful links</h1><ul>{items}</ul></body></html>")


_ERROR_PAGE = (
    "<!DOCTYPE html><html lang=\"en\"><head><title>Something went wrong</title></head><body>"
    "<h1>Sorry, something went wrong</h1><p>The document you asked for could not be loaded. "
    "Please try again later or contact the communications team.</p></body></html>"
)
