"""The pure parts of extraction, on plain values: normalisation, sentences, format sniffing, running
lines, reading order, and the Text record."""

from __future__ import annotations

import json

import pytest

from monitor.extract import NORMALISER_VERSION, Limits, Outcome, Paragraph, Text, fingerprint, split_sentences
from monitor.extract.layout import strip_running_lines
from monitor.extract.normalise import Block, clean, join_lines, to_paragraphs
from monitor.extract.order import reading_order
from monitor.extract.sniff import sniff
from tests.docgen import make_docx, make_pdf, plan_doc


@pytest.mark.parametrize(("raw", "clean_text"), [
    ("the \ufb01rst \ufb02oor and e\ufb00ort", "the first floor and effort"),
    ("co\u00adordinated  care\u00a0for\tchildren ", "coordinated care for children"),
    ("\u201cWe\u2019ll\u201d \u2013 2025\u20132030", "\"We'll\" - 2025-2030"),
    ("\uff21\uff22\uff23 \u2460 zero\u200bwidth (cid:12)", "ABC 1 zerowidth"),
])
def test_clean_folds_the_variants_typesetters_produce(raw, clean_text):
    assert clean(raw) == clean_text


@pytest.mark.parametrize(("lines", "joined"), [
    (["every neighbou-", "rhood has a hub"], "every neighbourhood has a hub"),
    (["every neighbou\u00ad", "rhood"], "every neighbourhood"),
    (["we will co-", "produce plans"], "we will co-produce plans"),
    (["one place-", "based partnership, our place-based plan"], "one place-based partnership, our place-based plan"),
    (["a wellbe-", "ing offer and wellbeing"], "a wellbeing offer and wellbeing"),
    (["from 2025-", "2030 onwards"], "from 2025-2030 onwards"),
    (["COVID-", "19 recovery"], "COVID- 19 recovery"),
    (["\u2022 Family hubs in", "every district"], "Family hubs in every district"),
])
def test_lines_are_reflowed_and_line_end_hyphens_resolved(lines, joined):
    words = {"neighbourhood", "place-based", "wellbeing"}
    assert join_lines(lines, words) == joined


def test_paragraphs_carry_page_section_and_kind():
    blocks = [Block(["1. Our priorities"], 1, "heading"), Block(["We will act."], 1),
              Block([], 2, "row", cells=[["Target"], ["18 weeks"]]), Block(["  ", "\u2022"], 2)]
    assert to_paragraphs(blocks) == [
        Paragraph("1. Our priorities", 1, "1. Our priorities", "heading"),
        Paragraph("We will act.", 1, "1. Our priorities", "text"),
        Paragraph("Target | 18 weeks", 2, "1. Our priorities", "row")]


def test_sentences_split_at_full_stops_but_not_abbreviations_or_numbering():
    text = ("1. Introduction to the plan. We will, e.g. in St. Helens, open hubs by Sept. 2026! Will we? "
            "Dr. Patel said \"Yes.\" 12 schools joined (see p. 4). J. Smith agreed. Costs rose 2.5% in 2024.")
    assert split_sentences(text) == [
        "1. Introduction to the plan.", "We will, e.g. in St. Helens, open hubs by Sept. 2026!", "Will we?",
        "Dr. Patel said \"Yes.\"", "12 schools joined (see p. 4).", "J. Smith agreed.", "Costs rose 2.5% in 2024."]
    assert split_sentences("No full stop at the end") == ["No full stop at the end"]
    assert split_sentences("") == []


@pytest.mark.parametrize(("data", "content_type", "url", "expected"), [
    (b"%PDF-1.7\n...", None, None, ("pdf", "ok")),
    (b"\xef\xbb\xbf  <!doctype html><html>", None, None, ("html", "ok")),
    (b"<div>fragment <body>", "text/html", None, ("html", "ok")),
    (b"<html><title>Error 404</title>", "application/pdf", None, (None, "corrupt")),
    (b"<html>", None, "https://x.nhs.uk/a/Plan%202025.PDF", (None, "corrupt")),
    (b"garbage bytes", "application/pdf", None, (None, "corrupt")),
    (b"garbage bytes", None, None, (None, "unsupported")),
    (b"PK\x03\x04not really a zip", None, None, (None, "corrupt")),
    (b"", None, None, (None, "corrupt")),
])
def test_sniff_trusts_magic_bytes_and_uses_the_declared_type_only_to_explain(data, content_type, url, expected):
    found = sniff(data, content_type, url)
    assert (found.format, str(found.outcome)) == expected


def test_sniff_recognises_docx_and_pdf_made_by_the_generators():
    doc = plan_doc(1, 1)
    assert sniff(make_docx(doc)).format == "docx"
    assert sniff(b"junk before " + make_pdf(doc)).format == "pdf"


def page(number: int, lines: list[tuple[str, float, int]]) -> dict:
    return {"number": number, "height": 800.0, "width": 600.0,
            "lines": [(text, 50.0, y, 400.0, y + 10, 10.0, False, box) for text, y, box in lines]}


def test_running_lines_and_page_numbers_go_body_lines_stay():
    body = [("Body text", y, 1) for y in (727, 714, 701)]
    pages = [page(n, [("Example ICB plan - updated March 2025", 760, 0), (f"Body text {n} starts here", 740, 1),
                      *body, (f"{n + 4}", 40, 3)]) for n in range(1, 5)]
    pages[2]["lines"] += page(3, [("Contents", 770, 4)])["lines"]
    assert strip_running_lines(pages) == 8
    assert [ln[0] for ln in pages[2]["lines"]] == ["Body text 3 starts here", *["Body text"] * 3, "Contents"]


def test_a_repeated_line_inside_a_paragraph_is_not_a_running_header():
    pages = [page(n, [("Every place-based partnership", 760, 0), ("will act", 747, 0), ("now", 734, 0),
                      ("and later", 721, 0)]) for n in range(1, 4)]
    assert strip_running_lines(pages) == 0


def box(x0, y0, x1, y1, name):
    return (x0, y0, x1, y1, name)


@pytest.mark.parametrize("shuffle", [False, True])
def test_reading_order_reads_columns_of_unequal_length_in_turn(shuffle):
    units = [box(50, 760, 550, 780, "title"),
             box(50, 600, 290, 740, "left 1"), box(50, 300, 290, 590, "left 2"), box(50, 100, 290, 290, "left 3"),
             box(310, 620, 550, 742, "right 1"), box(310, 400, 550, 610, "right 2"),
             box(50, 50, 550, 80, "full width after")]
    if shuffle:
        units = units[::-1]
    assert [u[4] for u in reading_order(units, lambda u: u[:4])] == [
        "title", "left 1", "left 2", "left 3", "right 1", "right 2", "full width after"]


def test_reading_order_keeps_columns_together_when_their_gaps_line_up():
    units = [box(50, 500, 290, 700, "l1"), box(310, 500, 550, 700, "r1"),
             box(50, 300, 290, 490, "l2"), box(310, 300, 550, 490, "r2")]
    assert [u[4] for u in reading_order(units, lambda u: u[:4])] == ["l1", "l2", "r1", "r2"]


def test_a_text_round_trips_and_fingerprints_say_what_may_be_compared():
    text = Text(Outcome.OK, format="pdf", paragraphs=[Paragraph("A.", 1, "S")], extractor="pdfminer.six",
                extractor_version="1", settings={"a": 1}, notes=["n"], stats={"workers": 2})
    assert Text.from_dict(json.loads(json.dumps(text.to_dict()))) == text
    assert text.fingerprint == fingerprint("pdfminer.six", "1", {"a": 1})
    assert f"/n{NORMALISER_VERSION}/" in text.fingerprint
    assert fingerprint("pdfminer.six", "2", {"a": 1}) != text.fingerprint
    assert fingerprint("pdfminer.six", "1", {"a": 2}) != text.fingerprint
    stored = text.to_dict() | {"fingerprint": "pdfminer.six/0/n0/old"}
    assert Text.from_dict(stored).fingerprint == "pdfminer.six/0/n0/old"  # kept as made, never recomputed
    assert text.text == "A." and text.is_ok
    assert Limits() == Limits(timeout_s=60, memory_mb=1024, max_pages=2000, max_bytes=50 << 20, workers=2, ocr=False)
