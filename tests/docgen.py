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


def _layout(doc: Doc, columns: int, hyphenate: bool, top: float, bottom: float,
            line_spacing: float = 1.0) -> list[_Block]:
    gap = 18.0
    leading = LEADING * line_spacing
    col_w = (PAGE_W - 2 * MARGIN - gap * (columns - 1)) / columns
    page, col, y = 1, 0, top
    blocks: list[_Block] = []

    def place(lines: list[str], font: str, size: float, space_after: float) -> None:
        nonlocal page, col, y
        height = len(lines) * leading
        if y - height < bottom and y != top:
            col += 1
            if col == columns:
                page, col = page + 1, 0
            y = top
        x = MARGIN + col * (col_w + gap)
        placed = []
        for line in lines:
            placed.append((x, y, line, font, size))
            y -= leading
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
    line_spacing: float = 1.0,
) -> bytes:
    """A PDF of `doc`. `footer`/`header` may use {page} and {pages}. `draw_order` is "reading",
    "reversed" (each page's blocks bottom to top, right column first) or "shuffled". `line_spacing`
    multiplies the leading (1.5 and 2.0 are common in accessible documents)."""
    blocks = _layout(doc, columns, hyphenate, top=PAGE_H - MARGIN - 20, bottom=MARGIN + 24, line_spacing=line_spacing)
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


_SUBJECTS = [
    "The Integrated Care Board", "Our partnership", "Each local authority", "The children's alliance",
    "Primary care networks", "The mental health collaborative", "Our family hubs", "The workforce programme",
    "Health visitors and school nurses", "The SEND leadership board", "Every place-based partnership",
]
_VERBS = [
    "will expand", "aims to improve", "has committed to fund", "will review", "is developing",
    "will publish", "has reduced", "will co-produce", "is working to integrate", "will measure",
]
_OBJECTS = [
    "access to children and young people's mental health services", "speech and language therapy waiting times",
    "support for care leavers and young carers", "the Core20PLUS5 programme for asthma and epilepsy",
    "information sharing between education and social care", "perinatal mental health support",
    "oral health for under-fives in deprived neighbourhoods", "transition from paediatric to adult services",
    "joint commissioning under section 75 agreements", "early help for families on free school meals",
]
_WHENS = [
    "by March 2026", "over the next five years", "in every neighbourhood", "with families and carers",
    "across the whole system", "within existing resources", "before the next refresh", "by the end of 2027",
]


def plan_doc(sections: int = 12, paragraphs: int = 8, *, seed: int = 0, title: str | None = None) -> Doc:
    """A plausible strategy or Joint Forward Plan: `sections` sections of `paragraphs` paragraphs of
    three to six sentences each, the same for the same seed."""
    rng = random.Random(seed)

    def sentence() -> str:
        return f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_WHENS)}."

    doc = Doc(title or "Joint Forward Plan 2025 to 2030")
    for s in range(1, sections + 1):
        body = [" ".join(sentence() for _ in range(rng.randint(3, 6))) for _ in range(paragraphs)]
        doc.sections.append(Section(f"{s}. {rng.choice(_OBJECTS).capitalize()}", body))
    return doc


def make_table_pdf(
    title: str,
    intro: str,
    rows: list[list[str]],
    *,
    col_widths: tuple[float, ...] = (150.0, 190.0, 120.0),
    draw_order: str = "reading",
    seed: int = 0,
) -> bytes:
    """A one-page PDF: a heading, an introductory paragraph, then a ruled table of `rows` (the first is
    the header row), each cell wrapped to its column. `draw_order` as for `make_pdf`, applied to cells."""
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=True, pageCompression=1)
    width = PAGE_W - 2 * MARGIN
    y = PAGE_H - MARGIN - 20
    items: list[tuple[float, float, str, str, float]] = [(MARGIN, y, title, HEAD_FONT, HEAD_SIZE)]
    y -= LEADING + 10
    for line in simpleSplit(intro, BODY_FONT, BODY_SIZE, width):
        items.append((MARGIN, y, line, BODY_FONT, BODY_SIZE))
        y -= LEADING
    y -= 14
    cells: list[list[tuple[float, float, str, str, float]]] = []
    rules = [y + LEADING - 2]
    for r, row in enumerate(rows):
        font = HEAD_FONT if r == 0 else BODY_FONT
        wrapped = [simpleSplit(text, font, BODY_SIZE, w - 12) for text, w in zip(row, col_widths, strict=True)]
        x = MARGIN
        for lines, w in zip(wrapped, col_widths, strict=True):
            cells.append([(x + 6, y - i * LEADING, line, font, BODY_SIZE) for i, line in enumerate(lines)])
            x += w
        y -= max(len(lines) for lines in wrapped) * LEADING + 10
        rules.append(y + LEADING - 2)
    if draw_order == "reversed":
        cells.reverse()
    elif draw_order == "shuffled":
        random.Random(seed).shuffle(cells)
    for x, y_, text, font, size in items + [line for cell in cells for line in cell]:
        pdf.setFont(font, size)
        pdf.drawString(x, y_, text)
    pdf.setLineWidth(0.5)
    for rule in rules:
        pdf.line(MARGIN, rule, MARGIN + sum(col_widths), rule)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


_LIGATURES = {"ffi": "\ufb03", "ffl": "\ufb04", "ff": "\ufb00", "fi": "\ufb01", "fl": "\ufb02"}


def make_ligature_pdf(doc: Doc, *, soft_hyphens: bool = False) -> bytes:
    """A one-column PDF of `doc` set in an embedded TrueType font (Vera, shipped with reportlab) whose
    text uses ligature characters (U+FB00-FB04) and hyphenated line ends, as typeset documents do.
    With `soft_hyphens` the line-end hyphens are U+00AD instead of "-"."""
    import os

    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font_dir = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    for name, file in (("Vera", "Vera.ttf"), ("VeraBd", "VeraBd.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, os.path.join(font_dir, file)))
    blocks = _layout(doc, 1, True, top=PAGE_H - MARGIN - 20, bottom=MARGIN + 24)
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=True, pageCompression=1)
    for number in range(1, max(b.page for b in blocks) + 1):
        for block in (b for b in blocks if b.page == number):
            for x, y, text, font, size in block.lines:
                for plain, ligature in _LIGATURES.items():
                    text = text.replace(plain, ligature)
                if soft_hyphens and text.endswith("-"):
                    text = text[:-1] + "\u00ad"
                pdf.setFont("VeraBd" if font == HEAD_FONT else "Vera", size * 0.9)
                pdf.drawString(x, y, text)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def make_encrypted_pdf(doc: Doc, *, password: str = "secret") -> bytes:
    """A PDF of `doc` that cannot be opened without `password` (RC4 128-bit, as many ICB exports are)."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    encrypt = StandardEncryption(password, ownerPassword=password + "-owner", strength=128)
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=True, encrypt=encrypt)
    y = PAGE_H - MARGIN
    for paragraph in [doc.title, *doc.paragraphs]:
        for line in simpleSplit(paragraph, BODY_FONT, BODY_SIZE, PAGE_W - 2 * MARGIN):
            if y < MARGIN:
                pdf.showPage()
                y = PAGE_H - MARGIN
            pdf.setFont(BODY_FONT, BODY_SIZE)
            pdf.drawString(MARGIN, y, line)
            y -= LEADING
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def make_scanned_pdf(doc: Doc, *, pages: int = 2) -> bytes:
    """A PDF whose pages are only pictures of text, as a scanned or flattened document is: no text layer."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader

    font = ImageFont.load_default(size=28)
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=True)
    lines = [line for p in doc.paragraphs for line in simpleSplit(p, BODY_FONT, BODY_SIZE, 300)]
    for number in range(pages):
        image = Image.new("L", (1240, 1754), 255)
        draw = ImageDraw.Draw(image)
        for i, line in enumerate(lines[number * 30:(number + 1) * 30]):
            draw.text((100, 100 + i * 50), line, fill=0, font=font)
        pdf.drawImage(ImageReader(image), 0, 0, PAGE_W, PAGE_H)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _assemble_pdf(objects: list[bytes]) -> bytes:
    """A PDF file of numbered objects (1..n, object 1 the catalog) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def make_bomb_pdf(*, expanded_mb: int = 2048) -> bytes:
    """A small PDF (about 1 KB per expanded MB) whose one page's content stream inflates to `expanded_mb`
    MB: a decompression bomb. Built from one compressed block repeated, so it costs no time to make."""
    import zlib

    text = b"BT /F1 12 Tf 72 720 Td (Quarterly update) Tj ET\n"
    zeros = bytes(1 << 20)
    packer = zlib.compressobj(9)
    first = packer.compress(text + zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    assert block == packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    a = zlib.adler32(text + zeros)
    low, high = a & 0xFFFF, a >> 16  # appending n zero bytes adds n * low to the high half
    high = (high + (expanded_mb - 1) * len(zeros) * low) % 65521
    stream = first + block * (expanded_mb - 1) + b"\x03\x00" + ((high << 16) | low).to_bytes(4, "big")
    return _assemble_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def corrupt_stream(pdf: bytes, *, stream_index: int = 0) -> bytes:
    """`pdf` with the compressed bytes of one stream overwritten in the middle (same length, so the
    cross-reference table still holds): the file opens, but that stream no longer inflates."""
    start = -1
    for _ in range(stream_index + 1):
        start = pdf.index(b"stream", start + 1)
        while pdf[start - 3:start] == b"end":
            start = pdf.index(b"stream", start + 1)
    body = pdf.index(b"\n", start) + 1
    end = pdf.index(b"endstream", body)
    middle = body + (end - body) // 3
    size = max(4, (end - body) // 3)
    return pdf[:middle] + bytes((b ^ 0x5A) for b in pdf[middle:middle + size]) + pdf[middle + size:]


def _html_escape(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def _chrome(title: str, updated: str, semantic: bool) -> tuple[str, str]:
    """The page furniture an ICS site wraps around content: (before, after)."""
    header, nav, aside, footer = ("header", "nav", "aside", "footer") if semantic else ("div",) * 4
    before = f"""<a class="skip-link" href="#maincontent">Skip to main content</a>
<div id="cookie-banner" class="cookie-banner"><p>We use cookies to make this website work and to
understand how you use it.</p><button>Accept all cookies</button><button>Reject</button></div>
<{header} class="site-header"><a href="/"><img src="/logo.png" alt="NHS Example Integrated Care Board"></a>
<{nav} class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/about-us">About us</a></li>
<li><a href="/our-work">Our work</a></li><li><a href="/publications">Publications</a></li>
<li><a href="/contact">Contact us</a></li></ul></{nav}></{header}>
<div class="breadcrumbs"><ol><li><a href="/">Home</a></li><li><a href="/publications">Publications</a></li>
<li>{_html_escape(title)}</li></ol></div>"""
    after = f"""<div class="share-this"><p>Share this page:</p><a href="#">Facebook</a> <a href="#">X</a></div>
<div class="page-review"><p>Page last reviewed: {updated}</p><p>Next review due: {updated}</p></div>
<{aside} class="sidebar"><h2>Related pages</h2><ul><li><a href="/a">Annual report 2024</a></li>
<li><a href="/b">Board papers</a></li><li><a href="/c">Easy read version</a></li></ul></{aside}>
<form class="feedback"><p>Was this page useful?</p><button>Yes</button><button>No</button></form>
<{footer} class="site-footer"><ul><li><a href="/privacy">Privacy</a></li><li><a href="/cookies">Cookies</a>
</li><li><a href="/accessibility">Accessibility statement</a></li></ul>
<p>&copy; NHS Example Integrated Care Board {updated[-4:]}</p></{footer}>
<script>window.dataLayer = [{{"page": "{_html_escape(title)}"}}];</script>"""
    return before, after


def _html_sections(sections: list[Section], level: int = 2) -> str:
    parts = []
    for section in sections:
        parts.append(f"<h{level}>{_html_escape(section.heading)}</h{level}>")
        parts.extend(f"<p>{_html_escape(p)}</p>" for p in section.paragraphs)
    return "\n".join(parts)


def make_html_page(doc: Doc, *, updated: str = "12 March 2025", semantic: bool = True,
                   table: list[list[str]] | None = None) -> bytes:
    """One long HTML page holding `doc`, wrapped in heavy page chrome: skip link, cookie banner, header
    and menu, breadcrumbs, share links, "Page last reviewed", related-pages sidebar, feedback form and
    footer. With `semantic` False the chrome and content are plain <div>s (no <main>, <nav>...)."""
    before, after = _chrome(doc.title, updated, semantic)
    main = "main" if semantic else "div"
    rows = "".join("<tr>" + "".join(f"<td>{_html_escape(c)}</td>" for c in row) + "</tr>" for row in table or [])
    grid = f"<table><tbody>{rows}</tbody></table>" if table else ""
    content = f"""<{main} id="maincontent" class="page-content"><h1>{_html_escape(doc.title)}</h1>
{_html_sections(doc.sections[:1])}{grid}{_html_sections(doc.sections[1:])}
</{main}>"""
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{_html_escape(doc.title)} - NHS "
            f"Example ICB</title></head><body>{before}{content}{after}</body></html>").encode()


def make_html_book(doc: Doc, *, base_url: str = "https://www.example-icb.nhs.uk/plan/",
                   updated: str = "12 March 2025") -> list[tuple[str, bytes]]:
    """`doc` as a multi-page HTML "book": one page per section, each in full chrome, with a contents
    list of every chapter and previous/next links. Returns (url, bytes) in chapter order."""
    urls = [f"{base_url}chapter-{n}" for n in range(1, len(doc.sections) + 1)]
    contents = "".join(f'<li><a href="{u}">{_html_escape(s.heading)}</a></li>' for u, s in zip(urls, doc.sections,
                                                                                                strict=True))
    pages = []
    for n, (url, section) in enumerate(zip(urls, doc.sections, strict=True)):
        before, after = _chrome(doc.title, updated, True)
        pager = "".join(f'<a href="{urls[i]}">{label}: {_html_escape(doc.sections[i].heading)}</a> '
                        for i, label in ((n - 1, "Previous"), (n + 1, "Next")) if 0 <= i < len(urls))
        body = f"""<nav class="book-contents"><h2>Contents</h2><ol>{contents}</ol></nav>
<main id="maincontent"><h1>{_html_escape(section.heading)}</h1>
{"".join(f"<p>{_html_escape(p)}</p>" for p in section.paragraphs)}
<div class="pagination">{pager}</div></main>"""
        html = (f"<!DOCTYPE html><html><head><title>{_html_escape(section.heading)} - {_html_escape(doc.title)}"
                f"</title></head><body>{before}{body}{after}</body></html>")
        pages.append((url, html.encode()))
    return pages


def make_plain_pdf(lines: list[str], *, compress: bool = True) -> bytes:
    """A minimal hand-built one-page PDF (Helvetica 12pt, one line per entry) whose content stream is
    Flate-compressed unless `compress` is False: the shape most producers write, without reportlab's
    ASCII85 layer."""
    import zlib

    def escape(text: str) -> bytes:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")

    ops = b"".join(b"BT /F1 12 Tf 72 %d Td (%s) Tj ET\n" % (760 - 16 * i, escape(line)) for i, line in enumerate(lines))
    stream = zlib.compress(ops) if compress else ops
    flate = b" /Filter /FlateDecode" if compress else b""
    return _assemble_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d%s >>\nstream\n" % (len(stream), flate) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def make_odd_font_pdf(pages: int, odd_page: int, doc: Doc | None = None) -> bytes:
    """A plan of `pages` pages of Helvetica prose whose page `odd_page` also sets one line in a font
    that PDFium and pdfminer measure differently: Helvetica-Oblique re-encoded with glyph names no
    font has (/g65), as producers name glyphs of an embedded subset. Each reader falls back to its own
    widths, so the line comes out a different length in each, as a real plan's rarely used font (a
    table's, a formula's) can. The page is in none of the fast path's sample positions if chosen so."""
    words = " ".join((doc or plan_doc(sections=4, paragraphs=6, seed=pages)).paragraphs).split()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Oblique /Encoding << /Type /Encoding"
               b" /BaseEncoding /WinAnsiEncoding /Differences [65 /g65 66 /g66] >> >>"]
    kids = []
    for number in range(1, pages + 1):
        ops = b"".join(b"BT /F1 11 Tf 72 %d Td (%s) Tj ET\n" % (760 - 15 * row, " ".join(
            words[(number * 7 + row * 9) % (len(words) - 9):][:9]).encode("latin-1", "replace")) for row in range(30))
        if number == odd_page:
            ops += b"BT /F2 11 Tf 72 300 Td (AB: the measure we will report) Tj ET\n"
        objects.append(b"<< /Length %d >>\nstream\n" % len(ops) + ops + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
                       b" /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>" % (len(objects)))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), pages)
    return _assemble_pdf(objects)
