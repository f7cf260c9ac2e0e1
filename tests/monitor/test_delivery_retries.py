"""Delivery you can trust: a digest that failed at its time is retried with back-off by the running
scheduler (not only at the next start or the next Monday); a message the server took is sent even when
QUIT goes wrong; a permanent refusal stops after a few tries and is reported to the maintainer; and a
period with many changes gives an email of bounded size that says where the rest are."""

from __future__ import annotations

from datetime import timedelta

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP
from click.testing import CliRunner
from sqlalchemy import select

from monitor.cli import cli
from monitor.config import DeliverySettings
from monitor.retries import retry_delay, retry_job
from monitor.schedule import digest_job
from store.db import open_archive
from store.models import Outbox
from tests.monitor.conftest import NOW, SINCE, UNTIL
from tests.monitor.test_mail_failures import RECIPIENTS, delivered, outbox, send

EVERY = DeliverySettings()  # the defaults: first retry after 10 minutes, doubling, at most 6 hours apart


def recipients_file(tmp_path, *emails: str) -> str:
    path = tmp_path / "recipients.yaml"
    path.write_text("recipients:\n" + "".join(f"  - email: {e}\n" for e in emails or ("policy@charity.example",
                                                                                       "east@charity.example")))
    return str(path)


def job_args(week, recipients: str) -> list[str]:
    return [str(week.data_dir), str(week.sources_path), week.db_url, recipients]


def test_retries_back_off_doubling_up_to_the_cap():
    assert [retry_delay(n, EVERY) for n in (1, 2, 3, 4)] == [timedelta(minutes=m) for m in (10, 20, 40, 80)]
    assert retry_delay(7, EVERY) == timedelta(hours=6)  # 640 minutes, capped
    assert retry_delay(10_000, EVERY) == timedelta(hours=6)


def test_smtp_down_at_digest_time_is_retried_by_the_running_scheduler(week, smtp_server, tmp_path, monkeypatch):
    for name, value in smtp_server.env().items():
        monkeypatch.setenv(name, value)
    recipients = recipients_file(tmp_path)
    smtp_server.stop()
    assert digest_job(*job_args(week, recipients), now=NOW) == "failed"  # Monday 07:30, SMTP is down
    assert retry_job(*job_args(week, recipients), now=NOW + timedelta(minutes=5)) == "nothing to retry"
    assert retry_job(*job_args(week, recipients), now=NOW + timedelta(minutes=11)) == "failed"  # still down
    assert {r: s for r, (s, _) in outbox(week).items()} == {"policy@charity.example": "failed",
                                                            "east@charity.example": "failed"}
    assert retry_job(*job_args(week, recipients), now=NOW + timedelta(minutes=25)) == "nothing to retry"  # 20 min

    smtp_server.start()
    assert retry_job(*job_args(week, recipients), now=NOW + timedelta(minutes=32)) == "sent"
    assert outbox(week) == {"policy@charity.example": ("sent", 3), "east@charity.example": ("sent", 3)}
    assert [m["Subject"].endswith("16–22 Nov 2026") for m in smtp_server.inbox.messages()] == [True, True]
    assert retry_job(*job_args(week, recipients), now=NOW + timedelta(hours=5)) == "nothing to retry"

    # the next Monday sends the new week; the week that failed was not lost on the way
    assert digest_job(*job_args(week, recipients), now=NOW + timedelta(days=7)) == "sent"
    archive = week.archive()
    with archive.session() as session:
        periods = sorted((r.period_start, r.status) for r in session.scalars(select(Outbox)))
    archive.close()
    assert periods == [(SINCE, "sent"), (SINCE, "sent"), (UNTIL, "sent"), (UNTIL, "sent")]
    assert set(delivered(smtp_server).values()) == {1} and len(delivered(smtp_server)) == 4


def test_a_failed_digest_is_no_longer_retried_weeks_after_its_period(week, smtp_server, tmp_path, monkeypatch):
    for name, value in smtp_server.env().items():
        monkeypatch.setenv(name, value)
    recipients = recipients_file(tmp_path)
    smtp_server.stop()
    assert digest_job(*job_args(week, recipients), now=NOW) == "failed"
    smtp_server.start()
    assert retry_job(*job_args(week, recipients), now=UNTIL + timedelta(days=29)) == "nothing to retry"
    assert smtp_server.inbox.received == []


class QuitFails(SMTP):
    """A server that takes the message, then answers QUIT with an error and drops the line."""

    async def smtp_QUIT(self, arg):
        await self.push("554 5.3.0 something broke on the way out")
        self.transport.close()


class QuitFailsController(Controller):
    def factory(self):
        return QuitFails(self.handler)


def test_a_message_the_server_accepted_is_sent_even_when_quit_fails(week, smtp_server):
    smtp_server.stop()
    smtp_server.controller = QuitFailsController(smtp_server.inbox, hostname="127.0.0.1", port=smtp_server.port)
    smtp_server.controller.start()
    first = send(week, smtp_server)
    assert [d.status for d in first.deliveries] == ["sent"] * 4
    again = send(week, smtp_server)
    assert [d.status for d in again.deliveries] == ["already sent"] * 4
    assert set(delivered(smtp_server).values()) == {1} and len(delivered(smtp_server)) == 4


def test_a_permanent_refusal_stops_after_three_tries_and_the_maintainer_is_told(week, smtp_server, tmp_path):
    smtp_server.inbox.refuse = {"reader2@charity.example"}
    statuses = [send(week, smtp_server).deliveries[1].status for _ in range(3)]
    assert statuses == ["failed", "failed", "refused"]
    rcpts_before = len(smtp_server.inbox.received)
    fourth = send(week, smtp_server)
    assert [d.status for d in fourth.deliveries] == ["already sent", "refused", "already sent", "already sent"]
    assert "550 5.1.1 mailbox unavailable" in fourth.deliveries[1].error
    assert len(smtp_server.inbox.received) == rcpts_before and outbox(week)["reader2@charity.example"] == ("refused", 3)
    # the scheduler does not retry it either
    later = NOW + timedelta(days=1)
    assert retry_job(str(week.data_dir), str(week.sources_path), week.db_url,
                     recipients_file(tmp_path, "reader2@charity.example"), now=later) == "nothing to retry"

    status = CliRunner().invoke(cli, ["--data-dir", str(week.data_dir), "--sources", str(week.sources_path), "status"])
    assert status.exit_code == 0, status.output
    assert "Digests not delivered:" in status.output
    assert ("reader2@charity.example, 2026-11-16 to 2026-11-23: refused for good by the mail server, not tried "
            "again: check the address (3 tries)") in " ".join(status.output.split())


def test_try_later_answers_are_retried_and_never_counted_as_refusals(week, smtp_server):
    smtp_server.inbox.fail_after = 0  # "451 try later" to everything
    for _ in range(5):
        assert {d.status for d in send(week, smtp_server).deliveries} == {"failed"}
    assert {status for status, _ in outbox(week).values()} == {"failed"}
    smtp_server.inbox.fail_after = None
    assert {d.status for d in send(week, smtp_server).deliveries} == {"sent"}
    assert len(RECIPIENTS) == len(delivered(smtp_server))


def test_a_long_digest_is_cut_to_the_configured_size_and_says_where_the_rest_are(week, smtp_server, tmp_path):
    sources = tmp_path / "sources.yaml"
    sources.write_text(week.sources_path.read_text() + "\ndelivery:\n  max_items: 2\n")
    recipients = recipients_file(tmp_path, "policy@charity.example")
    args = ["--data-dir", str(week.data_dir), "--sources", str(sources), "send", "--since", "2026-11-16",
            "--until", "2026-11-23", "--recipients", recipients]
    full = CliRunner().invoke(cli, ["--data-dir", str(week.data_dir), "--sources", str(week.sources_path),
                                    "digest", "--since", "2026-11-16", "--until", "2026-11-23", "--format", "json"])
    listed = [i for i in __import__("json").loads(full.output)["items"] if not i["baseline"]]
    assert len(listed) > 3  # the week has more than the cap

    result = CliRunner().invoke(cli, args, env=smtp_server.env(ICSWATCH_ARCHIVE_URL="https://archive.example/"))
    assert result.exit_code == 0, result.output
    [message] = smtp_server.inbox.messages()
    text = " ".join(message.get_body(("plain",)).get_content().split())
    html = message.get_body(("html",)).get_content()
    left = len(listed) - 2
    assert f"This email is shortened: {left} more changes" in text
    assert "https://archive.example/changes?since=2026-11-16&until=2026-11-23" in text
    assert 'href="https://archive.example/changes?since=2026-11-16&amp;until=2026-11-23"' in html
    relevant = sum(i["relevant"] for i in listed)
    assert message["Subject"].startswith(f"ICS Watch: {relevant} changes to children's commitments")


def test_retries_and_refusals_on_either_database(db_url, smtp_server, tmp_path, monkeypatch):
    """The outbox's retry record (when tried, refusals in a row) on SQLite and PostgreSQL: an archive with
    nothing in it still owes its readers the week's (empty) digest."""
    for name, value in smtp_server.env().items():
        monkeypatch.setenv(name, value)
    sources = tmp_path / "sources.yaml"
    sources.write_text("systems:\n  - id: severn\n    name: Severn\n    region: South West\n"
                       "    icb: {name: NHS Severn ICB, website: 'https://severn.example/'}\n")
    data_dir = tmp_path / "data"
    open_archive(db_url, data_dir).close()
    recipients = recipients_file(tmp_path, "policy@charity.example", "gone@charity.example")
    args = [str(data_dir), str(sources), db_url, recipients]
    smtp_server.inbox.refuse = {"gone@charity.example"}
    smtp_server.stop()
    assert digest_job(*args, now=NOW) == "failed"  # SMTP down at digest time
    smtp_server.start()
    assert retry_job(*args, now=NOW + timedelta(minutes=5)) == "nothing to retry"
    assert retry_job(*args, now=NOW + timedelta(minutes=11)) == "failed"  # policy@ sent, gone@ refused (1)
    assert retry_job(*args, now=NOW + timedelta(minutes=32)) == "failed"  # refused (2)
    assert retry_job(*args, now=NOW + timedelta(minutes=73)) == "failed"  # refused (3): given up
    assert retry_job(*args, now=NOW + timedelta(hours=9)) == "nothing to retry"
    archive = open_archive(db_url, data_dir)
    with archive.session() as session:
        rows = {r.recipient: (r.status, r.attempts, r.refusals) for r in session.scalars(select(Outbox))}
    archive.close()
    assert rows == {"policy@charity.example": ("sent", 2, 0), "gone@charity.example": ("refused", 4, 3)}
    assert [m["To"] for m in smtp_server.inbox.messages()] == ["policy@charity.example"]
