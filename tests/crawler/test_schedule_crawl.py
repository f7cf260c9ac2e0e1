"""The scheduled crawl on the replica web: it runs when due, it skips (with a log line, without
fetching) while another process holds the crawl lock, and every run leaves a line in the log file."""

from __future__ import annotations

import logging
import logging.handlers
from datetime import UTC, datetime

from click.testing import CliRunner
from sqlalchemy import select

from monitor.cli import cli
from monitor.schedule import crawl_job, run_due
from monitor.settings import Settings
from store.db import open_archive
from store.lock import crawl_lock
from store.models import Run

MONDAY = datetime(2026, 11, 23, tzinfo=UTC)


def runs(db_url, data_dir) -> list[Run]:
    archive = open_archive(db_url, data_dir)
    with archive.session() as session:
        rows = list(session.scalars(select(Run)).all())
    archive.close()
    return rows


def test_the_crawl_runs_when_its_time_comes(replica_web, db_url, tmp_path):
    web = replica_web("severn")
    settings = Settings(data_dir=tmp_path / "data", sources_path=web.sources_path, db_url=db_url)
    assert run_due(settings, MONDAY, MONDAY.replace(hour=2)) == {}  # 02:30 London has not come yet
    assert web.requests == []
    assert run_due(settings, MONDAY, MONDAY.replace(hour=2, minute=31)) == {"crawl": "completed"}
    [run] = runs(db_url, tmp_path / "data")
    assert run.status == "completed" and run.report["systems"][0]["system_id"] == "severn"


def test_a_crawl_due_while_another_process_crawls_is_skipped(replica_web, db_url, tmp_path, caplog):
    web = replica_web("severn")
    data_dir = tmp_path / "data"
    archive = open_archive(db_url, data_dir)
    try:
        with crawl_lock(data_dir, archive.engine), caplog.at_level(logging.WARNING, logger="monitor.schedule"):
            assert crawl_job(str(data_dir), str(web.sources_path), db_url) == "skipped"
    finally:
        archive.close()
    assert "scheduled crawl skipped: a crawl is already running" in caplog.text
    assert web.requests == [] and runs(db_url, data_dir) == []


def test_a_command_writes_its_log_lines_to_the_log_file_in_the_data_directory(replica_web, tmp_path):
    web = replica_web("severn")
    data_dir = tmp_path / "data"
    args = ["--data-dir", str(data_dir), "--sources", str(web.sources_path), "crawl"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    assert CliRunner().invoke(cli, args).exit_code == 0  # a second command replaces the handler, not adds one
    lines = (data_dir / "logs" / "icswatch.log").read_text().splitlines()
    crawling = [line for line in lines if "crawling 1 systems" in line]
    assert len(crawling) == 2 and " INFO monitor.crawl: run r-" in crawling[0]
    assert sum(isinstance(h, logging.handlers.RotatingFileHandler) for h in logging.getLogger().handlers) == 1
