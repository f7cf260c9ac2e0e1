"""`icswatch schedule`: crawl and send the digest on the configured timetable, surviving restarts.

Takes the settings and the `schedule:` part of the sources file; the decisions are pure functions of
`now` (`next_runs`, `due_digest_period`, `due_jobs`), and the jobs (`crawl_job`, `digest_job`) call the same
functions as `icswatch crawl` and `icswatch send`. APScheduler keeps its jobs in the archive's database
(table `apscheduler_jobs`). A digest missed while the service was down is found through the outbox (the
record of what was sent for each period) and sent when it comes back: only the most recent period, so
a long outage never floods recipients with a backlog. A delivery that failed (SMTP down at the digest
time) is retried with back-off while the scheduler runs (`monitor.retries`). The crawl lock makes overlapping crawls
impossible, across processes and machines.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from store.db import Archive, open_archive
from store.lock import LockedError
from store.vocabulary import DeliveryStatus

from .config import DeliverySettings, ScheduleSettings, check_sources, load_sources
from .config.models import cron_trigger
from .crawl import run_crawl
from .errors import IcsWatchError
from .outbox import unsent_recipients
from .periods import scheduled_period
from .recipients import load_recipients, recipients_path
from .retries import retry_job
from .sending import send_period, system_ids
from .settings import Settings

log = logging.getLogger(__name__)

JOBS_TABLE = "apscheduler_jobs"
_LOOKBACK = (timedelta(hours=1), timedelta(days=1), timedelta(days=8), timedelta(days=32), timedelta(days=367))


def trigger(expression: str, schedule: ScheduleSettings) -> CronTrigger:
    return cron_trigger(expression, schedule.timezone)


def next_runs(schedule: ScheduleSettings, now: datetime) -> dict[str, datetime]:
    """The next crawl and digest after `now`, in the schedule's time zone."""
    return {name: trigger(getattr(schedule, name), schedule).get_next_fire_time(None, now)
            for name in ("crawl", "digest")}


def last_fire(expression: str, schedule: ScheduleSettings, now: datetime) -> datetime | None:
    """The latest time at or before `now` the cron expression fired (None if not within a year)."""
    cron = trigger(expression, schedule)
    for lookback in _LOOKBACK:
        fire = cron.get_next_fire_time(None, now - lookback)
        if fire is None or fire > now:
            continue
        while True:
            following = cron.get_next_fire_time(fire, fire + timedelta(seconds=1))
            if following is None or following > now:
                return fire
            fire = following
    return None


def due_digest_period(schedule: ScheduleSettings, now: datetime) -> tuple[datetime, datetime] | None:
    """The period of the most recent scheduled digest at or before `now` (the only one caught up): the
    `digest_period_days` whole UTC days up to the midnight before it (see `monitor.periods`)."""
    fired = last_fire(schedule.digest, schedule, now)
    return scheduled_period(fired, schedule.digest_period_days) if fired else None


def due_jobs(schedule: ScheduleSettings, since: datetime, now: datetime) -> list[str]:
    """The jobs whose time came in (since, now]."""
    return [name for name in ("crawl", "digest")
            if (fire := last_fire(getattr(schedule, name), schedule, now)) is not None and fire > since]


def crawl_job(data_dir: str, sources_path: str, db_url: str) -> str:
    """One scheduled crawl: 'completed', 'failed' or 'skipped' (another crawl holds the lock)."""
    settings = Settings(data_dir=Path(data_dir), sources_path=Path(sources_path), db_url=db_url)
    try:
        report = run_crawl(settings)
    except LockedError as exc:
        log.warning("scheduled crawl skipped: %s", exc)
        return "skipped"
    except Exception:  # a boundary: the scheduler must outlive any one run
        log.exception("scheduled crawl failed")
        return "failed"
    failing = [s.system_id for s in report.systems if not s.ok]
    log.info("scheduled crawl %s %s: %d changes (%d relevant); failing: %s", report.run_id, report.status,
             report.changes, report.relevant_changes, ", ".join(failing) or "none")
    return report.status


def digest_job(data_dir: str, sources_path: str, db_url: str, recipients_file: str | None = None,
               now: datetime | None = None) -> str:
    """Send the most recent scheduled digest period unless the outbox says it was sent to everyone:
    at each digest time, and on start (a digest missed while the service was down). Returns
    'sent', 'failed', 'nothing due', 'no recipients' or 'already sent'."""
    now = now or datetime.now(UTC)
    settings = Settings(data_dir=Path(data_dir), sources_path=Path(sources_path), db_url=db_url)
    try:
        schedule = load_sources(settings.sources_path).schedule
        outstanding = outstanding_period(settings, schedule, now, recipients_file)
        if outstanding is None:
            return "nothing due"
        (start, end), emails, waiting = outstanding
        if not emails:
            log.warning("digest %s to %s: no recipients; nothing to send", f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}")
            return "no recipients"
        if not waiting:
            return "already sent"
        log.info("digest %s to %s: sending to %d recipients", f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}", len(waiting))
        report = send_period(settings, start, end, now, recipients_file=recipients_file)
    except (IcsWatchError, OSError) as exc:
        log.error("scheduled digest failed: %s", exc)
        return "failed"
    except Exception:  # a boundary: the scheduler must outlive any one run
        log.exception("scheduled digest failed")
        return "failed"
    if not report.ok:
        log.error("digest %s to %s: %d not delivered; retried with back-off while the scheduler runs",
                  f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}", sum(d.status == DeliveryStatus.FAILED for d in report.deliveries))
        return "failed"
    return "sent"


def outstanding_period(settings: Settings, schedule: ScheduleSettings, now: datetime,
                       recipients_file: str | None = None):
    """((start, end), recipients, those not yet sent it) for the most recent digest period, or None if
    no digest time has passed."""
    period = due_digest_period(schedule, now)
    if period is None:
        return None
    sources, _ = check_sources(settings.sources_path)
    emails = [r.email for r in load_recipients(recipients_path(recipients_file), system_ids(sources))]
    archive = open_archive(settings.db_url, settings.data_dir)
    try:
        return period, emails, unsent_recipients(archive, emails, *period)
    finally:
        archive.close()


def run_due(settings: Settings, since: datetime, now: datetime, recipients_file: str | None = None) -> dict[str, str]:
    """Run what came due in (since, now], as the scheduler would: {job: outcome}."""
    schedule = load_sources(settings.sources_path).schedule
    args = _job_args(settings)
    jobs = {"crawl": lambda: crawl_job(*args), "digest": lambda: digest_job(*args, recipients_file, now=now)}
    return {name: jobs[name]() for name in due_jobs(schedule, since, now)}


def add_jobs(scheduler: BaseScheduler, settings: Settings, schedule: ScheduleSettings,
             recipients_file: str | None = None, delivery: DeliverySettings | None = None) -> None:
    """The crawl and digest jobs, and the retry of failed digests (see `monitor.retries`), replacing
    whatever the job store kept from an earlier start."""
    delivery = delivery or DeliverySettings()
    args = _job_args(settings)
    scheduler.add_job(crawl_job, trigger(schedule.crawl, schedule), args=args, id="crawl", name="crawl",
                      replace_existing=True, coalesce=True, max_instances=1, misfire_grace_time=6 * 3600)
    scheduler.add_job(digest_job, trigger(schedule.digest, schedule), args=[*args, recipients_file], id="digest",
                      name="digest", replace_existing=True, coalesce=True, max_instances=1,
                      misfire_grace_time=3600)
    scheduler.add_job(retry_job, IntervalTrigger(minutes=delivery.retry_minutes), args=[*args, recipients_file],
                      id="digest-retry", name="retry failed digests", replace_existing=True, coalesce=True,
                      max_instances=1, misfire_grace_time=3600)


def build_scheduler(scheduler_class: type[BaseScheduler], settings: Settings, recipients_file: str | None = None):
    """(scheduler with its jobs, archive whose engine holds the job store). Start it; close the archive after."""
    sources = load_sources(settings.sources_path)
    schedule = sources.schedule
    archive: Archive = open_archive(settings.db_url, settings.data_dir)
    scheduler = scheduler_class(timezone=ZoneInfo(schedule.timezone),
                                jobstores={"default": SQLAlchemyJobStore(engine=archive.engine, tablename=JOBS_TABLE)})
    add_jobs(scheduler, settings, schedule, recipients_file, sources.delivery)
    return scheduler, archive


def catch_up(settings: Settings, now: datetime, recipients_file: str | None = None) -> str:
    """On start: send the most recent digest period if it was missed while the service was down."""
    outcome = digest_job(*_job_args(settings), recipients_file, now=now)
    if outcome in ("sent", "failed"):
        log.info("catch-up on start: the last digest period was not sent to everyone: %s", outcome)
    return outcome


def _job_args(settings: Settings) -> list[str]:
    return [str(settings.data_dir), str(settings.sources_path), settings.db_url]
