"""Decide what a document is from its first bytes, never from what the server said it was.

Takes the bytes plus the Content-Type and URL the crawler saw. `sniff` returns a `Sniffed` for text
extraction: the format to parse ("pdf", "docx", "html") or, when there is nothing to parse, the outcome
and a reason. For the crawler, `archive_format` says what format to archive the bytes as and `refusal`
why they cannot be the document the link promised (an empty body, an HTML or XML page), or None. The
declared type only explains a mismatch: an HTML body served as application/pdf is an error page.
Stdlib and `store.vocabulary` only: the crawler and extraction child processes both import it.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from urllib.parse import urlparse

from store.vocabulary import FILE_FORMATS, ExtractOutcome, Format

_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<meta|<title|<!--|<\?xml[^>]*>\s*<!doctype\s+html)",
                         re.IGNORECASE)
_HTML_ANYWHERE = re.compile(rb"<(html|body|head)[\s>]", re.IGNORECASE)
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DECLARED = {"application/pdf": Format.PDF, "application/x-pdf": Format.PDF, "text/html": Format.HTML,
             "application/xhtml+xml": Format.HTML,
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document": Format.DOCX}
_SUFFIXES = {".pdf": Format.PDF, ".docx": Format.DOCX, ".html": Format.HTML, ".htm": Format.HTML, ".doc": Format.DOC,
             ".odt": Format.ODT, ".rtf": Format.RTF}
_PARSED_FILES = (Format.PDF, Format.DOCX, Format.DOC)  # declared as one of these, anything else is a mismatch


@dataclass(frozen=True)
class Sniffed:
    format: Format | None         # PDF, DOCX, HTML, or None when there is nothing to parse
    outcome: str = ExtractOutcome.OK     # why not, when format is None
    detail: str = ""


def declared_format(content_type: str | None, url: str | None) -> str | None:
    """What the server or the link claimed the document to be, if anything."""
    if content_type:
        kind = content_type.split(";")[0].strip().lower()
        if kind in _DECLARED:
            return _DECLARED[kind]
    if url:
        path = urlparse(url).path.lower()
        for suffix, kind in _SUFFIXES.items():
            if path.endswith(suffix):
                return kind
    return None


def sniff(data: bytes, content_type: str | None = None, url: str | None = None) -> Sniffed:
    """The format of `data` by its magic bytes, with a reason whenever it cannot be extracted."""
    declared = declared_format(content_type, url)
    if not data:
        return Sniffed(None, ExtractOutcome.CORRUPT, "empty file (0 bytes)")
    head = data[:4096]
    if b"%PDF-" in data[:1024]:
        return Sniffed(Format.PDF)
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    if head.startswith(_OLE):
        return _sniff_ole(data)
    if _looks_like_html(head):
        if declared in _PARSED_FILES:
            return Sniffed(None, ExtractOutcome.CORRUPT, f"served as {declared.upper()} but the body is an HTML page"
                           f"{_html_title(head)}: an error, login or block page, not the document")
        return Sniffed(Format.HTML)
    start = head[:16]
    if declared in _PARSED_FILES:
        return Sniffed(None, ExtractOutcome.CORRUPT, f"served as {declared.upper()} but the bytes are not one "
                       f"(starts {start!r})")
    return Sniffed(None, ExtractOutcome.UNSUPPORTED, f"not a PDF, Word or HTML document (starts {start!r})")


def _looks_like_html(head: bytes) -> bool:
    body = head.removeprefix(b"\xef\xbb\xbf")
    return bool(_HTML_START.match(body) or _HTML_ANYWHERE.search(body))


def _html_title(head: bytes) -> str:
    match = _TITLE.search(head)
    if not match:
        return ""
    title = " ".join(match.group(1).decode("utf-8", "replace").split())[:80]
    return f" titled {title!r}" if title else ""


def _sniff_zip(data: bytes) -> Sniffed:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        return Sniffed(None, ExtractOutcome.CORRUPT, f"damaged zip container: {exc}")
    if "word/document.xml" in names:
        return Sniffed(Format.DOCX)
    kind = ("a spreadsheet (XLSX)" if "xl/workbook.xml" in names else
            "a presentation (PPTX)" if "ppt/presentation.xml" in names else
            "an OpenDocument file" if "content.xml" in names else "a zip archive")
    return Sniffed(None, ExtractOutcome.UNSUPPORTED, f"{kind}, not a Word document")


def _sniff_ole(data: bytes) -> Sniffed:
    # Password-protected Office files are OLE containers holding an "EncryptedPackage" stream.
    if "EncryptedPackage".encode("utf-16-le") in data:
        return Sniffed(None, ExtractOutcome.ENCRYPTED, "password-protected Office document")
    return Sniffed(None, ExtractOutcome.UNSUPPORTED, "legacy Office file (.doc/.xls/.ppt); only DOCX is read")


def archive_format(url: str, content_type: str | None, body: bytes) -> Format | None:
    """The format to archive `body` as: what its bytes are first (servers mislabel), then what the server
    or the link declared (a legacy .doc, an .odt or .rtf is archived as such, though never parsed)."""
    found = sniff(body, content_type, url).format or declared_format(content_type, url)
    return Format(found) if found else None


def refusal(url: str, content_type: str | None, body: bytes, promised: str | None = None) -> str | None:
    """Why these bytes cannot be the document the link promised (or `promised`: what the archive knows
    is at that URL), or None."""
    if not body.strip():
        return "empty response where a document was expected"
    promised = promised or declared_format(content_type, url)
    if promised in FILE_FORMATS and not _has_file_magic(body) and is_markup(body[:4096]):
        return f"the server sent an HTML page, not the {promised.upper()} the link promised (an error or block page?)"
    return None


def _has_file_magic(data: bytes) -> bool:
    return b"%PDF-" in data[:1024] or data.startswith((b"PK\x03\x04", _OLE))


def is_markup(head: bytes) -> bool:
    # An XML body (a storage service's "AccessDenied") where a file was promised is an error page too.
    return _looks_like_html(head) or head.lstrip().lower().startswith(b"<?xml")
