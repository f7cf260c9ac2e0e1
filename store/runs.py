"""The queries a crawl run needs about itself: start and finish it, and what it fetched and failed.

Takes a session and returns rows or plain values; `monitor.crawl` turns them into the run report.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import Document, Fetch, Run, Version
from .vocabulary import FAILED_FETCHES, ExtractOutcome, FetchOutcome, RunStatus

_FETCH_FAILED = (FetchOutcome.FAILED, FetchOutcome.ERROR_PAGE)  # the URL itself failed (not a limit, not a verdict)


def start_run(session: Session, started_at: datetime) -> str:
    run = Run(started_at=started_at, status=RunStatus.RUNNING)
    session.add(run)
    session.commit()
    return run.id


def finish_run(session: Session, run_id: str, finished_at: datetime, status: str, report: dict) -> None:
    run = session.get(Run, run_id)
    run.finished_at, run.status, run.report = finished_at, status, report
    session.commit()


def failed_urls(session: Session, run_id: str, system_id: str) -> list[str]:
    """The URLs of a system whose fetch failed in this run."""
    return list(session.scalars(select(Fetch.url).where(Fetch.run_id == run_id, Fetch.system_id == system_id,
                                                        Fetch.outcome.in_(_FETCH_FAILED))).all())


def run_fetches(session: Session, run_id: str) -> list[Fetch]:
    return list(session.scalars(select(Fetch).where(Fetch.run_id == run_id)).all())


def unreadable_versions(session: Session, run_id: str) -> list[tuple[str, str, str, str]]:
    """(system id, URL, extraction outcome, version id) of this run's versions whose text could not be read."""
    return [tuple(row) for row in session.execute(
        select(Document.system_id, Version.url, Version.extract_outcome, Version.id).join(Document)
        .where(Version.run_id == run_id, Version.extract_outcome != ExtractOutcome.OK)).all()]


def missing_counts(session: Session, system_ids: list[str]) -> dict[str, int]:
    """How many documents of each system are marked missing."""
    return dict(session.execute(select(Document.system_id, func.count()).where(
        Document.system_id.in_(system_ids), Document.missing_since.is_not(None))
        .group_by(Document.system_id)).all())


def failed_fetches_between(session: Session, since: datetime, until: datetime) -> list[Fetch]:
    """Fetches that failed (or hit a limit) in [since, until), oldest first."""
    return list(session.scalars(select(Fetch).where(
        Fetch.outcome.in_(FAILED_FETCHES), Fetch.fetched_at >= since, Fetch.fetched_at < until)
        .order_by(Fetch.fetched_at, Fetch.id)).all())
