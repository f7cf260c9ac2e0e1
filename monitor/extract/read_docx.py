"""Child-process side of Word extraction: DOCX bytes in, blocks of body text out.

Takes the bytes of a .docx and returns {"title", "blocks", "pages"}: the body's paragraphs, headings
(Title and Heading styles) and table rows in document order, including text boxes and tracked
insertions, excluding running headers and footers, footnotes, deleted text and tables of contents.
Pages are counted from the page breaks Word recorded the last time it laid the file out, when it did;
otherwise `pages` is None and so is every block's page.
"""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from .guard import ExtractFailure
from .model import Outcome
from .normalise import Block

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_EXCLUDED = f"ancestor::w:del or ancestor::w:txbxContent or ancestor::*[namespace-uri()='{_MC}' and local-name()='Fallback']"
_TEXT = f".//w:t[not({_EXCLUDED})] | .//w:tab[not({_EXCLUDED})] | .//w:br[not({_EXCLUDED})] | .//w:cr[not({_EXCLUDED})]"
_BOXES = f".//w:txbxContent[not(ancestor::*[namespace-uri()='{_MC}' and local-name()='Fallback'])]//w:p"
_MAX_EXPANSION = 40  # how many times max_bytes the XML parts may inflate to: more is a zip bomb


def read_docx(data: bytes, max_bytes: int) -> dict:
    _check_zip(data, max_bytes)
    document = Document(io.BytesIO(data))
    rendered = bool(document.element.body.xpath(".//w:lastRenderedPageBreak"))
    blocks, page = [], 1
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            page += _page_breaks(item, rendered)
            blocks.extend(_paragraph_blocks(item, page))
        elif isinstance(item, Table):
            blocks.extend(_table_blocks(item, page))
    if not rendered and page == 1:
        for block in blocks:
            block.page = None
    title = (document.core_properties.title or "").strip() or None
    return {"title": title, "blocks": blocks, "pages": page if rendered or page > 1 else None}


def _check_zip(data: bytes, max_bytes: int) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        inflated = sum(info.file_size for info in archive.infolist() if info.filename.endswith(".xml"))
    if inflated > _MAX_EXPANSION * max_bytes:
        raise ExtractFailure(Outcome.TOO_LARGE, f"the document's XML inflates to {inflated >> 20} MB "
                             "(a zip bomb?)")


def _page_breaks(paragraph: Paragraph, rendered: bool) -> int:
    if rendered:
        return len(paragraph._p.xpath(".//w:lastRenderedPageBreak"))
    return len(paragraph._p.xpath(".//w:br[@w:type='page']"))


def _text(element) -> str:
    parts = []
    for node in element.xpath(_TEXT):
        parts.append(node.text or "" if node.tag == qn("w:t") else "\t" if node.tag == qn("w:tab") else "\n")
    return "".join(parts)


def _paragraph_blocks(paragraph: Paragraph, page: int) -> list[Block]:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.lower().startswith("toc"):
        return []
    kind = "heading" if style.startswith(("Heading", "Title")) else "text"
    blocks = [Block(_text(paragraph._p).split("\n"), page, kind)]
    for box in paragraph._p.xpath(_BOXES):
        blocks.append(Block(_text(box).split("\n"), page, "text"))
    return blocks


def _table_blocks(table: Table, page: int) -> list[Block]:
    blocks = []
    for row in table.rows:
        cells, seen = [], []
        for cell in row.cells:
            if any(cell._tc is other for other in seen):  # a merged cell comes once per column it spans
                continue
            seen.append(cell._tc)
            cells.append([line for p in cell._tc.xpath("./w:p | ./w:tbl//w:p") for line in _text(p).split("\n")])
        filled = [c for c in cells if any(line.strip() for line in c)]
        if len(filled) > 1:
            blocks.append(Block([], page, "row", cells=filled))
        elif filled:
            blocks.append(Block(filled[0], page, "text"))
    return blocks
