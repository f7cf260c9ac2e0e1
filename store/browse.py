"""The queries the web archive (`icswatch serve`) needs, every one bounded: a document or a version by its
exact id, the documents of the whole archive with their newest version's date, the changes of a period
newest first (filtered by systems, theme and relevance, a page at a time), and the guards that keep a
reader from holding the database: read-only sessions and a time limit on every statement.

Takes a session (or the archive's engine) and returns model rows, `ChangeRecord`s or plain values.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import String, cast, event, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, selectinload

from .models import Change, Document, Run, Version
from .records import ChangeRecord, SystemNames
from .vocabulary import RunStatus

MAX_PAGE = 200  # no page of changes is longer, whatever a URL asks for


@dataclass(frozen=True)
class DocumentSummary:
    """A document with how many versions it has and when the newest was first seen."""

    document: Document
    version_count: int
    latest_seen: datetime | None
    latest_version_id: str | None


def document_summaries(session: Session) -> list[DocumentSummary]:
    """Every document of the archive (without its versions), with its newest version's id and date."""
    newest = select(Version.document_id, func.max(Version.first_seen).label("latest"),
                    func.count(Version.id).label("count")).group_by(Version.document_id).subquery()
    rows = session.execute(select(Document, newest.c.latest, newest.c.count)
                           .outerjoin(newest, newest.c.document_id == Document.id)
                           .order_by(Document.system_id, Document.doc_type, Document.easy_read,
                                     Document.first_seen)).all()
    latest_ids = dict(session.execute(
        select(Version.document_id, Version.id).join(newest, (newest.c.document_id == Version.document_id)
                                                     & (newest.c.latest == Version.first_seen))).all())
    return [DocumentSummary(d, count or 0, latest, latest_ids.get(d.id)) for d, latest, count in rows]


def recent_runs(session: Session, limit: int = 60) -> list[Run]:
    """The latest finished runs, newest first: enough to find each system's last successful crawl."""
    return list(session.scalars(select(Run).where(Run.status != RunStatus.RUNNING)
                                .order_by(Run.started_at.desc()).limit(limit)).all())


def get_document(session: Session, document_id: str) -> Document | None:
    """A document by its exact id, its versions loaded."""
    return session.scalars(select(Document).where(Document.id == document_id)
                           .options(selectinload(Document.versions))).first()


def get_version(session: Session, version_id: str) -> Version | None:
    """A version by its exact id (the web never guesses from a prefix), its document loaded."""
    return session.scalars(select(Version).where(Version.id == version_id)
                           .options(selectinload(Version.document))).first()


def related_documents(session: Session, document: Document) -> dict[str, list[Document]]:
    """The documents linked to this one: the edition it continues and those continuing it, its easy read
    versions (or the full document of an easy read one), and its web or file twin."""
    ids = {"predecessor": [document.predecessor_id], "full": [document.full_document_id],
           "format_of": [document.format_of_id]}
    found = {key: [session.get(Document, i) for i in value if i] for key, value in ids.items()}
    found["successors"] = list(session.scalars(select(Document).where(Document.predecessor_id == document.id)))
    found["easy_read"] = list(session.scalars(select(Document).where(Document.full_document_id == document.id)))
    found["web_editions"] = list(session.scalars(select(Document).where(Document.format_of_id == document.id)))
    return found


def document_changes(session: Session, document_id: str, names: SystemNames | None = None,
                     limit: int = MAX_PAGE) -> list[ChangeRecord]:
    """The changes detected in one document, newest first."""
    rows = session.scalars(select(Change).where(Change.document_id == document_id)
                           .options(selectinload(Change.document))
                           .order_by(Change.detected_at.desc(), Change.id).limit(limit)).all()
    return [ChangeRecord.from_row(c, names) for c in rows]


def find_changes(session: Session, since: datetime | None = None, until: datetime | None = None,
                 system_ids: Iterable[str] | None = None, theme: str | None = None, relevant_only: bool = False,
                 limit: int = 50, offset: int = 0, names: SystemNames | None = None) -> list[ChangeRecord]:
    """Changes detected in [since, until), newest first, at most `limit` (capped at MAX_PAGE) from
    `offset`. `system_ids` None means every system; an empty list means none. `theme` is one theme name."""
    query = select(Change)
    if since:
        query = query.where(Change.detected_at >= since)
    if until:
        query = query.where(Change.detected_at < until)
    if system_ids is not None:
        query = query.where(Change.system_id.in_(list(system_ids)))
    if relevant_only:
        query = query.where(Change.relevant.is_(True))
    if theme:  # themes is a JSON list of names; its text holds each one quoted, on both engines
        query = query.where(cast(Change.themes, String).contains(f'"{theme}"', autoescape=True))
    rows = session.scalars(query.options(selectinload(Change.document)).order_by(Change.detected_at.desc(), Change.id)
                           .limit(max(1, min(limit, MAX_PAGE))).offset(max(0, offset))).all()
    return [ChangeRecord.from_row(c, names) for c in rows]


def superseded_ids(session: Session) -> set[str]:
    """Ids of the documents a later edition continues (they may still be online)."""
    return set(session.scalars(select(Document.predecessor_id).where(Document.predecessor_id.is_not(None))))


_deadline = threading.local()


def guard_reads(engine: Engine, timeout_s: float) -> None:
    """Make every connection of `engine` read-only and stop any statement after `timeout_s`:
    PostgreSQL by its own settings, SQLite by `query_only` and a progress handler that interrupts.
    Connections already pooled (opening the archive ran its migrations) are dropped, so every
    connection from now on is made with the guards."""
    engine.dispose()
    if engine.dialect.name == "postgresql":
        @event.listens_for(engine, "connect")
        def _pg(dbapi_connection, _record):
            with dbapi_connection.cursor() as cursor:
                cursor.execute(f"SET default_transaction_read_only = on; "
                               f"SET statement_timeout = {int(timeout_s * 1000)}")
            dbapi_connection.commit()
        return

    @event.listens_for(engine, "connect")
    def _sqlite(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA query_only = ON")
        if isinstance(dbapi_connection, sqlite3.Connection):
            dbapi_connection.set_progress_handler(
                lambda: int(time.monotonic() > getattr(_deadline, "at", float("inf"))), 500_000)

    @event.listens_for(engine, "before_cursor_execute")
    def _start(*_args):
        _deadline.at = time.monotonic() + timeout_s


def is_overloaded(exc: BaseException) -> bool:
    """Whether an error means "the database took too long" (a statement stopped by `guard_reads`, or no
    free connection in time), not a fault: the web archive answers 503, try again."""
    if isinstance(exc, PoolTimeout):
        return True
    message = str(getattr(exc, "orig", exc)).lower()
    return isinstance(exc, DBAPIError) and ("interrupted" in message or "statement timeout" in message
                                            or "canceling statement" in message)


__all__ = ["MAX_PAGE", "is_overloaded", "DocumentSummary", "document_changes", "document_summaries", "find_changes",
           "get_document", "get_version", "guard_reads", "recent_runs", "related_documents", "superseded_ids"]
