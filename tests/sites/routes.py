"""What one replica host answers to one request, without any socket: takes the host's current
`HostContent`, the method, the request target and headers; returns a `Reply`.

Order: a host in "unavailable" mode answers 503 with Retry-After to everything; then the fault paths
(`faults.py`); then static resources (a missing trailing slash is redirected, as CMSs do) and dynamic
routes; else a 404 page. A 200 carries a strong ETag (hash of the body) and a Last-Modified fixed per
content version, and becomes a 304 without body when If-None-Match (or, without it, If-Modified-Since)
says the client already has it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from email.message import Message
from email.utils import format_datetime, parsedate_to_datetime
from threading import Lock
from urllib.parse import parse_qs, unquote, urlsplit

from . import faults
from .model import HTML, HostState, Resource, quote_path

RETRY_AFTER_S = 1


@dataclass
class HostContent:
    """A host in one state, with the Last-Modified of each static path in that state."""

    key: str
    state: HostState
    modified: dict[str, datetime]
    published: datetime  # Last-Modified of dynamic pages
    hits: Counter = field(default_factory=Counter)  # requests per path since this state began
    lock: Lock = field(default_factory=Lock)

    def count_hit(self, path: str) -> int:
        with self.lock:
            self.hits[path] += 1
            return self.hits[path]


@dataclass
class Reply:
    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes | Iterable[bytes] = b""
    length: int | None = None  # Content-Length; None for 304
    delay_s: float = 0.0


def make_reply(resource: Resource, modified: datetime | None = None) -> Reply:
    headers = [("Content-Type", resource.content_type), *resource.headers]
    if resource.status == 200:
        headers.append(("ETag", etag_of(resource.body)))
        if modified is not None:
            headers.append(("Last-Modified", format_datetime(modified, usegmt=True)))
    return Reply(resource.status, headers, resource.body, len(resource.body))


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def answer(content: HostContent, method: str, target: str, headers: Message) -> Reply:
    parts = urlsplit(target)
    path, query = unquote(parts.path) or "/", parse_qs(parts.query)
    if content.state.mode == "unavailable":
        return unavailable()
    fault = faults.answer(content, path, query)
    if fault is not None:
        return fault
    resource = content.state.resources.get(path)
    if resource is None and path in content.state.routes:
        resource = content.state.routes[path](query)
        modified = content.published
    else:
        modified = content.modified.get(path, content.published)
    if resource is None:
        return _redirect_to_slash(content, path) or not_found()
    return _conditional(make_reply(resource, modified), modified, headers)


def _redirect_to_slash(content: HostContent, path: str) -> Reply | None:
    if not path.endswith("/") and path + "/" in content.state.resources:
        return Reply(301, [("Location", quote_path(path + "/")), ("Content-Type", HTML)], b"", 0)
    return None


def _conditional(reply: Reply, modified: datetime, headers: Message) -> Reply:
    if reply.status != 200:
        return reply
    etag = dict(reply.headers)["ETag"]
    if_none_match = headers.get("If-None-Match")
    # RFC 9110: when If-None-Match is present, If-Modified-Since is ignored.
    if if_none_match is not None:
        fresh = _etag_matches(if_none_match, etag)
    else:
        fresh = _not_modified_since(headers.get("If-Modified-Since"), modified)
    if not fresh:
        return reply
    kept = [(k, v) for k, v in reply.headers if k in ("ETag", "Last-Modified")]
    return Reply(304, kept, b"", None)


def _etag_matches(header: str, etag: str) -> bool:
    # If-None-Match uses the weak comparison: W/"x" matches "x".
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return "*" in tags or etag in tags


def _not_modified_since(header: str | None, modified: datetime) -> bool:
    if not header:
        return False
    try:
        since = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return False  # an unparsable date is ignored, as the RFC says
    return since.tzinfo is not None and modified <= since


def not_found() -> Reply:
    page = ("<!DOCTYPE html><html lang=\"en\"><head><title>Page not found</title></head><body>"
            "<h1>Page not found</h1><p>If you typed the web address, check it is correct. If you "
            "pasted the web address, check you copied the entire address.</p></body></html>")
    return make_reply(Resource(page.encode(), HTML, 404))


def unavailable(retry_after_s: int = RETRY_AFTER_S) -> Reply:
    page = ("<!DOCTYPE html><html lang=\"en\"><head><title>Service unavailable</title></head><body>"
            "<h1>Sorry, the service is unavailable</h1><p>We are carrying out planned maintenance. "
            "Please try again later.</p></body></html>")
    resource = Resource(page.encode(), HTML, 503, (("Retry-After", str(retry_after_s)),))
    return make_reply(resource)
