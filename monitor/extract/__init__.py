"""Text extraction: document bytes (PDF, DOCX, HTML, or an HTML book's chapter pages) in, a `Text` out.

A Text holds normalised paragraphs, each with its page and section, and says how it was made
(extractor, version, settings, fingerprint) and whether it worked (`outcome`, `detail`). Every parse
runs in a guarded child process (time, memory and page limits), so a hostile file never harms the
caller; the workers stay warm from one document to the next until `release_workers`. Only texts with
equal fingerprints may be diffed; `split_sentences` gives the units to diff.

`extract_text` and `extract_html_book` are imported when first used: a worker process imports
`monitor.extract.worker` and the PDF readers, and must not pay for the parent's side (api.py and
every reader behind it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .guard import release_workers
from .model import NORMALISER_VERSION, Limits, Outcome, Paragraph, Text, fingerprint
from .sentences import split_sentences

__all__ = ["NORMALISER_VERSION", "Limits", "Outcome", "Paragraph", "Text", "extract_html_book",
           "extract_text", "fingerprint", "release_workers", "split_sentences"]


def __getattr__(name: str):
    if name in ("extract_text", "extract_html_book"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if TYPE_CHECKING:
    from .api import extract_html_book, extract_text
