"""The PDFium fast path: one PDF page's characters from PDFium, laid out by pdfminer.six's own rules.

Takes a pypdfium2 page and its text page; returns the page as read_pdf.py returns it (width, height,
positioned `Line`s with their pdfminer box, chars), or None when the page is not provably read the
same way pdfminer would read it. Most of pdfminer's time goes on building one Python object per
character; here PDFium supplies the characters (positions from its loose glyph boxes, sizes from the
text matrix), and a small C loop (_scan.c) groups them into lines with pdfminer's test for consecutive
characters and the lines into text boxes with pdfminer's neighbour test (LTLayoutContainer.
group_textlines), in Python's place only because one Python call per character was most of the cost.
The boxes are then put in reading order by layout.py from their positions alone, as for pdfminer's
pages, so the content stream's order never matters. Any test too close to its threshold (a
character's line, a line's box), any rotated or skewed text, any rotated page, a text object PDFium
lists no character of (a lone space, which pdfminer reads) and a glyph whose ink runs past an advance
that cannot be found send the page back to pdfminer, and pdf.py compares both readings on sample
pages of every document, falling back to pdfminer for the whole document if they differ. (These rules
come from real PDFs read both ways: benchmarks/fast_path_equivalence.py --pdfs.)
It calls pdfminer's internals, so pdfminer.six and pypdfium2 are pinned in pyproject.toml.
"""

from __future__ import annotations

import ctypes
import unicodedata

import pypdfium2.raw as pdfium_c
from pdfminer.pdffont import FontMetricsDB

from .pdf_common import LAPARAMS, Line, font_size

try:  # built from _scan.c at install; without a C compiler there is no fast path (pdfminer reads every page)
    from . import _scan
except ImportError:
    _scan = None
AVAILABLE = _scan is not None

# PDFium marks a hyphen that ends a line as U+FFFE (U+0002 from FPDFText_GetUnicode); pdfminer gives
# the glyph's own character, "-" or a soft hyphen. Both mean the same to the normaliser.
_HYPHEN_MARKS = "\ufffe\x02\u00ad"
_DROP_MARKS = str.maketrans(dict.fromkeys(_HYPHEN_MARKS))
BOLD_WORDS = ("bold", "black", "heavy", "semibold", "demi")  # in a font name: a bold face


class _Unsure(Exception):
    """This page cannot be proven to come out as pdfminer would read it."""


def read_page(page, textpage, text: str | None = None, names: dict[int, str] | None = None) -> dict | None:
    """The page as pdfminer would read it, or None. `text` is textpage.get_text_range(), if known;
    `names` remembers font names across the pages of one document. The page's "fonts" are the names
    of the fonts its text is drawn in, for pdf.py to check every font somewhere."""
    if page.get_rotation() % 360:
        return None
    x0, y0, x1, y1 = page.get_mediabox()
    text = textpage.get_text_range() if text is None else text
    objects: list[int] = []
    fonts: set[int] = set()
    _text_objects(page.raw, pdfium_c.FPDFPage_CountObjects(page.raw), pdfium_c.FPDFPage_GetObject, objects, fonts)
    if not _scan.in_object_order(text, _address(textpage.raw), _address(pdfium_c.FPDFText_GetTextObject), objects):
        return None
    try:
        lines = _scan_lines(textpage, text, x0, y0)
        laid_out = _boxes(lines) if lines else None
    except _Unsure:
        return None
    if not laid_out:
        return None
    names = {} if names is None else names
    return {"width": x1 - x0, "height": y1 - y0, "lines": laid_out,
            "chars": sum(len(line.text) - line.text.count(" ") for line in laid_out),
            "fonts": sorted({names[f] if f in names else names.setdefault(f, _font_name(f)) for f in fonts})}


def canonical(text: str) -> str:
    """A line's text as both readers give it: NFKC (PDFium splits ligatures itself, pdfminer keeps
    U+FB01...) and one character for a line-end hyphen."""
    text = unicodedata.normalize("NFKC", text.strip())
    if text and text[-1] in _HYPHEN_MARKS:
        text = text[:-1] + "-"
    return text.translate(_DROP_MARKS)


def _text_objects(owner, count: int, get, out: list[int], fonts: set[int]) -> None:
    """The addresses of the text objects under `owner`, in content order, forms expanded, and of
    their fonts. The page is read only if PDFium lists its characters in the order the content stream
    draws them, as pdfminer reads them (PDFium puts text objects that share a line in left-to-right
    order): each visible character's text object no earlier in `out` than the previous one's, and a
    character from every object (_scan.in_object_order)."""
    for index in range(count):
        obj = get(owner, index)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            out.append(_address(obj))
            fonts.add(_address(pdfium_c.FPDFTextObj_GetFont(obj)))
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            _text_objects(obj, pdfium_c.FPDFFormObj_CountObjects(obj), pdfium_c.FPDFFormObj_GetObject, out, fonts)


def _font_name(address: int) -> str:
    """A font's base name (a subset's has its own prefix, "ABCDEF+Arial-BoldMT"), "" if it has none."""
    buffer = ctypes.create_string_buffer(256)
    length = pdfium_c.FPDFFont_GetBaseFontName(ctypes.cast(address, pdfium_c.FPDF_FONT), buffer, len(buffer))
    return buffer.raw[:max(0, length - 1)].decode("latin-1")


def _address(pointer) -> int:
    return ctypes.cast(pointer, ctypes.c_void_p).value or 0


def _scan_lines(textpage, text: str, dx: float, dy: float) -> list[tuple] | None:
    """PDFium's characters in content order, in pdfminer's coordinates (mediabox origin at 0,0; box
    height = font size), cut into the lines pdfminer would make, with the spaces it would insert
    between words: (text, x0, y0, x1, y1, size, bold) per line, or None when a character's line is too
    close to call. The loop over characters is _scan.c; each run of characters in one font is
    measured here (`_font_run`)."""
    raw = textpage.raw
    functions = (_address(pdfium_c.FPDFText_CountChars), _address(pdfium_c.FPDFText_GetLooseCharBox),
                 _address(pdfium_c.FPDFText_IsGenerated), _address(pdfium_c.FPDFText_GetCharBox))
    return _scan.scan(text, _address(raw), functions, dx, dy, _EPS_Y,
                      lambda k, bottom, top: _font_run(raw, k, bottom, top), lambda k: _edges(raw, text, k))


def _edges(raw, text: str, k: int) -> tuple[float, float] | None:
    """Character k's origin and the end of its advance along the line (where pdfminer puts its left
    and right), for a glyph whose ink reaches a side of its loose box; None where that cannot be told
    for sure. The advance is the font's width for the code of the character's Unicode value: not a
    letter of a ligature PDFium split up (its letters share one origin and the ligature's width), and
    no more than a fifth of the size short of the ink (an italic f's overhang; a wrong code's width
    would be further out)."""
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(raw, k, x, y)
    for other in (k - 1, k + 1):
        if 0 <= other < len(text) and not pdfium_c.FPDFText_IsGenerated(raw, other):
            ox, oy = ctypes.c_double(), ctypes.c_double()
            pdfium_c.FPDFText_GetCharOrigin(raw, other, ox, oy)
            if abs(ox.value - x.value) < 1e-3 and abs(oy.value - y.value) < 1e-3:
                return None
    matrix = pdfium_c.FS_MATRIX()
    font = pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(raw, k))
    width, size = ctypes.c_float(), pdfium_c.FPDFText_GetFontSize(raw, k)
    if not font or not pdfium_c.FPDFText_GetMatrix(raw, k, matrix) or \
            not pdfium_c.FPDFFont_GetGlyphWidth(font, ord(text[k]), size, width) or width.value <= 0:
        return None
    end = x.value + width.value * matrix.a
    box = pdfium_c.FS_RECTF()
    pdfium_c.FPDFText_GetLooseCharBox(raw, k, box)
    return (x.value, end) if box.right - end <= 0.2 * size * matrix.d else None


def _font_run(raw, k: int, bottom: float, top: float) -> tuple[float, float, bool]:
    """For the run of characters from k on in one font: the size pdfminer gives them (Tf size times
    the text matrix's scale), the distance from PDFium's loose box bottom to pdfminer's box bottom
    (pdfminer puts it at the baseline plus the font's descent), and whether the font is bold."""
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(raw, k, matrix)
    if abs(matrix.b) > 1e-6 or abs(matrix.c) > 1e-6 or matrix.a <= 0 or matrix.d <= 0:
        raise _Unsure  # rotated, skewed or mirrored text
    size = pdfium_c.FPDFText_GetFontSize(raw, k) * matrix.d
    if size <= 0 or top <= bottom:
        raise _Unsure
    font = pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(raw, k))
    if not font:
        raise _Unsure
    buffer = ctypes.create_string_buffer(256)
    length = pdfium_c.FPDFFont_GetBaseFontName(font, buffer, len(buffer))
    name = buffer.raw[:max(0, length - 1)].decode("latin-1")
    descent = _standard_descent(name)
    if descent is None:
        value = ctypes.c_float()
        if not pdfium_c.FPDFFont_GetDescent(font, 1000.0, value):
            raise _Unsure
        descent = value.value
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(raw, k, x, y)
    shift = y.value - bottom + min(descent, -descent) / 1000 * size
    return size, shift, any(word in name.lower() for word in BOLD_WORDS)


def _standard_descent(name: str) -> float | None:
    """pdfminer uses its built-in metrics for the standard fonts (and their Arial/Times aliases)."""
    try:
        descriptor, _ = FontMetricsDB.get_metrics(name)
    except KeyError:
        return None
    return float(descriptor.get("Descent", 0))


def _boxes(lines: list[tuple]) -> list[Line]:
    """The lines in pdfminer's text boxes (LTLayoutContainer.group_textlines), in box order."""
    numbers = _scan.group(lines, LAPARAMS["line_margin"], _EPS_Y, *_EPS_X)
    if numbers is None:
        raise _Unsure
    return in_box_order([Line(canonical(text), x0, y0, x1, y1, font_size(size), bold, number)
                         for (text, x0, y0, x1, y1, size, bold), number in zip(lines, numbers, strict=True)])


def in_box_order(lines: list[Line]) -> list[Line]:
    """Lines grouped by text box, boxes from the top of the page down (then left to right), each
    box's lines top to bottom, boxes numbered in that order: one order for every route. (Reading
    order is layout.py's business.)"""
    boxes: dict[int, list[Line]] = {}
    for line in lines:
        boxes.setdefault(line.box, []).append(line)
    ordered = sorted(boxes.values(), key=lambda b: (-round(max(ln.y1 for ln in b), 1), round(min(ln.x0 for ln in b), 1)))
    return [line._replace(box=number) for number, box in enumerate(ordered)
            for line in sorted(box, key=lambda ln: -ln.y1)]


# How far PDFium's positions may be from pdfminer's. Vertical positions agree (both put a glyph's box
# at the baseline plus the font's descent); horizontal ones drift along a line, because PDFium takes
# glyph widths from the font file and pdfminer from the PDF's rounded /Widths: 0.15 points plus 0.003
# of the wider line's width. A neighbour test within these of its threshold sends the page to pdfminer.
_EPS_Y = 0.05
_EPS_X = (0.15, 0.003)
