"""Optional OCR for scanned PDFs: PDF bytes and a Tesseract executable in, blocks of text out.

Runs in a guarded child. Each page is rendered by PDFium at `OCR_DPI` (pdf_common.py) and piped
to `tesseract stdin stdout`; the text that comes back is split into paragraphs at blank lines.
Returns {"blocks", "version"}. Only used when Limits.ocr is set and Tesseract is installed.
"""

from __future__ import annotations

import io
import subprocess

import pypdfium2 as pdfium

from .normalise import Block
from .pdf_common import OCR_DPI

_PAGE_TIMEOUT_S = 120


def read_pages_ocr(data: bytes, pages: int, tesseract: str) -> dict:
    document = pdfium.PdfDocument(data)
    version = subprocess.run([tesseract, "--version"], capture_output=True, text=True, timeout=30)
    blocks: list[Block] = []
    for number in range(1, pages + 1):
        image = document[number - 1].render(scale=OCR_DPI / 72).to_pil()
        png = io.BytesIO()
        image.save(png, format="PNG")
        done = subprocess.run([tesseract, "stdin", "stdout"], input=png.getvalue(), capture_output=True,
                              timeout=_PAGE_TIMEOUT_S, check=True)
        for chunk in done.stdout.decode("utf-8", "replace").split("\n\n"):
            lines = [line for line in chunk.splitlines() if line.strip()]
            if lines:
                blocks.append(Block(lines, number, "text"))
    first = (version.stdout or version.stderr).splitlines()
    return {"blocks": blocks, "version": first[0].strip() if first else "tesseract"}
