"""The outbox's queries: one row per recipient and period, the record of what was sent.

Takes a session and returns `Outbox` rows or plain values. The writes commit at once, one step at a
time, because each step is a fact another `icswatch send` running at the same moment must see: a row
exists, it is claimed (its attempt counter moved on), it was sent or it failed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .models import Outbox
from .vocabulary import DeliveryStatus


def find_delivery(session: Session, recipient: str, since: datetime, until: datetime) -> Outbox | None:
    return session.scalars(select(Outbox).where(Outbox.recipient == recipient, Outbox.period_start == since,
                                                Outbox.period_end == until)).first()


def find_or_create_delivery(session: Session, recipient: str, since: datetime, until: datetime, message_id: str,
                            subject: str, now: datetime) -> Outbox:
    """The recipient's row for this period, created pending if there is none yet."""
    row = find_delivery(session, recipient, since, until)
    if row is not None:
        return row
    row = Outbox(recipient=recipient, period_start=since, period_end=until, message_id=message_id,
                 subject=subject, status=DeliveryStatus.PENDING, attempts=0, created_at=now)
    session.add(row)
    try:
        session.commit()
    except IntegrityError:  # another run created it a moment ago
        session.rollback()
        row = find_delivery(session, recipient, since, until)
    return row


def claim_delivery(session: Session, row: Outbox, subject: str) -> bool:
    """Move the row's attempt counter on from the value read, unless it was sent or another run moved
    it first: whoever moves it delivers. True if this session claimed it."""
    seen = row.attempts
    claimed = session.execute(update(Outbox).where(Outbox.id == row.id, Outbox.status != DeliveryStatus.SENT,
                                                   Outbox.attempts == seen)
                              .values(attempts=seen + 1, subject=subject)).rowcount
    session.commit()
    return claimed == 1


def mark_failed(session: Session, row: Outbox, error: str, now: datetime, permanent: bool = False,
                max_refusals: int = 3) -> str:
    """Record a failed try; a permanent refusal `max_refusals` times in a row makes the row refused (no
    more tries). Returns the row's new status."""
    refusals = (row.refusals or 0) + 1 if permanent else 0
    status = DeliveryStatus.REFUSED if permanent and refusals >= max_refusals else DeliveryStatus.FAILED
    session.execute(update(Outbox).where(Outbox.id == row.id)
                    .values(status=status, last_error=error, attempted_at=now, refusals=refusals))
    session.commit()
    return status


def mark_sent(session: Session, row_id: int, now: datetime) -> None:
    session.execute(update(Outbox).where(Outbox.id == row_id)
                    .values(status=DeliveryStatus.SENT, sent_at=now, attempted_at=now, last_error=None))
    session.commit()


def undelivered(session: Session, ended_after: datetime, *statuses: str) -> list[Outbox]:
    """Rows in `statuses` (failed: still retried; refused: given up, for the maintainer) of periods
    that ended after `ended_after`, in the order of `statuses`, then oldest first."""
    rows = session.scalars(select(Outbox).where(Outbox.status.in_(statuses), Outbox.period_end > ended_after)
                           .order_by(Outbox.period_start, Outbox.recipient))
    return sorted(rows, key=lambda row: statuses.index(row.status))


def sent_recipients(session: Session, since: datetime, until: datetime) -> set[str]:
    """Everyone whose digest for the period is marked sent."""
    return set(session.scalars(select(Outbox.recipient).where(
        Outbox.period_start == since, Outbox.period_end == until, Outbox.status == DeliveryStatus.SENT)).all())
