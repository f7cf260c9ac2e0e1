"""Detect what changed in a run: each new version against the version before it, judged for relevance.

Takes the archive and a run id; writes `Change` rows and returns them. Kinds (`store.vocabulary.
ChangeKind`): a new document (on a system's first crawl marked `baseline`, so a digest can say "now
watching"), a new version, a move (the same text at a new URL) and a removal (gone from the site;
never "all its text deleted"). A refresh published at a new URL continues the lineage of the document
it replaced: one of the same system, type, audience and kind of format (file or web page) that went
missing, whose text is most alike. A document still listed beside the new one is a sibling (a draft
beside a final), not a predecessor. Texts are compared only when made the same way; otherwise the
older is extracted again.

The decisions are pure functions of the versions and texts they are given (`detect_change`,
`choose_predecessor`, `commitments_in`); `detect_changes` gathers those from the archive
(`store.lineage`) and writes the result.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime

from store.archive import latest_version
from store.commitments import record_commitments
from store.db import Archive, Session
from store.lineage import (
    has_changes,
    interrupted_runs,
    plan_versions_of_runs,
    previous_readable,
    urls_found,
    vanished_plans,
)
from store.models import Change, Run, Version
from store.records import ExcerptRecord
from store.vocabulary import ChangeKind, ExtractOutcome

from .diff import Excerpt, diff_texts, units_of
from .extract import Text
from .ignore import apply_ignore, web_pages
from .missing import Removal, moved_aliases, unreadable_change
from .relevance import Rules, assess, load_rules
from .series import edition_note as edition_note_for
from .series import find_edition, latest_readable, link_format_twin, once_per_plan
from .texts import extract_version, text_of

log = logging.getLogger(__name__)
MAX_NEW_DOCUMENT_PASSAGES = 20  # a new plan's commitments to children, as the digest will quote them


@dataclass(frozen=True)
class Detected:
    """What changed in one version, before it is written down as a `Change` row."""

    kind: ChangeKind
    previous_version_id: str | None = None
    previous_url: str | None = None
    excerpts: tuple[ExcerptRecord, ...] = ()
    note: str | None = None
    baseline: bool = False

    @property
    def relevant_excerpts(self) -> list[ExcerptRecord]:
        return [e for e in self.excerpts if e.relevant]

    def summary(self) -> dict:
        relevant = self.relevant_excerpts
        return {"relevant": bool(relevant), "weakened": any(e.weakened for e in relevant),
                "themes": _union(e.themes for e in relevant), "tags": _union(e.tags for e in relevant)}


def detect_change(version: Version, previous: Version | None, old: Text | None, new: Text | None, rules: Rules,
                  *, baseline: bool = False, note: str | None = None,
                  commitments: list[ExcerptRecord] | None = None) -> Detected | None:
    """The change `version` makes to the document, given the version before it (None: a new document)
    and both texts (`old` None: they could not be compared, and `note` says why). None: no change.
    A new document quotes its first commitments (`commitments`, when already read from `new`)."""
    if previous is None:
        if baseline:  # "now watching": the first crawl of a system lists documents, not their passages
            return Detected(ChangeKind.NEW_DOCUMENT, baseline=True)
        found = commitments if commitments is not None else commitments_in(new, rules)
        return Detected(ChangeKind.NEW_DOCUMENT, excerpts=tuple(found[:MAX_NEW_DOCUMENT_PASSAGES]))
    moved_url = previous.url if previous.url != version.url else None
    if previous.sha256 == version.sha256:
        return Detected(ChangeKind.MOVED, previous.id, moved_url)
    excerpts = diff_texts(old, new) if old is not None else []
    if old is not None and not excerpts:
        if moved_url:
            return Detected(ChangeKind.MOVED, previous.id, moved_url)
        return None  # new bytes, same text: a re-saved file, a new footer date; not a change
    return Detected(ChangeKind.NEW_VERSION, previous.id, previous.url,
                    tuple(judge_excerpt(e, rules) for e in excerpts), note=note)


def commitments_in(text: Text | None, rules: Rules, limit: int | None = MAX_NEW_DOCUMENT_PASSAGES
                   ) -> list[ExcerptRecord]:
    """The commitments to children a text makes (the first `limit`, or all): each sentence judged as an
    addition, under its section heading."""
    found = []
    for unit in units_of(text) if text is not None else []:
        judged = judge_excerpt(Excerpt("", unit.text, unit.page, unit.section, [("+", unit.text)]), rules)
        if judged.relevant:
            found.append(judged)
        if limit is not None and len(found) == limit:
            break
    return found


def judge_excerpt(excerpt: Excerpt, rules: Rules) -> ExcerptRecord:
    relevance = assess(excerpt.before, excerpt.after, excerpt.words, rules, section=excerpt.section)
    return ExcerptRecord(before=excerpt.before, after=excerpt.after, page=excerpt.page, section=excerpt.section,
                         words=tuple((op, text) for op, text in excerpt.words), relevant=relevance.relevant,
                         themes=tuple(relevance.themes), tags=tuple(relevance.tags),
                         reasons=tuple(relevance.reasons), weakened=relevance.weakened)


def _union(groups) -> list[str]:
    return sorted({item for group in groups for item in group})


def detect_changes(archive: Archive, run_id: str, now: datetime, rules: Rules | None = None,
                   editions: dict | None = None, removal: Removal | None = None,
                   complete: set[str] | None = None, ignore: dict | None = None) -> list[Change]:
    """Changes for this run's new versions, and for those of any earlier run that died before it got
    this far (left "running"): a crash never leaves a version unexamined. `editions` holds each
    system's maintainer overrides (`Source.editions`) by system id; `removal` when a missing plan counts
    as removed; `complete` the systems this run crawled completely (None: all), the only ones whose
    documents can be said to have moved; `ignore` each system's ignore rules (`Source.ignore`)."""
    rules = rules or load_rules()
    editions = editions or {}
    removal = removal or Removal()
    ignore = ignore or {}
    with archive.session() as session:
        run = session.get(Run, run_id)
        versions = plan_versions_of_runs(session, [run_id, *interrupted_runs(session, run_id)])
        first_crawl = {s for s in {v.document.system_id for v in versions} if not has_changes(session, s)}
        found_urls = urls_found(session, run_id)
        changes = []
        for version in versions:
            if version.extract_outcome != ExtractOutcome.OK:  # kept as evidence, never compared: said so
                changes.append(unreadable_change(session, version, run_id, now,
                                                 baseline=version.document.system_id in first_crawl))
                continue
            text = text_of(archive.blobs, version)  # read once: commitments, editions and the diff use it
            change = _change_for(session, archive, version, text, rules, now, run_id,
                                 baseline=version.document.system_id in first_crawl,
                                 commitments=_read_commitments(session, version, text, rules),
                                 overrides=editions.get(version.document.system_id, []),
                                 ignore=ignore.get(version.document.system_id), found_urls=found_urls)
            if change is not None:
                changes.append(change)
        changes = (once_per_plan(session, changes) + moved_aliases(session, run_id, now, complete)
                   + _removals(session, run, now, removal))
        session.add_all(changes)
        session.commit()
        for change in changes:
            level = logging.INFO if not change.baseline else logging.DEBUG
            log.log(level, "%s: %s %s%s", change.system_id, change.kind, change.url,
                    " (relevant)" if change.relevant else "")
        return changes


def _read_commitments(session: Session, version: Version, text: Text | None, rules: Rules) -> list[ExcerptRecord]:
    """Every commitment of a readable version, stored with it (baseline or not)."""
    found = commitments_in(text, rules, limit=None)
    written = record_commitments(session, version, found)
    if written:
        log.debug("%s: %d commitments to children in %s", version.document.system_id, written, version.url)
    return found


def _change_for(session: Session, archive: Archive, version: Version, text: Text | None, rules: Rules,
                now: datetime, run_id: str, baseline: bool, commitments: list[ExcerptRecord] | None = None,
                overrides=(), ignore=None, found_urls: set[str] = frozenset()) -> Change | None:
    document = version.document
    previous, edition_note = previous_readable(session, version), None
    if previous is None and len(document.versions) == 1:
        keys = {u.key for u in units_of(text)} if text is not None else set()
        link_format_twin(session, archive, document, version, keys)
        found = find_edition(session, archive, document, version, keys, overrides)
        if found is not None:
            predecessor, edition = found
            document.predecessor_id = predecessor.id
            document.edition_label, document.edition_reasons = edition.label, list(edition.reasons)
            # on a system's first crawl both editions are new: the series is linked, nothing is compared
            previous = None if baseline else latest_readable(session, predecessor.id)
            edition_note = edition_note_for(edition, predecessor)
    old, new, note = None, text, None
    if previous is not None and previous.sha256 != version.sha256:
        old, new, note = comparable_texts(archive, previous, version, new=text)
        if old is not None and ignore is not None:  # the maintainer's noise, out of both before comparing
            old = apply_ignore(old, ignore, web_pages(archive.blobs, previous))
            new = apply_ignore(new, ignore, web_pages(archive.blobs, version))
    found = detect_change(version, previous, old, new, rules, baseline=baseline, note=note, commitments=commitments)
    if found is not None and _still_at(found, previous, version, found_urls):
        # the document also answered at its other link in this run ("view" and "download"): same place
        found = None if found.kind == ChangeKind.MOVED else replace(found, previous_url=version.url)
    if found is None:
        return None
    return Change(run_id=run_id, system_id=document.system_id, document_id=document.id, version_id=version.id,
                  detected_at=now, url=version.url, kind=found.kind, baseline=found.baseline,
                  previous_version_id=found.previous_version_id, previous_url=found.previous_url, note=found.note,
                  edition=edition_note if found.kind != ChangeKind.NEW_DOCUMENT else None,
                  excerpts=[e.to_json() for e in found.excerpts], **found.summary())


def _still_at(found: Detected, previous: Version | None, version: Version, found_urls: set[str]) -> bool:
    return (previous is not None and previous.document_id == version.document_id and bool(found.previous_url)
            and found.previous_url != version.url and found.previous_url in found_urls)


def comparable_texts(archive: Archive, previous: Version, version: Version, new: Text | None = None
                     ) -> tuple[Text | None, Text, str | None]:
    """The two texts, made the same way: the older one is extracted again when the extractor differs.
    `new`, when the caller has already read the newer version's text."""
    new = new or text_of(archive.blobs, version)
    old = text_of(archive.blobs, previous)
    if old is None or old.fingerprint != new.fingerprint:
        old = extract_version(archive.blobs, previous)
        if not old.is_ok or old.fingerprint != new.fingerprint:
            note = (f"not compared: the versions' texts were made differently ({old.fingerprint or old.outcome} "
                    f"and {new.fingerprint}); see `icswatch show` for each")
            return None, new, note
    return old, new, None


def _removals(session: Session, run: Run, now: datetime, removal: Removal) -> list[Change]:
    """Plans gone for good (missing for `removal.crawls` complete crawls and `removal.days` days) and not
    replaced by a refresh at a new URL. One failed fetch or a night's outage is not a removal."""
    changes = []
    for document in vanished_plans(session, now, removal.crawls, removal.days):
        latest = latest_version(session, document.id)
        changes.append(Change(run_id=run.id, system_id=document.system_id, document_id=document.id,
                              version_id=None, previous_version_id=latest.id if latest else None,
                              kind=ChangeKind.REMOVED, detected_at=now, url=document.url, previous_url=document.url,
                              note=f"not found in {document.missing_crawls} complete crawls since "
                                   f"{document.missing_since:%d %B %Y}"))
    return changes
