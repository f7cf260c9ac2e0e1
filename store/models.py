"""Database models of the archive (SQLAlchemy 2.0). The schema itself is made by Alembic migrations
in `store/migrations`; these classes must match them.

A `Document` is a lineage: one system's strategy or plan (full or easy read) through its versions, even
when it moves to a new URL. A `Version` is one capture of its content (the original bytes are a blob
named by sha256). Every fetch attempt is a `Fetch`, each crawl a `Run`; `UrlState` remembers the
validators (ETag, Last-Modified) for conditional requests; an `Outbox` row is one digest for one
recipient and period, so a digest is sent once however often `icswatch send` runs. Ids are short random strings with a prefix
(`d-`, `v-`, `r-`): stable and citable, and they survive a move from SQLite to PostgreSQL.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UTCDateTime(TypeDecorator):
    """Times in UTC, timezone-aware on the way out whatever the database (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to the archive; pass an aware (UTC) time")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def new_id(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(6)}"


class Base(DeclarativeBase):
    pass


class Run(Base):
    __tablename__ = "runs"
    id: Mapped[str] = mapped_column(String(16), primary_key=True, default=lambda: new_id("r"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default="running")  # running | completed | failed
    report: Mapped[dict | None] = mapped_column(JSON)


class Document(Base):
    __tablename__ = "documents"
    id: Mapped[str] = mapped_column(String(16), primary_key=True, default=lambda: new_id("d"))
    system_id: Mapped[str] = mapped_column(String(60), index=True)
    doc_type: Mapped[str] = mapped_column(String(24))  # strategy | joint_forward_plan | other
    easy_read: Mapped[bool] = mapped_column(Boolean, default=False)
    format: Mapped[str] = mapped_column(String(16))  # pdf | docx | html | html_book
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str] = mapped_column(Text)  # where it was last seen
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    missing_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # complete crawls in a row that did not find it: "removed" waits for several (and for days)
    missing_crawls: Mapped[int] = mapped_column(Integer, default=0)
    # it vanished when most of its site's documents did: one "site changed" line, no notice of its own
    missing_site_change: Mapped[bool] = mapped_column(Boolean, default=False)
    full_document_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id"))  # easy read -> full
    reasons: Mapped[list | None] = mapped_column(JSON)  # why it was classified as it is
    # the edition before this one (a refresh at a new URL, next year's plan, the final after the draft):
    # the documents linked this way are one plan's series; the old one may still be online
    predecessor_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id"))
    edition_label: Mapped[str | None] = mapped_column(Text)  # "2025 refresh", "final", "later edition"
    edition_reasons: Mapped[list | None] = mapped_column(JSON)  # why it joined the series
    # a web edition of the plan a file (PDF, Word) also holds: its changes are reported once, with the file's
    format_of_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id"))
    versions: Mapped[list[Version]] = relationship(back_populates="document", order_by="Version.first_seen")


class Version(Base):
    __tablename__ = "versions"
    id: Mapped[str] = mapped_column(String(16), primary_key=True, default=lambda: new_id("v"))
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    run_id: Mapped[str | None] = mapped_column(ForeignKey("runs.id"))
    url: Mapped[str] = mapped_column(Text)
    referrer: Mapped[str | None] = mapped_column(Text)  # the page that linked it
    link_text: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    content_type: Mapped[str | None] = mapped_column(String(200))
    http_etag: Mapped[str | None] = mapped_column(Text)
    http_last_modified: Mapped[str | None] = mapped_column(Text)
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    title: Mapped[str | None] = mapped_column(Text)
    page_count: Mapped[int | None] = mapped_column(Integer)
    parts: Mapped[list | None] = mapped_column(JSON)  # html_book chapters: [{url, sha256, size}]
    text_sha256: Mapped[str | None] = mapped_column(String(64))
    extract_outcome: Mapped[str | None] = mapped_column(String(24))
    extractor: Mapped[str | None] = mapped_column(Text)  # the extractor's fingerprint
    document: Mapped[Document] = relationship(back_populates="versions")


class Change(Base):
    """What changed in one document between two versions, as detected after a crawl."""

    __tablename__ = "changes"
    id: Mapped[str] = mapped_column(String(16), primary_key=True, default=lambda: new_id("c"))
    run_id: Mapped[str | None] = mapped_column(ForeignKey("runs.id"), index=True)
    system_id: Mapped[str] = mapped_column(String(60), index=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    version_id: Mapped[str | None] = mapped_column(ForeignKey("versions.id"))
    previous_version_id: Mapped[str | None] = mapped_column(ForeignKey("versions.id"))
    kind: Mapped[str] = mapped_column(String(16))  # new_document | new_version | moved | removed
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    baseline: Mapped[bool] = mapped_column(Boolean, default=False)  # first crawl of the system
    url: Mapped[str] = mapped_column(Text)
    previous_url: Mapped[str | None] = mapped_column(Text)
    relevant: Mapped[bool] = mapped_column(Boolean, default=False)
    weakened: Mapped[bool] = mapped_column(Boolean, default=False)
    themes: Mapped[list] = mapped_column(JSON, default=list)
    tags: Mapped[list] = mapped_column(JSON, default=list)
    excerpts: Mapped[list] = mapped_column(JSON, default=list)
    note: Mapped[str | None] = mapped_column(Text)
    edition: Mapped[str | None] = mapped_column(Text)  # "2025 refresh of ...": a new edition compared with the last
    document: Mapped[Document] = relationship()


class Fetch(Base):
    __tablename__ = "fetches"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[str | None] = mapped_column(ForeignKey("runs.id"), index=True)
    system_id: Mapped[str] = mapped_column(String(60), index=True)
    url: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status_code: Mapped[int | None] = mapped_column(Integer)
    # new_version | unchanged | not_modified | failed | not_a_document
    outcome: Mapped[str] = mapped_column(String(24))
    error: Mapped[str | None] = mapped_column(Text)
    bytes_received: Mapped[int] = mapped_column(Integer, default=0)
    elapsed_s: Mapped[float | None] = mapped_column(Float)
    version_id: Mapped[str | None] = mapped_column(ForeignKey("versions.id"))


class UrlState(Base):
    """What we last knew of a URL, for conditional requests (If-None-Match / If-Modified-Since)."""

    __tablename__ = "url_states"
    url: Mapped[str] = mapped_column(Text, primary_key=True)
    system_id: Mapped[str] = mapped_column(String(60))
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64))
    version_id: Mapped[str | None] = mapped_column(ForeignKey("versions.id"))
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Outbox(Base):
    """One digest for one recipient and period: created pending, marked sent once the SMTP server took it."""

    __tablename__ = "outbox"
    __table_args__ = (UniqueConstraint("recipient", "period_start", "period_end", name="uq_outbox_recipient_period"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    recipient: Mapped[str] = mapped_column(String(320))
    period_start: Mapped[datetime] = mapped_column(UTCDateTime)
    period_end: Mapped[datetime] = mapped_column(UTCDateTime)
    message_id: Mapped[str] = mapped_column(String(200), unique=True)
    subject: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending | sent | failed | refused
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # the last try: retries back off from it
    refusals: Mapped[int] = mapped_column(Integer, default=0)  # permanent refusals in a row (5xx)


class Passage(Base):
    """One paragraph of a version's extracted text, for full-text search (`store/search.py`). The engine's
    index sits beside it, made by migration 0004: an FTS5 table `passages_fts` on SQLite, a generated
    `tsv` column with a GIN index on PostgreSQL; neither is described here."""

    __tablename__ = "passages"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    version_id: Mapped[str] = mapped_column(ForeignKey("versions.id"), index=True)
    document_id: Mapped[str] = mapped_column(String(16))
    system_id: Mapped[str] = mapped_column(String(60))
    doc_type: Mapped[str] = mapped_column(String(24))
    page: Mapped[int | None] = mapped_column(Integer)
    section: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)


class Commitment(Base):
    """One sentence of a version that commits to something for children (as `monitor.relevance` reads
    it), in reading order: read for every version, a system's first crawl included, so the archive
    knows what each edition promised, not only what changed."""

    __tablename__ = "commitments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    version_id: Mapped[str] = mapped_column(ForeignKey("versions.id"), index=True)
    document_id: Mapped[str] = mapped_column(String(16))
    system_id: Mapped[str] = mapped_column(String(60))
    position: Mapped[int] = mapped_column(Integer)  # its order in the version's text
    page: Mapped[int | None] = mapped_column(Integer)
    section: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    themes: Mapped[list] = mapped_column(JSON, default=list)
    tags: Mapped[list] = mapped_column(JSON, default=list)
    reasons: Mapped[list] = mapped_column(JSON, default=list)


class ScorecardReview(Base):
    """A reviewer's word on one scorecard rating (`icswatch scorecard review`): confirmed or overridden,
    with a note, made on one version. Never updated or deleted: a later review is a new row, and a
    review of an earlier edition stays with it when the next edition is rated."""

    __tablename__ = "scorecard_reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    system_id: Mapped[str] = mapped_column(String(60), index=True)
    doc_type: Mapped[str] = mapped_column(String(24))
    indicator: Mapped[str] = mapped_column(String(60))
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"))
    version_id: Mapped[str] = mapped_column(ForeignKey("versions.id"))
    automatic: Mapped[str] = mapped_column(String(16))  # what the rules said when it was reviewed
    rating: Mapped[str] = mapped_column(String(16))  # the reviewer's rating (the same, when confirmed)
    decision: Mapped[str] = mapped_column(String(16))  # confirmed | overridden
    note: Mapped[str] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(200))
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime)
