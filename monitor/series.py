"""A plan's series on the archive: which earlier edition a new document continues, which file a web
edition is the same plan as, and reporting a change once when both formats say it.

Takes a session, the archive (for texts) and the new document and version; the decisions themselves
are `monitor.editions`' pure rules, fed here with the candidates `store.lineage` finds.
"""

from __future__ import annotations

import logging
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from store.archive import latest_version, page_body
from store.db import Archive, Session
from store.lineage import edition_candidates, format_twins, previous_readable
from store.models import Change, Document, Version
from store.vocabulary import FILE_FORMATS, WEB_FORMATS, ExtractOutcome

from .diff import units_of
from .editions import Edition, EditionFacts, choose_edition, same_plan
from .texts import text_of

log = logging.getLogger(__name__)


def edition_note(edition: Edition, predecessor: Document) -> str:
    """What the digest calls the change: "2025 refresh of Integrated Care Strategy 2023-2028"."""
    if edition.label == "final":
        return f"final published, compared with the draft ({predecessor.title or predecessor.url})"
    return f"{edition.label} of {predecessor.title or predecessor.url}"


def find_edition(session: Session, archive: Archive, document: Document, version: Version, new_keys: set[str],
                 overrides=()) -> tuple[Document, Edition] | None:
    """The edition this document continues, with the decision's reasons (see `monitor.editions`): a
    maintainer's override first, else the evidence of titles, links and shared text (`new_keys`: the
    sentence keys of the new version's text)."""
    family = FILE_FORMATS if document.format in FILE_FORMATS else WEB_FORMATS
    candidates = edition_candidates(session, document, family)
    split = {o.urls for o in overrides if o.split}
    split |= {(later, earlier) for earlier, later in split}
    for override in overrides:
        earlier, later = override.urls
        if override.join and later == document.url:
            chosen = next((c for c in candidates if c.url == earlier), None)
            if chosen is not None:
                return chosen, Edition(True, "later edition", (f"a maintainer joined them: {override.reason}",), 9)
    if not new_keys:
        return None
    listing = page_body(session, archive.blobs, version.referrer) if version.referrer else None
    labels = listing_labels(listing, version.referrer) if listing else {}
    facts = []
    for candidate in candidates:
        if (candidate.url, document.url) in split:
            continue
        latest = latest_readable(session, candidate.id)
        facts.append((_facts(candidate, latest, labels.get(candidate.url)), _shared(archive, new_keys, latest)))
    chosen = choose_edition(_facts(document, version), facts)
    if chosen is None:
        return None
    old, edition = chosen
    log.info("%s: %s is the %s of %s (%s)", document.system_id, document.url, edition.label, old.url,
             "; ".join(edition.reasons))
    return next(c for c in candidates if c.id == old.document_id), edition


def _shared(archive: Archive, new_keys: set[str], version: Version | None) -> float:
    text = text_of(archive.blobs, version) if version else None
    old_keys = {u.key for u in units_of(text)} if text is not None and text.is_ok else set()
    return len(new_keys & old_keys) / max(1, len(new_keys | old_keys))


def link_format_twin(session: Session, archive: Archive, document: Document, version: Version,
                     keys: set[str]) -> None:
    """A plan published both as a file and as web pages is one plan: the web edition names the file."""
    other = WEB_FORMATS if document.format in FILE_FORMATS else FILE_FORMATS
    for twin in format_twins(session, document, other):
        latest = latest_readable(session, twin.id)
        web, file = (document, twin) if document.format in WEB_FORMATS else (twin, document)
        web_version, file_version = (version, latest) if web is document else (latest, version)
        why = same_plan(_facts(web, web_version), _facts(file, file_version), _shared(archive, keys, latest))
        if why and web.format_of_id is None:
            web.format_of_id = file.id
            log.info("%s: %s is the web edition of %s (%s)", document.system_id, web.url, file.url, why[0])
            return


def once_per_plan(session: Session, changes: list[Change]) -> list[Change]:
    """A web edition's change that says what its file's change in this run says is the same news:
    reported once, with the file. One that differs (the editions out of step) is kept."""
    by_document = {c.document_id: c for c in changes}
    kept = []
    for change in changes:
        format_of = session.get(Document, change.document_id).format_of_id
        primary = by_document.get(format_of) if format_of else None
        if primary is not None and primary.kind == change.kind and _passages(primary) == _passages(change):
            log.info("%s: %s changed as its file did; reported once", change.system_id, change.url)
            continue
        kept.append(change)
    return kept


def _passages(change: Change) -> set[str]:
    return {" ".join((e.get("after") or e.get("before") or "").split()) for e in change.excerpts or [] if e.get("relevant")}


def _facts(document: Document, version: Version | None, listed: str | None = None) -> EditionFacts:
    return EditionFacts(document_id=document.id, title=document.title or (version.title if version else None),
                        url=document.url, first_seen=document.first_seen,
                        link_text=version.link_text if version else None, context=listed)


def listing_labels(page: bytes, page_url: str) -> dict[str, str]:
    """How the page that lists the new edition lists each document today, by URL: the link's text and
    the heading above it ("Previous versions" / "Previous version: ... (PDF)"). The link text stored
    with an old document is what it was when first seen, before the site relabelled it."""
    labels: dict[str, str] = {}
    for anchor in BeautifulSoup(page, "lxml").find_all("a", href=True):
        heading = anchor.find_previous(["h1", "h2", "h3", "h4"])
        labels.setdefault(urljoin(page_url, anchor["href"]).split("#")[0], " ".join(filter(None, (
            heading.get_text(" ", strip=True) if heading else None, anchor.get_text(" ", strip=True)))))
    return labels


def latest_readable(session: Session, document_id: str) -> Version | None:
    latest = latest_version(session, document_id)
    if latest is None or latest.extract_outcome == ExtractOutcome.OK:
        return latest
    return previous_readable(session, latest) or latest
