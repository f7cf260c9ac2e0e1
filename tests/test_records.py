"""The JSON interface: the fields (and their order) of `icswatch changes --json`, the digest's JSON and
the exports, which researchers' scripts and the web API read. A renamed or dropped field breaks them,
so the lists are written out here by hand, not taken from the code."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from monitor.cli import cli
from monitor.digest import assemble, digest_json
from store.db import open_archive
from store.models import Change, Document, Run, Version
from store.records import ChangeRecord

CHANGE_JSON = ["change_id", "system_id", "system_name", "region", "document_id", "doc_type", "easy_read", "title",
               "url", "previous_url", "change", "detected_at", "relevant", "weakened", "themes", "tags", "baseline",
               "version_id", "previous_version_id", "note", "excerpts", "edition"]
EXCERPT_JSON = ["before", "after", "page", "section", "words", "relevant", "themes", "tags", "reasons", "weakened"]
EXPORT_CHANGE = ["change_id", "system_id", "document_id", "version_id", "previous_version_id", "change",
                 "detected_at", "baseline", "url", "previous_url", "relevant", "weakened", "themes", "tags", "note",
                 "excerpts", "edition"]
EXPORT_VERSION = ["version_id", "document_id", "system_id", "doc_type", "easy_read", "format", "title", "url",
                  "first_seen", "last_seen", "sha256", "size", "content_type", "page_count", "extract_outcome",
                  "extractor", "text_sha256", "predecessor_id", "blob_path", "text_path", "parts", "edition_label",
                  "reasons"]
WHEN = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
EXCERPT = {"before": "We will  cut waits to 4 weeks by March 2026.", "after": "We aim to cut waits to 6 weeks.",
           "page": 12, "section": "Children and young people",
           "words": [["=", "We "], ["-", "will"], ["+", "aim to"], ["=", " cut waits"]], "relevant": True,
           "themes": ["population_health"], "tags": ["mental_health"],
           "reasons": ["about children: 'young people'", "weakened: 'will' became 'aim'"], "weakened": True}


@pytest.fixture
def archive_dir(tmp_path):
    """An archive holding one system's plan in two versions and the change between them."""
    archive = open_archive(f"sqlite:///{tmp_path / 'icswatch.sqlite3'}", tmp_path)
    with archive.session() as session:
        session.add(Run(id="r-000000000001", started_at=WHEN, finished_at=WHEN, status="completed"))
        session.flush()
        session.add(Document(id="d-000000000001", system_id="west-yorkshire", doc_type="joint_forward_plan",
                             easy_read=False, format="pdf", title="Joint Forward Plan 2024-2029",
                             url="https://wypartnership.example/jfp.pdf", first_seen=WHEN, last_seen=WHEN))
        session.flush()
        for number in (1, 2):
            session.add(Version(id=f"v-00000000000{number}", document_id="d-000000000001", url="https://wypartnership.example/jfp.pdf",
                                sha256=f"{number}" * 64, size=10, first_seen=WHEN, last_seen=WHEN,
                                extract_outcome="ok"))
        session.flush()  # the rows a change names exist before it
        session.add(Change(id="c-000000000001", run_id="r-000000000001", system_id="west-yorkshire",
                           document_id="d-000000000001", version_id="v-000000000002",
                           previous_version_id="v-000000000001", kind="new_version", detected_at=WHEN,
                           url="https://wypartnership.example/jfp.pdf", previous_url="https://wypartnership.example/jfp.pdf",
                           relevant=True, weakened=True, themes=["population_health"], tags=["mental_health"],
                           excerpts=[EXCERPT]))
        session.commit()
    archive.close()
    return tmp_path


def icswatch(data_dir, *args) -> str:
    result = CliRunner().invoke(cli, ["--data-dir", str(data_dir), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_changes_json_has_the_interface_fields_in_order(archive_dir):
    [change] = json.loads(icswatch(archive_dir, "changes", "--since", "2026-11-01", "--until", "2026-12-01", "--json"))
    assert list(change) == CHANGE_JSON
    assert list(change["excerpts"][0]) == EXCERPT_JSON
    assert (change["change"], change["system_name"], change["region"]) == ("new_version", "West Yorkshire", "North East and Yorkshire")
    assert change["detected_at"] == "2026-11-20T09:30:00+00:00"
    assert change["excerpts"][0]["before"] == "We will cut waits to 4 weeks by March 2026."  # spaces folded


def test_the_exports_carry_the_same_change_fields(archive_dir, tmp_path):
    icswatch(archive_dir, "export", "--format", "jsonl", "--out", str(tmp_path / "out.jsonl"))
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    versions = [line for line in lines if line["kind"] == "version"]
    [change] = [line for line in lines if line["kind"] == "change"]
    assert [list(v)[1:] for v in versions] == [EXPORT_VERSION, EXPORT_VERSION]
    assert list(change)[1:] == EXPORT_CHANGE and change["change"] == "new_version"
    icswatch(archive_dir, "export", "--format", "csv", "--out", str(tmp_path / "out.csv"))
    with (tmp_path / "out.changes.csv").open() as handle:
        assert next(csv.reader(handle)) == EXPORT_CHANGE
    with (tmp_path / "out.csv").open() as handle:
        assert next(csv.reader(handle)) == EXPORT_VERSION


def test_the_digest_json_items_are_the_changes_json(archive_dir):
    written = json.loads(icswatch(archive_dir, "digest", "--since", "2026-11-16", "--until", "2026-11-23",
                                  "--format", "json"))
    assert list(written) == ["since", "until", "generated_at", "items", "failures"]
    [item] = written["items"]
    assert list(item) == CHANGE_JSON and list(item["excerpts"][0]) == EXCERPT_JSON


def test_a_record_survives_its_json_and_reads_by_field_name():
    data = {"change_id": "c-1", "system_id": "west-yorkshire", "system_name": "West Yorkshire", "region": "North East and Yorkshire",
            "document_id": "d-1", "doc_type": "joint_forward_plan", "easy_read": False, "title": "Plan",
            "url": "https://wypartnership.example/b.pdf", "previous_url": "https://wypartnership.example/a.pdf",
            "change": "new_version", "detected_at": "2026-11-20T09:30:00+00:00", "relevant": True,
            "weakened": True, "themes": ["population_health"], "tags": [], "baseline": False, "version_id": "v-2",
            "previous_version_id": "v-1", "note": None, "excerpts": [EXCERPT | {"before": "We will cut waits."}],
            "edition": "2025 refresh of Plan 2023"}
    record = ChangeRecord.from_json(data)
    assert record.to_json() == data
    assert record["change"] == "new_version" and record.is_refresh_at_new_url and record.is_new_document
    assert record.excerpts[0].weakened_reasons == ["'will' became 'aim'"]
    digest = assemble(WHEN, WHEN, WHEN, [record], [])
    assert digest_json(digest)["items"] == [data]
