"""`icswatch diff` between any two versions, and `icswatch verify` catching corrupt and deleted blobs,
on an archive of the replica web (SQLite and PostgreSQL)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from monitor.cli import cli
from store.queries import system_history
from tests.crawler.conftest import Crawler


@pytest.fixture
def archived(replica_web, db_url, tmp_path):
    """Severn crawled in v1 and v2: its JFP has two versions, its strategy a refresh at a new URL."""
    web = replica_web("severn", state="v1")
    crawl = Crawler(db_url, tmp_path / "data")
    crawl(web.sources_path)
    web.switch("v2")
    crawl(web.sources_path)
    args = ["--data-dir", str(crawl.data_dir), "--db", db_url, "--sources", str(web.sources_path)]
    archive = crawl.archive()
    with archive.session() as session:
        documents = {(d.doc_type, d.easy_read, d.url.rsplit("/", 1)[-1]): [v.id for v in d.versions]
                     for d in system_history(session, "severn")}
    return crawl, args, documents, archive


def run(args, *more):
    return CliRunner().invoke(cli, [*args, *more])


def test_diff_two_versions_of_a_plan(archived):
    _, args, documents, _ = archived
    [old, new] = next(v for k, v in documents.items() if k[0] == "joint_forward_plan")
    result = json.loads(run(args, "diff", old, new, "--format", "json").output)
    relevant = [e for e in result["excerpts"] if e["relevant"]]
    assert result["from"]["version_id"] == old and result["to"]["version_id"] == new
    assert len(relevant) == 2 and all(e["weakened"] for e in relevant)
    assert any("March 2027" in e["after"] for e in relevant)
    # the other way round: the same passages, before and after swapped
    back = json.loads(run(args, "diff", new, old, "--format", "json").output)
    assert sorted(e["before"] for e in back["excerpts"]) == sorted(e["after"] for e in result["excerpts"])


def test_diff_follows_a_refresh_at_a_new_url(archived):
    _, args, documents, _ = archived
    [v2023] = next(v for k, v in documents.items() if k[0] == "strategy" and "2023" in k[2])
    [v2025] = next(v for k, v in documents.items() if k[0] == "strategy" and not k[1] and "2025" in k[2])
    text = run(args, "diff", v2023, v2025)
    assert text.exit_code == 0 and "[RELEVANT]" in text.output and "Mental Health Support Team" in text.output


def test_diff_html_is_escaped_and_unrelated_versions_are_refused(archived):
    _, args, documents, _ = archived
    [old, new] = next(v for k, v in documents.items() if k[0] == "joint_forward_plan")
    page = run(args, "diff", old, new, "--format", "html").output
    assert page.startswith("<!doctype html>") and "<del>2026</del>" in page and "<ins>2027</ins>" in page
    [easy] = next(v for k, v in documents.items() if k[1])
    refused = run(args, "diff", old, easy)
    assert refused.exit_code == 1 and "different documents" in refused.output


def test_verify_passes_then_catches_a_corrupted_and_a_deleted_blob(archived):
    _, args, documents, archive = archived
    ok = run(args, "verify")
    assert ok.exit_code == 0 and " 0 missing or corrupt" in ok.output
    [old, new] = next(v for k, v in documents.items() if k[0] == "joint_forward_plan")
    from store.models import Version

    with archive.session() as session:
        corrupt, gone = session.get(Version, old).sha256, session.get(Version, new).text_sha256
    archive.blobs.path(corrupt).write_bytes(b"tampered")
    archive.blobs.path(gone).unlink()
    bad = run(args, "verify")
    assert bad.exit_code == 1
    assert f"CORRUPT {corrupt}: {old} original" in bad.output
    assert f"MISSING {gone}: {new} text" in bad.output
    report = json.loads(run(args, "verify", "--json").output)
    assert {p["state"] for p in report["problems"]} == {"corrupt", "missing"}
