"""The values text extraction deals in: `Limits` in, `Text` (a list of `Paragraph`) out.

Takes nothing from the outside world; `Text.to_dict`/`Text.from_dict` turn a result into JSON-ready
values and back, and `fingerprint` says which texts may be compared with each other.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields

from store.vocabulary import ExtractOutcome

from ..errors import ExtractError

# Bump when anything that shapes the text after the parser changes (normalise.py, layout.py, order.py,
# the HTML and DOCX walkers): texts with different fingerprints are never diffed against each other.
NORMALISER_VERSION = 1


Outcome = ExtractOutcome  # what happened to one document; anything but OK: never a comparable text


@dataclass(frozen=True)
class Limits:
    """How much one extraction may take. `memory_mb` is per child process (RLIMIT_AS); `workers` is how
    many processes share a PDF's pages; `ocr` runs Tesseract on scanned PDFs when it is installed;
    `fast_path` lets PDFium supply the characters of pages it provably reads as pdfminer does
    (pdf_fast.py). `fast_path` and `ocr` change how a text is made, so they show in its fingerprint."""

    timeout_s: float = 60.0
    memory_mb: int = 1024
    max_pages: int = 2000
    max_bytes: int = 50 * 1024 * 1024
    workers: int = 2
    ocr: bool = False
    fast_path: bool = True


@dataclass
class Paragraph:
    """One normalised paragraph. `page` is 1-based (a chapter number in an HTML book), `section` the
    heading it sits under, `kind` one of "text", "heading", "row" (a table row, cells joined by " | ")."""

    text: str
    page: int | None = None
    section: str | None = None
    kind: str = "text"


@dataclass
class Text:
    """The text of one document, or the reason there is none (`outcome`, `detail`)."""

    outcome: str
    detail: str = ""
    format: str | None = None
    title: str | None = None
    page_count: int | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    extractor: str = ""
    extractor_version: str = ""
    settings: dict = field(default_factory=dict)
    fingerprint: str = ""
    elapsed_s: float = 0.0
    notes: list[str] = field(default_factory=list)   # what a maintainer may want to know (fallbacks...)
    stats: dict = field(default_factory=dict)        # pages by route, peak child memory: not compared

    def __post_init__(self):
        self.outcome = str(self.outcome)
        if not self.fingerprint and self.extractor:
            self.fingerprint = fingerprint(self.extractor, self.extractor_version, self.settings)

    def raise_for_outcome(self) -> None:
        """For callers that prefer an exception: raise ExtractError unless the outcome is ok."""
        if not self.is_ok:
            raise ExtractError(f"{self.format or 'document'}: {self.outcome}: {self.detail}")

    @property
    def is_ok(self) -> bool:
        return self.outcome == Outcome.OK

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Text:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["paragraphs"] = [Paragraph(**p) for p in data.get("paragraphs", [])]
        return cls(**values)


def fingerprint(extractor: str, extractor_version: str, settings: dict) -> str:
    """Equal for two texts exactly when they were produced the same way, so they may be diffed."""
    recipe = json.dumps({"extractor": extractor, "version": extractor_version, "settings": settings,
                         "normaliser": NORMALISER_VERSION}, sort_keys=True)
    digest = hashlib.sha256(recipe.encode()).hexdigest()[:12]
    return f"{extractor}/{extractor_version}/n{NORMALISER_VERSION}/{digest}"


def failed(outcome: str, detail: str, **known) -> Text:
    """A Text that carries no paragraphs, only why."""
    return Text(outcome=str(outcome), detail=detail, **known)
