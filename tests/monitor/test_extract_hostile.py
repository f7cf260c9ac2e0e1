"""Hostile and broken files: each gets its outcome within its limits, and the caller is unharmed."""

from __future__ import annotations

import ctypes
import io
import multiprocessing
import os
import resource
import stat
import time
import zipfile

import pytest

from monitor.extract import Limits, Outcome, extract_text
from monitor.extract.guard import run_child
from tests.docgen import (
    corrupt_stream,
    make_bomb_pdf,
    make_docx,
    make_encrypted_pdf,
    make_pdf,
    make_plain_pdf,
    make_scanned_pdf,
    plan_doc,
)

DOC = plan_doc(sections=2, paragraphs=3, seed=4)


def no_children_left() -> bool:
    time.sleep(0.05)
    return not multiprocessing.active_children()


def test_a_truncated_pdf_is_corrupt():
    data = make_pdf(DOC)
    text = extract_text(data[: len(data) * 6 // 10])
    assert (text.outcome, text.format) == (Outcome.CORRUPT, "pdf")
    assert "truncated" in text.detail
    assert not text.paragraphs and not text.fingerprint


@pytest.mark.parametrize("data", [
    corrupt_stream(make_plain_pdf(["Our plan for children and young people."] * 30)),
    corrupt_stream(make_pdf(DOC)),
], ids=["flate", "ascii85-flate"])
def test_a_pdf_with_a_damaged_stream_is_corrupt_not_half_a_document(data):
    text = extract_text(data)
    assert text.outcome == Outcome.CORRUPT
    assert "damaged" in text.detail and "page 1" in text.detail


def test_a_password_protected_pdf_is_encrypted():
    text = extract_text(make_encrypted_pdf(DOC))
    assert (text.outcome, text.detail) == (Outcome.ENCRYPTED, "the PDF needs a password to open")


def test_a_scanned_pdf_has_no_text_layer_and_ocr_needs_tesseract(monkeypatch, tmp_path):
    scanned = make_scanned_pdf(DOC)
    text = extract_text(scanned)
    assert text.outcome == Outcome.NO_TEXT_LAYER
    assert "OCR" not in text.detail
    monkeypatch.setenv("PATH", str(tmp_path))
    text = extract_text(scanned, limits=Limits(ocr=True))
    assert text.outcome == Outcome.NO_TEXT_LAYER
    assert "Tesseract is not installed" in text.detail


def test_ocr_runs_tesseract_on_each_page_when_enabled_and_installed(monkeypatch, tmp_path):
    fake = tmp_path / "tesseract"  # stands in for Tesseract: reads the image, prints a page of text
    fake.write_text('#!/bin/sh\nif [ "$1" = "--version" ]; then echo "tesseract 5.3.0"; exit 0; fi\n'
                    'cat > /dev/null\nprintf "Our plan for children.\\nIt continues here.\\n\\nA second paragraph.\\n"\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    text = extract_text(make_scanned_pdf(DOC, pages=2), limits=Limits(ocr=True))
    assert text.is_ok, text.detail
    assert (text.extractor, text.extractor_version) == ("tesseract", "tesseract 5.3.0")
    assert [(p.page, p.text) for p in text.paragraphs] == [
        (1, "Our plan for children. It continues here."), (1, "A second paragraph."),
        (2, "Our plan for children. It continues here."), (2, "A second paragraph.")]


@pytest.mark.parametrize("fast_path", [True, False])
def test_a_decompression_bomb_stops_at_the_memory_limit_and_the_caller_is_unharmed(fast_path):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    text = extract_text(make_bomb_pdf(expanded_mb=2048), limits=Limits(fast_path=fast_path))
    assert text.outcome == Outcome.MEMORY
    assert "decompression bomb" in text.detail
    assert time.monotonic() - started < 15
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024  # KB: the parent stayed small
    assert no_children_left()
    assert extract_text(make_pdf(DOC)).is_ok


def test_an_html_error_page_served_as_a_pdf_is_corrupt():
    page = b"<!DOCTYPE html><html><head><title>Access denied | Example ICB</title></head><body>No</body></html>"
    text = extract_text(page, content_type="application/pdf", url="https://x.nhs.uk/jfp.pdf")
    assert text.outcome == Outcome.CORRUPT
    assert "HTML page" in text.detail and "Access denied" in text.detail
    assert extract_text(page, url="https://x.nhs.uk/plan.pdf").outcome == Outcome.CORRUPT


def test_a_zero_byte_file_is_corrupt():
    text = extract_text(b"", content_type="application/pdf")
    assert (text.outcome, text.detail) == (Outcome.CORRUPT, "empty file (0 bytes)")


def test_too_many_bytes_or_pages_is_too_large():
    data = make_pdf(plan_doc(sections=6, paragraphs=5))
    assert extract_text(data, limits=Limits(max_bytes=1000)).outcome == Outcome.TOO_LARGE
    text = extract_text(data, limits=Limits(max_pages=2))
    assert text.outcome == Outcome.TOO_LARGE and "more than the limit of 2" in text.detail


def test_a_docx_zip_bomb_is_too_large():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", " " * (45 << 20))
    text = extract_text(archive.getvalue(), limits=Limits(max_bytes=1 << 20))
    assert text.outcome == Outcome.TOO_LARGE and "zip bomb" in text.detail


def test_a_damaged_docx_is_corrupt():
    data = bytearray(make_docx(DOC))
    index = data.index(b"word/document.xml", 40)
    data[index + 60: index + 400] = b"\x00" * 340
    assert extract_text(bytes(data)).outcome == Outcome.CORRUPT


@pytest.mark.parametrize(("data", "outcome", "words"), [
    (b"Just some plain text about the plan.", Outcome.UNSUPPORTED, "not a PDF, Word or HTML"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), Outcome.UNSUPPORTED, "not a PDF, Word or HTML"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), Outcome.UNSUPPORTED, "legacy Office"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), Outcome.ENCRYPTED, "password"),
])
def test_other_formats_are_unsupported_or_explained(data, outcome, words):
    text = extract_text(data)
    assert text.outcome == outcome and words in text.detail


def test_a_spreadsheet_is_unsupported():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    text = extract_text(archive.getvalue())
    assert text.outcome == Outcome.UNSUPPORTED and "XLSX" in text.detail


def test_an_html_page_too_big_to_parse_in_time_is_a_timeout():
    page = b"<html><body><main>" + b"<div><p>Row of text about services.</p></div>" * 400_000 + b"</main></body></html>"
    started = time.monotonic()
    text = extract_text(page, limits=Limits(timeout_s=1.0, max_bytes=100 << 20))
    assert text.outcome == Outcome.TIMEOUT and "1 s" in text.detail
    assert time.monotonic() - started < 3
    assert no_children_left()


def test_the_guard_reports_crashes_overruns_and_memory_without_raising():
    deadline = time.monotonic() + 10
    crashed = run_child(ctypes.string_at, (0,), memory_mb=512, deadline=deadline)  # reads address 0
    assert (crashed.ok, crashed.outcome) == (False, Outcome.CORRUPT) and "SIGSEGV" in crashed.detail
    slow = run_child(time.sleep, (30,), memory_mb=512, deadline=time.monotonic() + 0.3)
    assert (slow.ok, slow.outcome) == (False, Outcome.TIMEOUT)
    greedy = run_child(bytearray, (2 << 30,), memory_mb=512, deadline=deadline)
    assert (greedy.ok, greedy.outcome) == (False, Outcome.MEMORY)
    fine = run_child(sorted, ([3, 1, 2],), memory_mb=512, deadline=deadline)
    assert (fine.ok, fine.value) == (True, [1, 2, 3])
    assert no_children_left()


def test_damaged_files_of_every_kind_end_in_an_outcome_never_an_exception():
    import random

    rng = random.Random(7)
    pdf, docx = make_pdf(DOC), make_docx(DOC)
    damaged = [pdf[: len(pdf) * cut // 10] for cut in (1, 3, 5, 9)] + [docx[: len(docx) // 2]]
    for original in (pdf, docx):
        flipped = bytearray(original)
        for i in rng.sample(range(100, len(flipped)), 40):
            flipped[i] ^= 0xFF
        damaged.append(bytes(flipped))
    allowed = {Outcome.OK, Outcome.CORRUPT, Outcome.NO_TEXT_LAYER, Outcome.UNSUPPORTED}
    for data in damaged:
        assert extract_text(data).outcome in allowed
    assert no_children_left()
    with pytest.raises(TypeError):
        extract_text("not bytes")


def test_a_pdf_whose_characters_mean_nothing_has_no_text_layer():
    text = extract_text(make_plain_pdf(["* * * - - - . . .", "| | |"]))
    assert text.outcome == Outcome.NO_TEXT_LAYER and "no readable text" in text.detail
