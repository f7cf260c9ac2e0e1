"""Coverage of the known set: for every active system, by region, its current strategy, Joint Forward
Plan and easy read versions, when each last changed, the last successful crawl, and whether its
sources need attention. The same rows as CSV.

Takes the `Site` and returns `CoverageRow`s (and CSV text). "Current" means the newest edition still
online: not missing, and not continued by a later edition.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime

from store.browse import DocumentSummary, document_summaries, recent_runs, superseded_ids
from store.vocabulary import DocType

from ..status import crawl_health
from .site import Site


@dataclass
class Current:
    """The newest online document of one kind for one system."""

    document_id: str
    title: str | None
    latest_seen: datetime | None
    version_count: int


@dataclass
class CoverageRow:
    system_id: str
    name: str
    region: str
    status: str
    current_strategy: Current | None = None
    current_plan: Current | None = None
    easy_read: list[Current] = field(default_factory=list)
    missing: int = 0
    last_refresh: datetime | None = None
    last_success: datetime | None = None
    last_error: str | None = None
    failing_runs: int = 0

    @property
    def needs_attention(self) -> bool:
        return self.failing_runs > 0

    def to_json(self) -> dict:
        def one(c: Current | None) -> dict | None:
            return None if c is None else {"document_id": c.document_id, "title": c.title,
                                           "latest_version": _iso(c.latest_seen), "versions": c.version_count}
        return {"system_id": self.system_id, "name": self.name, "region": self.region, "status": self.status,
                DocType.STRATEGY.value: one(self.current_strategy), DocType.JOINT_FORWARD_PLAN.value: one(self.current_plan),
                "easy_read": [one(c) for c in self.easy_read], "missing": self.missing,
                "last_refresh": _iso(self.last_refresh), "last_success": _iso(self.last_success),
                "consecutive_failures": self.failing_runs, "last_error": self.last_error}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def coverage(site: Site, include_inactive: bool = False) -> list[CoverageRow]:
    """One row per system of the sources file (active ones unless asked), then any archived system the
    sources file does not name, in region then name order."""
    with site.archive.session() as session:
        summaries = document_summaries(session)
        replaced = superseded_ids(session)
        runs = recent_runs(session)
    rows: dict[str, CoverageRow] = {}
    for source in (site.sources.systems if site.sources else []):
        if source.is_active or include_inactive:
            rows[source.id] = CoverageRow(source.id, source.name, source.region, source.status)
    for summary in summaries:
        system = summary.document.system_id
        if system not in rows and (site.sources is None or system not in {s.id for s in site.sources.systems}):
            rows[system] = CoverageRow(system, system, "Not in the sources file", "archived")
        if system in rows:
            _add(rows[system], summary, summary.document.id in replaced)
    for row in rows.values():
        _health(row, runs)
    return sorted(rows.values(), key=lambda r: (r.region, r.name))


def _add(row: CoverageRow, summary: DocumentSummary, replaced: bool) -> None:
    document = summary.document
    if document.missing_since is not None:
        row.missing += 1
        return
    if replaced:
        return
    current = Current(document.id, document.title, summary.latest_seen, summary.version_count)
    if summary.latest_seen and (row.last_refresh is None or summary.latest_seen > row.last_refresh):
        row.last_refresh = summary.latest_seen
    if document.easy_read:
        row.easy_read.append(current)
    elif document.doc_type == DocType.STRATEGY:
        row.current_strategy = _newer(row.current_strategy, current)
    elif document.doc_type == DocType.JOINT_FORWARD_PLAN:
        row.current_plan = _newer(row.current_plan, current)


def _newer(old: Current | None, new: Current) -> Current:
    never = datetime.min.replace(tzinfo=UTC)
    if old is None or (new.latest_seen or never) >= (old.latest_seen or never):
        return new
    return old


def _health(row: CoverageRow, runs) -> None:
    """As `icswatch status` (`monitor.status.crawl_health`)."""
    health = crawl_health(row.system_id, runs)
    row.last_success, row.failing_runs, row.last_error = health.last_success, health.failures_in_a_row, health.last_error


CSV_FIELDS = ["system_id", "name", "region", "status", "strategy_title", "strategy_updated", "plan_title",
              "plan_updated", "easy_read_versions", "missing_documents", "last_refresh", "last_successful_crawl",
              "needs_attention", "last_error"]


def coverage_csv(rows: list[CoverageRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for r in rows:
        writer.writerow([_cell(v) for v in (
            r.system_id, r.name, r.region, r.status, r.current_strategy.title if r.current_strategy else "",
            _iso(r.current_strategy.latest_seen) if r.current_strategy else "", r.current_plan.title if r.current_plan else "",
            _iso(r.current_plan.latest_seen) if r.current_plan else "", len(r.easy_read), r.missing, _iso(r.last_refresh),
            _iso(r.last_success), "yes" if r.needs_attention else "no", r.last_error or "")])
    return out.getvalue()


def _cell(value) -> str:
    """A cell a spreadsheet will not run as a formula (titles come from websites)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
