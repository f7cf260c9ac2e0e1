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


def test_a_final_published_beside_its_draft_is_compared_with_the_draft(archive):
    # Until editions (issue 13) a draft still listed beside its final was a separate document and the
    # final a new document with a list of commitments; now the final continues the draft's series.
    first = run(archive, T0)
    draft = capture(archive, first, "https://p.example/strategy-draft.pdf", COMMITMENTS, T0,
                    title="Integrated care strategy 2025 (draft for engagement)")
    detect_changes(archive, first, T0)
    later = T0 + timedelta(days=30)
    second = run(archive, later)
    final = capture(archive, second, "https://p.example/strategy-final.pdf", refresh(COMMITMENTS), later,
                    title="Integrated care strategy 2025 (final)")
    # both still listed: nothing went missing
    [change] = detect_changes(archive, second, later)
    assert (change.kind, change.previous_url) == ("new_version", "https://p.example/strategy-draft.pdf")
    assert change.edition.startswith("final published") and change.relevant and len(change.excerpts) == 1
    with archive.session() as session:
        document = session.get(Document, final)
        assert document.predecessor_id == draft and document.edition_label == "final"
        assert session.get(Document, draft).missing_since is None  # superseded, not missing


def test_a_refresh_listed_beside_the_previous_edition_is_compared_with_it(archive):
    first = run(archive, T0)
    old = capture(archive, first, "https://p.example/strategy-2023.pdf", COMMITMENTS, T0,
                  title="Integrated care strategy 2023-2028")
    detect_changes(archive, first, T0)
    later = T0 + timedelta(days=30)
    second = run(archive, later)
    rewritten = [f"Our refreshed strategy, sentence {i}, in new words." for i in range(30)] + [
        COMMITMENTS[0].replace("March 2026", "March 2027")]
    new = capture(archive, second, "https://p.example/strategy-2025.pdf", rewritten, later,
                  title="Integrated care strategy 2023-2028: 2025 refresh")
    changes = detect_changes(archive, second, later)
    [change] = [c for c in changes if c.document_id == new]
    assert change.kind == "new_version" and change.edition == "2025 refresh of Integrated care strategy 2023-2028"
    assert [c.kind for c in changes] == ["new_version"]  # the old edition is not removed
    with archive.session() as session:
        assert session.get(Document, new).predecessor_id == old
        assert any("titles differ only by the year" in r for r in session.get(Document, new).edition_reasons)


def test_a_maintainer_can_split_what_the_evidence_joins_and_join_what_it_does_not(archive):
    from monitor.config.models import EditionOverride

    first = run(archive, T0)
    capture(archive, first, "https://p.example/a.pdf", COMMITMENTS, T0, title="Start well plan")
    detect_changes(archive, first, T0)
    later = T0 + timedelta(days=30)
    second = run(archive, later)
    capture(archive, second, "https://p.example/b.pdf", refresh(COMMITMENTS), later, title="Start well plan")
    split = EditionOverride(split=["https://p.example/a.pdf", "https://p.example/b.pdf"], reason="two places")
    [change] = detect_changes(archive, second, later, editions={"severn": [split]})
    assert change.kind == "new_document"
    third = run(archive, later + timedelta(days=1))
    capture(archive, third, "https://p.example/c.pdf", ["Entirely new words for a new plan."] * 3,
            later + timedelta(days=1), title="Our children's plan")
    join = EditionOverride(join=["https://p.example/b.pdf", "https://p.example/c.pdf"], reason="renamed in 2025")
    [change] = detect_changes(archive, third, later + timedelta(days=1), editions={"severn": [join]})
    assert change.kind == "new_version" and change.previous_url == "https://p.example/b.pdf"
    with archive.session() as session:
        joined = session.get(Document, change.document_id)
        assert joined.edition_reasons == ["a maintainer joined them: renamed in 2025"]


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
    # Until issue 19 the PDF was "removed" in this very run. One crawl that does not find a document is
    # too often a night's outage or a soft 404 that comes back the next day, so a removal now waits for
    # crawl.removed_after_crawls complete crawls (3) and crawl.removed_after_days (14): here the PDF is
    # only "not seen since", and the HTML edition is not taken for it either way.
    assert [c.kind for c in changes] == ["new_document"]
    for day in (7, 15):
        when = later + timedelta(days=day)
        run_id = run(archive, when)
        with archive.session() as session:
            mark_missing(session, "severn", {"https://p.example/our-strategy/"}, when)
        found = detect_changes(archive, run_id, when)
        assert [c.kind for c in found] == (["removed"] if day == 15 else [])


def test_the_same_text_in_new_bytes_is_no_change(archive):
    first = run(archive, T0)
    url = "https://p.example/strategy.pdf"
    capture(archive, first, url, COMMITMENTS, T0)
    detect_changes(archive, first, T0)
    later = T0 + timedelta(days=1)
    second = run(archive, later)
    capture(archive, second, url, COMMITMENTS, later, body=b"re-saved with new metadata")  # same text
    assert detect_changes(archive, second, later) == []


def test_a_plan_published_as_a_pdf_and_as_web_pages_reports_a_change_once(archive):
    first = run(archive, T0)
    pdf = capture(archive, first, "https://p.example/strategy.pdf", COMMITMENTS, T0, title="Start well strategy 2025")
    web = capture(archive, first, "https://p.example/start-well/", COMMITMENTS, T0, fmt="html",
                  title="Start well strategy 2025", body=b"<html>web edition, v1</html>")
    detect_changes(archive, first, T0)
    with archive.session() as session:
        assert session.get(Document, web).format_of_id == pdf
    later = T0 + timedelta(days=30)
    second = run(archive, later)
    capture(archive, second, "https://p.example/strategy.pdf", refresh(COMMITMENTS), later, title="Start well strategy 2025")
    capture(archive, second, "https://p.example/start-well/", refresh(COMMITMENTS), later, fmt="html",
            title="Start well strategy 2025", body=b"<html>web edition, v2</html>")
    [change] = detect_changes(archive, second, later)
    assert change.document_id == pdf and change.relevant
    out_of_step = later + timedelta(days=7)
    third = run(archive, out_of_step)
    web_only = [COMMITMENTS[1].replace("place 1", "place one"), *refresh(COMMITMENTS)[2:]]
    capture(archive, third, "https://p.example/start-well/", web_only, out_of_step, fmt="html",
            title="Start well strategy 2025", body=b"<html>web edition, v3</html>")
    [change] = detect_changes(archive, third, out_of_step)
    assert change.document_id == web  # the web edition changed alone: that is news too
