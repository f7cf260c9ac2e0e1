"""What the archive does with each capture, on SQLite and PostgreSQL: nothing is overwritten or lost."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from store.archive import Capture, mark_missing, record_capture, record_not_modified
from store.db import open_archive
from store.models import Base, Document, Fetch, Version

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def archive(db_url, tmp_path):
    opened = open_archive(db_url, tmp_path / "data")
    yield opened
    opened.close()


def capture(body: bytes, url: str = "https://icb.example/jfp.pdf", when: datetime = T0, **extra) -> Capture:
    values = {"format": "pdf", **extra}
    return Capture(system_id="severn", url=url, body=body, doc_type="joint_forward_plan", easy_read=False,
                   fetched_at=when, etag='"a"', **values)


# Not in the models on purpose: the full-text index of migration 0004 (SQLite's FTS5 table and its shadow
# tables, PostgreSQL's generated tsvector column and GIN index) and APScheduler's own job table.
NOT_MODELLED = {"passages_fts", "passages_fts_data", "passages_fts_idx", "passages_fts_docsize",
                "passages_fts_config", "tsv", "ix_passages_tsv", "apscheduler_jobs"}


def test_migrations_make_exactly_the_schema_the_models_describe(archive):
    opts = {"include_name": lambda name, type_, parent: name not in NOT_MODELLED}
    with archive.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection, opts=opts), Base.metadata) == []


def test_first_capture_is_a_new_document_and_same_bytes_again_change_nothing(archive):
    with archive.session() as session:
        first = record_capture(session, archive.blobs, capture(b"%PDF v1"))
        again = record_capture(session, archive.blobs, capture(b"%PDF v1", when=T0 + timedelta(days=7)))
        assert (first.kind, again.kind) == ("new_document", "unchanged")
        assert again.version_id == first.version_id
        version = session.get(Version, first.version_id)
        assert version.first_seen == T0
        assert version.last_seen == T0 + timedelta(days=7)
        assert archive.blobs.get(version.sha256) == b"%PDF v1"


def test_new_bytes_at_the_same_url_are_a_new_version_and_the_old_one_stays(archive):
    with archive.session() as session:
        first = record_capture(session, archive.blobs, capture(b"%PDF v1"))
        second = record_capture(session, archive.blobs, capture(b"%PDF v2", when=T0 + timedelta(days=1)))
        assert second.kind == "new_version" and second.document_id == first.document_id
        old, new = session.get(Version, first.version_id), session.get(Version, second.version_id)
        assert archive.blobs.get(old.sha256) == b"%PDF v1" and archive.blobs.get(new.sha256) == b"%PDF v2"


def test_the_same_bytes_at_a_new_url_are_the_same_document_and_version(archive):
    # Until issue 19 the same bytes at a second URL were a new version, and a "view" and a "download"
    # link flipped the document between them on every crawl. Now they are one version; whether the
    # document moved or is only linked twice is decided after the crawl (tests/crawler/test_false_alarms.py).
    with archive.session() as session:
        first = record_capture(session, archive.blobs, capture(b"%PDF v1"))
        moved = record_capture(session, archive.blobs, capture(b"%PDF v1", url="https://icb.example/new/jfp.pdf"))
        assert moved.kind == "moved" and moved.document_id == first.document_id
        assert moved.version_id == first.version_id
        again = record_capture(session, archive.blobs, capture(b"%PDF v1", url="https://icb.example/new/jfp.pdf"))
        assert (again.kind, again.version_id) == ("unchanged", first.version_id)
        assert len(session.get(Document, first.document_id).versions) == 1


def test_a_304_refreshes_last_seen_and_is_logged(archive):
    with archive.session() as session:
        first = record_capture(session, archive.blobs, capture(b"%PDF v1"))
        later = T0 + timedelta(days=3)
        assert record_not_modified(session, "severn", "https://icb.example/jfp.pdf", later, None) == first.version_id
        assert session.get(Version, first.version_id).last_seen == later
        outcomes = [f.outcome for f in session.query(Fetch).order_by(Fetch.id)]
        assert outcomes == ["new_version", "not_modified"]


def test_a_document_that_disappears_is_marked_missing_never_deleted(archive):
    with archive.session() as session:
        first = record_capture(session, archive.blobs, capture(b"%PDF v1"))
        gone = T0 + timedelta(days=30)
        assert mark_missing(session, "severn", set(), gone).newly == [first.document_id]
        document = session.get(Document, first.document_id)
        assert document.missing_since == gone and len(document.versions) == 1 and document.missing_crawls == 1
        assert mark_missing(session, "severn", set(), gone + timedelta(days=1)).newly == []  # counted, not re-marked
        assert document.missing_since == gone and document.missing_crawls == 2
        # seen again: no longer missing
        record_capture(session, archive.blobs, capture(b"%PDF v1", when=gone + timedelta(days=1)))
        assert session.get(Document, first.document_id).missing_since is None


def test_a_multi_page_plan_is_one_version_whose_chapters_are_kept(archive):
    chapters = [("https://icb.example/jfp/1", b"<h1>One</h1>"), ("https://icb.example/jfp/2", b"<h1>Two</h1>")]
    with archive.session() as session:
        recorded = record_capture(session, archive.blobs, capture(b"", url="https://icb.example/jfp/",
                                                                  format="html_book", parts=chapters))
        version = session.get(Version, recorded.version_id)
        assert [p["url"] for p in version.parts] == [url for url, _ in chapters]
        assert [archive.blobs.get(p["sha256"]) for p in version.parts] == [body for _, body in chapters]
        changed = [chapters[0], ("https://icb.example/jfp/2", b"<h1>Two, revised</h1>")]
        again = record_capture(session, archive.blobs, capture(b"", url="https://icb.example/jfp/",
                                                               format="html_book", parts=changed))
        assert again.kind == "new_version"
