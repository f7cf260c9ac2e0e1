"""Delivery that fails half-way (SMTP answering "451 try later", a server that is down, a recipient
refused) is retried by the next `send` for the same period, and every digest arrives exactly once."""

from __future__ import annotations

from collections import Counter

from click.testing import CliRunner
from sqlalchemy import select

from monitor.cli import cli
from monitor.digest import build_digest
from monitor.mail import smtp_settings
from monitor.outbox import send_digests
from monitor.recipients import Recipient
from store.models import Outbox
from tests.monitor.conftest import NOW, SINCE, UNTIL

RECIPIENTS = [Recipient(email=f"reader{i}@charity.example") for i in range(1, 5)]


def send(week, smtp_server, recipients=RECIPIENTS):
    archive = week.archive()
    digest = build_digest(archive, week.sources(), SINCE, UNTIL, NOW)
    report = send_digests(archive, digest, recipients, NOW, smtp_settings(smtp_server.env()))
    archive.close()
    return report


def outbox(week) -> dict[str, tuple[str, int]]:
    archive = week.archive()
    with archive.session() as session:
        rows = {r.recipient: (r.status, r.attempts) for r in session.scalars(select(Outbox))}
    archive.close()
    return rows


def delivered(smtp_server) -> Counter:
    """How many times each Message-ID arrived, per recipient."""
    return Counter((m["To"], m["Message-ID"]) for m in smtp_server.inbox.messages())


def test_smtp_failing_half_way_then_recovering_sends_each_digest_once(week, smtp_server):
    smtp_server.inbox.fail_after = 2  # two digests go through, then "451 try later"
    first = send(week, smtp_server)
    assert [d.status for d in first.deliveries] == ["sent", "sent", "failed", "failed"]
    assert not first.ok and "451 4.3.0 try later" in first.deliveries[2].error
    assert [d.attempts for d in first.deliveries] == [1, 1, 1, 1]
    assert outbox(week) == {"reader1@charity.example": ("sent", 1), "reader2@charity.example": ("sent", 1),
                            "reader3@charity.example": ("failed", 1), "reader4@charity.example": ("failed", 1)}

    smtp_server.inbox.fail_after = None  # the server recovers
    second = send(week, smtp_server)
    assert [d.status for d in second.deliveries] == ["already sent", "already sent", "sent", "sent"]
    assert [d.attempts for d in second.deliveries] == [1, 1, 2, 2]
    third = send(week, smtp_server)
    assert [d.status for d in third.deliveries] == ["already sent"] * 4

    counts = delivered(smtp_server)
    assert sorted(to for to, _ in counts) == [r.email for r in RECIPIENTS]
    assert set(counts.values()) == {1}  # each digest exactly once
    assert outbox(week) == {"reader1@charity.example": ("sent", 1), "reader2@charity.example": ("sent", 1),
                            "reader3@charity.example": ("sent", 2), "reader4@charity.example": ("sent", 2)}


def test_a_server_that_is_down_loses_nothing(week, smtp_server):
    smtp_server.stop()
    first = send(week, smtp_server)
    assert [d.status for d in first.deliveries] == ["failed"] * 4
    assert "cannot deliver through SMTP server 127.0.0.1" in first.deliveries[0].error
    assert smtp_server.inbox.received == []

    smtp_server.start()  # same port: the settings have not changed
    second = send(week, smtp_server)
    assert [d.status for d in second.deliveries] == ["sent"] * 4
    assert set(delivered(smtp_server).values()) == {1} and len(delivered(smtp_server)) == 4


def test_a_refused_recipient_does_not_stop_the_others_and_is_retried(week, smtp_server):
    smtp_server.inbox.refuse = {"reader2@charity.example"}
    first = send(week, smtp_server)
    assert [d.status for d in first.deliveries] == ["sent", "failed", "sent", "sent"]
    assert "refused reader2@charity.example (550 5.1.1 mailbox unavailable)" in first.deliveries[1].error
    archive = week.archive()
    with archive.session() as session:
        row = session.scalars(select(Outbox).where(Outbox.recipient == "reader2@charity.example")).one()
        assert row.status == "failed" and "550" in row.last_error and row.sent_at is None
    archive.close()

    smtp_server.inbox.refuse = set()
    second = send(week, smtp_server)
    assert [d.status for d in second.deliveries] == ["already sent", "sent", "already sent", "already sent"]
    assert set(delivered(smtp_server).values()) == {1} and len(delivered(smtp_server)) == 4


def test_cli_send_exits_1_when_a_digest_was_not_delivered_and_says_how_to_retry(week, smtp_server, tmp_path):
    recipients = tmp_path / "recipients.yaml"
    recipients.write_text("recipients:\n  - email: reader1@charity.example\n  - email: reader2@charity.example\n")
    smtp_server.inbox.fail_after = 1
    args = ["--data-dir", str(week.data_dir), "--sources", str(week.sources_path), "send",
            "--since", "2026-11-16", "--until", "2026-11-23", "--recipients", str(recipients)]
    failed = CliRunner().invoke(cli, args, env=smtp_server.env())
    assert failed.exit_code == 1
    assert "1 of 2 digests not delivered" in failed.output and "451" in failed.output
    smtp_server.inbox.fail_after = None
    retried = CliRunner().invoke(cli, args, env=smtp_server.env())
    assert retried.exit_code == 0, retried.output
    assert set(delivered(smtp_server).values()) == {1} and len(delivered(smtp_server)) == 2
