"""Document bytes that are the same on every run: python-docx stamps each zip member with the current
time, so two builds of one Word document differ and a "moved, same bytes" document would not be.

Takes a `docgen.Doc` (and `make_docx` options); returns DOCX bytes with fixed zip timestamps.
"""

from __future__ import annotations

import io
import zipfile

from tests.docgen import Doc, make_docx

ZIP_TIME = (2023, 6, 1, 9, 0, 0)


def stable_docx(doc: Doc, **options) -> bytes:
    return _freeze_zip(make_docx(doc, **options))


def _freeze_zip(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
