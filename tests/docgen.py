"""Generate realistic ICS documents (PDF, DOCX, HTML) for tests and the replica web, so the suite
carries no large binaries.

Takes a `Doc` (title, sections of paragraphs) and layout options, returns the bytes of a file. The PDF
writer lays out lines itself on a reportlab canvas, so a test can choose what a real designed document
does: two columns, running headers and footers with page numbers, hyphenated line ends, ligature
characters, and a content stream whose order is not the reading order (`draw_order="shuffled"`).
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from datetime import datetime

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

PAGE_W, PAGE_H = A4
MARGIN = 56.0
BODY_FONT, BODY_SIZE, LEADING = "Helvetica", 10.0, 13.0
HEAD_FONT, HEAD_SIZE = "Helvetica-Bold", 13.0


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Doc:
    title: str
    sections: list[Section] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        return [p for s in self.sections for p in s.paragraphs]


@dataclass
class _Block:
    """One paragraph or heading as placed on a page: its lines and where they go."""

    page: int
    lines: list[tuple[float, float, str, str, float]]  # x, y, text, font, size


def _wrap(text: str, font: str, size: float, width: float, hyphenate: bool) -> list[str]:
    lines = simpleSplit(text, font, size, width)
    if not hyphenate or len(lines) < 2:
        return lines
    # Break the first word of each following line across the line end, as a typesetter would.
    out = [lines[0]]
    for line in lines[1:]:
        word, _, rest = line.partition(" ")
        if len(word) >= 8 and word.isalpha():
            cut = len(word) // 2
            out[-1] = f"{out[-1]} {word[:cut]}-"
            out.append(f"{word[cut:]} {rest}".strip())
        else:
            out.append(line)
    return out


def _layout(doc: Doc, columns: int, hyphenate: bool, top: float, bottom: float) -> list[_Block]:
    gap = 18.0
    col_w = (PAGE_W - 2 * MARGIN - gap * (columns - 1)) / columns
    page, col, y = 1, 0, top
    blocks: list[_Block] = []

    def place(lines: list[str], font: str, size: float, space_after: float) -> None:
        nonlocal page, col, y
        height = len(lines) * LEADING
        if y - height < bottom and y != top:
            col += 1
            if col == columns:
                page, col = page + 1, 0
            y = top
        x = MARGIN + col * (col_w + gap)
        placed = []
        for line in lines:
            placed.append((x, y, line, font, size))
            y -= LEADING
        blocks.append(_Block(page, placed))
        y -= space_after

    place(simpleSplit(doc.title, HEAD_FONT, HEAD_SIZE + 5, col_w), HEAD_FONT, HEAD_SIZE + 5, 10)
    for section in doc.sections:
        place(simpleSplit(section.heading, HEAD_FONT, HEAD_SIZE, col_w), HEAD_FONT, HEAD_SIZE, 4)
        for paragraph in section.paragraphs:
            place(_wrap(paragraph, BODY_FONT, BODY_SIZE, col_w, hyphenate), BODY_FONT, BODY_SIZE, 7)
    return blocks


def make_pdf(
    doc: Doc,
    *,
    columns: int = 1,
    header: str | None = None,
    footer: str | None = "Page {page} of {pages}",
    hyphenate: bool = False,
    draw_order: str = "reading",
    metadata: dict[str, str] | None = None,
    created: datetime | None = None,
    seed: int = 0,
) -> bytes:
    """A PDF of `doc`. `footer`/`header` may use {page} and {pages}. `draw_order` is "reading",
    "reversed" (each page's blocks bottom to top, right column first) or "shuffled"."""
    blocks = _layout(doc, columns, hyphenate, top=PAGE_H - MARGIN - 20, bottom=MARGIN + 24)
    pages = max(b.page for b in blocks)
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=created is None, pageCompression=1)
    meta = {"title": doc.title, "author": "Replica ICS", "subject": "", **(metadata or {})}
    pdf.setTitle(meta["title"])
    pdf.setAuthor(meta["author"])
    pdf.setSubject(meta["subject"])
    if created is not None:
        pdf.setDateFormatter(lambda *_: created.strftime("D:%Y%m%d%H%M%S+00'00'"))
    rng = random.Random(seed)
    for number in range(1, pages + 1):
        on_page = [b for b in blocks if b.page == number]
        if draw_order == "reversed":
            on_page.sort(key=lambda b: (-b.lines[0][0], b.lines[0][1]))
        elif draw_order == "shuffled":
            rng.shuffle(on_page)
        for block in on_page:
            for x, y, text, font, size in block.lines:
                pdf.setFont(font, size)
                pdf.drawString(x, y, text)
        pdf.setFont("Helvetica", 8)
        if header:
            pdf.drawString(MARGIN, PAGE_H - MARGIN + 12, header.format(page=number, pages=pages))
        if footer:
            pdf.drawCentredString(PAGE_W / 2, MARGIN - 10, footer.format(page=number, pages=pages))
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def make_docx(doc: Doc, *, header: str | None = None, table: list[list[str]] | None = None) -> bytes:
    """A Word document of `doc`: headings, paragraphs, an optional table after the first section,
    and an optional running header (which text extraction must leave out)."""
    from docx import Document

    word = Document()
    if header:
        word.sections[0].header.paragraphs[0].text = header
    word.core_properties.title = doc.title
    word.add_heading(doc.title, level=0)
    for i, section in enumerate(doc.sections):
        word.add_heading(section.heading, level=1)
        for paragraph in section.paragraphs:
            word.add_paragraph(paragraph)
        if table and i == 0:
            grid = word.add_table(rows=len(table), cols=len(table[0]))
            for r, row in enumerate(table):
                for c, cell in enumerate(row):
                    grid.cell(r, c).text = cell
    buf = io.BytesIO()
    word.save(buf)
    return buf.getvalue()
