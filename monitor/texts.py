"""The text of archived versions: extract it once after a crawl, store it as a blob, read it back.

Takes the archive and returns nothing (`extract_pending`) or a `Text` (`text_of`). A version whose
extraction fails keeps its original bytes and its outcome (a scanned or encrypted plan is still what
the ICS published), but it is never compared with another version. After extraction, a document
whose type was only guessed from the page that linked it is classified again with its own title and
first page.
"""

from __future__ import annotations

import json
import logging

from store.blobs import BlobStore
from store.db import Archive
from store.lineage import unextracted_versions
from store.models import Document, Version
from store.search import index_version
from store.vocabulary import ExtractOutcome

from .classify import CONTEXT_LABELS, classify
from .extract import Limits, Text, extract_html_book, extract_text, release_workers

log = logging.getLogger(__name__)


def extract_version(blobs: BlobStore, version: Version, limits: Limits = Limits()) -> Text:
    """Extract a version's text from its original bytes (for an HTML book, its chapters in order)."""
    if version.parts:
        chapters = [(part["url"], blobs.get(part["sha256"])) for part in version.parts]
        return extract_html_book(chapters, limits=limits)
    return extract_text(blobs.get(version.sha256), content_type=version.content_type, url=version.url,
                        limits=limits)


def store_text(blobs: BlobStore, text: Text) -> str:
    return blobs.put(json.dumps(text.to_dict(), sort_keys=True, ensure_ascii=False).encode())


def text_of(blobs: BlobStore, version: Version) -> Text | None:
    """The stored text of a version, or None when it has not been extracted."""
    if not version.text_sha256:
        return None
    return Text.from_dict(json.loads(blobs.get(version.text_sha256)))


def extract_pending(archive: Archive, run_id: str | None = None, limits: Limits = Limits(),
                    keep_workers: bool = False) -> int:
    """Extract every version not yet extracted (of one run, or all); commit each. Returns how many.
    `keep_workers`: more is coming (the crawl is still fetching), so leave the workers warm."""
    with archive.session() as session:
        pending = unextracted_versions(session, run_id)
    try:
        for version_id in pending:
            _extract_one(archive, version_id, limits)
    finally:
        if not keep_workers:
            release_workers()  # warm for the whole crawl, not held between crawls
    return len(pending)


def _extract_one(archive: Archive, version_id, limits: Limits) -> None:
    """Extract one version and store its text, in one transaction of its own."""
    with archive.session() as session:
        version = session.get(Version, version_id)
        try:
            text = extract_version(archive.blobs, version, limits)
        except Exception as exc:  # a boundary: one document never stops the rest
            log.exception("text extraction of %s failed", version.url)
            text = Text(outcome=ExtractOutcome.CORRUPT, detail=f"extraction failed: {exc}")
        version.text_sha256 = store_text(archive.blobs, text)
        version.extract_outcome, version.extractor = str(text.outcome), text.fingerprint
        version.page_count = text.page_count
        version.title = version.title or text.title or _first_heading(text)
        version.document.title = version.document.title or version.title
        _reclassify(version.document, version, text)
        if text.is_ok:
            index_version(session, version, text.paragraphs)  # for `icswatch search`
        session.commit()
        level = logging.INFO if text.is_ok else logging.WARNING
        log.log(level, "%s: text of %s: %s%s", version.document.system_id, version.url, text.outcome,
                f" ({text.detail})" if text.detail else "")


def _first_heading(text: Text) -> str | None:
    heading = next((p.text for p in text.paragraphs[:5] if p.kind == "heading"), None)
    return heading[:200] if heading else None


def _reclassify(document: Document, version: Version, text: Text) -> None:
    """A new document classified only by the page that linked it: let its own words decide."""
    reasons = document.reasons or []
    if len(document.versions) > 1 or (reasons and not reasons[0].startswith(CONTEXT_LABELS)):
        return
    first_page = " ".join(p.text for p in text.paragraphs[:15])
    found = classify(version.url, link_text=version.link_text, title=text.title, first_text=first_page)
    if found.doc_type is not None and found.doc_type != document.doc_type:
        log.info("%s: %s is a %s after all (%s)", document.system_id, version.url, found.doc_type,
                 "; ".join(found.reasons))
        document.doc_type, document.easy_read, document.reasons = found.doc_type, found.easy_read, found.reasons
