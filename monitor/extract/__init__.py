"""Text extraction: document bytes (PDF, DOCX, HTML, or an HTML book's chapter pages) in, a `Text` out.

A Text holds normalised paragraphs, each with its page and section, and says how it was made
(extractor, version, settings, fingerprint) and whether it worked (`outcome`, `detail`). Every parse
runs in a guarded child process (time, memory and page limits), so a hostile file never harms the
caller; the workers stay warm from one document to the next until `release_workers`. Only texts with
equal fingerprints may be diffed; `split_sentences` gives the units to diff.

The names below are imported when first used: a worker process imports `monitor.extract.worker`
and the PDF readers, and must not pay for the parent's side (api.py and every reader behind it).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

_WHERE = {"extract_html_book": "api", "extract_text": "api", "release_workers": "guard",
          "NORMALISER_VERSION": "model", "Limits": "model", "Outcome": "model", "Paragraph": "model",
          "Text": "model", "fingerprint": "model", "split_sentences": "sentences"}
__all__ = ["NORMALISER_VERSION", "Limits", "Outcome", "Paragraph", "Text", "extract_html_book",
           "extract_text", "fingerprint", "release_workers", "split_sentences"]


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from .api import extract_html_book, extract_text
    from .guard import release_workers
    from .model import NORMALISER_VERSION, Limits, Outcome, Paragraph, Text, fingerprint
    from .sentences import split_sentences
