"""What both sides of PDF extraction share without loading the readers: the `Line` every route
reads, the settings a Text records and the pages the fast path is checked on.

Imported by the parent side (pdf.py, which never imports pdfminer.six or pypdfium2: a worker does)
and by the readers (read_pdf.py, pdf_fast.py), so both state one set of settings.
"""

from __future__ import annotations

from typing import NamedTuple

# pdfminer's own ordering of boxes (boxes_flow) is not used: it reads a short column before a long
# one beside it. layout.py orders the boxes instead, the same way for every route.
LAPARAMS = {"char_margin": 4.0, "line_margin": 0.5, "word_margin": 0.1, "line_overlap": 0.5,
            "boxes_flow": None, "detect_vertical": False, "all_texts": False}
SETTINGS = {"laparams": LAPARAMS, "forms": "flattened into the page", "images": "ignored"}
FALLBACK_SETTINGS = {"lines": "PDFium text rectangles", "boxes": "vertically adjacent aligned lines"}
FAST_PATH = "pdfium characters, pdfminer line and box grouping, checked on sample pages"
FAST_PATH_MIN_PAGES = 4  # shorter documents are read by pdfminer alone: checking every page costs more
OCR_DPI = 300


def sample_pages(pages: int) -> set[int]:
    """The pages (near the start, middle and end) on which the fast path is checked against pdfminer:
    six, or the first, middle and last of a short document, whose pages each cost more to check than
    the fast path saves. Every page of a document of up to four: such a file is pdfminer's alone."""
    middle = pages // 2 + 1
    if pages <= FAST_PATH_MIN_PAGES:
        return set(range(1, pages + 1))
    chosen = (1, middle, pages) if pages <= 12 else (1, 2, middle, middle + 1, pages - 1, pages)
    return {n for n in chosen if 1 <= n <= pages}


def font_pages(pages: list[dict]) -> list[int]:
    """Pages to check as well as the sample pages, so that every font the fast path read is checked
    on some page: the first page drawn in each font no checked page uses. pdfminer and PDFium differ
    font by font (an encoding, a width table) more than page by page; a font used on a few pages in
    the middle of a plan (a table's, a formula's) is otherwise never checked. `pages`: the pages
    read, the fast path's with their "fonts", the checked ones with their "check"."""
    covered = {font for page in pages if page.get("check") for font in page.get("fonts", ())}
    chosen = []
    for page in sorted(pages, key=lambda p: p["number"]):
        if "check" not in page and not covered.issuperset(page.get("fonts", ())):
            chosen.append(page["number"])
            covered.update(page["fonts"])
    return chosen


def font_size(value: float) -> float:
    """A line's font size as every route records it: to a tenth of a point, from the size to a
    thousandth, so that two readers' 10.2499999 and 10.2500001 (a designed 10.25) come out the same."""
    return round(round(value, 3), 1)


class Line(NamedTuple):
    """One positioned text line, as every PDF route reads it (pdfminer's coordinates: points from
    the page's bottom left). Its fields cross the extraction process boundary as a plain tuple
    (read_pdf.read_pages), which layout.py reads by position."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float  # font size: the median of the first, middle and last characters'
    bold: bool
    box: int  # the text box it belongs to, numbered in box order (see pdf_fast.in_box_order)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.x0, self.y0, self.x1, self.y1
