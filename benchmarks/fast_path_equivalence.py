"""Check: every page the PDF fast path takes reads as pdfminer.six reads it, on a broad corpus.

Not a speed benchmark: the evidence behind the fast path's tolerances (pdf_fast.py, _scan.c). Reads
generated plans (1 or 2 columns, every drawing order, line spacings 1.0 to 2.0, Helvetica and the
Liberation and DejaVu fonts embedded as TrueType, ligatures and soft hyphens) and any PDF under
/usr/share/doc/*/ (real typeset manuals), and for each page the fast path takes compares its lines with
pdfminer's: `same_lines` (what pdf.py's check uses) and the exact multiset of line texts. Prints the
pages taken, declined and read differently; any "MISMATCH" or "STRICT" line is a fault in the fast path.

    .venv/bin/python benchmarks/fast_path_equivalence.py
"""
import glob
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import pypdfium2 as pdfium  # noqa: E402
from bench_extract import HEADER, plan_of  # noqa: E402

from monitor.extract import pdf_fast, read_pdf  # noqa: E402
from monitor.extract.normalise import clean  # noqa: E402
from tests import docgen  # noqa: E402


def corpus():
    """(name, PDF bytes) for every document compared."""
    for n in (3, 10, 40):
        for cols in (1, 2):
            for order in ("reading", "reversed", "shuffled"):
                for ls in (1.0, 1.5, 2.0):
                    yield f"plan{n}-c{cols}-{order}-{ls}", docgen.make_pdf(docgen.plan_doc(sections=n // 2 + 1, paragraphs=6, seed=n * 7 + cols), columns=cols, draw_order=order, header=HEADER, seed=n, line_spacing=ls, hyphenate=(n == 10))
    yield "bench150", docgen.make_pdf(plan_of(150), columns=2, draw_order="shuffled", header=HEADER, seed=150)
    yield "lig", docgen.make_ligature_pdf(docgen.plan_doc(sections=4, paragraphs=4, seed=2))
    yield "lig-soft", docgen.make_ligature_pdf(docgen.plan_doc(sections=4, paragraphs=4, seed=3), soft_hyphens=True)
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    for body, head in (("LiberationSerif-Regular", "LiberationSans-Bold"), ("DejaVuSans", "DejaVuSerif-Bold"),
                       ("LiberationSans-Regular", "DejaVuSansCondensed-Bold")):
        files = [glob.glob(f"/usr/share/fonts/truetype/*/{f}.ttf") for f in (body, head)]
        if not all(files):  # fonts-liberation and fonts-dejavu-core
            continue
        for f, found in zip((body, head), files, strict=True):
            if f not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(f, found[0]))
        docgen.BODY_FONT, docgen.HEAD_FONT = body, head
        for cols in (1, 2):
            for ls in (1.0, 1.5):
                yield f"{body}-c{cols}-{ls}", docgen.make_pdf(docgen.plan_doc(sections=8, paragraphs=6, seed=cols), columns=cols, draw_order="shuffled", header=HEADER, seed=3, line_spacing=ls)
    docgen.BODY_FONT, docgen.HEAD_FONT = "Helvetica", "Helvetica-Bold"
    for p in glob.glob("/usr/share/doc/*/*.pdf"):
        yield p, Path(p).read_bytes()


def main() -> None:
    counts = {"taken": 0, "declined": 0, "read differently": 0, "other line texts": 0}
    for name, data in corpus():
        document = pdfium.PdfDocument(data)
        miner = read_pdf.PdfminerReader(data)
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            fast = pdf_fast.read_page(page, textpage, text) if read_pdf.count_visible(text) else None
            if fast is None:
                counts["declined"] += 1
                continue
            counts["taken"] += 1
            mined = miner.read_page(index + 1)
            if not read_pdf.same_lines(fast["lines"], mined["lines"]):
                counts["read differently"] += 1
                print("MISMATCH", name, "page", index + 1)
            if sorted(clean(line.text) for line in fast["lines"]) != sorted(clean(line.text) for line in mined["lines"]):
                counts["other line texts"] += 1
                print("STRICT", name, "page", index + 1)
    print(", ".join(f"{key} {value}" for key, value in counts.items()))


if __name__ == "__main__":
    main()
