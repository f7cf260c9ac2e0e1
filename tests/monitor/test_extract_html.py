"""HTML pages and multi-page HTML books: the main content only, in order, with sections."""

from __future__ import annotations

import pytest

from monitor.extract import Outcome, extract_html_book, extract_text
from tests.docgen import make_html_book, make_html_page, make_pdf, plan_doc

DOC = plan_doc(sections=4, paragraphs=3, seed=31)
TABLE = [["Measure", "Target"], ["Waiting times for autism assessment", "12 weeks by March 2026"]]
CHROME = ["Skip to main content", "cookies", "Home", "Publications", "Share this page", "Page last reviewed",
          "Next review due", "Related pages", "Board papers", "Was this page useful", "Privacy", "Copyright",
          "dataLayer", "Accessibility statement", "NHS Example Integrated Care Board 2025"]


def expected_paragraphs(table: bool = False) -> list[str]:
    out = [DOC.title]
    for i, section in enumerate(DOC.sections):
        out += [section.heading, *section.paragraphs]
        if table and i == 0:
            out += [" | ".join(row) for row in TABLE]
    return out


@pytest.mark.parametrize("semantic", [True, False], ids=["with-main-and-nav", "divs-only"])
def test_page_chrome_is_left_out_and_the_content_kept_in_order(semantic):
    text = extract_text(make_html_page(DOC, semantic=semantic, table=TABLE), content_type="text/html")
    assert text.is_ok and text.format == "html"
    assert [p.text for p in text.paragraphs] == expected_paragraphs(table=True)
    for chrome in CHROME:
        assert chrome not in text.text, chrome
    assert [p.kind for p in text.paragraphs if "|" in p.text] == ["row", "row"]
    assert text.title == DOC.title and text.page_count is None


def test_a_new_review_date_does_not_change_the_text():
    march = extract_text(make_html_page(DOC, updated="12 March 2025"))
    june = extract_text(make_html_page(DOC, updated="3 June 2025"))
    assert march.text == june.text and march.fingerprint == june.fingerprint


def test_the_same_plan_as_html_and_as_pdf_reads_the_same():
    assert extract_text(make_html_page(DOC)).text == extract_text(make_pdf(DOC, columns=2)).text


def test_a_book_is_its_chapters_in_order_each_a_section_and_a_page():
    chapters = make_html_book(DOC)
    book = extract_html_book(chapters)
    assert book.is_ok and (book.format, book.page_count, book.title) == ("html_book", 4, DOC.title)
    assert [p.text for p in book.paragraphs] == expected_paragraphs()[1:]
    for number, section in enumerate(DOC.sections, start=1):
        mine = [p for p in book.paragraphs if p.page == number]
        assert {p.section for p in mine} == {section.heading}
        assert [p.text for p in mine] == [section.heading, *section.paragraphs]
    assert not any(c in book.text for c in ("Contents", "Previous", "Next:", "cookies"))
    assert extract_html_book(list(reversed(chapters))).paragraphs[0].text == DOC.sections[-1].heading


def test_a_book_chapter_that_is_not_html_fails_the_book():
    chapters = make_html_book(DOC)
    chapters[2] = (chapters[2][0], make_pdf(DOC))
    book = extract_html_book(chapters)
    assert book.outcome == Outcome.CORRUPT and "chapter 3" in book.detail


def test_a_page_with_no_main_text_has_none():
    shell = b"<!DOCTYPE html><html><body><div id='app'></div><script>render()</script></body></html>"
    assert extract_text(shell).outcome == Outcome.NO_TEXT_LAYER


def test_chrome_inside_main_goes_too():
    page = b"""<html><body><main>
    <div class="nhsuk-breadcrumb"><a href="/">Home</a> &gt; <a href="/plans">Plans</a></div>
    <h1>Our children&rsquo;s plan</h1>
    <p>We will open <a href="/hubs">six family hubs</a> by&nbsp;2026.</p>
    <ul><li>Hub one in Northtown</li><li>Hub two in <strong>Southvale</strong></li></ul>
    <aside><h2>Related</h2><p>Annual report</p></aside>
    <p class="nhsuk-body-s">Page last reviewed: 1 May 2025<br>Next review due: 1 May 2026</p>
    <div class="share-links"><a href="#">Share on Facebook</a></div>
    <p hidden>Hidden text</p><p style="display: none">Also hidden</p>
    </main></body></html>"""
    text = extract_text(page)
    assert [(p.kind, p.text) for p in text.paragraphs] == [
        ("heading", "Our children's plan"), ("text", "We will open six family hubs by 2026."),
        ("text", "Hub one in Northtown"), ("text", "Hub two in Southvale")]
    assert {p.section for p in text.paragraphs} == {"Our children's plan"}
