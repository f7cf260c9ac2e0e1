"""What each page and API route shows, read from the archive: a system's documents, one document with its
versions on a timeline and its changes, one version with its text, a comparison of two versions, the
changes of a period, and search hits with the words found marked.

Takes the `Site` and what the URL asked for (already checked by `site`); returns plain dicts and
records for the templates and the JSON API. Raises `NotFound` when an id names nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from store.browse import document_changes, find_changes, get_document, get_version, related_documents
from store.queries import system_history
from store.records import ChangeRecord, ExcerptRecord, document_dict, version_dict
from store.search import parse_query, search

from ..compare import compare_versions
from ..errors import IcsWatchError
from ..texts import text_of
from .site import BadRequest, NotFound, Site

SNIPPET_CHARS = 260


def system_view(site: Site, system_id: str) -> dict:
    with site.archive.session() as session:
        documents = system_history(session, system_id)
        changes = find_changes(session, system_ids=[system_id], limit=20, names=site.names)
    known = site.sources is not None and any(s.id == system_id for s in site.sources.systems)
    if not documents and not known:
        raise NotFound(f"There is no system {system_id!r} in the archive.")
    successors = {d.predecessor_id: d.id for d in documents if d.predecessor_id}
    return {"system_id": system_id, "name": site.name(system_id), "region": site.region(system_id),
            "documents": [document_dict(d, successors.get(d.id)) for d in documents], "changes": changes}


def document_view(site: Site, document_id: str) -> dict:
    with site.archive.session() as session:
        document = get_document(session, document_id)
        if document is None:
            raise NotFound(f"There is no document {document_id!r} in the archive.")
        related = {key: [_brief(d) for d in docs] for key, docs in related_documents(session, document).items()}
        changes = document_changes(session, document_id, site.names)
        successors = related["successors"]
        data = document_dict(document, successors[0]["document_id"] if successors else None)
    ids = [v["version_id"] for v in data["versions"]]
    previous = dict(zip(ids[1:], ids, strict=False))  # version id -> the one before it
    return {"document": data, "previous": previous, "related": related, "changes": changes,
            "name": site.name(data["system_id"]),
            "region": site.region(data["system_id"])}


def _brief(document) -> dict:
    return {"document_id": document.id, "title": document.title, "doc_type": document.doc_type,
            "easy_read": document.easy_read, "edition_label": document.edition_label,
            "missing_since": document.missing_since}


def version_record(site: Site, version_id: str) -> dict:
    """What `icswatch show VERSION` prints as JSON."""
    with site.archive.session() as session:
        version = get_version(session, version_id)
        if version is None:
            raise NotFound(f"There is no version {version_id!r} in the archive.")
        return version_dict(version) | {"system_id": version.document.system_id,
                                        "doc_type": version.document.doc_type,
                                        "easy_read": version.document.easy_read}


def version_view(site: Site, version_id: str) -> dict:
    record = version_record(site, version_id)
    with site.archive.session() as session:
        version = get_version(session, version_id)
        document = get_document(session, version.document_id)
        ids = [v.id for v in document.versions]
        text = text_of(site.archive.blobs, version)
        doc = _brief(document) | {"url": document.url}
    at = ids.index(version_id)
    pages: list[dict] = []
    for paragraph in (text.paragraphs if text and text.is_ok else []):
        if not pages or pages[-1]["page"] != paragraph.page:
            pages.append({"page": paragraph.page, "paragraphs": []})
        pages[-1]["paragraphs"].append(paragraph)
    return {"v": record, "document": doc, "name": site.name(record["system_id"]), "pages": pages,
            "text_outcome": text.outcome if text else None, "previous_id": ids[at - 1] if at else None,
            "next_id": ids[at + 1] if at + 1 < len(ids) else None, "position": at + 1, "count": len(ids)}


def original(site: Site, version_id: str, part: int | None = None) -> tuple[bytes, str]:
    """The original bytes of a version (or of one chapter of an HTML book) and a safe file name."""
    with site.archive.session() as session:
        version = get_version(session, version_id)
        if version is None:
            raise NotFound(f"There is no version {version_id!r} in the archive.")
        parts = version.parts or []
        if part is not None and not 1 <= part <= len(parts):
            raise NotFound(f"Version {version_id} has no part {part}.")
        sha, url = (parts[part - 1]["sha256"], parts[part - 1]["url"]) if part else (version.sha256, version.url)
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", url.rstrip("/").rsplit("/", 1)[-1])[:80].strip("-.") or "document"
    return site.archive.blobs.get(sha), f"{version_id}{'-part' + str(part) if part else ''}-{name}"


def compare_view(site: Site, version_a: str, version_b: str) -> dict:
    for given in (version_a, version_b):
        version_record(site, given)  # NotFound first: a wrong id is not a bad comparison
    try:
        result = compare_versions(site.archive, version_a, version_b)
    except IcsWatchError as exc:
        raise BadRequest(str(exc)) from None
    excerpts = [ExcerptRecord.from_json(e) for e in result["excerpts"]]
    result["passages"] = sorted(excerpts, key=lambda e: (not e.relevant, not e.weakened))  # relevant first
    result["name"] = site.name(result["system_id"])
    return result


def changes_view(site: Site, since, until, region, system_id, theme, relevant_only, limit, offset
                 ) -> list[ChangeRecord]:
    systems = site.systems_in(region)
    if system_id:
        systems = [system_id] if systems is None or system_id in systems else []
    with site.archive.session() as session:
        return find_changes(session, since, until, systems, theme, relevant_only, limit, offset, site.names)


def search_view(site: Site, query: str, system_id: str | None, doc_type: str | None, since, every_version: bool,
                limit: int) -> list[dict]:
    try:
        with site.archive.session() as session:
            hits = search(session, query, system_id=system_id, doc_type=doc_type, since=since,
                          all_versions=every_version, limit=limit, latest_editions=not every_version)
    except ValueError as exc:
        raise BadRequest(str(exc)) from None
    return hits


def query_words(query: str) -> list[str]:
    try:
        return [w for group in parse_query(query) for t in group if not t.negated for w in t.words]
    except ValueError:
        return []


def snippet(text: str, words: list[str]) -> list[tuple[bool, str]]:
    """The passage (cut to about SNIPPET_CHARS around the first word found) as runs of (found?, text).
    A word matches as the search engines stem it, roughly: "hub" marks "hubs" too."""
    if not words:
        return [(False, text[:SNIPPET_CHARS])]
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
                         + r")\w*", re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, (first.start() if first else 0) - SNIPPET_CHARS // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    piece = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    return list(_runs(piece, pattern))


def _runs(text: str, pattern: re.Pattern) -> Iterator[tuple[bool, str]]:
    at = 0
    for match in pattern.finditer(text):
        if match.start() > at:
            yield False, text[at:match.start()]
        yield True, match.group()
        at = match.end()
    if at < len(text):
        yield False, text[at:]
