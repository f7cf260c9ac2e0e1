"""The vocabulary of the replica web: what a site serves in one state, and the truth about it.

A system's `build(state)` returns a `SystemState`: per host, the `Resource`s it serves (bytes, content
type, status) and dynamic `routes`; the documents a polite crawler can reach from the start URLs
(`DocumentTruth`); the changes from the previous state into this one (`ChangeTruth`); and the outages.
Paths here are decoded (`/media/1234/Joint Forward Plan 2024-2029 (final).pdf`); `quote_path` gives the
form that appears in links and URLs. `web.py` turns host keys and paths into absolute URLs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import quote

STATES = ("v1", "v2", "v3")
# When each state was published: the Last-Modified of content first served in that state.
STATE_DATES = {
    "v1": datetime(2024, 3, 18, 9, 30, tzinfo=UTC),
    "v2": datetime(2025, 3, 24, 10, 15, tzinfo=UTC),
    "v3": datetime(2025, 7, 7, 8, 45, tzinfo=UTC),
}

HTML = "text/html; charset=utf-8"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT = "text/plain; charset=utf-8"
CSS = "text/css; charset=utf-8"


@dataclass(frozen=True)
class Resource:
    body: bytes
    content_type: str
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()


# A dynamic page: takes the parsed query string, returns the page or None (404).
Route = Callable[[dict[str, list[str]]], Resource | None]


@dataclass
class HostState:
    resources: dict[str, Resource] = field(default_factory=dict)
    routes: dict[str, Route] = field(default_factory=dict)
    mode: str = "up"  # up | down (connection refused) | unavailable (503 with Retry-After everywhere)


@dataclass(frozen=True)
class DocumentTruth:
    """A document a polite crawler reaches from the start URLs; `chapters` only for an html_book."""

    host: str
    path: str
    doc_type: str  # strategy | joint_forward_plan | other
    title: str
    format: str  # pdf | docx | html | html_book
    easy_read: bool = False
    chapters: tuple[str, ...] = ()


@dataclass(frozen=True)
class Edit:
    """One sentence altered (both set), added (before None) or removed (after None)."""

    before: str | None
    after: str | None
    relevant: bool
    chapter: str | None = None  # html_book: path of the chapter that carries the sentence


@dataclass(frozen=True)
class ChangeTruth:
    kind: str  # new_document | new_version | moved | removed
    host: str
    path: str  # for `removed`, the path that went away
    doc_type: str
    title: str
    relevant: bool = False
    easy_read: bool = False
    previous_path: str | None = None
    edits: tuple[Edit, ...] = ()
    note: str = ""


@dataclass
class SystemState:
    hosts: dict[str, HostState]
    documents: list[DocumentTruth]
    changes: list[ChangeTruth] = field(default_factory=list)  # from the previous state into this one
    outages: list[tuple[str, str]] = field(default_factory=list)  # (host key, refused|unavailable|robots_503)


@dataclass(frozen=True)
class SystemSpec:
    id: str
    name: str
    region: str
    icb_name: str
    icp_name: str | None
    icp_host: str | None
    start: tuple[tuple[str, str], ...]  # (host key, path)
    build: Callable[[str], SystemState]
    other_hosts: tuple[str, ...] = ()  # further ICB hosts, e.g. a document library
    states: tuple[str, ...] = STATES  # a small system for one concern may have states of its own
    state_dates: dict[str, datetime] = field(default_factory=dict)  # when each of its own states was published
    plan_titles: dict | None = None  # the system's plan_titles in the sources file

    @property
    def hosts(self) -> tuple[str, ...]:
        icp = (self.icp_host,) if self.icp_host else ()
        return (self.id, *icp, *self.other_hosts)


def quote_path(path: str) -> str:
    """The path as it appears in links: spaces as %20, existing escapes and the query kept."""
    path, sep, query = path.partition("?")
    return quote(path, safe="/()%") + sep + query


def host_url(host: str, path: str) -> str:
    """A link to another replica host; the token becomes IP:port when the web starts (`web.py`)."""
    return f"http://{host_token(host)}{quote_path(path)}"


def host_token(host: str) -> str:
    return f"@@host:{host}@@"


def html(text: str, status: int = 200) -> Resource:
    return Resource(text.encode("utf-8"), HTML, status)


def pdf(body: bytes) -> Resource:
    return Resource(body, PDF)


def docx(body: bytes) -> Resource:
    return Resource(body, DOCX)


def robots(text: str) -> Resource:
    return Resource(text.encode("utf-8"), TEXT)
