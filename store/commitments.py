"""What each archived version commits to for children: write it once per version, read it back.

Takes a session and a version (and, to write, `ExcerptRecord`s judged relevant as additions); returns
`ExcerptRecord`s in reading order. A version's commitments are written once: reading a version again
(after a crash, or a second pass) does not duplicate them.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Commitment, Version
from .records import ExcerptRecord


def has_commitments_read(session: Session, version_id: str) -> bool:
    return session.scalars(select(Commitment.id).where(Commitment.version_id == version_id).limit(1)).first() is not None


def record_commitments(session: Session, version: Version, found: list[ExcerptRecord]) -> int:
    """Store a version's commitments unless they are stored already; returns how many were written."""
    if has_commitments_read(session, version.id):
        return 0
    session.add_all(Commitment(version_id=version.id, document_id=version.document_id,
                               system_id=version.document.system_id, position=n, page=e.page, section=e.section,
                               text=e.after, themes=list(e.themes), tags=list(e.tags), reasons=list(e.reasons))
                    for n, e in enumerate(found))
    return len(found)


def commitments_of(session: Session, version_id: str) -> list[ExcerptRecord]:
    rows = session.scalars(select(Commitment).where(Commitment.version_id == version_id)
                           .order_by(Commitment.position)).all()
    return [ExcerptRecord(before="", after=c.text, page=c.page, section=c.section, words=(("+", c.text),),
                          relevant=True, themes=tuple(c.themes), tags=tuple(c.tags), reasons=tuple(c.reasons))
            for c in rows]
