"""Sending the digest to a real SMTP server on 127.0.0.1 (aiosmtpd), and asserting on what it received:
multipart text and HTML, subject, recipients, the passages, a hostile page escaped, filters applied."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from monitor.cli import cli
from monitor.digest import build_digest
from monitor.errors import ConfigError
from monitor.mail import message_id, smtp_settings
from monitor.outbox import send_digests
from monitor.recipients import Recipient
from store.models import Change, Document, Outbox
from tests.monitor.conftest import NOW, SINCE, UNTIL

EVERYONE = Recipient(email="policy@charity.example", name="Policy team")
EAST = Recipient(email="east@charity.example", regions=["East of England"])
CARE_LEAVERS = Recipient(email="care@charity.example", themes=["looked_after_children"], systems=["severn"])


def send(week, recipients, smtp_server, **kwargs):
    archive = week.archive()
    digest = build_digest(archive, week.sources(), SINCE, UNTIL, NOW)
    report = send_digests(archive, digest, recipients, NOW, smtp_settings(smtp_server.env()), **kwargs)
    archive.close()
    return report


def parts(message):
    """(text, html) of a received multipart/alternative message, in the order they were sent; the text
    with its line breaks and indents squashed to single spaces, so assertions do not depend on wrapping."""
    assert message.get_content_type() == "multipart/alternative"
    text, html = message.iter_parts()
    assert (text.get_content_type(), html.get_content_type()) == ("text/plain", "text/html")
    return " ".join(text.get_content().split()), html.get_content()


def test_each_recipient_receives_a_multipart_digest_with_the_passages(week, smtp_server):
    report = send(week, [EVERYONE], smtp_server)
    assert [d.status for d in report.deliveries] == ["sent"]
    [(mail_from, rcpt_tos, _)] = smtp_server.inbox.received
    assert mail_from == "digest@icswatch.example" and rcpt_tos == ["policy@charity.example"]
    [message] = smtp_server.inbox.messages()
    assert message["Subject"] == "ICS Watch: 4 changes to children's commitments, 16–22 Nov 2026"
    assert message["To"] == "Policy team <policy@charity.example>"
    assert message["From"] == "ICS Watch <digest@icswatch.example>"
    assert message["Message-ID"] == message_id("policy@charity.example", SINCE, UNTIL)
    assert message["Date"].datetime == NOW
    text, html = parts(message)
    assert "Before: We will reduce waits for children and young people's mental health services to 18 weeks by " \
           "March [-2026-]. After: We will reduce waits for children and young people's mental health services to " \
           "18 weeks by March {+2027+}." in text
    assert "Sources that need attention" in html and "Northfell" in html
    assert 'text-decoration:line-through;">2026</span>' in html
    assert "<script" not in html


def test_filters_choose_what_each_recipient_gets(week, smtp_server):
    send(week, [EVERYONE, EAST, CARE_LEAVERS], smtp_server)
    received = {m["To"].addresses[0].addr_spec: m for m in smtp_server.inbox.messages()}
    assert set(received) == {"policy@charity.example", "east@charity.example", "care@charity.example"}

    east_text, east_html = parts(received["east@charity.example"])
    assert received["east@charity.example"]["Subject"].startswith("ICS Watch: 1 change to children's commitments")
    assert "Eastmarsh" in east_text and "Severn" not in east_text and "Northfell" not in east_text
    assert "school nurses by April {+2026+}" in east_text
    assert "regions: East of England" in east_text

    care_text, _ = parts(received["care@charity.example"])
    assert received["care@charity.example"]["Subject"].startswith("ICS Watch: 1 change to children's commitments")
    assert "easy read version" in care_text and "Children in care and young people leaving care" in care_text
    assert "March {+2027+}" not in care_text  # the JFP's changes are not about looked-after children
    assert "Eastmarsh" not in care_text  # systems: severn
    assert "themes: Looked-after children" in care_text


def test_relevant_only_counts_other_changes_and_everything_lists_them(week, smtp_server):
    archive = week.archive()
    with archive.session() as session:
        jfp = session.scalars(select(Document).where(Document.system_id == "severn",
                                                     Document.doc_type == "joint_forward_plan")).first()
        session.add(Change(system_id="severn", document_id=jfp.id, kind="new_version", url=jfp.url,
                           detected_at=datetime(2026, 11, 20, tzinfo=UTC), relevant=False, excerpts=[
                               {"before": "Board meets monthly.", "after": "Board meets quarterly.", "words": [],
                                "relevant": False, "themes": [], "tags": [], "reasons": [], "weakened": False,
                                "page": 9, "section": None}]))
        session.commit()
    archive.close()
    maintainer = Recipient(email="maintainer@icswatch.example", include="everything")
    send(week, [EVERYONE, maintainer], smtp_server)
    received = {m["To"].addresses[0].addr_spec: parts(m)[0] for m in smtp_server.inbox.messages()}
    assert "1 other change in this period was not relevant" in received["policy@charity.example"]
    assert "new version · 1 passage" not in received["policy@charity.example"]
    assert "NHS Severn Integrated Care Board Joint Forward Plan 2024-2029 · Severn · new version · 1 passage" in \
        received["maintainer@icswatch.example"]


def test_a_hostile_page_arrives_escaped(week, smtp_server):
    hostile = "<script>alert(1)</script> Children will <img src=x onerror=alert(2)> get help."
    archive = week.archive()
    with archive.session() as session:
        document = Document(system_id="severn", doc_type="strategy", format="html", url="javascript:alert(3)",
                            title="<b onmouseover=alert(4)>Plan</b>", first_seen=SINCE, last_seen=SINCE)
        session.add(document)
        session.flush()
        session.add(Change(system_id="severn", document_id=document.id, kind="new_version", url=document.url,
                           detected_at=datetime(2026, 11, 20, tzinfo=UTC), relevant=True, themes=["<i>x</i>"],
                           excerpts=[{"before": "Children will get help.", "after": hostile, "relevant": True,
                                      "words": [["=", "Children will"], ["+", hostile]], "themes": [], "tags": [],
                                      "reasons": ["weakened: <svg onload=alert(5)>"], "weakened": True,
                                      "page": 1, "section": "<style>body{display:none}</style>"}]))
        session.commit()
    archive.close()
    send(week, [EVERYONE], smtp_server)
    [message] = smtp_server.inbox.messages()
    text, html = parts(message)
    assert hostile in text  # plain text is not HTML: shown as written
    for raw in ("<script", "<img", "<b onmouseover", "<svg", "<style>", "<i>x</i>", 'href="javascript:'):
        assert raw not in html, raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;b onmouseover=alert(4)&gt;Plan&lt;/b&gt;" in html


def test_dry_run_touches_neither_smtp_nor_the_outbox(week, smtp_server, tmp_path):
    recipients = tmp_path / "recipients.yaml"
    recipients.write_text("recipients:\n  - email: policy@charity.example\n    include: everything\n")
    result = CliRunner().invoke(cli, ["--data-dir", str(week.data_dir), "--sources", str(week.sources_path),
                                      "send", "--since", "2026-11-16", "--until", "2026-11-23", "--dry-run",
                                      "--recipients", str(recipients)], env={})
    assert result.exit_code == 0, result.output
    assert "would send" in result.output and "policy@charity.example" in result.output
    assert "4 relevant of 11 changes" in result.output
    assert "ICS Watch: 4 changes to children's commitments, 16–22 Nov 2026" in result.output
    assert "| RELEVANT CHANGES" in result.output
    assert smtp_server.inbox.received == []
    archive = week.archive()
    with archive.session() as session:
        assert session.scalars(select(Outbox)).all() == []
    archive.close()


def test_cli_send_reads_smtp_settings_and_recipients_and_sends_once(week, smtp_server, tmp_path):
    recipients = tmp_path / "recipients.yaml"
    recipients.write_text("recipients:\n  - email: policy@charity.example\n  - email: east@charity.example\n"
                          "    regions: [East of England]\n")
    args = ["--data-dir", str(week.data_dir), "--sources", str(week.sources_path), "send",
            "--since", "2026-11-16", "--until", "2026-11-23"]
    env = smtp_server.env(ICSWATCH_RECIPIENTS=str(recipients))
    first = CliRunner().invoke(cli, args, env=env)
    assert first.exit_code == 0, first.output
    assert first.output.count(" sent ") == 2
    again = CliRunner().invoke(cli, args, env=env)
    assert again.exit_code == 0 and again.output.count("already sent") == 2
    assert len(smtp_server.inbox.received) == 2


def test_cli_send_without_smtp_settings_is_a_config_error(week):
    result = CliRunner().invoke(cli, ["--data-dir", str(week.data_dir), "send", "--since", "2026-11-16",
                                      "--until", "2026-11-23"], env={"ICSWATCH_SMTP_HOST": ""})
    assert result.exit_code == 2 and "ICSWATCH_SMTP_HOST" in result.output


@pytest.mark.parametrize(("port", "security", "expected"), [
    ("", "", (25, "none")), ("587", "", (587, "starttls")), ("465", "", (465, "ssl")), ("2525", "STARTTLS", (2525, "starttls")),
])
def test_smtp_settings_from_the_environment(port, security, expected):
    settings = smtp_settings({"ICSWATCH_SMTP_HOST": "mail.example", "ICSWATCH_SMTP_PORT": port,
                              "ICSWATCH_SMTP_SECURITY": security, "ICSWATCH_MAIL_FROM": "a@b.example",
                              "ICSWATCH_SMTP_USER": "icswatch", "ICSWATCH_SMTP_PASSWORD": "s3cret"})
    assert (settings.port, settings.security) == expected and "s3cret" not in str(settings)


BASE = {"ICSWATCH_SMTP_HOST": "mail.example", "ICSWATCH_MAIL_FROM": "a@b.example"}


@pytest.mark.parametrize(("env", "message"), [
    ({"ICSWATCH_SMTP_HOST": "mail.example"}, "needs ICSWATCH_MAIL_FROM"),
    ({**BASE, "ICSWATCH_SMTP_PORT": "smtp"}, "is not a port number"),
    ({**BASE, "ICSWATCH_SMTP_SECURITY": "tls"}, "use one of none, starttls, ssl"),
    ({**BASE, "ICSWATCH_SMTP_USER": "me"}, "ICSWATCH_SMTP_PASSWORD is not"),
])
def test_bad_smtp_settings_say_what_to_fix(env, message):
    with pytest.raises(ConfigError, match=message):
        smtp_settings(env)
