"""Word documents: body text, headings and tables in order; running headers, tables of contents and
deleted text left out; pages from Word's recorded page breaks."""

from __future__ import annotations

import io

from docx import Document

from monitor.extract import Outcome, extract_text
from tests.docgen import make_docx, make_pdf, plan_doc

DOC = plan_doc(sections=3, paragraphs=3, seed=21)
TABLE = [["Measure", "Now", "Target by 2027"], ["Waiting for speech and language therapy", "31 weeks", "18 weeks"]]


def test_docx_gives_headings_paragraphs_and_table_rows_in_order_without_its_header():
    text = extract_text(make_docx(DOC, header="OFFICIAL - Joint Forward Plan draft v3", table=TABLE))
    assert text.is_ok and (text.format, text.extractor) == ("docx", "python-docx")
    expected = [DOC.title, DOC.sections[0].heading, *DOC.sections[0].paragraphs, *(" | ".join(r) for r in TABLE)]
    for section in DOC.sections[1:]:
        expected += [section.heading, *section.paragraphs]
    assert [p.text for p in text.paragraphs] == expected
    assert [p.kind for p in text.paragraphs][:2] == ["heading", "heading"]
    assert not any("OFFICIAL" in p.text for p in text.paragraphs)
    assert {p.section for p in text.paragraphs if p.text in DOC.sections[2].paragraphs} == {DOC.sections[2].heading}
    assert text.title == DOC.title and text.page_count is None


def test_docx_and_pdf_of_the_same_plan_give_the_same_paragraphs():
    from_word = extract_text(make_docx(DOC))
    from_pdf = extract_text(make_pdf(DOC, columns=2, header="Example ICB"))
    assert from_word.text == from_pdf.text


def word_file(build) -> bytes:
    document = Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_page_breaks_number_the_pages_and_contents_lists_and_deletions_are_left_out():
    def build(document):
        document.add_paragraph("Contents", style="TOC Heading")
        document.add_heading("Our priorities", level=1)
        kept = document.add_paragraph("We will open two family hubs. ")
        deleted = kept.add_run("We will close one clinic.")
        deleted._r.getparent().remove(deleted._r)
        wrapper = kept._p.makeelement("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}del", {})
        wrapper.append(deleted._r)
        kept._p.append(wrapper)
        document.add_page_break()
        document.add_paragraph("Second page text about school nurses.")

    text = extract_text(word_file(build))
    assert [(p.page, p.text) for p in text.paragraphs if p.kind == "text"][-2:] == [
        (1, "We will open two family hubs."), (2, "Second page text about school nurses.")]
    assert text.page_count == 2
    assert not any("clinic" in p.text or "Contents" in p.text for p in text.paragraphs)


def test_a_docx_without_text_has_no_text_layer():
    text = extract_text(word_file(lambda document: document.add_paragraph("   ")))
    assert text.outcome == Outcome.NO_TEXT_LAYER
