"""`icswatch crawl`, `history` and `show` as a researcher uses them, on an archive of the replica web."""

from __future__ import annotations

import json

import pytest
import requests
from click.testing import CliRunner

from monitor.cli import cli
from store.db import open_archive


@pytest.fixture
def icswatch(tmp_path):
    def run(web, *args):
        base = ["--data-dir", str(tmp_path / "data"), "--sources", str(web.sources_path)]
        return CliRunner().invoke(cli, [*base, *args])
    return run


def test_crawl_archives_the_rest_and_exits_3_when_a_source_fails(replica_web, icswatch):
    web = replica_web("severn", "northfell", state="v2")  # northfell's site is down in v2
    result = icswatch(web, "crawl")
    assert result.exit_code == 3, result.output  # for cron: the run completed, a source needs attention
    assert "completed" in result.output and "severn" in result.output
    assert "Sources that need attention:" in result.output
    assert "northfell: " in result.output and "connection refused" in result.output


def test_crawl_json_report(replica_web, icswatch):
    web = replica_web("severn")
    result = icswatch(web, "crawl", "--json")
    assert result.exit_code == 0, result.output  # every source read
    report = json.loads(result.output)
    [severn] = report["systems"]
    assert report["status"] == "completed" and severn["new_versions"] == 2 and severn["ok"]


def test_history_show_text_and_raw_bytes(replica_web, icswatch):
    web = replica_web("severn")
    icswatch(web, "crawl")
    history = json.loads(icswatch(web, "history", "severn", "--json").output)
    jfp = next(d for d in history["documents"] if d["doc_type"] == "joint_forward_plan")
    [version] = jfp["versions"]
    assert version["url"] == jfp["url"] and version["extract_outcome"] == "ok" and version["page_count"] >= 2

    listing = icswatch(web, "history", "severn").output
    assert version["version_id"] in listing and "joint_forward_plan" in listing

    meta = json.loads(icswatch(web, "show", version["version_id"]).output)
    assert meta["sha256"] == version["sha256"] and meta["system_id"] == "severn"

    text = icswatch(web, "show", version["version_id"][:8], "--text").output  # a unique prefix is enough
    assert text.startswith("--- page 1 ---") and "children and young people" in text.lower()

    raw = icswatch(web, "show", version["version_id"], "--raw").stdout_bytes
    assert raw == requests.get(jfp["url"], timeout=10).content  # the original bytes, untouched


def empty_archive(data_dir):
    open_archive(f"sqlite:///{data_dir / 'icswatch.sqlite3'}", data_dir).close()


def test_show_an_unknown_version_says_so(replica_web, icswatch, tmp_path):
    web = replica_web("severn")
    empty_archive(tmp_path / "data")
    result = icswatch(web, "show", "v-000000000000")
    assert result.exit_code == 1 and "no version 'v-000000000000'" in result.output


def test_history_of_a_system_not_yet_crawled(replica_web, icswatch, tmp_path):
    web = replica_web("severn")
    empty_archive(tmp_path / "data")
    result = icswatch(web, "history", "severn")
    assert result.exit_code == 0 and "nothing archived yet" in result.output


def test_a_crawler_process_that_dies_fails_the_run_with_exit_1(replica_web, icswatch, monkeypatch):
    import monitor.crawl

    web = replica_web("severn")
    monkeypatch.setattr(monitor.crawl.sys, "executable", "/bin/false")  # the child cannot even start
    result = icswatch(web, "crawl")
    assert result.exit_code == 1 and "the crawler process did not finish" in result.output
    assert web.requests == []
