"""The project's one vocabulary: document types, formats, change kinds and every outcome, as enums.

Takes nothing and imports nothing of ours, so the crawler, the monitor and the archive can all use it
(it sits in `store/` because these are the values the archive stores). Each enum is a `StrEnum`: a
member is equal to its string, so rows written before it existed read back the same, and JSON and
templates see plain strings. Two layers use similar words for different things, and the names here say
which is which:
- `CaptureKind` is what a capture's *bytes* meant to the archive (a new file, the same file at a new URL);
- `ChangeKind` is what changed in a document's *text*, as the digest reports it.
No other module spells these values as string literals (`tests/test_vocabulary.py` checks).
"""

from __future__ import annotations

from enum import StrEnum


class DocType(StrEnum):
    """What a document is. Easy read is not a type: it is the separate `easy_read` flag."""

    STRATEGY = "strategy"
    JOINT_FORWARD_PLAN = "joint_forward_plan"
    OTHER = "other"


PLAN_TYPES = (DocType.STRATEGY, DocType.JOINT_FORWARD_PLAN)


class Format(StrEnum):
    """How a document is published."""

    PDF = "pdf"
    DOCX = "docx"
    DOC = "doc"
    ODT = "odt"
    RTF = "rtf"
    HTML = "html"
    HTML_BOOK = "html_book"  # a multi-page web plan: a contents page and its chapters, in order
    UNKNOWN = "unknown"  # kept as fetched (archive_other), no reader for it


FILE_FORMATS = frozenset({Format.PDF, Format.DOCX, Format.DOC, Format.ODT, Format.RTF})
WEB_FORMATS = frozenset({Format.HTML, Format.HTML_BOOK})


class ChangeKind(StrEnum):
    """What changed in a document's text between two crawls (`changes.kind`; `change` in JSON)."""

    NEW_DOCUMENT = "new_document"
    NEW_VERSION = "new_version"  # the text changed (also: a refresh at a new URL continuing a lineage)
    MOVED = "moved"  # the same text at a new URL
    REMOVED = "removed"  # gone from the site for several complete crawls and days; never "all its text deleted"
    UNREADABLE = "unreadable"  # a new version was published but its text could not be read (scanned, encrypted...)


class CaptureKind(StrEnum):
    """What one capture's bytes meant to the archive (`store.archive.Recorded.kind`). Byte-level: a
    re-saved PDF with the same text is `NEW_BYTES` here and no change at all to the digest."""

    FIRST_CAPTURE = "new_document"
    NEW_BYTES = "new_version"
    SAME_BYTES_NEW_URL = "moved"
    UNCHANGED = "unchanged"


class FetchOutcome(StrEnum):
    """One fetch attempt (`fetches.outcome`)."""

    PAGE = "page"  # a listing or navigation page, kept for its links
    ARCHIVED = "new_version"  # new bytes archived as a version (byte-level, like CaptureKind.NEW_BYTES)
    UNCHANGED = "unchanged"  # the same bytes again
    NOT_MODIFIED = "not_modified"  # a 304
    FAILED = "failed"
    LIMIT = "limit"  # a budget (pages per site) cut the crawl of a system short
    DISALLOWED = "disallowed_by_robots"  # a document link robots.txt forbids: obeyed, told to the maintainer
    NOT_A_DOCUMENT = "not_a_document"
    ERROR_PAGE = "error_page"  # a "soft 404": an error or home page where a document was: a failed fetch
    SITE_CHANGED = "site_changed"  # most of a site's documents vanished at once: a maintainer must look


FAILED_FETCHES = (FetchOutcome.FAILED, FetchOutcome.LIMIT, FetchOutcome.ERROR_PAGE, FetchOutcome.SITE_CHANGED)
UNCHANGED_FETCHES = (FetchOutcome.UNCHANGED, FetchOutcome.NOT_MODIFIED)


class ExtractOutcome(StrEnum):
    """What happened to one document's text. Anything but OK means: never compare this version."""

    OK = "ok"
    NO_TEXT_LAYER = "no_text_layer"
    ENCRYPTED = "encrypted"
    CORRUPT = "corrupt"
    TOO_LARGE = "too_large"
    TIMEOUT = "timeout"
    MEMORY = "memory"
    UNSUPPORTED = "unsupported"


class Rating(StrEnum):
    """A scorecard rating, the HPIG review's three answers (`icswatch scorecard`)."""

    YES = "yes"
    SOME = "to_some_extent"
    NO = "no"

    @property
    def label(self) -> str:
        return {"yes": "Yes", "to_some_extent": "To some extent", "no": "No"}[self.value]


class ReviewDecision(StrEnum):
    """What a reviewer did with a scorecard rating."""

    CONFIRMED = "confirmed"
    OVERRIDDEN = "overridden"


class RunStatus(StrEnum):
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"  # the crawler process itself failed
    INTERRUPTED = "interrupted"  # its process died; a later run examined what it left


class DeliveryStatus(StrEnum):
    """An outbox row: one digest for one recipient and period."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"  # retried: by the next `icswatch send`, and by the running scheduler with back-off
    REFUSED = "refused"  # the server refused it for good, several times: no more tries; the maintainer is told


__all__ = ["FAILED_FETCHES", "FILE_FORMATS", "PLAN_TYPES", "UNCHANGED_FETCHES", "WEB_FORMATS", "CaptureKind",
           "ChangeKind", "DeliveryStatus", "DocType", "ExtractOutcome", "FetchOutcome", "Format", "Rating", "ReviewDecision", "RunStatus"]
