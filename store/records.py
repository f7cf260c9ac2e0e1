"""Typed records of what the archive holds, as every reader gets them: a change with its passages.

Also the JSON of a document and of a version (`document_dict`, `version_dict`), shared the same way.

Takes model rows (and the systems' names and regions, which live in the sources file, as a plain
mapping) and returns frozen `ChangeRecord`s and `ExcerptRecord`s. Their `to_json()` is the one
serialiser the CLI (`changes --json`), the digest's JSON, the exports and the web API share; its
fields and their order are the interface (`tests/test_records.py` pins them). In JSON a change's kind
is the field `change`, as it always was.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from .models import Change
from .vocabulary import ChangeKind

_SPACE = re.compile(r"\s+")

SystemNames = Mapping[str, tuple[str, str | None]]  # system id -> (name, region)


def squash(text: str | None) -> str:
    """Whitespace folded to single spaces: passages read the same however the file wrapped them."""
    return _SPACE.sub(" ", text or "").strip()


@dataclass(frozen=True)
class ExcerptRecord:
    """One changed passage, as the digest quotes it, with its relevance and the reasons for it."""

    before: str
    after: str
    page: int | None = None
    section: str | None = None
    words: tuple[tuple[str, str], ...] = ()  # ("=" | "-" | "+", text), in reading order
    relevant: bool = False
    themes: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    weakened: bool = False

    @classmethod
    def from_json(cls, data: Mapping) -> ExcerptRecord:
        return cls(before=squash(data.get("before")), after=squash(data.get("after")), page=data.get("page"),
                   section=data.get("section"), words=tuple((op, text) for op, text in data.get("words") or []),
                   relevant=bool(data.get("relevant")), themes=tuple(data.get("themes") or ()),
                   tags=tuple(data.get("tags") or ()), reasons=tuple(data.get("reasons") or ()),
                   weakened=bool(data.get("weakened")))

    def to_json(self) -> dict:
        return {"before": self.before, "after": self.after, "page": self.page, "section": self.section,
                "words": [list(w) for w in self.words], "relevant": self.relevant, "themes": list(self.themes),
                "tags": list(self.tags), "reasons": list(self.reasons), "weakened": self.weakened}

    def __getitem__(self, key: str):
        """Read by JSON field name too (`excerpt["after"]`), as code written against the JSON does."""
        return self.to_json()[key]

    @property
    def weakened_reasons(self) -> list[str]:
        """'date moved later (March 2026 -> March 2027)' from the reasons of a weakened passage."""
        return [r.removeprefix("weakened: ") for r in self.reasons if r.startswith("weakened: ")]


@dataclass(frozen=True)
class ChangeRecord:
    """One detected change of one document, with the document's type and the system's name and region."""

    change_id: str
    system_id: str
    system_name: str
    region: str | None
    document_id: str
    doc_type: str
    easy_read: bool
    title: str | None
    url: str
    previous_url: str | None
    kind: ChangeKind
    detected_at: datetime
    relevant: bool = False
    weakened: bool = False
    themes: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    baseline: bool = False
    version_id: str | None = None
    previous_version_id: str | None = None
    note: str | None = None
    excerpts: tuple[ExcerptRecord, ...] = field(default=())
    edition: str | None = None  # a new edition compared with the one before: "2025 refresh of ..."

    @classmethod
    def from_row(cls, change: Change, names: SystemNames | None = None) -> ChangeRecord:
        document = change.document
        name, region = (names or {}).get(change.system_id, (change.system_id, None))
        return cls(change_id=change.id, system_id=change.system_id, system_name=name, region=region,
                   document_id=document.id, doc_type=document.doc_type, easy_read=document.easy_read,
                   title=document.title, url=change.url, previous_url=change.previous_url,
                   kind=ChangeKind(change.kind), detected_at=change.detected_at, relevant=change.relevant,
                   weakened=change.weakened, themes=tuple(change.themes or ()), tags=tuple(change.tags or ()),
                   baseline=change.baseline, version_id=change.version_id,
                   previous_version_id=change.previous_version_id, note=change.note,
                   excerpts=tuple(ExcerptRecord.from_json(e) for e in change.excerpts or []), edition=change.edition)

    def to_json(self) -> dict:
        return {"change_id": self.change_id, "system_id": self.system_id, "system_name": self.system_name,
                "region": self.region, "document_id": self.document_id, "doc_type": self.doc_type,
                "easy_read": self.easy_read, "title": self.title, "url": self.url,
                "previous_url": self.previous_url, "change": str(self.kind),
                "detected_at": self.detected_at.isoformat(timespec="seconds"), "relevant": self.relevant,
                "weakened": self.weakened, "themes": list(self.themes), "tags": list(self.tags),
                "baseline": self.baseline, "version_id": self.version_id,
                "previous_version_id": self.previous_version_id, "note": self.note,
                "excerpts": [e.to_json() for e in self.excerpts], "edition": self.edition}

    @classmethod
    def from_json(cls, data: Mapping) -> ChangeRecord:
        """The record back from its `to_json()` (an API client's, or a test's, plain values)."""
        values = {k: v for k, v in data.items() if k not in ("change", "detected_at", "excerpts")}
        for key in ("themes", "tags"):
            values[key] = tuple(values.get(key) or ())
        return cls(**values, kind=ChangeKind(data["change"]), detected_at=datetime.fromisoformat(data["detected_at"]),
                   excerpts=tuple(ExcerptRecord.from_json(e) for e in data.get("excerpts") or []))

    def __getitem__(self, key: str):
        """Read by JSON field name too (`change["change"]`), as code written against the JSON does."""
        if key == "change":
            return str(self.kind)
        if key == "detected_at":
            return self.detected_at.isoformat(timespec="seconds")
        if key == "excerpts":
            return [e.to_json() for e in self.excerpts]
        if key not in self.__dataclass_fields__:
            raise KeyError(key)
        value = getattr(self, key)
        return list(value) if isinstance(value, tuple) else value

    @property
    def is_new_document(self) -> bool:
        """A document first seen after its system's baseline, or a refresh published at a new URL."""
        if self.kind == ChangeKind.NEW_DOCUMENT:
            return not self.baseline
        return self.is_refresh_at_new_url

    @property
    def is_refresh_at_new_url(self) -> bool:
        return self.kind == ChangeKind.NEW_VERSION and bool(self.previous_url) and self.previous_url != self.url

    @property
    def is_moved(self) -> bool:
        return self.kind == ChangeKind.MOVED

    @property
    def is_removed(self) -> bool:
        return self.kind == ChangeKind.REMOVED

    @property
    def is_unreadable(self) -> bool:
        """A new version whose text could not be read (scanned, encrypted, damaged): compared with nothing."""
        return self.kind == ChangeKind.UNREADABLE

    @property
    def quotes_commitments(self) -> bool:
        """A document seen for the first time: its passages are what it commits to, not edits."""
        return self.kind == ChangeKind.NEW_DOCUMENT

    @property
    def hidden_count(self) -> int:
        """Passages that changed but are not relevant to children's commitments."""
        return sum(not e.relevant for e in self.excerpts)




def when_json(value: datetime | None) -> str | None:
    """A time as every JSON reader gets it: ISO 8601 to the second, or null."""
    return value.isoformat(timespec="seconds") if value else None


def version_dict(version) -> dict:
    """A version as `icswatch show VERSION` and the web API give it."""
    return {"version_id": version.id, "document_id": version.document_id, "url": version.url,
            "first_seen": when_json(version.first_seen), "last_seen": when_json(version.last_seen),
            "sha256": version.sha256, "size": version.size, "content_type": version.content_type,
            "title": version.title, "page_count": version.page_count, "extract_outcome": version.extract_outcome,
            "extractor": version.extractor, "http_etag": version.http_etag,
            "http_last_modified": version.http_last_modified, "referrer": version.referrer,
            "link_text": version.link_text, "text_sha256": version.text_sha256,
            "parts": version.parts}


def document_dict(document, replaced_by: str | None = None) -> dict:
    """A document with its versions, as `icswatch history --json` and the web API give it."""
    return {"document_id": document.id, "predecessor_id": document.predecessor_id, "replaced_by": replaced_by,
            "system_id": document.system_id, "doc_type": document.doc_type,
            "easy_read": document.easy_read, "format": document.format, "title": document.title,
            "url": document.url, "first_seen": when_json(document.first_seen), "last_seen": when_json(document.last_seen),
            "missing_since": when_json(document.missing_since), "reasons": document.reasons or [],
            "edition_label": document.edition_label, "edition_reasons": document.edition_reasons or [],
            "format_of_id": document.format_of_id, "versions": [version_dict(v) for v in document.versions]}


__all__ = ["ChangeRecord", "ExcerptRecord", "SystemNames", "document_dict", "squash", "version_dict", "when_json"]
