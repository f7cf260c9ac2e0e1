"""Detect what changed in a run: each new version against the version before it, judged for relevance.

Takes the archive and a run id; writes `Change` rows and returns them. Kinds: `new_document` (on a
system's first crawl marked `baseline`, so a digest can say "now watching"), `new_version`, `moved`
(the same text at a new URL) and `removed` (gone from the site; never "all its text deleted").
A refresh published at a new URL continues the lineage of the document it replaced: one of the same
system, type, audience and kind of format (file or web page) that went missing, whose text is most
alike. A document still listed beside the new one is a sibling (a draft beside a final), not a
predecessor. Texts are compared only when made the same way; otherwise the older is extracted again.
"""

from __future__ import annotations

import logging
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.archive import latest_version
from store.db import Archive
from store.models import Change, Document, Run, Version

from .diff import Excerpt, diff_texts, units_of
from .extract import Text
from .relevance import Rules, assess, load_rules
from .texts import extract_version, text_of

log = logging.getLogger(__name__)
FILE_FORMATS, WEB_FORMATS = {"pdf", "docx", "doc", "odt", "rtf"}, {"html", "html_book"}
PLAN_TYPES = ("strategy", "joint_forward_plan")
MIN_LINEAGE_SIMILARITY = 0.2
MAX_NEW_DOCUMENT_PASSAGES = 20  # a new plan's commitments to children, as the digest will quote them


def detect_changes(archive: Archive, run_id: str, now: datetime, rules: Rules | None = None) -> list[Change]:
    """Changes for this run's new versions, and for those of any earlier run that died before it got
    this far (left "running"): a crash never leaves a version unexamined."""
    rules = rules or load_rules()
    with archive.session() as session:
        run = session.get(Run, run_id)
        runs = [run_id, *interrupted_runs(session, run_id)]
        versions = session.scalars(select(Version).join(Document).where(
            Version.run_id.in_(runs), Document.doc_type.in_(PLAN_TYPES)).order_by(Version.first_seen)).all()
        systems = {v.document.system_id for v in versions}
        first_crawl = {s for s in systems if not _has_history(session, s, run_id)}
        changes = []
        for version in versions:
            baseline = version.document.system_id in first_crawl
            change = _change_for(session, archive, version, rules, now, run_id, baseline)
            if change is not None:
                changes.append(change)
        changes += _removals(session, run, now)
        session.add_all(changes)
        session.commit()
        for change in changes:
            level = logging.INFO if not change.baseline else logging.DEBUG
            log.log(level, "%s: %s %s%s", change.system_id, change.kind, change.url,
                    " (relevant)" if change.relevant else "")
        return changes


def interrupted_runs(session: Session, current_run_id: str) -> list[str]:
    """Runs other than this one still marked running: their process died (the crawl lock is ours)."""
    return list(session.scalars(select(Run.id).where(Run.status == "running", Run.id != current_run_id)))


def _has_history(session: Session, system_id: str, run_id: str) -> bool:
    return session.scalars(select(Change.id).where(Change.system_id == system_id)
                           .limit(1)).first() is not None


def _previous_ok(session: Session, document: Document, before: Version) -> Version | None:
    return session.scalars(select(Version).where(
        Version.document_id == document.id, Version.id != before.id, Version.extract_outcome == "ok",
        Version.first_seen <= before.first_seen).order_by(Version.first_seen.desc()).limit(1)).first()


def _change_for(session, archive, version: Version, rules: Rules, now, run_id, baseline: bool) -> Change | None:
    if version.extract_outcome != "ok":
        return None  # kept as evidence and reported as a failure; never compared
    document = version.document
    previous = _previous_ok(session, document, version)
    if previous is None and len(document.versions) == 1:
        predecessor = _predecessor(session, archive, document, version)
        if predecessor is not None:
            document.predecessor_id = predecessor.id
            previous = latest_version(session, predecessor.id)
    base = {"run_id": run_id, "system_id": document.system_id, "document_id": document.id, "version_id": version.id,
            "detected_at": now, "url": version.url}
    if previous is None:
        if baseline:  # "now watching": the first crawl of a system lists documents, not their passages
            return Change(kind="new_document", baseline=True, **base)
        judged = _commitments_in(text_of(archive.blobs, version), rules)
        return Change(kind="new_document", excerpts=judged, relevant=bool(judged), **_summary(judged), **base)
    moved_url = previous.url if previous.url != version.url else None
    if previous.sha256 == version.sha256:
        return Change(kind="moved", previous_version_id=previous.id, previous_url=moved_url, **base)
    old, new, note = comparable_texts(archive, previous, version)
    excerpts = diff_texts(old, new) if old is not None else []
    if old is not None and not excerpts:
        if moved_url:
            return Change(kind="moved", previous_version_id=previous.id, previous_url=moved_url, **base)
        return None  # new bytes, same text: a re-saved file, a new footer date; not a change
    judged = [judge_excerpt(e, rules) for e in excerpts]
    relevant = [e for e in judged if e["relevant"]]
    return Change(kind="new_version", previous_version_id=previous.id, previous_url=previous.url, note=note,
                  excerpts=judged, relevant=bool(relevant), **_summary(relevant), **base)


def _summary(relevant: list[dict]) -> dict:
    return {"weakened": any(e["weakened"] for e in relevant), "themes": _union(e["themes"] for e in relevant),
            "tags": _union(e["tags"] for e in relevant)}


def _commitments_in(text: Text | None, rules: Rules) -> list[dict]:
    """The commitments to children a new document makes: each sentence judged as an addition."""
    found = []
    for unit in units_of(text) if text is not None else []:
        judged = judge_excerpt(Excerpt("", unit.text, unit.page, unit.section, [("+", unit.text)]), rules)
        if judged["relevant"]:
            found.append(judged)
        if len(found) == MAX_NEW_DOCUMENT_PASSAGES:
            break
    return found


def judge_excerpt(excerpt: Excerpt, rules: Rules) -> dict:
    relevance = assess(excerpt.before, excerpt.after, excerpt.words, rules)
    return {"before": excerpt.before, "after": excerpt.after, "page": excerpt.page, "section": excerpt.section,
            "words": [list(w) for w in excerpt.words], **asdict(relevance)}


def _union(groups) -> list[str]:
    return sorted({item for group in groups for item in group})


def comparable_texts(archive: Archive, previous: Version, version: Version) -> tuple[Text | None, Text, str | None]:
    """The two texts, made the same way: the older one is extracted again when the extractor differs."""
    new = text_of(archive.blobs, version)
    old = text_of(archive.blobs, previous)
    if old is None or old.fingerprint != new.fingerprint:
        old = extract_version(archive.blobs, previous)
        if not old.is_ok or old.fingerprint != new.fingerprint:
            note = (f"not compared: the versions' texts were made differently ({old.fingerprint or old.outcome} "
                    f"and {new.fingerprint}); see `icswatch show` for each")
            return None, new, note
    return old, new, None


def _predecessor(session: Session, archive: Archive, document: Document, version: Version) -> Document | None:
    """The missing document this one replaces, if its text is alike enough (see the module docstring)."""
    family = FILE_FORMATS if document.format in FILE_FORMATS else WEB_FORMATS
    claimed = select(Document.predecessor_id).where(Document.predecessor_id.is_not(None))
    candidates = session.scalars(select(Document).where(
        Document.system_id == document.system_id, Document.doc_type == document.doc_type,
        Document.easy_read == document.easy_read, Document.id != document.id,
        Document.missing_since.is_not(None), Document.format.in_(family), Document.id.not_in(claimed))).all()
    new_text = text_of(archive.blobs, version)
    if not candidates or new_text is None:
        return None
    new_keys = {u.key for u in units_of(new_text)}
    best, best_score = None, MIN_LINEAGE_SIMILARITY
    for candidate in candidates:
        latest = latest_version(session, candidate.id)
        old_text = text_of(archive.blobs, latest) if latest else None
        if old_text is None or not old_text.is_ok:
            continue
        old_keys = {u.key for u in units_of(old_text)}
        score = len(new_keys & old_keys) / max(1, len(new_keys | old_keys))
        if score > best_score:
            best, best_score = candidate, score
    if best is not None:
        log.info("%s: %s continues %s (%.0f%% of sentences shared)", document.system_id, document.url, best.url,
                 100 * best_score)
    return best


def _removals(session: Session, run: Run, now: datetime) -> list[Change]:
    """Plans that went missing in this run and were not replaced by a refresh at a new URL."""
    gone = session.scalars(select(Document).where(
        Document.missing_since >= run.started_at, Document.doc_type.in_(PLAN_TYPES))).all()
    replaced = set(session.scalars(select(Document.predecessor_id).where(Document.predecessor_id.is_not(None))))
    changes = []
    for document in gone:
        if document.id in replaced:
            continue
        latest = latest_version(session, document.id)
        changes.append(Change(run_id=run.id, system_id=document.system_id, document_id=document.id,
                              version_id=None, previous_version_id=latest.id if latest else None, kind="removed",
                              detected_at=now, url=document.url, previous_url=document.url))
    return changes
