"""What the spider hands to the pipeline. A document is a `store.archive.Capture`; these are the rest."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from store.vocabulary import FetchOutcome


@dataclass
class PageItem:
    """A listing or navigation page: kept so a later 304 can still be read for links."""

    system_id: str
    url: str
    body: bytes = field(repr=False)
    fetched_at: datetime
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class NotModifiedItem:
    system_id: str
    url: str
    fetched_at: datetime


@dataclass
class FailureItem:
    """A fetch that failed, or a limit that stopped the crawl of a system short (outcome 'limit')."""

    system_id: str
    url: str
    fetched_at: datetime
    error: str
    status_code: int | None = None
    outcome: str = FetchOutcome.FAILED
