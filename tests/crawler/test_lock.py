"""Two crawls cannot run at once, a dead crawl never leaves the lock held, and a crawl killed halfway
leaves the archive as it was before the document it was working on."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select

from monitor.cli import cli
from store.db import open_archive
from store.lock import LockedError, crawl_lock
from store.models import Change, Fetch, Run, Version

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
        [sys.executable, "-c", "import sys, time\nfrom store.lock import LockedError, crawl_lock\n"
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


def _crawler_child(parent_pid: int) -> int | None:
    """The `python -m crawler` process the crawl started, if it has started it yet."""
    for tid in os.listdir(f"/proc/{parent_pid}/task"):
        for pid in open(f"/proc/{parent_pid}/task/{tid}/children").read().split():
            if "crawler" in open(f"/proc/{pid}/cmdline").read().split("\0"):
                return int(pid)
    return None


def _holders(lock: Path) -> list[str]:
    """The processes that have the lock file open, as their command lines."""
    found = []
    for fd in Path("/proc").glob("[0-9]*/fd/*"):
        try:
            if Path(os.readlink(fd)) == lock.resolve():
                found.append(Path(fd.parts[2]).name + ": " + Path(f"/proc/{fd.parts[2]}/cmdline").read_text().replace("\0", " "))
        except OSError:
            pass
    return found


def _lock_taken_within(data_dir: Path, seconds: float) -> bool:
    """True once the lock can be taken (nothing of the killed crawl holds it); a safety bound, not a budget."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with crawl_lock(data_dir):
                return True
        except LockedError:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.2)


def _alive(pid: int) -> bool:
    """Running, not a zombie waiting for a reaper (a container's init may never reap it)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_killing_the_crawl_kills_its_crawler_and_the_lock_is_free_for_the_next(replica_web, tmp_path, db_url):
    """kill -9 of `icswatch crawl` used to leave its crawler child writing, beside the next crawl."""
    web = replica_web("severn")
    sources = sources_with(web, tmp_path, "severn", ["/publications", "/slow?s=30"], request_timeout_s=60)
    data_dir = tmp_path / "data"
    crawl = subprocess.Popen([sys.executable, "-m", "monitor", "--data-dir", str(data_dir), "--sources", str(sources),
                              "--db", db_url, "crawl"], stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    child = None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (child and _archived_while_running(db_url, data_dir)):
        child = child or _crawler_child(crawl.pid)
        time.sleep(0.1)
    assert child and _alive(child), "the crawler child never started"
    assert _run_statuses(db_url, data_dir) == ["running"]
    # the child holds the lock too: with the parent stopped (not dead), nobody else can take it
    os.kill(crawl.pid, signal.SIGSTOP)
    result = subprocess.run([sys.executable, "-c", f"from store.lock import LockedError, crawl_lock\nwith crawl_lock({str(data_dir)!r}): pass"],
                            capture_output=True, text=True)
    assert "a crawl is already running" in result.stderr

    os.kill(crawl.pid, signal.SIGKILL)
    crawl.wait(timeout=10)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _alive(child):
        time.sleep(0.1)
    assert not _alive(child), "the crawler child outlived the crawl that started it"
    archive = open_archive(db_url, data_dir)
    with archive.session() as session:  # a child left running would have recorded /slow once it answered
        fetched = [f.url for f in session.scalars(select(Fetch))]
    archive.close()
    assert fetched and not any("/slow" in url for url in fetched)
    requests = len(web.requests)
    assert _lock_taken_within(data_dir, 30), f"the lock is still held by {_holders(data_dir / 'crawl.lock')}"
    result = CliRunner().invoke(cli, ["--data-dir", str(data_dir), "--sources", str(web.sources_path),
                                      "--db", db_url, "crawl"])
    assert result.exit_code == 0, result.output
    assert sorted(_run_statuses(db_url, data_dir)) == ["completed", "interrupted"]
    assert len(web.requests) > requests


def test_too_little_disk_space_fails_the_run_cleanly_and_status_says_so(replica_web, tmp_path, db_url):
    web = replica_web("severn")
    sources = tmp_path / "sources.yaml"  # more free space asked for than any disk has
    sources.write_text(web.sources_path.read_text().replace("crawl:\n", "crawl:\n  min_free_mb: 1000000000\n", 1))
    data_dir = tmp_path / "data"
    args = ["--data-dir", str(data_dir), "--sources", str(sources), "--db", db_url]
    result = CliRunner().invoke(cli, [*args, "crawl"])
    assert result.exit_code == 1
    message = " ".join(result.output.split())
    assert "failed: not enough free disk space for a crawl:" in message and "at least 1000000000 MB needed" in message
    assert "Traceback" not in result.output
    assert web.requests == []  # nothing fetched
    assert _run_statuses(db_url, data_dir) == ["failed"]
    status = CliRunner().invoke(cli, [*args, "status", "--fail-after", "1"])
    assert status.exit_code == 3
    assert "the run failed: not enough free disk space" in " ".join(status.output.split())
