"""Changes detected in a period, as the dictionaries `icswatch changes --json` prints and the digest reads.

Takes the archive, the sources (for names and regions) and a period; returns one dict per change with
the interface's fields: system_id, system_name, region, doc_type, easy_read, title, url, previous_url,
change, detected_at, relevant, themes, tags, weakened, baseline, version_id, previous_version_id,
document_id, change_id, note, and excerpts [{before, after, relevant, themes, tags, reasons, weakened,
page, section, words}], whitespace normalised. Relevant changes first, then by region and system.
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select

from store.db import Archive
from store.models import Change

from .config import SourcesFile

_SPACE = re.compile(r"\s+")


def _squash(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def list_changes(archive: Archive, sources: SourcesFile | None, since: datetime, until: datetime) -> list[dict]:
    names = {s.id: (s.name, s.region) for s in (sources.systems if sources else [])}
    with archive.session() as session:
        rows = session.scalars(select(Change).where(Change.detected_at >= since, Change.detected_at < until)
                               .order_by(Change.detected_at)).all()
        changes = [_as_dict(change, names) for change in rows]
    return sorted(changes, key=lambda c: (not c["relevant"], c["region"] or "", c["system_name"], c["detected_at"]))


def _as_dict(change: Change, names: dict) -> dict:
    document = change.document
    name, region = names.get(change.system_id, (change.system_id, None))
    excerpts = [{**e, "before": _squash(e["before"]), "after": _squash(e["after"])} for e in change.excerpts or []]
    return {"change_id": change.id, "system_id": change.system_id, "system_name": name, "region": region,
            "document_id": document.id, "doc_type": document.doc_type, "easy_read": document.easy_read,
            "title": document.title, "url": change.url, "previous_url": change.previous_url,
            "change": change.kind, "detected_at": change.detected_at.isoformat(timespec="seconds"),
            "relevant": change.relevant, "weakened": change.weakened, "themes": change.themes or [],
            "tags": change.tags or [], "baseline": change.baseline, "version_id": change.version_id,
            "previous_version_id": change.previous_version_id, "note": change.note, "excerpts": excerpts}
