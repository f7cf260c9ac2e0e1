"""`icswatch export` on an archive of the replica web (Severn v1, v1 again, then v2), on SQLite and
PostgreSQL: CSV and JSON Lines rows per version and change; a WARC that warcio reads back, every
payload matching its sha256 digest and the archived bytes."""

from __future__ import annotations

import base64
import csv
import hashlib
import json

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from warcio.archiveiterator import ArchiveIterator

from monitor.cli import cli
from store.models import Change, Fetch, Version
from tests.crawler.conftest import Crawler
from tests.sites import ReplicaWeb


@pytest.fixture(scope="module")
def severn(module_db_url, tmp_path_factory):
    """One archive per module and database: the tests only read it (crawling is the slow part)."""
    with ReplicaWeb("severn", state="v1", workdir=tmp_path_factory.mktemp("web")) as web:
        yield from _build(web, Crawler(module_db_url, tmp_path_factory.mktemp("data")))


def _build(web, crawl):
    crawl(web.sources_path)
    crawl(web.sources_path)  # unchanged captures and 304s: revisit records
    web.switch("v2")
    crawl(web.sources_path)

    def icswatch(*args):
        base = ["--data-dir", str(crawl.data_dir), "--db", crawl.db_url, "--sources", str(web.sources_path)]
        result = CliRunner().invoke(cli, [*base, *args])
        assert result.exit_code == 0, result.output
        return result

    archive = crawl.archive()
    with archive.session() as session:
        icswatch.versions = {v.id: v for v in session.scalars(select(Version)).all()}
        icswatch.changes = session.scalars(select(Change.id)).all()
        icswatch.fetches = session.scalars(select(Fetch).where(Fetch.outcome.in_(["unchanged", "not_modified"]),
                                                               Fetch.version_id.is_not(None))).all()
    archive.close()
    icswatch.data_dir, icswatch.sources_path, icswatch.db_url = crawl.data_dir, web.sources_path, crawl.db_url
    yield icswatch


def test_csv_has_a_row_per_version_with_paths_to_its_bytes_and_text(severn, tmp_path):
    (tmp_path / "out").mkdir()  # export writes into a folder; it never creates one (a typo would)
    severn("export", "--format", "csv", "--out", str(tmp_path / "out" / "severn.csv"))
    rows = list(csv.DictReader((tmp_path / "out" / "severn.csv").open(encoding="utf-8")))
    assert {r["version_id"] for r in rows} == set(severn.versions)
    for row in rows:
        assert (severn.data_dir / row["blob_path"]).read_bytes() and row["system_id"] == "severn"
        assert hashlib.sha256((severn.data_dir / row["blob_path"]).read_bytes()).hexdigest() == row["sha256"]
        assert json.loads((severn.data_dir / row["text_path"]).read_bytes())["paragraphs"]
    changes = list(csv.DictReader((tmp_path / "out" / "severn.changes.csv").open(encoding="utf-8")))
    assert {c["change_id"] for c in changes} == set(severn.changes)


def test_jsonl_has_version_and_change_lines_and_since_filters(severn, tmp_path):
    severn("export", "--format", "jsonl", "--out", str(tmp_path / "all.jsonl"))
    lines = [json.loads(line) for line in (tmp_path / "all.jsonl").read_text().splitlines()]
    assert {x["version_id"] for x in lines if x["kind"] == "version"} == set(severn.versions)
    assert {x["change_id"] for x in lines if x["kind"] == "change"} == set(severn.changes)
    # a system this sources file does not know (only severn is crawled here) is a mistake, not an empty file
    refused = CliRunner().invoke(cli, ["--data-dir", str(severn.data_dir), "--db", severn.db_url,
                                       "--sources", str(severn.sources_path),
                                       "export", "--format", "jsonl", "--system", "northfell",
                                       "--out", str(tmp_path / "none.jsonl")])
    assert refused.exit_code == 2 and "unknown system 'northfell'" in refused.output
    assert not (tmp_path / "none.jsonl").exists()
    severn("export", "--format", "jsonl", "--since", "2999-01-01", "--out", str(tmp_path / "later.jsonl"))
    assert (tmp_path / "later.jsonl").read_text() == ""


def test_warc_reads_back_with_warcio_and_every_digest_checks(severn, tmp_path):
    out = tmp_path / "severn.warc.gz"
    severn("export", "--format", "warc", "--out", str(out))
    payloads = {}  # sha256 of every original response in the archive
    for version in severn.versions.values():
        for part in version.parts or [{"url": version.url, "sha256": version.sha256}]:
            payloads.setdefault(part["sha256"], part["url"])
    repeats = sum(len(v.parts or [1]) for v in severn.versions.values()) - len(payloads)
    unchanged = sum(len(severn.versions[f.version_id].parts or [1]) for f in severn.fetches)
    assert unchanged > 0

    kinds, responses = [], {}
    with out.open("rb") as handle:
        for record in ArchiveIterator(handle):
            kinds.append(record.rec_type)
            assert record.rec_headers.get_header("WARC-Type") == record.rec_type
            if record.rec_type == "warcinfo":
                continue
            assert record.rec_headers.protocol == "WARC/1.1"
            digest = record.rec_headers.get_header("WARC-Payload-Digest")
            assert digest.startswith("sha256:")
            if record.rec_type == "response":
                body = record.raw_stream.read()
                sha256 = hashlib.sha256(body).digest()
                assert digest == "sha256:" + base64.b32encode(sha256).decode()
                assert record.http_headers.get_statuscode() == "200"
                assert body == (severn.data_dir / "blobs" / sha256.hex()[:2] / sha256.hex()[2:4]
                                / sha256.hex()).read_bytes()
                responses[digest] = record.rec_headers.get_header("WARC-Target-URI")
            else:
                assert record.rec_type == "revisit" and digest in responses  # refers to a response before it
                assert record.rec_headers.get_header("WARC-Refers-To-Target-URI") == responses[digest]
                assert "identical-payload-digest" in record.rec_headers.get_header("WARC-Profile")
    assert kinds[0] == "warcinfo"
    assert kinds.count("response") == len(payloads)
    assert kinds.count("revisit") == repeats + unchanged
