"""Export the archive for researchers and web-archive tools: CSV, JSON Lines, or WARC 1.1.

Takes the archive, a format, filters (system, since) and a path; returns counts of what was written.
- CSV: one row per version with its document's metadata, hashes and the paths of its original bytes
  and its text under the data directory (`blobs/ab/cd/<sha256>`); the changes go to a second file beside
  it, `<name>.changes.csv`.
- JSON Lines: one object per line with a `kind` field: a `version` line (the CSV's fields) for every
  version, then a `change` line for every change (what kind of change it was is its `change` field).
- WARC 1.1 (gzip): a `response` record per version (an HTML book: per chapter) with the original bytes
  and a minimal HTTP header (200, Content-Type, ETag, Last-Modified), dated when first seen; a `revisit`
  record (identical payload digest) for every capture of bytes already written, and for every fetch
  that found a version unchanged (same bytes, or 304). Digests are sha256, base32, as warcio writes them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session
from warcio.statusandheaders import StatusAndHeaders
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

from .db import Archive
from .models import Document, Fetch, Version
from .queries import changes_for_export
from .records import ChangeRecord, when_json
from .vocabulary import UNCHANGED_FETCHES

VERSION_FIELDS = ["version_id", "document_id", "system_id", "doc_type", "easy_read", "format", "title", "url",
                  "first_seen", "last_seen", "sha256", "size", "content_type", "page_count", "extract_outcome",
                  "extractor", "text_sha256", "predecessor_id", "blob_path", "text_path", "parts", "edition_label", "reasons"]
CHANGE_FIELDS = ["change_id", "system_id", "document_id", "version_id", "previous_version_id", "change",
                 "detected_at", "baseline", "url", "previous_url", "relevant", "weakened", "themes", "tags",
                 "note", "excerpts", "edition"]
FORMATS = ("csv", "jsonl", "warc")


@dataclass
class Exported:
    path: Path
    versions: int = 0
    changes: int = 0
    responses: int = 0
    revisits: int = 0
    extra_paths: tuple[Path, ...] = ()


def blob_path(sha256: str | None) -> str | None:
    """Where a blob lives, relative to the data directory."""
    return f"blobs/{sha256[:2]}/{sha256[2:4]}/{sha256}" if sha256 else None



def _versions(session: Session, system_id: str | None, since: datetime | None) -> list[tuple[Version, Document]]:
    query = select(Version, Document).join(Document, Document.id == Version.document_id)
    if system_id:
        query = query.where(Document.system_id == system_id)
    if since:
        query = query.where(Version.first_seen >= since)
    return list(session.execute(query.order_by(Version.first_seen, Version.id)).all())


def version_row(version: Version, document: Document) -> dict:
    return {"version_id": version.id, "document_id": document.id, "system_id": document.system_id,
            "doc_type": document.doc_type, "easy_read": document.easy_read, "format": document.format,
            "title": version.title or document.title, "url": version.url, "first_seen": when_json(version.first_seen),
            "last_seen": when_json(version.last_seen), "sha256": version.sha256, "size": version.size,
            "content_type": version.content_type, "page_count": version.page_count,
            "extract_outcome": version.extract_outcome, "extractor": version.extractor,
            "text_sha256": version.text_sha256, "predecessor_id": document.predecessor_id,
            "blob_path": blob_path(version.sha256), "text_path": blob_path(version.text_sha256),
            "parts": [p | {"blob_path": blob_path(p["sha256"])} for p in version.parts] if version.parts else None,
            "edition_label": document.edition_label, "reasons": list(document.reasons or [])}


def change_row(change: ChangeRecord) -> dict:
    """A change as exported: the fields of `changes --json` that do not depend on the sources file."""
    data = change.to_json()
    return {name: data[name] for name in CHANGE_FIELDS}


def _csv_value(value):
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def _write_csv(path: Path, fields: list[str], rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _csv_value(v) for k, v in row.items()})


def export_archive(archive: Archive, fmt: str, out: str | Path, system_id: str | None = None,
                   since: datetime | None = None) -> Exported:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with archive.session() as session:
        versions = _versions(session, system_id, since)
        if fmt == "warc":
            return _write_warc(archive, session, versions, out, system_id, since)
        rows = [version_row(v, d) for v, d in versions]
        changes = [change_row(c) for c in changes_for_export(session, system_id, since)]
    if fmt == "csv":
        changes_path = out.with_name(out.stem + ".changes.csv")
        _write_csv(out, VERSION_FIELDS, rows)
        _write_csv(changes_path, CHANGE_FIELDS, changes)
        return Exported(out, versions=len(rows), changes=len(changes), extra_paths=(changes_path,))
    with out.open("w", encoding="utf-8") as handle:
        for kind, items in (("version", rows), ("change", changes)):
            for item in items:
                handle.write(json.dumps({"kind": kind} | item, ensure_ascii=False) + "\n")
    return Exported(out, versions=len(rows), changes=len(changes))


class _Sha256WARCWriter(WARCWriter):
    """warcio's writer with sha256 (base32) block and payload digests instead of sha1."""

    @staticmethod
    def _create_digester():
        return Digester("sha256")


def _warc_date(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _payloads(version: Version, document: Document) -> Iterator[tuple[str, str, str | None]]:
    """(uri, sha256, content type) of each original response in a version."""
    if version.parts:
        for part in version.parts:
            yield part["url"], part["sha256"], "text/html; charset=utf-8"
    else:
        yield version.url, version.sha256, version.content_type


def _write_warc(archive: Archive, session: Session, versions: list[tuple[Version, Document]], out: Path,
                system_id: str | None, since: datetime | None) -> Exported:
    result = Exported(out, versions=len(versions))
    first: dict[str, tuple[str, str, str]] = {}  # sha256 -> (uri, WARC-Date, payload digest) of its response
    with out.open("wb") as handle:
        writer = _Sha256WARCWriter(handle, gzip=True, warc_version="1.1")
        writer.write_record(writer.create_warcinfo_record(out.name, {
            "software": "icswatch export", "format": "WARC File Format 1.1",
            "description": "ICS Watch archive" + (f" of {system_id}" if system_id else "")
                           + (f" since {when_json(since)}" if since else "")}))
        for version, document in versions:
            date = _warc_date(version.first_seen)
            for uri, sha256, content_type in _payloads(version, document):
                if sha256 in first:
                    _revisit(writer, uri, date, *first[sha256])
                    result.revisits += 1
                    continue
                headers = [("Content-Type", content_type or "application/octet-stream")]
                if version.http_etag and not version.parts:
                    headers.append(("ETag", version.http_etag))
                if version.http_last_modified and not version.parts:
                    headers.append(("Last-Modified", version.http_last_modified))
                body = archive.blobs.get(sha256)
                headers.append(("Content-Length", str(len(body))))
                record = writer.create_warc_record(
                    uri, "response", payload=io.BytesIO(body), length=len(body),
                    http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"),
                    warc_headers_dict={"WARC-Date": date})
                writer.write_record(record)
                first[sha256] = (uri, date, record.rec_headers.get_header("WARC-Payload-Digest"))
                result.responses += 1
        by_id = {v.id: v for v, _ in versions}
        fetches = session.scalars(select(Fetch).where(Fetch.outcome.in_(UNCHANGED_FETCHES), Fetch.version_id.is_not(None))
                                  .order_by(Fetch.fetched_at, Fetch.id)).all()
        for fetch in fetches:
            version = by_id.get(fetch.version_id)
            if version is None:  # outside the system or period exported
                continue
            for _uri, sha256, _ in _payloads(version, version.document):
                if sha256 in first:
                    _revisit(writer, first[sha256][0], _warc_date(fetch.fetched_at), *first[sha256])
                    result.revisits += 1
    return result


def _revisit(writer: WARCWriter, uri: str, date: str, refers_uri: str, refers_date: str, digest: str) -> None:
    record = writer.create_revisit_record(uri, digest, refers_uri, refers_date, warc_headers_dict={"WARC-Date": date})
    writer.write_record(record)
