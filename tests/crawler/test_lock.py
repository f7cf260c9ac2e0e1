"""Two crawls cannot run at once, a dead crawl never leaves the lock held, and a crawl killed halfway
leaves the archive as it was before the document it was working on."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from click.testing import CliRunner
from sqlalchemy import select

from monitor.cli import cli
from store.db import open_archive
from store.lock import crawl_lock
from store.models import Change, Run, Version

from .conftest import sources_with


def test_a_second_crawl_is_refused_while_one_runs(replica_web, tmp_path):
    web = replica_web("severn")
    data_dir = tmp_path / "data"
    with crawl_lock(data_dir):
        result = CliRunner().invoke(cli, ["--data-dir", str(data_dir), "--sources", str(web.sources_path), "crawl"])
    assert result.exit_code == 1
    assert "a crawl is already running (pid" in result.output
    assert web.requests == []


def test_the_lock_is_released_when_its_holder_is_killed(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom store.lock import crawl_lock\n"
         f"with crawl_lock({str(tmp_path)!r}):\n    print('locked', flush=True)\n    time.sleep(60)"],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=10)
    with crawl_lock(tmp_path):  # would raise LockedError if the dead process still held it
        pass


def _versions(db_url, data_dir):
    archive = open_archive(db_url, data_dir)
    with archive.session() as session:
        rows = [(v.id, v.sha256, v.url) for v in session.scalars(select(Version)).all()]
    archive.close()
    return archive.blobs, rows


def _run_statuses(db_url, data_dir) -> list[str]:
    archive = open_archive(db_url, data_dir)
    with archive.session() as session:
        statuses = sorted(r.status for r in session.scalars(select(Run)))
    archive.close()
    return statuses


def _archived_while_running(db_url, data_dir) -> bool:
    if not (data_dir / "crawl.lock").exists():
        return False  # not started: nothing to open yet
    _, versions = _versions(db_url, data_dir)
    return bool(versions) and _run_statuses(db_url, data_dir) == ["running"]


def test_a_crawl_killed_halfway_leaves_a_consistent_archive(replica_web, tmp_path, db_url):
    web = replica_web("severn")
    # documents first, then a page that keeps the crawl busy until we kill it
    sources = sources_with(web, tmp_path, "severn", ["/publications", "/slow?s=8"], request_timeout_s=60)
    data_dir = tmp_path / "data"
    command = [sys.executable, "-m", "monitor", "--data-dir", str(data_dir), "--sources", str(sources),
               "--db", db_url, "crawl"]
    crawl = subprocess.Popen(command, start_new_session=True, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not _archived_while_running(db_url, data_dir):
        time.sleep(0.1)  # kill as soon as a document is in while the crawl still waits on /slow
    os.killpg(crawl.pid, signal.SIGKILL)
    crawl.wait(timeout=10)
    assert _run_statuses(db_url, data_dir) == ["running"], "the crawl finished before it was killed"

    blobs, before = _versions(db_url, data_dir)
    assert before, "the crawl was killed before it archived anything; the test proves nothing"
    assert all(blobs.verify(sha) == "ok" for _, sha, _ in before)  # every row names a complete blob

    # the next run takes the lock, completes, and keeps what was archived: no duplicates
    result = CliRunner().invoke(cli, ["--data-dir", str(data_dir), "--sources", str(web.sources_path),
                                      "--db", db_url, "crawl"])
    assert result.exit_code == 0, result.output
    _, after = _versions(db_url, data_dir)
    assert set(before) <= set(after)
    assert len({url for _, _, url in after}) == len(after)
    # what the killed run archived was still read and examined by the next run
    archive = open_archive(db_url, data_dir)
    with archive.session() as session:
        assert all(v.extract_outcome == "ok" for v in session.scalars(select(Version)))
        statuses = sorted(r.status for r in session.scalars(select(Run)))
        documents_seen = {c.document_id for c in session.scalars(select(Change))}
        assert documents_seen == {v.document_id for v in session.scalars(select(Version))}
    archive.close()
    assert statuses == ["completed", "interrupted"]
