"""Text extraction: document bytes (PDF, DOCX, HTML, or an HTML book's chapter pages) in, a `Text` out.

A Text holds normalised paragraphs, each with its page and section, and says how it was made
(extractor, version, settings, fingerprint) and whether it worked (`outcome`, `detail`). Every parse
runs in a guarded child process (time, memory and page limits), so a hostile file never harms the
caller; the workers stay warm from one document to the next until `release_workers`. Only texts with equal fingerprints may be diffed; `split_sentences` gives the units to diff.
"""

from .api import extract_html_book, extract_text
from .guard import release_workers
from .model import NORMALISER_VERSION, Limits, Outcome, Paragraph, Text, fingerprint
from .sentences import split_sentences

__all__ = ["NORMALISER_VERSION", "Limits", "Outcome", "Paragraph", "Text", "extract_html_book",
           "extract_text", "fingerprint", "release_workers", "split_sentences"]
