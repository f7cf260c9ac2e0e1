"""The state of every watched system, for `icswatch status`: is its crawl healthy, and what is archived.

Takes the archive and the sources file and returns one `SystemStatus` per system (active ones first):
the last crawl in which it had no failures, how many runs in a row it has failed since, and the last
error (from the run reports `monitor.crawl` writes); its documents by type with the date of each
type's latest version, whether an easy read version is known, and how many documents went missing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from store.db import Archive
from store.models import Document, Run

DOC_TYPES = ("strategy", "joint_forward_plan", "other", "easy_read")


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
    documents: dict[str, DocumentCount] = field(default_factory=dict)
    easy_read_known: bool = False
    missing: int = 0

    def to_dict(self) -> dict:
        data = asdict(self)
        data["last_success"] = self.last_success.isoformat() if self.last_success else None
        data["documents"] = {kind: {"count": c.count,
                                    "latest_version": c.latest_version.isoformat() if c.latest_version else None}
                             for kind, c in self.documents.items()}
        return data


def system_statuses(archive: Archive, sources) -> list[SystemStatus]:
    systems = sorted(sources.systems, key=lambda s: not s.is_active)  # stable: config order within each
    with archive.session() as session:
        runs = session.scalars(select(Run).where(Run.status != "running").order_by(Run.started_at.desc())).all()
        documents = session.scalars(select(Document).options(selectinload(Document.versions))).all()
    by_system: dict[str, list[Document]] = {}
    for document in documents:
        by_system.setdefault(document.system_id, []).append(document)
    statuses = []
    for source in systems:
        status = SystemStatus(source.id, source.name, source.status)
        _crawl_health(status, runs)
        _documents(status, by_system.get(source.id, []))
        statuses.append(status)
    return statuses


def _crawl_health(status: SystemStatus, runs: list[Run]) -> None:
    """Walk the runs newest first until one in which the system had no failures."""
    for run in runs:
        entry = next((s for s in (run.report or {}).get("systems", []) if s.get("system_id") == status.system_id),
                     None)
        if entry is None:
            continue  # a run of other systems
        failures = list(entry.get("failures") or [])
        if run.status != "completed":
            failures.append({"url": "", "error": "the crawler process did not finish"})
        if not failures:
            status.last_success = run.finished_at
            return
        status.consecutive_failures += 1
        if status.last_error is None:
            first = failures[0]
            status.last_error = f"{first['url']}: {first['error']}" if first.get("url") else first["error"]


def _documents(status: SystemStatus, documents: list[Document]) -> None:
    for document in documents:
        if document.missing_since is not None:
            status.missing += 1
            continue
        kind = "easy_read" if document.easy_read else document.doc_type
        count = status.documents.setdefault(kind, DocumentCount())
        count.count += 1
        latest = max((v.first_seen for v in document.versions), default=None)
        if latest and (count.latest_version is None or latest > count.latest_version):
            count.latest_version = latest
    status.easy_read_known = "easy_read" in status.documents
