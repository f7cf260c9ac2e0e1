"""Check: every page the PDF fast path takes reads as pdfminer.six reads it, on a broad corpus.

Not a speed benchmark: the evidence behind the fast path's tolerances (pdf_fast.py, _scan.c). Reads
generated plans (1 or 2 columns, every drawing order, line spacings 1.0 to 2.0, Helvetica and the
Liberation and DejaVu fonts embedded as TrueType, ligatures and soft hyphens) and any PDF under
/usr/share/doc/*/ (real typeset manuals), and for each page the fast path takes compares its lines with
pdfminer's: `same_lines` (what pdf.py's check uses) and the exact multiset of line texts. Prints the
pages taken, declined and read differently; any "MISMATCH" or "STRICT" line is a fault in the fast path.

    .venv/bin/python benchmarks/fast_path_equivalence.py

With --pdfs, reads every PDF under the folders given instead (files nobody on the team made: real
plans, or public test corpora such as pdf.js's test/pdfs, pdfminer.six's samples and py-pdf's
sample-files), each in a child process with a time limit, at most 40 pages each, and says of each
document read differently on some page whether pdf.py's check (its sample pages and the first page of
each font they do not use) would catch it
(documents of more than four pages: shorter ones are pdfminer's alone). "ESCAPES" marks a document
whose text would depend on which route its pages took.

    .venv/bin/python benchmarks/fast_path_equivalence.py --pdfs ~/corpus/pdfjs ~/corpus/plans
"""
import glob
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import pypdfium2 as pdfium  # noqa: E402
from bench_extract import HEADER, plan_of  # noqa: E402

from monitor.extract import pdf_fast, read_pdf  # noqa: E402
from monitor.extract.normalise import clean  # noqa: E402
from monitor.extract.pdf_common import FAST_PATH_MIN_PAGES, font_pages, sample_pages  # noqa: E402
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


MAX_PAGES = 40
TIME_LIMIT_S = 120


def compare_file(path: str) -> dict:
    """One document, page by page: "same", "declined", "differs" (same_lines fails) or "strict" (the
    line texts differ though same_lines holds); and whether its sample pages agree."""
    data = Path(path).read_bytes()
    document = pdfium.PdfDocument(data)
    read_pdf.guard_streams(64)
    miner = read_pdf.PdfminerReader(data)
    pages: dict[int, str] = {}
    fonts: dict[int, list[str]] = {}
    for index in range(min(len(document), MAX_PAGES)):
        page = document[index]
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        if not read_pdf.count_visible(text):
            continue
        fast = pdf_fast.read_page(page, textpage, text)
        if fast is None:
            pages[index + 1] = "declined"
            continue
        mined = miner.read_page(index + 1)
        same = read_pdf.same_lines(fast["lines"], mined["lines"])
        strict = sorted(clean(ln.text) for ln in fast["lines"]) == sorted(clean(ln.text) for ln in mined["lines"])
        pages[index + 1] = "same" if same and strict else ("differs" if not same else "strict")
        fonts[index + 1] = fast["fonts"]
    # pdf.py's checks: the sample pages, then the first page of each font none of them uses
    taken = {n for n, verdict in pages.items() if verdict != "declined"}
    checked = sample_pages(len(document)) & taken
    read = [{"number": n, "fonts": fonts[n], **({"check": pages[n] != "differs"} if n in checked else {})}
            for n in sorted(taken)]
    checks = [pages[n] for n in sorted(checked | set(font_pages(read)))]
    return {"pages": len(document), "read": pages, "checked": len(document) > FAST_PATH_MIN_PAGES,
            "samples_agree": bool(checks) and "differs" not in checks}


def _in_child(path: str) -> dict:
    try:
        done = subprocess.run([sys.executable, __file__, "--one", path], capture_output=True, text=True,
                              timeout=TIME_LIMIT_S)
    except subprocess.TimeoutExpired:
        return {"error": f"took over {TIME_LIMIT_S} s"}
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["crashed"])[-1][:160]}
    return json.loads(done.stdout.splitlines()[-1])


def sweep(folders: list[str]) -> None:
    files = sorted(p for folder in folders for p in Path(folder).expanduser().rglob("*") if p.suffix.lower() == ".pdf")
    pages = {"same": 0, "declined": 0, "differs": 0, "strict": 0}
    documents = {"read": 0, "unreadable": 0, "read differently": 0, "caught by the check": 0, "escaping it": 0}
    with ThreadPoolExecutor(max_workers=2) as pool:
        for path, result in zip(files, pool.map(_in_child, map(str, files)), strict=True):
            if "error" in result:
                documents["unreadable"] += 1
                continue
            documents["read"] += 1
            for verdict in result["read"].values():
                pages[verdict] += 1
            wrong = [n for n, v in result["read"].items() if v in ("differs", "strict")]
            if not wrong:
                continue
            documents["read differently"] += 1
            verdict = "pdfminer's alone (four pages or fewer)"
            if result["checked"]:
                verdict = "ESCAPES the check" if result["samples_agree"] else "caught by the check"
                documents["escaping it" if result["samples_agree"] else "caught by the check"] += 1
            print(f"{path.name}: {result['pages']} pages; page {', '.join(wrong[:8])} read differently; {verdict}")
    taken = pages["same"] + pages["differs"] + pages["strict"]
    print(f"{len(files)} files; documents: {', '.join(f'{k} {v}' for k, v in documents.items())}")
    print(f"pages with text: the fast path took {taken} and declined {pages['declined']}; of those it took, "
          f"{pages['differs'] + pages['strict']} read differently ({(pages['differs'] + pages['strict']) / max(taken, 1):.1%})")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(compare_file(sys.argv[2])))
    elif len(sys.argv) >= 3 and sys.argv[1] == "--pdfs":
        sweep(sys.argv[2:])
    else:
        main()
