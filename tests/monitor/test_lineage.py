"""A refresh at a new URL continues the lineage of the document it replaced; a sibling still listed
beside it (a draft beside a final) and an HTML edition beside a PDF one are not confused with it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from monitor.changes import detect_changes
from monitor.extract import Paragraph, Text
from monitor.texts import store_text
from store.archive import Capture, mark_missing, record_capture
from store.db import open_archive
from store.models import Document, Run, Version

T0 = datetime(2025, 3, 1, tzinfo=UTC)
COMMITMENTS = [f"We will open family hub number {i} for children and families in place {i} by March 2026."
               for i in range(12)]


@pytest.fixture
def archive(tmp_path):
    opened = open_archive(f"sqlite:///{tmp_path / 'a.sqlite3'}", tmp_path)
    yield opened
    opened.close()


def capture(archive, run_id, url, sentences, when, fmt="pdf", title="Integrated care strategy", body=None):
    """Archive a version whose bytes are `body` (default: the sentences) and whose text is `sentences`."""
    with archive.session() as session:
        recorded = record_capture(session, archive.blobs, Capture(
            system_id="severn", url=url, body=body or " ".join(sentences).encode(), doc_type="strategy",
            easy_read=False, format=fmt, fetched_at=when, run_id=run_id, title=title))
        version = session.get(Version, recorded.version_id)
        text = Text(outcome="ok", fingerprint="test/1", paragraphs=[Paragraph(s, page=1) for s in sentences])
        version.text_sha256, version.extract_outcome, version.extractor = store_text(archive.blobs, text), "ok", "test/1"
        session.commit()
        return recorded.document_id


def run(archive, when) -> str:
    with archive.session() as session:
        row = Run(started_at=when, status="completed")  # as after a crawl; "running" would mean a crash
        session.add(row)
        session.commit()
        return row.id


def refresh(sentences):
    return [s.replace("March 2026", "March 2027") if i == 0 else s for i, s in enumerate(sentences)]


def test_a_refresh_at_a_new_url_continues_the_missing_document(archive):
    first = run(archive, T0)
    old = capture(archive, first, "https://p.example/strategy-2023.pdf", COMMITMENTS, T0)
    detect_changes(archive, first, T0)
    later = T0 + timedelta(days=30)
    second = run(archive, later)
    new = capture(archive, second, "https://p.example/strategy-2025-refresh.pdf", refresh(COMMITMENTS), later)
    with archive.session() as session:
        mark_missing(session, "severn", {"https://p.example/strategy-2025-refresh.pdf"}, later)
    [change] = detect_changes(archive, second, later)
    assert (change.kind, change.previous_url) == ("new_version", "https://p.example/strategy-2023.pdf")
    assert change.relevant and len(change.excerpts) == 1
    with archive.session() as session:
        assert session.get(Document, new).predecessor_id == old


def test_a_draft_still_listed_beside_the_final_is_a_separate_document(archive):
    first = run(archive, T0)
    capture(archive, first, "https://p.example/strategy-draft.pdf", COMMITMENTS, T0)
    detect_changes(archive, first, T0)
    later = T0 + timedelta(days=30)
    second = run(archive, later)
    final = capture(archive, second, "https://p.example/strategy-final.pdf", refresh(COMMITMENTS), later)
    # both still listed: nothing went missing
    [change] = detect_changes(archive, second, later)
    assert change.kind == "new_document" and change.previous_url is None
    with archive.session() as session:
        assert session.get(Document, final).predecessor_id is None


def test_an_html_edition_is_not_taken_for_the_pdf_it_sits_beside(archive):
    first = run(archive, T0)
    capture(archive, first, "https://p.example/strategy.pdf", COMMITMENTS, T0)
    detect_changes(archive, first, T0)
    later = T0 + timedelta(days=30)
    second = run(archive, later)
    capture(archive, second, "https://p.example/our-strategy/", refresh(COMMITMENTS), later, fmt="html")
    with archive.session() as session:
        mark_missing(session, "severn", {"https://p.example/our-strategy/"}, later)
    changes = detect_changes(archive, second, later)
    assert sorted(c.kind for c in changes) == ["new_document", "removed"]


def test_the_same_text_in_new_bytes_is_no_change(archive):
    first = run(archive, T0)
    url = "https://p.example/strategy.pdf"
    capture(archive, first, url, COMMITMENTS, T0)
    detect_changes(archive, first, T0)
    later = T0 + timedelta(days=1)
    second = run(archive, later)
    capture(archive, second, url, COMMITMENTS, later, body=b"re-saved with new metadata")  # same text
    assert detect_changes(archive, second, later) == []
