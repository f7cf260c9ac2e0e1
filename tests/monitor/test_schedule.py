"""The timetable with the clock passed in (`now=`): what is due when, which period a digest covers,
a digest sent when due and a missed one sent exactly once on restart; then one real APScheduler run."""

from __future__ import annotations

import time as clock
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import inspect, select

from monitor.config import ScheduleSettings
from monitor.schedule import (
    JOBS_TABLE,
    build_scheduler,
    catch_up,
    due_digest_period,
    due_jobs,
    next_runs,
    run_due,
)
from store.models import Outbox
from tests.monitor.conftest import NOW, SINCE, UNTIL

DEFAULT = ScheduleSettings()
RECIPIENTS = """\
recipients:
  - email: policy@charity.example
    name: Policy team
  - email: east@charity.example
    regions: [East of England]
"""


def recipients_file(tmp_path) -> str:
    path = tmp_path / "recipients.yaml"
    path.write_text(RECIPIENTS)
    return str(path)


def periods(week) -> set[tuple]:
    archive = week.archive()
    with archive.session() as session:
        rows = {(r.period_start, r.period_end, r.status) for r in session.scalars(select(Outbox)).all()}
    archive.close()
    return rows


def test_next_runs_are_at_night_and_on_monday_morning_in_london():
    runs = next_runs(DEFAULT, NOW)  # Monday 23 November 2026, 07:30 UTC (GMT)
    assert runs["crawl"].isoformat() == "2026-11-24T02:30:00+00:00"
    assert runs["digest"].isoformat() == "2026-11-30T07:00:00+00:00"
    summer = next_runs(DEFAULT, datetime(2026, 6, 1, 5, 0, tzinfo=UTC))  # Monday, 06:00 BST
    assert summer["digest"].astimezone(UTC).isoformat() == "2026-06-01T06:00:00+00:00"


def test_the_digest_period_is_the_whole_days_before_the_digest_time():
    assert due_digest_period(DEFAULT, NOW) == (SINCE, UNTIL)  # as `icswatch send --since 7d` on that Monday
    assert due_digest_period(DEFAULT, NOW - timedelta(hours=1)) == (SINCE - timedelta(days=7), SINCE)
    wednesday = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    assert due_digest_period(DEFAULT, wednesday) == (SINCE, UNTIL)
    fortnightly = ScheduleSettings(digest="0 7 1,15 * *", digest_period_days=14, timezone="UTC")
    assert due_digest_period(fortnightly, wednesday) == (datetime(2026, 11, 1, tzinfo=UTC),
                                                         datetime(2026, 11, 15, tzinfo=UTC))


def test_jobs_are_due_once_their_time_has_come():
    monday = datetime(2026, 11, 23, tzinfo=UTC)
    assert due_jobs(DEFAULT, monday, monday + timedelta(hours=2)) == []
    assert due_jobs(DEFAULT, monday, monday + timedelta(hours=3)) == ["crawl"]
    assert due_jobs(DEFAULT, monday, NOW) == ["crawl", "digest"]
    assert due_jobs(DEFAULT, NOW - timedelta(minutes=1), NOW) == []


def test_the_digest_is_sent_when_due(week, smtp_server, tmp_path, monkeypatch):
    for name, value in smtp_server.env().items():
        monkeypatch.setenv(name, value)
    outcome = run_due(week.settings(), NOW - timedelta(hours=1), NOW, recipients_file(tmp_path))
    assert outcome == {"digest": "sent"}
    received = smtp_server.inbox.messages()
    assert sorted(m["To"].addresses[0].addr_spec for m in received) == ["east@charity.example",
                                                                        "policy@charity.example"]
    assert periods(week) == {(SINCE, UNTIL, "sent")}


def test_a_digest_missed_while_down_is_sent_once_on_restart(week, smtp_server, tmp_path, monkeypatch):
    for name, value in smtp_server.env().items():
        monkeypatch.setenv(name, value)
    recipients = recipients_file(tmp_path)
    wednesday, thursday = datetime(2026, 11, 25, 10, tzinfo=UTC), datetime(2026, 11, 26, 9, tzinfo=UTC)
    assert catch_up(week.settings(), wednesday, recipients) == "sent"
    assert catch_up(week.settings(), thursday, recipients) == "already sent"
    assert len(smtp_server.inbox.received) == 2  # one per recipient, once
    assert periods(week) == {(SINCE, UNTIL, "sent")}


def test_after_a_long_outage_only_the_latest_period_is_caught_up(week, smtp_server, tmp_path, monkeypatch):
    for name, value in smtp_server.env().items():
        monkeypatch.setenv(name, value)
    three_weeks_later = NOW + timedelta(days=16)
    assert catch_up(week.settings(), three_weeks_later, recipients_file(tmp_path)) == "sent"
    assert len(smtp_server.inbox.received) == 2
    assert periods(week) == {(datetime(2026, 11, 30, tzinfo=UTC), datetime(2026, 12, 7, tzinfo=UTC), "sent")}


def test_a_digest_that_failed_is_retried_on_the_next_start(week, smtp_server, tmp_path, monkeypatch):
    for name, value in smtp_server.env().items():
        monkeypatch.setenv(name, value)
    recipients = recipients_file(tmp_path)
    smtp_server.stop()
    assert catch_up(week.settings(), NOW, recipients) == "failed"
    smtp_server.start()
    assert catch_up(week.settings(), NOW + timedelta(hours=1), recipients) == "sent"
    assert catch_up(week.settings(), NOW + timedelta(hours=2), recipients) == "already sent"
    assert len(smtp_server.inbox.received) == 2


def test_the_real_scheduler_runs_the_digest_job_and_keeps_its_jobs_in_the_database(week, smtp_server, tmp_path,
                                                                                     monkeypatch):
    for name, value in smtp_server.env().items():
        monkeypatch.setenv(name, value)
    scheduler, archive = build_scheduler(BackgroundScheduler, week.settings(), recipients_file(tmp_path))
    try:
        scheduler.start()
        scheduler.modify_job("digest", next_run_time=datetime.now(UTC) + timedelta(seconds=0.2))
        deadline = clock.monotonic() + 20
        while len(smtp_server.inbox.received) < 2 and clock.monotonic() < deadline:
            clock.sleep(0.1)
        assert len(smtp_server.inbox.received) == 2
        assert {job.id for job in scheduler.get_jobs()} == {"crawl", "digest", "digest-retry"}
        assert JOBS_TABLE in inspect(archive.engine).get_table_names()
    finally:
        scheduler.shutdown(wait=True)
        archive.close()
    again, archive = build_scheduler(BackgroundScheduler, week.settings(), recipients_file(tmp_path))
    try:  # a restart replaces the stored jobs rather than adding a second copy
        again.start(paused=True)
        assert sorted(job.id for job in again.get_jobs()) == ["crawl", "digest", "digest-retry"]
    finally:
        again.shutdown(wait=False)
        archive.close()


def test_schedule_refuses_to_start_without_a_mail_server(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from monitor.cli import cli

    for name in ("ICSWATCH_SMTP_HOST", "ICSWATCH_MAIL_FROM"):
        monkeypatch.delenv(name, raising=False)
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "data"), "schedule"])
    assert result.exit_code == 2
    assert "the scheduled digest cannot be sent: sending mail needs ICSWATCH_SMTP_HOST and ICSWATCH_MAIL_FROM" in result.output
    assert not (tmp_path / "data" / "icswatch.sqlite3").exists()  # nothing started
