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
    """Archive one capture and commit. The same bytes as the document's latest version refresh `last_seen`
    only, at any of its URLs (a "view" and a "download" link, a query string): one version per content.
    The same bytes at a URL no document had yet are that document's too (kind SAME_BYTES_NEW_URL, no
    new version); whether it moved or is only linked twice is decided after the crawl (`store.lineage`)."""
    sha256, size, parts = _body_digest(blobs, capture)
    when = capture.fetched_at
    document = document_at(session, capture.system_id, capture.url)
    kind = CaptureKind.NEW_BYTES
    if document is None:
        document = _moved_from(session, capture.system_id, sha256)
        kind = CaptureKind.SAME_BYTES_NEW_URL if document is not None else CaptureKind.FIRST_CAPTURE
    previous = latest_version(session, document.id) if document is not None else None
    if previous is not None and previous.sha256 == sha256:
        previous.last_seen = when
        _found(document, when)
        version, created = previous, False
        kind = kind if kind == CaptureKind.SAME_BYTES_NEW_URL else CaptureKind.UNCHANGED
    else:
        if document is None:
            document = Document(system_id=capture.system_id, doc_type=capture.doc_type, easy_read=capture.easy_read,
                                format=capture.format, title=capture.title, url=capture.url, first_seen=when,
                                last_seen=when, reasons=capture.reasons)
            session.add(document)
            session.flush()
        document.url = capture.url
        _found(document, when)
        version = Version(document_id=document.id, run_id=capture.run_id, url=capture.url, referrer=capture.referrer,
                          link_text=capture.link_text, sha256=sha256, size=size, content_type=capture.content_type,
                          http_etag=capture.etag, http_last_modified=capture.last_modified, first_seen=when,
                          last_seen=when, title=capture.title, parts=parts)
        session.add(version)
        session.flush()
        created = True
    if not capture.parts:  # a book's contents page keeps its own page state for conditional requests
        _remember(session, capture.system_id, capture.url, capture.etag, capture.last_modified, sha256,
                  version.id, when)
    received = capture.bytes_received
    session.add(Fetch(run_id=capture.run_id, system_id=capture.system_id, url=capture.url, fetched_at=when,
                      status_code=capture.status_code, outcome=FetchOutcome.ARCHIVED if created else FetchOutcome.UNCHANGED,
                      bytes_received=size if received is None else received, version_id=version.id))
    session.commit()
    return Recorded(kind, document.id, version.id)


def _found(document: Document, when: datetime) -> None:
    """Seen in this crawl: present again, however long it was missing."""
    document.last_seen, document.missing_since, document.missing_crawls = when, None, 0
    document.missing_site_change = False


def document_at(session: Session, system_id: str, url: str) -> Document | None:
    """The document of a system at `url`: where it was last seen, or any URL it was archived from."""
    document = session.scalars(select(Document).where(
        Document.system_id == system_id, Document.url == url)).first()
    if document is not None:
        return document
    state = session.get(UrlState, url)
    if state is not None and state.version_id and state.system_id == system_id:
        version = session.get(Version, state.version_id)
        return version.document if version is not None else None
    return None


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
        version.last_seen = when
        _found(version.document, when)
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


@dataclass(frozen=True)
class Missing:
    """What a complete crawl of a system did not find: documents newly missing, out of how many present."""

    newly: list[str]  # ids of documents not found for the first time
    present_before: int  # documents present before this crawl


def mark_missing(session: Session, system_id: str, seen_urls: set[str], when: datetime) -> Missing:
    """Documents of a system not seen (at any of their URLs) in a complete crawl of it: marked missing
    the first time, and one more crawl counted each time after; never deleted."""
    seen = _documents_seen(session, system_id, seen_urls)
    documents = session.scalars(select(Document).where(Document.system_id == system_id)).all()
    present = [d for d in documents if d.missing_since is None]
    newly = []
    for document in documents:
        if document.id in seen:
            continue
        if document.missing_since is None:
            document.missing_since, document.missing_crawls = when, 1
            newly.append(document.id)
        else:
            document.missing_crawls = (document.missing_crawls or 0) + 1
    session.commit()
    return Missing(newly, len(present))


def _documents_seen(session: Session, system_id: str, urls: set[str]) -> set[str]:
    seen = set(session.scalars(select(Document.id).where(Document.system_id == system_id,
                                                         Document.url.in_(urls))))
    aliases = select(UrlState.version_id).where(UrlState.system_id == system_id, UrlState.url.in_(urls),
                                                UrlState.version_id.is_not(None))
    seen.update(session.scalars(select(Version.document_id).where(Version.id.in_(aliases))))
    return seen


def mark_site_change(session: Session, document_ids: list[str]) -> None:
    """These documents vanished with most of their site: a site change to fix, not removals to report."""
    for document_id in document_ids:
        session.get(Document, document_id).missing_site_change = True
    session.commit()


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


def known_formats(session: Session, system_id: str) -> dict[str, str]:
    """The format archived at each URL of a system's documents (every URL a version was seen at)."""
    rows = session.execute(select(Version.url, Document.format).join(Document)
                           .where(Document.system_id == system_id)).all()
    return {url: fmt for url, fmt in rows}


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
