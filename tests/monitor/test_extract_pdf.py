"""PDF extraction on generated plans: reading order, tables, running headers and footers, hyphens and
ligatures, page numbers kept for citing, the fast path against pdfminer, and stable text."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pypdfium2 as pdfium
import pytest

import monitor.extract.pdf
from monitor.extract import Limits, Text, extract_text, read_pdf
from monitor.extract.guard import ChildResult
from monitor.extract.model import Outcome
from monitor.extract.pdf import HEAVY_PAGE, assign_pages
from monitor.extract.pdf_common import FAST_PATH_MIN_PAGES, sample_pages
from monitor.extract.pdf_fast import read_page
from tests.docgen import (
    MARGIN,
    PAGE_H,
    Doc,
    Section,
    _layout,
    make_ligature_pdf,
    make_odd_font_pdf,
    make_pdf,
    make_table_pdf,
    plan_doc,
)

DOC = plan_doc(sections=8, paragraphs=5, seed=11)
ROOT = Path(__file__).resolve().parents[2]
HEADER = "NHS Example Integrated Care Board - Joint Forward Plan 2025 to 2030"
ROWS = [
    ["Priority", "What we will do", "By when"],
    ["Mental health", "Expand mental health support teams to every secondary school in the county", "March 2026"],
    ["Speech and language", "Cut waiting times for speech and language therapy to 18 weeks", "December 2025"],
    ["Oral health", "Supervised toothbrushing in all nurseries in the most deprived areas", "2027"],
    ["Care leavers", "Free prescriptions for care leavers up to the age of 25", "April 2026"],
]


def body(text: Text) -> list[str]:
    return [p.text for p in text.paragraphs if p.kind == "text"]


def headings(text: Text) -> list[str]:
    return [p.text for p in text.paragraphs if p.kind == "heading"]


@pytest.mark.parametrize("columns", [1, 2, 3])
@pytest.mark.parametrize("draw_order", ["reading", "reversed", "shuffled"])
def test_columns_come_out_in_reading_order_whatever_the_drawing_order(columns, draw_order):
    text = extract_text(make_pdf(DOC, columns=columns, draw_order=draw_order, header=HEADER, seed=3))
    assert text.is_ok, text.detail
    assert body(text) == DOC.paragraphs
    assert headings(text) == [DOC.title] + [s.heading for s in DOC.sections]


def test_reading_order_is_the_same_without_the_fast_path():
    # (docgen's hyphenation lets line ends run into the next column, so it is tested on one column)
    pdf = make_pdf(DOC, columns=2, draw_order="shuffled", header=HEADER)
    slow = extract_text(pdf, limits=Limits(fast_path=False))
    fast = extract_text(pdf)
    assert slow.stats["pages_by_route"] == {"pdfminer": slow.page_count}
    assert fast.stats["pages_by_route"].get("pdfium", 0) >= slow.page_count // 2
    assert fast.paragraphs == slow.paragraphs
    assert body(slow) == DOC.paragraphs


def test_the_fast_path_is_built_here():
    # monitor/extract/_scan.c is compiled when ICS Watch is installed; without a C compiler the install
    # still works, slower. Here (and in CI) it must have been built, or the fast path is not tested at all.
    assert monitor.extract.pdf_fast.AVAILABLE, "monitor/extract/_scan.c was not compiled: reinstall with gcc"


def test_without_the_compiled_loop_pdfminer_reads_every_page_and_says_so(tmp_path):
    # An install without a C compiler: the same packages with no _scan module built. The workers are
    # what would lack it, so the document is read in a process whose import path has only this copy.
    for package in ("monitor", "store"):
        shutil.copytree(ROOT / package, tmp_path / package,
                        ignore=shutil.ignore_patterns("*.so", "__pycache__"))
    pdf = make_pdf(DOC, columns=2, draw_order="shuffled", header=HEADER)
    (tmp_path / "plan.pdf").write_bytes(pdf)
    read = ("import json, sys; from monitor.extract import extract_text; "
            "print(json.dumps(extract_text(open('plan.pdf', 'rb').read()).to_dict()))")
    done = subprocess.run([sys.executable, "-c", read], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    unbuilt = Text.from_dict(json.loads(done.stdout))
    assert unbuilt.stats["pages_by_route"] == {"pdfminer": unbuilt.page_count}
    assert unbuilt.paragraphs == extract_text(pdf).paragraphs
    assert unbuilt.fingerprint == extract_text(pdf, limits=Limits(fast_path=False)).fingerprint
    assert "fast path is not built" in done.stderr


def offset_columns_pdf(drop: float) -> bytes:
    """Two columns of lines, the right one `drop` points lower, drawn left, right, left...: each line's
    last character is followed in the content by the other column's first, partly beside it (as in a
    plan whose columns are set on different baselines and drawn in no particular order)."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    words = plan_doc(sections=1, paragraphs=2, seed=4).paragraphs[0].split()
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=True)
    pdf.setFont("Helvetica", 10)
    for row in range(20):
        y = 760 - 13 * row
        pdf.drawString(MARGIN, y, " ".join(words[row % 20:row % 20 + 5]))
        pdf.drawString(320, y - drop, " ".join(words[row % 20 + 5:row % 20 + 10]))
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def space_objects_pdf() -> bytes:
    """Lines that each end in a space drawn as a text object of its own, as Word and the Adobe PDF
    Library write them: PDFium leaves such an object out, pdfminer reads its space, so its lines
    reach a space's width further right."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    words = plan_doc(sections=1, paragraphs=2, seed=4).paragraphs[0].split()
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=True)
    for row in range(20):
        line, y = " ".join(words[row % 20:row % 20 + 9]), 760 - 14 * row
        pdf.setFont("Helvetica", 11)
        pdf.drawString(MARGIN, y, line)
        space = pdf.beginText(MARGIN + stringWidth(line, "Helvetica", 11), y)
        space.setFont("Helvetica", 11)
        space.textOut(" ")
        pdf.drawText(space)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def overhang_pdf() -> bytes:
    """An italic f (its ink reaches well past its advance) and then, a point after its advance, a
    superscript 2, as in a plan's footnoted measure: pdfminer measures the gap from the advance and
    puts a space before the 2; measured from the ink there is none."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    lead = "Children seen within 18 weeks, as measured by our indicator "
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=True)
    for row in range(12):
        y, x = 760 - 16 * row, MARGIN + stringWidth(lead, "Helvetica", 11)
        pdf.setFont("Helvetica", 11)
        pdf.drawString(MARGIN, y, lead)
        pdf.setFont("Times-Italic", 11)
        pdf.drawString(x, y, "f")
        pdf.setFont("Helvetica", 6)
        pdf.drawString(x + stringWidth("f", "Times-Italic", 11) + 1.0, y + 4, "2")
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


@pytest.mark.parametrize(("make", "share"), [
    (lambda: make_pdf(DOC, header=HEADER, hyphenate=True), 2 / 3),
    (lambda: make_pdf(DOC, columns=2, draw_order="reversed", header=HEADER), 2 / 3),
    (lambda: make_pdf(DOC, columns=3, draw_order="shuffled"), 2 / 3),
    (lambda: make_ligature_pdf(DOC, soft_hyphens=True), 2 / 3),
    (lambda: make_table_pdf("Our commitments", "What we will do.", ROWS), 1),
    # PDFium lists a table row's cells left to right whatever order they are drawn in, so it cannot
    # prove it reads them as pdfminer does (which follows the drawing order): the page is pdfminer's.
    (lambda: make_table_pdf("Our commitments", "What we will do.", ROWS, draw_order="shuffled"), 0),
    # Consecutive characters whose boxes overlap vertically by 46% of their height (pdfminer's line
    # test is 50%): both readers place glyphs within 0.05 points vertically, so this is sure...
    (lambda: offset_columns_pdf(5.4), 1),
    # ...but an overlap of exactly half could fall either side in either reader: the page is pdfminer's.
    (lambda: offset_columns_pdf(5.0), 0),
    # Shapes found in real PDFs (benchmarks/fast_path_equivalence.py --pdfs) where the fast path once
    # read differently: a space PDFium never lists makes the page pdfminer's...
    (space_objects_pdf, 0),
    # ...and a glyph's ink past its advance is not taken for its width.
    (overhang_pdf, 1),
], ids=["one-column", "two-columns-reversed", "three-columns-shuffled", "ligatures", "table", "table-shuffled",
        "columns-on-offset-baselines", "columns-offset-by-exactly-half-a-line", "lines-ending-in-space-objects",
        "italic-overhang-before-a-superscript"])
def test_fast_path_gives_pdfminers_lines_on_every_page_it_takes(make, share):
    data = make()
    document = pdfium.PdfDocument(data)
    miner = read_pdf.PdfminerReader(data)
    taken = 0
    for index in range(len(document)):
        page = document[index]
        fast = read_page(page, page.get_textpage())
        if fast is not None:
            taken += 1
            assert read_pdf.same_lines(fast["lines"], miner.read_page(index + 1)["lines"]), f"page {index + 1}"
    assert taken >= len(document) * share
    if share == 0:
        assert taken == 0


def test_table_rows_come_out_row_by_row():
    for order in ("reading", "reversed", "shuffled"):
        text = extract_text(make_table_pdf("Our commitments", "This table sets out what we will do.", ROWS,
                                           draw_order=order, seed=5))
        assert [p.text for p in text.paragraphs if p.kind == "row"] == [" | ".join(r) for r in ROWS], order
        assert text.paragraphs[0].text == "Our commitments"


def test_running_headers_footers_and_page_numbers_go_but_each_paragraph_keeps_its_page():
    pdf = make_pdf(DOC, header=HEADER, footer="Page {page} of {pages} - Updated 3 March 2025")
    text = extract_text(pdf)
    assert text.page_count >= 4
    assert not any("Page " in p.text or "Integrated Care Board - Joint" in p.text for p in text.paragraphs)
    expected = [b.page for b in _layout(DOC, 1, False, top=PAGE_H - MARGIN - 20, bottom=MARGIN + 24)]
    assert [p.page for p in text.paragraphs] == expected
    assert "removed" in " ".join(text.notes)


def test_bare_page_numbers_go_even_on_a_two_page_plan():
    short = plan_doc(sections=2, paragraphs=5, seed=2)
    text = extract_text(make_pdf(short, footer="{page}"))
    assert body(text) == short.paragraphs
    assert text.page_count == 2


def test_hyphenation_ligatures_and_soft_hyphens_are_undone():
    for soft in (False, True):
        text = extract_text(make_ligature_pdf(DOC, soft_hyphens=soft))
        assert body(text) == DOC.paragraphs
        assert not any(c in text.text for c in "\ufb00\ufb01\ufb02\ufb03\ufb04\u00ad")


def test_paragraphs_sit_under_their_section_heading():
    text = extract_text(make_pdf(DOC, columns=2, header=HEADER))
    sections = {p.text: p.section for p in text.paragraphs if p.kind == "text"}
    for section in DOC.sections:
        assert {sections[p] for p in section.paragraphs} == {section.heading}
    assert text.title == DOC.title


def test_same_plan_generated_differently_normalises_to_identical_text():
    plain = extract_text(make_pdf(DOC))
    variants = [
        make_pdf(DOC, metadata={"title": "JFP final v7", "author": "Comms team", "subject": "Refresh"},
                 created=datetime(2025, 4, 1, 9, 30)),
        make_pdf(DOC, columns=2, draw_order="shuffled", seed=9),
        make_pdf(DOC, hyphenate=True, header=HEADER),
        make_pdf(DOC, columns=3, draw_order="reversed", header=HEADER),
        make_pdf(DOC, footer="Updated 12 March 2025 | Page {page}"),
        make_pdf(DOC, footer="Updated 2 June 2025 | Page {page}"),
        make_ligature_pdf(DOC, soft_hyphens=True),
    ]
    for data in variants:
        text = extract_text(data)
        assert text.text == plain.text
        assert text.fingerprint == plain.fingerprint


def test_every_text_says_how_it_was_made_and_survives_json():
    text = extract_text(make_pdf(DOC, columns=2))
    assert text.extractor == "pdfminer.six"
    assert text.extractor_version.startswith(read_pdf.PDFMINER_VERSION)
    assert text.settings["laparams"]["char_margin"] == 4.0
    assert text.fingerprint.startswith("pdfminer.six/")
    again = Text.from_dict(json.loads(json.dumps(text.to_dict())))
    assert again == text
    slow = extract_text(make_pdf(DOC, columns=2), limits=Limits(fast_path=False))
    assert slow.fingerprint != text.fingerprint  # made differently, so never diffed against each other


@pytest.fixture(scope="module")
def long_plan() -> bytes:
    return make_pdf(plan_doc(sections=150, paragraphs=8, seed=7), columns=2, draw_order="shuffled", header=HEADER)


def test_when_pdfminer_runs_out_of_time_pdfium_reads_the_plan_and_says_so(long_plan, monkeypatch):
    # Independent of the machine's speed: pdfminer's workers come back as the guard reports a child it
    # stopped at the deadline (the guard's own timeout is tested below and in test_extract_hostile.py);
    # PDFium then really reads the plan, with a budget no machine needs.
    def out_of_time(jobs, **_):
        return [ChildResult(False, outcome=Outcome.TIMEOUT, detail="ran past the time limit", retry=True)
                for _ in jobs]

    monkeypatch.setattr(monitor.extract.pdf, "run_children", out_of_time)
    text = extract_text(long_plan, limits=Limits(timeout_s=600.0, fast_path=False))
    assert text.is_ok, text.detail
    assert text.extractor == "pypdfium2"
    assert any("pdfminer failed (took longer" in note for note in text.notes)
    assert not text.fingerprint.startswith("pdfminer")
    assert len(text.paragraphs) > 1000


def test_a_plan_nothing_can_read_in_time_is_a_timeout(long_plan):
    text = extract_text(long_plan, limits=Limits(timeout_s=0.5, fast_path=False))
    assert text.outcome == "timeout"
    assert "0.5 s" in text.detail and not text.paragraphs
    assert text.elapsed_s < 3


def test_pages_are_dealt_to_workers_in_runs():
    assert assign_pages([1], 2) == [[1]]
    shares = assign_pages(list(range(1, 151)), 2)
    assert sorted(p for share in shares for p in share) == list(range(1, 151))
    assert abs(len(shares[0]) - len(shares[1])) <= 16
    assert len(assign_pages(list(range(1, 101)), 4)) == 4
    assert assign_pages([], 2) == []


def test_a_worker_given_the_sample_pages_is_given_fewer_other_pages():
    # runs of 8 pages; every sample page opens an even-numbered run, all of which dealing in turn gives
    # worker 0: it would read both readers' pages four times while worker 1 waits
    heavy = frozenset({1, 17, 33, 49})
    shares = assign_pages(list(range(1, 65)), 2, heavy)
    assert sorted(p for share in shares for p in share) == list(range(1, 65))
    work = [len(share) + (HEAVY_PAGE - 1) * len(heavy.intersection(share)) for share in shares]
    assert abs(work[0] - work[1]) <= HEAVY_PAGE
    assert all(len(heavy.intersection(share)) == 2 for share in shares)


def _slowest(shares: list[list[int]], heavy: frozenset[int]) -> int:
    return max(len(share) + (HEAVY_PAGE - 1) * len(heavy.intersection(share)) for share in shares)


@pytest.mark.parametrize("workers", [2, 3, 4])
def test_weighing_the_sample_pages_never_leaves_the_slowest_worker_more_to_do(workers):
    for pages in range(5, 301):
        numbers, heavy = list(range(1, pages + 1)), frozenset(sample_pages(pages))
        weighed = assign_pages(numbers, workers, heavy)
        assert sorted(p for share in weighed for p in share) == numbers
        in_turn = assign_pages(numbers, workers)  # no page counted heavier: runs dealt out in turn
        assert _slowest(weighed, heavy) <= _slowest(in_turn, heavy), pages


def test_pdfminer_lists_a_plans_pages_only_as_far_as_it_reads(long_plan):
    pages = len(pdfium.PdfDocument(long_plan))
    reader = read_pdf.PdfminerReader(long_plan)
    first = reader.read_page(2)
    assert len(reader.pages) == 2  # a worker checking pages 1 and 2 does not walk the whole page tree
    assert first["lines"] and reader.read_page(pages)["lines"] and len(reader.pages) == pages
    with pytest.raises(IndexError, match=f"pdfminer finds {pages} pages, not {pages + 1}"):
        reader.page(pages + 1)


def test_the_text_does_not_depend_on_how_many_workers_read_it():
    pdf = make_pdf(DOC, columns=2, draw_order="shuffled", header=HEADER)
    one, three = extract_text(pdf, limits=Limits(workers=1)), extract_text(pdf, limits=Limits(workers=3))
    assert (one.stats["workers"], three.stats["workers"]) == (1, 3)
    assert one.paragraphs == three.paragraphs and one.fingerprint == three.fingerprint
    # the readers' own time along the slowest worker (what the benchmark sets apart from the pipes)
    for text in (one, three):
        assert 0 < text.stats["reading_s"] <= text.elapsed_s


def test_the_cross_check_scales_with_the_document():
    assert [sample_pages(n) for n in (1, 4)] == [{1}, {1, 2, 3, 4}]
    assert sample_pages(10) == {1, 6, 10}
    assert sample_pages(150) == {1, 2, 76, 77, 149, 150}
    short = make_pdf(plan_doc(sections=1, paragraphs=3, seed=2), header=HEADER)
    fast, slow = extract_text(short), extract_text(short, limits=Limits(fast_path=False))
    assert fast.page_count <= FAST_PATH_MIN_PAGES
    assert fast.stats["pages_by_route"] == {"pdfminer": fast.page_count}  # each page read once, not twice
    assert fast.paragraphs == slow.paragraphs and fast.fingerprint != slow.fingerprint


# Sentences whose wrapped lines start with a number or a capital: the year of a deadline must stay in it.
DEADLINES = Doc("Joint Forward Plan 2025 to 2030", [Section("Children and young people", [
    "We will cut waits for children's community services from 40 weeks to 18 weeks by March 2027. "
    "The Integrated Care Board will report progress to the Board every quarter from April 2026.",
    "We will open 12 family hubs in Kestrel Vale and 6 in Northgate by September 2026, with "
    "Health visitors, School nurses and Early Help teams working from each of them.",
    "Our target is that 95 per cent of young people with an eating disorder start treatment within 4 weeks "
    "by 2028. NHS England will fund 2 more community teams."])])


@pytest.mark.parametrize("line_spacing", [1.0, 1.5, 2.0])
@pytest.mark.parametrize("columns", [1, 2])
def test_wrapped_lines_join_into_whole_sentences_at_any_line_spacing(line_spacing, columns):
    doc = Doc(DEADLINES.title, DEADLINES.sections + plan_doc(sections=3, paragraphs=4, seed=5).sections)
    for fast_path in (True, False):
        text = extract_text(make_pdf(doc, columns=columns, line_spacing=line_spacing, header=HEADER),
                            limits=Limits(fast_path=fast_path))
        assert text.is_ok, text.detail
        assert body(text) == doc.paragraphs, (line_spacing, columns, fast_path)
        assert headings(text) == [doc.title] + [s.heading for s in doc.sections]


def _same_shaped(count: int, short: bool) -> list[str]:
    """Paragraphs of one length, so that in two columns each sits level with its neighbour."""
    places = ("Northgate", "Eastvale", "Westmoor", "Riverside", "Kestrel Vale", "Southmoor", "Highfield", "Oakbank")
    rest = ("Health visitors will work from it." if short else "Health visitors, school nurses and Early Help "
            "teams will work from it, and 12 more staff will join them by 2028.")
    return [f"In {places[i % len(places)]} we will open a family hub by March {2026 + i % 3}. {rest}"
            for i in range(count)]


@pytest.mark.parametrize("short", [False, True])
@pytest.mark.parametrize("line_spacing", [1.0, 1.5, 2.0])
def test_two_columns_of_same_shaped_paragraphs_read_as_columns_not_a_table(line_spacing, short):
    doc = Doc("Integrated Care Strategy 2025", [Section("Family hubs", _same_shaped(40 if short else 24, short))])
    one = extract_text(make_pdf(doc, columns=1, line_spacing=line_spacing, header=HEADER))
    two = extract_text(make_pdf(doc, columns=2, line_spacing=line_spacing, header=HEADER))
    assert [p.kind for p in two.paragraphs if p.kind == "row"] == []
    assert body(two) == body(one) == doc.paragraphs  # the same plan in one and two columns reads the same


def test_both_readers_round_a_designed_size_the_same_way():
    # pdfminer's 10.25 pt comes out of its arithmetic as 10.2500001, PDFium's as 10.2499999
    from monitor.extract.pdf_common import font_size

    assert font_size(10.2500001) == font_size(10.2499999) == font_size(10.25)
    assert font_size(10.26) == 10.3 and font_size(10.24) == 10.2


def test_a_font_no_sample_page_uses_is_checked_on_the_first_page_it_is_used():
    # page 5 of 12 is no sample page (1, 7 and 12 are); only it sets a line in a font the two readers
    # measure differently: checked there, the fast path is off and the text is pdfminer's
    assert 5 not in sample_pages(12)
    data = make_odd_font_pdf(12, odd_page=5)
    text = extract_text(data)
    assert "fast path off: PDFium and pdfminer read page 5 differently" in text.notes
    assert text.stats["pages_by_route"] == {"pdfminer": 12}
    assert text.paragraphs == extract_text(data, limits=Limits(fast_path=False)).paragraphs


def test_a_plan_whose_fonts_are_all_on_its_sample_pages_is_checked_on_those_alone():
    text = extract_text(make_odd_font_pdf(12, odd_page=0))
    assert text.stats["pages_checked"] == sorted(sample_pages(12))
    assert text.stats["pages_by_route"].get("pdfium", 0) >= 9
