"""Retrying digests that failed, while the scheduler runs: with back-off, for every period still owed.

Takes the outbox (rows marked failed) and the `delivery:` settings of the sources file; `retry_job` is
the scheduler's job, run every `retry_minutes`. A failed row is tried again `retry_minutes` after its
last try, then after twice as long each time, never waiting more than `retry_max_hours`, for
`retry_days` after its period ended. Only those recipients are sent to, with the digest of their own
period, so a digest that failed on Monday still arrives on Monday afternoon, not never. A server that
refuses a digest for good (5xx) `max_refusals` times in a row marks it refused: no more tries.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

from store.db import open_archive
from store.outbox import undelivered
from store.vocabulary import DeliveryStatus

from .config import DeliverySettings, load_sources
from .errors import IcsWatchError
from .sending import send_period
from .settings import Settings

log = logging.getLogger(__name__)


def retry_delay(attempts: int, delivery: DeliverySettings) -> timedelta:
    """How long after a failed try the next one is due: `retry_minutes`, doubling with every try."""
    cap = timedelta(hours=delivery.retry_max_hours)
    if attempts > 32:  # 2**32 minutes is far beyond any cap
        return cap
    return min(timedelta(minutes=delivery.retry_minutes * 2 ** max(attempts - 1, 0)), cap)


def due_retries(rows, delivery: DeliverySettings, now: datetime) -> dict[tuple[datetime, datetime], set[str]]:
    """{(period start, end): recipients} whose failed digest is due for another try at `now`."""
    due: dict[tuple[datetime, datetime], set[str]] = defaultdict(set)
    for row in rows:
        if row.attempted_at is None or row.attempted_at + retry_delay(row.attempts, delivery) <= now:
            due[(row.period_start, row.period_end)].add(row.recipient)
    return dict(due)


def retry_job(data_dir: str, sources_path: str, db_url: str, recipients_file: str | None = None,
              now: datetime | None = None) -> str:
    """Retry the failed digests that are due: 'nothing to retry', 'sent' or 'failed'."""
    now = now or datetime.now(UTC)
    settings = Settings(data_dir=Path(data_dir), sources_path=Path(sources_path), db_url=db_url)
    try:
        delivery = load_sources(settings.sources_path).delivery
        archive = open_archive(settings.db_url, settings.data_dir)
        try:
            with archive.session() as session:
                rows = undelivered(session, now - timedelta(days=delivery.retry_days), DeliveryStatus.FAILED)
                due = due_retries(rows, delivery, now)
        finally:
            archive.close()
        if not due:
            return "nothing to retry"
        outcome = "sent"
        for (start, end), emails in sorted(due.items()):
            log.info("digest %s to %s: retrying %d failed deliveries", f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}",
                     len(emails))
            if not send_period(settings, start, end, now, recipients_file=recipients_file, only=emails).ok:
                outcome = "failed"
    except (IcsWatchError, OSError) as exc:
        log.error("retrying failed digests: %s", exc)
        return "failed"
    except Exception:  # a boundary: the scheduler must outlive any one run
        log.exception("retrying failed digests failed")
        return "failed"
    return outcome
