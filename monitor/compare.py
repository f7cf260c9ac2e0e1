"""Compare any two archived versions of one document (not only neighbours), as the digest would.

Takes the archive and two version ids (or unique prefixes); returns a dict with both versions' metadata
and the passages that differ, each judged for relevance with its reasons. The two versions must belong
to one lineage: the same document, or documents linked by a refresh at a new URL.
"""

from __future__ import annotations

from store.db import Archive
from store.lineage import lineage
from store.queries import find_version
from store.vocabulary import ExtractOutcome

from .changes import comparable_texts, judge_excerpt
from .diff import diff_texts
from .errors import IcsWatchError
from .relevance import load_rules


def _meta(version) -> dict:
    return {"version_id": version.id, "document_id": version.document_id, "url": version.url,
            "first_seen": version.first_seen.isoformat(timespec="seconds"), "sha256": version.sha256,
            "title": version.title, "extract_outcome": version.extract_outcome}


def compare_versions(archive: Archive, version_a: str, version_b: str) -> dict:
    with archive.session() as session:
        a, b = find_version(session, version_a), find_version(session, version_b)
        for given, found in ((version_a, a), (version_b, b)):
            if found is None:
                raise IcsWatchError(f"no version {given!r} in the archive (see `icswatch history SYSTEM`)")
        if b.document_id not in lineage(session, a.document):
            raise IcsWatchError(f"{a.id} and {b.id} are versions of different documents; "
                                "compare versions of one document (or of a refresh at a new URL)")
        for version in (a, b):
            if version.extract_outcome != ExtractOutcome.OK:
                raise IcsWatchError(f"{version.id} has no readable text ({version.extract_outcome})")
        old, new, note = comparable_texts(archive, a, b)
        excerpts = diff_texts(old, new) if old is not None else []
        rules = load_rules()
        judged = [judge_excerpt(e, rules) for e in excerpts]
        document = b.document
        return {"system_id": document.system_id, "doc_type": document.doc_type, "easy_read": document.easy_read,
                "title": b.title or document.title, "from": _meta(a), "to": _meta(b), "note": note,
                "relevant": any(e.relevant for e in judged), "excerpts": [e.to_json() for e in judged]}
