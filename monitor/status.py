"""The state of every watched system, for `icswatch status`: is its crawl healthy, and what is archived.

Takes the archive and the sources file and returns one `SystemStatus` per system (active ones first):
the last crawl in which it had no failures, how many runs in a row it has failed since, and the last
error (from the run reports `monitor.crawl` writes); its documents by type with the date of each
type's latest version, whether an easy read version is known, and how many documents went missing.
Documents are counted in buckets: one per document type, and easy read ones apart in their own.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

from store.db import Archive
from store.health import documents_with_versions, finished_runs
from store.models import Document, Run
from store.outbox import undelivered
from store.vocabulary import DeliveryStatus, DocType, RunStatus

from .missing import not_seen_by_system

# Easy read is an audience, not a document type (it is the `easy_read` flag): easy read documents of
# every type are counted together in this bucket, and not in their type's. The name is the key in
# `icswatch status --json`.
EASY_READ_BUCKET = "easy_read"
BUCKETS = (*DocType, EASY_READ_BUCKET)  # the order `icswatch status` lists them in


@dataclass
class DocumentCount:
    count: int = 0
    latest_version: datetime | None = None  # first seen date of the newest version of this type


@dataclass
class SystemStatus:
    system_id: str
    name: str
    status: str  # active | merged | abolished
    last_success: datetime | None = None
    consecutive_failures: int = 0
    last_error: str | None = None
    documents: dict[str, DocumentCount] = field(default_factory=dict)  # by bucket (see BUCKETS)
    easy_read_known: bool = False
    missing: int = 0
    notes: list[str] = field(default_factory=list)  # from its latest run: robots-disallowed documents, budgets
    not_seen: list[dict] = field(default_factory=list)  # missing, not (yet) reported removed (monitor.missing)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["last_success"] = self.last_success.isoformat() if self.last_success else None
        data["documents"] = {bucket: {"count": c.count,
                                      "latest_version": c.latest_version.isoformat() if c.latest_version else None}
                             for bucket, c in self.documents.items()}
        return data


@dataclass(frozen=True)
class Undelivered:
    """A digest still owed to a recipient: failed (being retried) or refused for good (not retried)."""

    recipient: str
    period_start: datetime
    period_end: datetime
    status: str
    attempts: int
    error: str | None


def undelivered_digests(archive: Archive, since: datetime) -> list[Undelivered]:
    """Digests of periods ended after `since` that did not arrive: refused ones first."""
    with archive.session() as session:
        rows = undelivered(session, since, DeliveryStatus.REFUSED, DeliveryStatus.FAILED)
        return [Undelivered(r.recipient, r.period_start, r.period_end, r.status, r.attempts, r.last_error)
                for r in rows]


def system_statuses(archive: Archive, sources) -> list[SystemStatus]:
    systems = sorted(sources.systems, key=lambda s: not s.is_active)  # stable: config order within each
    with archive.session() as session:
        runs = finished_runs(session)
        documents = documents_with_versions(session)
        not_seen = not_seen_by_system(session, [s.id for s in systems])
    by_system: dict[str, list[Document]] = {}
    for document in documents:
        by_system.setdefault(document.system_id, []).append(document)
    statuses = []
    for source in systems:
        status = SystemStatus(source.id, source.name, source.status)
        _crawl_health(status, runs)
        _documents(status, by_system.get(source.id, []))
        status.not_seen = not_seen.get(source.id, [])
        statuses.append(status)
    return statuses


@dataclass
class CrawlHealth:
    last_success: datetime | None = None
    failures_in_a_row: int = 0
    last_error: str | None = None
    notes: list[str] = field(default_factory=list)  # the newest run's: robots-disallowed documents, budgets


def crawl_health(system_id: str, runs: list[Run]) -> CrawlHealth:
    """Walk the runs newest first until one in which the system had no failures; the notes are the
    newest run's. A run that failed before reaching any system (too little disk space) counts for all.
    Shared by `icswatch status` and the web archive's coverage page."""
    health, newest = CrawlHealth(), True
    for run in runs:
        report = run.report or {}
        entry = next((s for s in report.get("systems", []) if s.get("system_id") == system_id), None)
        if entry is not None and newest:
            health.notes, newest = list(entry.get("notes") or []), False
        if entry is None and report.get("error") and not report.get("systems"):
            entry = {"failures": [{"url": "", "error": f"the run failed: {report['error']}"}]}  # before any system
        if entry is None:
            continue  # a run of other systems
        failures = list(entry.get("failures") or [])
        if run.status != RunStatus.COMPLETED:
            failures.append({"url": "", "error": "the crawler process did not finish"})
        if not failures:
            health.last_success = run.finished_at
            return health
        health.failures_in_a_row += 1
        if health.last_error is None:
            first = failures[0]
            health.last_error = f"{first['url']}: {first['error']}" if first.get("url") else first["error"]
    return health


def _crawl_health(status: SystemStatus, runs: list[Run]) -> None:
    health = crawl_health(status.system_id, runs)
    status.last_success, status.consecutive_failures = health.last_success, health.failures_in_a_row
    status.last_error, status.notes = health.last_error, health.notes


def _documents(status: SystemStatus, documents: list[Document]) -> None:
    for document in documents:
        if document.missing_since is not None:
            status.missing += 1
            continue
        bucket = EASY_READ_BUCKET if document.easy_read else document.doc_type
        count = status.documents.setdefault(bucket, DocumentCount())
        count.count += 1
        latest = max((v.first_seen for v in document.versions), default=None)
        if latest and (count.latest_version is None or latest > count.latest_version):
            count.latest_version = latest
    status.easy_read_known = EASY_READ_BUCKET in status.documents
