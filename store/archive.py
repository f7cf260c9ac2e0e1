"""Write what a crawl saw into the archive, never overwriting or losing what was there.

Takes captures (a document's bytes and provenance), 304 answers and failures, and returns what they
meant: a new document, a new version, a move (the same bytes at a new URL), or nothing new. Blobs are
written before the database row that names them, and each capture is one transaction, so a crash
leaves the archive as it was before that document. Documents that disappear are marked missing with
the date, never deleted.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from .blobs import BlobStore
from .models import Document, Fetch, UrlState, Version
from .vocabulary import CaptureKind, FetchOutcome


@dataclass
class Capture:
    """One fetched document (for an HTML book: its contents page URL, and the chapters as parts)."""

    system_id: str
    url: str
    body: bytes = field(repr=False)
    doc_type: str
    easy_read: bool
    format: str
    fetched_at: datetime
    run_id: str | None = None
    status_code: int = 200
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None
    referrer: str | None = None
    link_text: str | None = None
    reasons: list[str] = field(default_factory=list)
    parts: list[tuple[str, bytes]] = field(default_factory=list, repr=False)  # (url, bytes) of chapters, in order
    bytes_received: int | None = None  # what came over the network (a book's unchanged chapters: 0)


@dataclass(frozen=True)
class Recorded:
    kind: CaptureKind  # what the bytes meant: a first capture, new bytes, the same bytes at a new URL, or none
    document_id: str
    version_id: str


def latest_version(session: Session, document_id: str) -> Version | None:
    return session.scalars(select(Version).where(Version.document_id == document_id)
                           .order_by(Version.first_seen.desc(), Version.id.desc()).limit(1)).first()


def _body_digest(blobs: BlobStore, capture: Capture) -> tuple[str, int, list | None]:
    """Store the bytes; for a book, each chapter and a manifest naming them (the manifest's sha is the
    version's), so a change in any chapter is a new version of the book."""
    if not capture.parts:
        return blobs.put(capture.body), len(capture.body), None
    parts = [{"url": url, "sha256": blobs.put(data), "size": len(data)} for url, data in capture.parts]
    manifest = json.dumps({"url": capture.url, "parts": parts}, sort_keys=True).encode()
    return blobs.put(manifest), sum(p["size"] for p in parts), parts


def record_capture(session: Session, blobs: BlobStore, capture: Capture) -> Recorded:
    """Archive one capture and commit. Unchanged bytes at a known URL refresh `last_seen` only."""
    sha256, size, parts = _body_digest(blobs, capture)
    when = capture.fetched_at
    document = session.scalars(select(Document).where(
        Document.system_id == capture.system_id, Document.url == capture.url)).first()
    kind = CaptureKind.NEW_BYTES
    if document is None:
        document = _moved_from(session, capture.system_id, sha256)
        kind = CaptureKind.SAME_BYTES_NEW_URL if document is not None else CaptureKind.FIRST_CAPTURE
    previous = latest_version(session, document.id) if document is not None else None
    if previous is not None and previous.sha256 == sha256 and previous.url == capture.url:
        previous.last_seen = document.last_seen = when
        document.missing_since = None
        version, kind = previous, CaptureKind.UNCHANGED
    else:
        if document is None:
            document = Document(system_id=capture.system_id, doc_type=capture.doc_type, easy_read=capture.easy_read,
                                format=capture.format, title=capture.title, url=capture.url, first_seen=when,
                                last_seen=when, reasons=capture.reasons)
            session.add(document)
            session.flush()
        document.url, document.last_seen, document.missing_since = capture.url, when, None
        version = Version(document_id=document.id, run_id=capture.run_id, url=capture.url, referrer=capture.referrer,
                          link_text=capture.link_text, sha256=sha256, size=size, content_type=capture.content_type,
                          http_etag=capture.etag, http_last_modified=capture.last_modified, first_seen=when,
                          last_seen=when, title=capture.title, parts=parts)
        session.add(version)
        session.flush()
    if not capture.parts:  # a book's contents page keeps its own page state for conditional requests
        _remember(session, capture.system_id, capture.url, capture.etag, capture.last_modified, sha256,
                  version.id, when)
    received = capture.bytes_received
    session.add(Fetch(run_id=capture.run_id, system_id=capture.system_id, url=capture.url, fetched_at=when,
                      status_code=capture.status_code, outcome=FetchOutcome.UNCHANGED if kind == CaptureKind.UNCHANGED else FetchOutcome.ARCHIVED,
                      bytes_received=size if received is None else received, version_id=version.id))
    session.commit()
    return Recorded(kind, document.id, version.id)


def _moved_from(session: Session, system_id: str, sha256: str) -> Document | None:
    """A document of this system whose latest content is exactly these bytes, now at another URL."""
    candidates = session.scalars(select(Document).join(Version).where(
        Document.system_id == system_id, Version.sha256 == sha256)).unique().all()
    for document in candidates:
        latest = latest_version(session, document.id)
        if latest is not None and latest.sha256 == sha256:
            return document
    return None


def _remember(session: Session, system_id: str, url: str, etag: str | None, last_modified: str | None,
              sha256: str | None, version_id: str | None, when: datetime) -> None:
    state = session.get(UrlState, url) or UrlState(url=url, system_id=system_id)
    state.system_id, state.etag, state.last_modified, state.checked_at = system_id, etag, last_modified, when
    state.sha256, state.version_id = sha256, version_id
    session.add(state)


def record_page(session: Session, blobs: BlobStore, system_id: str, url: str, body: bytes, when: datetime,
                run_id: str | None, etag: str | None = None, last_modified: str | None = None,
                status_code: int = 200) -> None:
    """A listing or navigation page: keep its bytes so a later 304 can still be read for links."""
    _remember(session, system_id, url, etag, last_modified, blobs.put(body), None, when)
    session.add(Fetch(run_id=run_id, system_id=system_id, url=url, fetched_at=when, status_code=status_code,
                      outcome=FetchOutcome.PAGE, bytes_received=len(body)))
    session.commit()


def record_not_modified(session: Session, system_id: str, url: str, when: datetime, run_id: str | None) -> str | None:
    """A 304: nothing new. Refresh `last_seen` of the version at that URL; return the version id."""
    state = session.get(UrlState, url)
    version = session.get(Version, state.version_id) if state is not None and state.version_id else None
    if state is not None:
        state.checked_at = when
    if version is not None:
        version.last_seen = version.document.last_seen = when
        version.document.missing_since = None
    session.add(Fetch(run_id=run_id, system_id=system_id, url=url, fetched_at=when, status_code=304,
                      outcome=FetchOutcome.NOT_MODIFIED, version_id=version.id if version else None))
    session.commit()
    return version.id if version else None


def record_failure(session: Session, system_id: str, url: str, when: datetime, run_id: str | None,
                   error: str, status_code: int | None = None, outcome: str = FetchOutcome.FAILED) -> None:
    """A failed fetch (outcome 'failed'), or a limit that cut a system's crawl short ('limit')."""
    session.add(Fetch(run_id=run_id, system_id=system_id, url=url, fetched_at=when, status_code=status_code,
                      outcome=outcome, error=error))
    session.commit()


def mark_missing(session: Session, system_id: str, seen_urls: set[str], when: datetime) -> list[str]:
    """Documents of a system not seen in a complete crawl of it: marked missing (once), never deleted."""
    gone = session.scalars(select(Document).where(
        Document.system_id == system_id, Document.missing_since.is_(None))).all()
    marked = []
    for document in gone:
        if document.url not in seen_urls:
            document.missing_since = when
            marked.append(document.id)
    session.commit()
    return marked


def page_body(session: Session, blobs: BlobStore, url: str) -> bytes | None:
    """The last stored body of a page, to read for links when the server answers 304."""
    state = session.get(UrlState, url)
    if state is None or not state.sha256 or not blobs.exists(state.sha256):
        return None
    return blobs.get(state.sha256)


def validators(session: Session, system_id: str) -> dict[str, tuple[str | None, str | None]]:
    """ETag and Last-Modified of every URL of a system, for conditional requests."""
    rows = session.execute(select(UrlState.url, UrlState.etag, UrlState.last_modified)
                           .where(UrlState.system_id == system_id)).all()
    return {url: (etag, last_modified) for url, etag, last_modified in rows}


# Versions of a plan that are not the full plan: a summary beside it, or the plan in another format.
_NOT_THE_FULL_PLAN = re.compile(r"summary|on a page|in brief|at a glance|large[- ]?print|audio|\bbsl\b|"
                                r"sign language|braille|transcript", re.I)


def _full_plan(candidates: list[Document], session: Session) -> Document | None:
    """The full plan among documents of one type linked from the easy read's page: the only one, or
    the only one that is not a summary or another format, or the longest of those by a clear margin."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    words = {d.id: " ".join(filter(None, [d.title, d.url, *(v.link_text or "" for v in d.versions)])) for d in candidates}
    full = [d for d in candidates if not _NOT_THE_FULL_PLAN.search(words[d.id])]
    if len(full) == 1:
        return full[0]
    pages = sorted(((latest_version(session, d.id).page_count or 0, d) for d in full), key=lambda p: -p[0])
    if len(pages) >= 2 and pages[0][0] >= 2 * max(pages[1][0], 1):
        return pages[0][1]
    return None


def pair_easy_read(session: Session, system_id: str) -> int:
    """Link each easy read document to its full document where the site makes it clear: the same type,
    linked from the same page, and (when a summary or a large print version sits beside it) not a
    summary or another format (`_full_plan`). Returns how many were paired."""
    documents = session.scalars(select(Document).where(Document.system_id == system_id,
                                                       Document.missing_since.is_(None))).all()
    linked_from = {d.id: (latest_version(session, d.id).referrer if d.versions else None) for d in documents}
    paired = 0
    for easy in (d for d in documents if d.easy_read and d.full_document_id is None):
        full = _full_plan([d for d in documents if not d.easy_read and d.doc_type == easy.doc_type
                           and linked_from[d.id] and linked_from[d.id] == linked_from[easy.id]], session)
        if full is not None:
            easy.full_document_id = full.id
            paired += 1
    session.commit()
    return paired
