"""Send a period's digest to every recipient exactly once, through the outbox.

Takes the archive, the period's `Digest`, the recipients and the SMTP settings; returns a `SendReport`
with one `Delivery` per recipient. Each recipient and period has one `Outbox` row and a stable
Message-ID. A row already sent is skipped; a pending or failed one is claimed (its attempt counter moved
on, so two runs at once cannot both send it), delivered, and marked sent or failed with the error, one
commit per recipient. A failure never stops the others; the next `icswatch send` for the same period
retries only what was not sent. (If the process dies after the server took a message but before the
row is marked, the next run sends it again with the same Message-ID, which mail clients show once.) A
permanent refusal (5xx) `max_refusals` times in a row marks the row refused: it is not tried again, and
`icswatch send` and `status` say so, for the maintainer to fix the address.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from store.db import Archive
from store.outbox import (
    claim_delivery,
    find_delivery,
    find_or_create_delivery,
    mark_failed,
    mark_sent,
    sent_recipients,
)
from store.vocabulary import DeliveryStatus

from .digest import Digest, cap_digest, filter_digest
from .errors import DeliveryError
from .mail import SmtpSettings, build_message, deliver
from .recipients import Recipient
from .render import render_html, render_text, subject

log = logging.getLogger(__name__)


@dataclass
class Delivery:
    recipient: str
    subject: str
    message_id: str
    items: int  # changes in this recipient's digest
    relevant: int
    status: str  # sent | already sent | failed | refused | busy; dry run: would send | would retry | already sent
    attempts: int = 0
    error: str | None = None
    text: str = field(default="", repr=False)


@dataclass
class SendReport:
    since: datetime
    until: datetime
    deliveries: list[Delivery] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.status in (DeliveryStatus.FAILED, DeliveryStatus.REFUSED) for d in self.deliveries)


def send_digests(archive: Archive, digest: Digest, recipients: list[Recipient], now: datetime,
                 smtp: SmtpSettings | None, dry_run: bool = False, mail_from: str | None = None,
                 max_refusals: int = 3, max_items: int | None = None) -> SendReport:
    """Deliver each recipient's digest once, listing at most `max_items` changes (the rest counted, with
    where to read them). With dry_run, neither SMTP nor the outbox is touched."""
    if smtp is None and not dry_run:
        raise ValueError("send_digests needs SMTP settings unless dry_run")
    sender = smtp.mail_from if smtp else (mail_from or "ICS Watch <icswatch@localhost>")
    report = SendReport(digest.since, digest.until)
    for recipient in recipients:
        personal = filter_digest(digest, recipient)
        if max_items is not None:
            personal = cap_digest(personal, max_items)
        text = render_text(personal)
        message = build_message(to=recipient.email, name=recipient.name, mail_from=sender, subject=subject(personal),
                                text=text, html=render_html(personal), since=digest.since, until=digest.until,
                                now=now)
        delivery = Delivery(recipient.email, message["Subject"], message["Message-ID"], len(personal.items),
                            personal.relevant_count, "", text=text)
        if dry_run:
            delivery.status, delivery.attempts = _planned(archive, recipient.email, digest)
        else:
            _send_one(archive, message, delivery, digest, smtp, now, max_refusals)
        report.deliveries.append(delivery)
    return report


def _planned(archive: Archive, email: str, digest: Digest) -> tuple[str, int]:
    with archive.session() as session:
        row = find_delivery(session, email, digest.since, digest.until)
    if row is None:
        return "would send", 0
    planned = {DeliveryStatus.SENT: "already sent", DeliveryStatus.REFUSED: "refused"}.get(row.status, "would retry")
    return planned, row.attempts


def _send_one(archive: Archive, message, delivery: Delivery, digest: Digest, smtp: SmtpSettings, now: datetime,
              max_refusals: int) -> None:
    with archive.session() as session:
        row = find_or_create_delivery(session, delivery.recipient, digest.since, digest.until, delivery.message_id,
                                      delivery.subject, now)
        delivery.attempts = row.attempts
        if row.status == DeliveryStatus.SENT:
            delivery.status = "already sent"
            log.info("%s: digest %s already sent on %s", delivery.recipient, delivery.message_id, row.sent_at)
            return
        if row.status == DeliveryStatus.REFUSED:
            delivery.status, delivery.error = DeliveryStatus.REFUSED, row.last_error
            log.error("%s: digest refused for good earlier, not tried again: %s", delivery.recipient, row.last_error)
            return
        seen = row.attempts
        if not claim_delivery(session, row, delivery.subject):
            delivery.status = "busy"
            log.warning("%s: another `icswatch send` is delivering this digest; left to it", delivery.recipient)
            return
        delivery.attempts = seen + 1
        try:
            deliver(message, smtp)
        except DeliveryError as exc:
            delivery.error = str(exc)
            delivery.status = mark_failed(session, row, str(exc), now, exc.permanent, max_refusals)
            if delivery.status == DeliveryStatus.REFUSED:
                log.error("%s: digest refused for good after %d tries, not tried again: %s", delivery.recipient,
                          delivery.attempts, exc)
            else:
                log.error("%s: digest not delivered (attempt %d): %s", delivery.recipient, delivery.attempts, exc)
            return
        mark_sent(session, row.id, now)
        delivery.status = DeliveryStatus.SENT
        log.info("%s: digest %s sent", delivery.recipient, delivery.message_id)


def unsent_recipients(archive: Archive, emails: list[str], since: datetime, until: datetime) -> list[str]:
    """The recipients whose digest for the period is not yet sent: the outbox is the record of what was."""
    with archive.session() as session:
        sent = sent_recipients(session, since, until)
    return [email for email in emails if email not in sent]
