"""Child-process side of PDF extraction: PDF bytes in, positioned text lines per page out.

`probe` opens a PDF with PDFium and returns its page count and title, with the readers' versions
(or ends with `encrypted`, `corrupt`, `too_large`). `read_pages` reads the given pages with
pdfminer.six (tuned: char_margin 4, forms drawn onto the page, images and paths skipped), grouping
characters into lines and lines into text boxes; or, where pdf_fast.py proves it gets the same
boxes, from PDFium's characters. PDFium also counts each page's characters, as a check that pdfminer
missed nothing. `read_pages_pdfium` is the fallback: PDFium's text, lines rebuilt from its
rectangles. A page comes back as a dict: number, width, height, lines [(text, x0, y0, x1, y1, size,
bold, box): a pdf_common.Line's fields as a plain tuple, which pickles in a fifth of the time], chars
(non-space characters read), pdfium_chars (non-space characters PDFium sees) and route. Reading
order is layout.py's work. Everything here runs under guard.py; it raises ExtractFailure for
anything the caller should report.
"""

from __future__ import annotations

import io
import logging
import zlib
from collections.abc import Iterator

import pdfminer
import pypdfium2 as pdfium
from pdfminer import pdftypes
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTChar, LTTextBox, LTTextLine
from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser

from . import pdf_fast
from .guard import ExtractFailure
from .model import Outcome
from .normalise import clean
from .pdf_common import LAPARAMS, Line, font_size

PDFMINER_VERSION = pdfminer.__version__
PDFIUM_VERSION = f"pypdfium2 {pdfium.PYPDFIUM_INFO.version} (pdfium {pdfium.PDFIUM_INFO.build})"

logging.getLogger("pdfminer").setLevel(logging.ERROR)


def probe(data: bytes, max_pages: int) -> dict:
    """Page count and title, or the reason the file cannot be read at all; and what will read it (the
    readers' versions, whether the fast path is built), which only a process holding the readers knows."""
    document = open_pdfium(data)
    pages = len(document)
    if pages > max_pages:
        raise ExtractFailure(Outcome.TOO_LARGE, f"{pages} pages, more than the limit of {max_pages}")
    return {"pages": pages, "title": (document.get_metadata_value("Title") or "").strip() or None,
            "pdfminer": PDFMINER_VERSION, "pdfium": PDFIUM_VERSION, "fast_path_built": pdf_fast.AVAILABLE}


def same_lines(fast: list[Line], slow: list[Line]) -> bool:
    """Whether two readings of a page have the same text boxes: the same lines (text as normalised,
    size, bold) in each, within 2 points of each other."""
    one, two = _boxes(fast), _boxes(slow)
    if [len(box) for box in one] != [len(box) for box in two]:
        return False
    for a, b in zip(one, two, strict=True):
        if [(clean(ln.text), ln.size, ln.bold) for ln in a] != [(clean(ln.text), ln.size, ln.bold) for ln in b]:
            return False
        if any(abs(p - q) > 2.0 for x, y in zip(a, b, strict=True) for p, q in zip(x.bbox, y.bbox, strict=True)):
            return False
    return True


def _boxes(lines: list[Line]) -> list[list[Line]]:
    boxes: dict[int, list[Line]] = {}
    for line in lines:
        boxes.setdefault(line.box, []).append(line)
    return sorted(boxes.values(), key=lambda box: ([clean(ln.text) for ln in box], round(box[0].x0 / 10),
                                                   round(box[0].y1 / 10)))


def open_pdfium(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium.raw.FPDF_ERR_PASSWORD:
            raise ExtractFailure(Outcome.ENCRYPTED, "the PDF needs a password to open") from None
        if exc.err_code == pdfium.raw.FPDF_ERR_SECURITY:
            raise ExtractFailure(Outcome.ENCRYPTED, "the PDF uses an unsupported encryption scheme") from None
        tail = data[-2048:]
        why = "truncated (no %%EOF at the end)" if b"%%EOF" not in tail else "damaged"
        raise ExtractFailure(Outcome.CORRUPT, f"the PDF is {why}: {exc}") from None


def read_pages(data: bytes, numbers: list[int], fast_path: bool, stream_cap_mb: int,
               samples: frozenset[int] = frozenset()) -> list[dict]:
    """Pages `numbers` (1-based): PDFium where pdf_fast proves it reads a page as pdfminer.six
    would, pdfminer.six for every other page. On the `samples` pages both read, and the page says
    whether they agree ("check"); a disagreement anywhere turns the fast path off for the whole
    document (pdf.py). pdfminer reads first where it reads at all, so that a hostile stream meets its
    guarded decompression before PDFium, which parses a page's content as soon as it loads it."""
    guard_streams(stream_cap_mb)
    document = open_pdfium(data)
    miner = PdfminerReader(data)
    results, names = [], {}
    for number in numbers:
        mined = miner.read_page(number) if not fast_path or number in samples else None
        page = document[number - 1]
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        fast = pdf_fast.read_page(page, textpage, text, names) if fast_path and count_visible(text) else None
        check = None if fast is None or mined is None else same_lines(fast["lines"], mined["lines"])
        if fast is not None and check is not False:
            result = {"number": number, **fast, "route": "pdfium"}
        else:
            result = {"number": number, **(mined or miner.read_page(number)), "route": "pdfminer"}
        if check is not None:
            result["check"] = check
        result["pdfium_chars"] = count_visible(text)
        result["lines"] = [tuple(line) for line in result["lines"]]
        results.append(result)
    return results


def count_visible(text: str) -> int:
    return len(text) - sum(text.count(c) for c in " \r\n\t\xa0")


class _TextOnly(PDFPageAggregator):
    """pdfminer's aggregator without the parts text does not need: images and paths are dropped, and
    form XObjects are drawn straight onto the page so their text joins the page's reading order."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._ctms: list = []

    def begin_figure(self, name, bbox, matrix) -> None:
        self._ctms.append(self.ctm)

    def end_figure(self, name) -> None:
        self.ctm = self._ctms.pop()

    def render_image(self, name, stream) -> None:
        pass

    def paint_path(self, gstate, stroke, fill, evenodd, path) -> None:
        pass


class PdfminerReader:
    """One pdfminer document, opened on first use, read page by page. Its page tree is walked only as
    far as the pages asked for (all 150 pages of a plan take pdfminer 35 ms to list; a worker whose
    sample pages are near the start needs a few)."""

    def __init__(self, data: bytes):
        self.data = data
        self.pages: list[PDFPage] = []  # listed so far
        self._unlisted: Iterator[PDFPage] | None = None  # the rest of the page tree, once opened

    def _open(self) -> Iterator[PDFPage]:
        try:
            document = PDFDocument(PDFParser(io.BytesIO(self.data)))
        except PDFPasswordIncorrect:
            raise ExtractFailure(Outcome.ENCRYPTED, "the PDF needs a password to open") from None
        resources = PDFResourceManager(caching=True)
        self.device = _TextOnly(resources, laparams=LAParams(**LAPARAMS))
        self.interpreter = PDFPageInterpreter(resources, self.device)
        return PDFPage.create_pages(document)

    def page(self, number: int) -> PDFPage:
        if self._unlisted is None:
            self._unlisted = self._open()
        while len(self.pages) < number:
            found = next(self._unlisted, None)
            if found is None:
                raise IndexError(f"pdfminer finds {len(self.pages)} pages, not {number}")
            self.pages.append(found)
        return self.pages[number - 1]

    def read_page(self, number: int) -> dict:
        page = self.page(number)
        try:
            self.interpreter.process_page(page)
        except ExtractFailure as exc:
            raise ExtractFailure(exc.outcome, f"page {number}: {exc.detail}", exc.retry) from None
        layout = self.device.get_result()
        lines = []
        for box_index, box in enumerate(b for b in layout if isinstance(b, LTTextBox)):
            for line in box:
                if isinstance(line, LTTextLine) and (text := pdf_fast.canonical(line.get_text())):
                    size, bold = _font(line)
                    lines.append(Line(text, line.x0, line.y0, line.x1, line.y1, size, bold, box_index))
        lines = pdf_fast.in_box_order(lines)
        return {"width": layout.width, "height": layout.height, "lines": lines,
                "chars": sum(count_visible(line.text) for line in lines)}


def _font(line: LTTextLine) -> tuple[float, bool]:
    """The line's font size (the median of its first, middle and last characters) and whether it is bold."""
    chars = [c for c in line if isinstance(c, LTChar) and not c.get_text().isspace()]
    if not chars:
        return 0.0, False
    sample = sorted(c.size for c in (chars[0], chars[len(chars) // 2], chars[-1]))
    name = chars[0].fontname.lower()
    return font_size(sample[1]), any(word in name for word in pdf_fast.BOLD_WORDS)


def read_pages_pdfium(data: bytes, numbers: list[int]) -> list[dict]:
    """The fallback: each page's text in PDFium's order (the content stream's), lines rebuilt from
    PDFium's text rectangles."""
    document = open_pdfium(data)
    results = []
    for number in numbers:
        page = document[number - 1]
        textpage = page.get_textpage()
        width, height = page.get_size()
        lines = rect_lines(textpage)
        chars = count_visible(textpage.get_text_range())
        results.append({"number": number, "width": width, "height": height, "chars": chars,
                        "lines": [tuple(line) for line in lines], "pdfium_chars": chars, "route": "pdfium-fallback"})
    return results


def rect_lines(textpage) -> list[Line]:
    """Lines in PDFium's (content-stream) order, from its text rectangles: the fallback's reading."""
    lines: list[Line] = []
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        text = textpage.get_text_bounded(left, bottom, right, top).replace("\r\n", " ").strip()
        if not text:
            continue
        last = lines[-1] if lines else None
        height = top - bottom
        if last and min(top, last.y1) - max(bottom, last.y0) > 0.5 * height and left >= last.x1 - 1:
            gap = " " if left - last.x1 > 0.1 * height else ""
            lines[-1] = last._replace(text=last.text + gap + text, y0=min(bottom, last.y0), x1=right,
                                      y1=max(top, last.y1))
        else:
            lines.append(Line(text, left, bottom, right, top, round(height / 1.15, 1), False, 0))
    box = 0
    for index, (previous, line) in enumerate(zip([None, *lines[:-1]], lines, strict=True)):
        if previous and not (0 <= previous.y0 - line.y1 <= 0.6 * (line.y1 - line.y0)
                             and line.x0 < previous.x1 and previous.x0 < line.x1):
            box += 1
        lines[index] = line._replace(text=pdf_fast.canonical(line.text), box=box)
    return lines


def guard_streams(cap_mb: int) -> None:
    """Make pdfminer report damaged and oversized compressed streams instead of quietly reading what
    it can: a page rebuilt from half a stream would look like deleted text to change detection."""
    pdftypes.zlib = _CappedZlib(cap_mb)
    if not getattr(pdftypes.PDFStream.decode, "guarded", False):
        original = pdftypes.PDFStream.decode

        def decode(stream):
            try:
                original(stream)
            except ValueError as exc:  # ASCII85/ASCIIHex/LZW data that is not what its filter says
                raise ExtractFailure(Outcome.CORRUPT, f"damaged stream (object {stream.objid}): {exc}") from None

        decode.guarded = True
        pdftypes.PDFStream.decode = decode


class _CappedZlib:
    """Stands in for the zlib module inside pdfminer.pdftypes."""

    error = zlib.error

    def __init__(self, cap_mb: int):
        self.cap = cap_mb * 1024 * 1024

    def decompress(self, data: bytes) -> bytes:
        inflater = zlib.decompressobj()
        out, size = [], 0
        for start in range(0, len(data), 1 << 16):
            try:
                chunk = inflater.decompress(data[start:start + (1 << 16)], self.cap - size + 1)
            except zlib.error as exc:
                if "incorrect data check" in str(exc):  # complete data, bad checksum: viewers accept it
                    break
                raise ExtractFailure(Outcome.CORRUPT, f"damaged compressed stream ({exc})") from None
            out.append(chunk)
            size += len(chunk)
            if size > self.cap or inflater.unconsumed_tail:
                raise ExtractFailure(Outcome.MEMORY, f"a compressed stream expands beyond {self.cap >> 20} MB "
                                     "(a decompression bomb?)")
            if inflater.eof:
                break
        return b"".join(out)
