"""One crawl run, end to end: lock, run the crawler child process while extracting the text of what
it has archived so far, mark what vanished, and report per system.

Takes the settings (and optionally system ids) and returns a `RunReport`. The crawler runs as a child
process (`python -m crawler`; Scrapy's reactor starts once per process); this module never imports
Scrapy. A source that fails is in the report; the run still completes. Time is passed in (`now`).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from store.archive import pair_easy_read
from store.db import Archive, DatabaseError, open_archive
from store.lineage import interrupted_runs, mark_interrupted
from store.lock import crawl_lock
from store.models import Fetch
from store.runs import failed_urls, finish_run, missing_counts, run_fetches, start_run, unreadable_versions
from store.vocabulary import FAILED_FETCHES, FetchOutcome, RunStatus

from .config import CrawlSettings, Source, load_sources
from .crawl_summary import SystemSummary, read_summary
from .diskspace import is_disk_full, space_problem
from .errors import ConfigError, FetchError
from .extract import Limits
from .missing import Removal, not_seen_by_system, note_missing
from .settings import Settings
from .texts import extract_pending

log = logging.getLogger(__name__)

_POLL_S = 0.5  # how often to look for newly archived versions while the crawler has none for us
# One extraction worker while the crawler runs: the crawler has the other core, and a second worker's
# 47 MB would take the crawl's processes past 300 MB together. The same text (workers are not in it).
_WHILE_FETCHING = Limits(workers=1)


@dataclass
class SystemReport:
    system_id: str
    pages: int = 0
    documents: int = 0
    new_versions: int = 0
    not_modified: int = 0
    unchanged: int = 0
    missing: int = 0
    failures: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # for maintainers, not failures: robots-disallowed links, budgets
    not_seen: list[dict] = field(default_factory=list)  # missing, not (yet) removed: url, since, crawls

    @property
    def ok(self) -> bool:
        return not self.failures


@dataclass
class RunReport:
    run_id: str
    started_at: datetime
    finished_at: datetime | None = None
    status: str = RunStatus.RUNNING
    systems: list[SystemReport] = field(default_factory=list)
    changes: int = 0
    relevant_changes: int = 0
    error: str | None = None  # why the run failed, when it did not get as far as the systems

    def to_dict(self) -> dict:
        return {"run_id": self.run_id, "started_at": self.started_at.isoformat(),
                "finished_at": self.finished_at.isoformat() if self.finished_at else None, "status": self.status,
                "error": self.error,
                "changes": self.changes, "relevant_changes": self.relevant_changes,
                "systems": [vars(s) | {"ok": s.ok} for s in self.systems]}


def choose_systems(sources, system_ids: list[str] | None) -> list[Source]:
    """Active systems, or the ones named; a merged or abolished one is kept in the archive, not crawled."""
    if not system_ids:
        return [s for s in sources.systems if s.is_active]
    known = {s.id: s for s in sources.systems}
    unknown = [i for i in system_ids if i not in known]
    if unknown:
        raise ConfigError(f"unknown system {unknown[0]!r}; see `icswatch sources list`")
    inactive = [known[i] for i in system_ids if not known[i].is_active]
    if inactive:
        s = inactive[0]
        raise ConfigError(f"system {s.id!r} is {s.status} (since {s.valid_to}); its archive is kept but it is "
                          f"not crawled; successors: {', '.join(s.successors) or 'none'}")
    return [known[i] for i in system_ids]


def run_crawl(settings: Settings, system_ids: list[str] | None = None, now=lambda: datetime.now(UTC)) -> RunReport:
    sources = load_sources(settings.sources_path)
    chosen = choose_systems(sources, system_ids)
    archive = open_archive(settings.db_url, settings.data_dir)
    try:
        with crawl_lock(settings.data_dir, archive.engine) as lock:
            return _run(settings, archive, chosen, now, lock.fileno(), sources.crawl)
    finally:
        archive.close()


def _run(settings: Settings, archive: Archive, chosen: list[Source], now, lock_fd: int, crawl: CrawlSettings) -> RunReport:
    report = RunReport(run_id="", started_at=now())
    with archive.session() as session:
        report.run_id = start_run(session, report.started_at)
    report.error = space_problem(settings.data_dir, crawl.min_free_mb)
    if report.error:
        return _failed(archive, report, now)
    log.info("run %s: crawling %d systems", report.run_id, len(chosen))
    try:
        return _crawl_and_examine(settings, archive, chosen, now, lock_fd, crawl, report)
    except (OSError, DatabaseError) as exc:
        if not is_disk_full(exc):
            raise
        report.error = f"the disk filled up during the crawl ({exc}); what was archived before is kept"
        return _failed(archive, report, now)


def _failed(archive: Archive, report: RunReport, now) -> RunReport:
    """End the run as failed, with its reason (best effort: on a full disk even this may not be written)."""
    log.error("run %s failed: %s", report.run_id, report.error)
    report.finished_at, report.status = now(), RunStatus.FAILED
    try:
        with archive.session() as session:
            finish_run(session, report.run_id, report.finished_at, report.status, report.to_dict())
    except DatabaseError as exc:
        log.error("run %s: could not record that it failed: %s", report.run_id, exc)
    return report


def _crawl_and_examine(settings: Settings, archive: Archive, chosen: list[Source], now, lock_fd: int,
                       crawl: CrawlSettings, report: RunReport) -> RunReport:
    summary = _crawl_in_child(settings, archive, report.run_id, [s.id for s in chosen], lock_fd, crawl.min_free_mb)
    if summary is None and (problem := space_problem(settings.data_dir, crawl.min_free_mb, "to go on crawling")):
        report.error = problem
        return _failed(archive, report, now)
    crawled = summary is not None
    summary = summary or {}
    complete = set()
    for source in chosen:
        seen = summary.get(source.id)  # None when the crawler process failed
        if seen is not None and _complete(seen, archive, report.run_id, source):
            complete.add(source.id)
            where = next((link.url for link in [*source.start_urls, *source.websites]), source.id)
            with archive.session() as session:
                gone = note_missing(session, source.id, set(seen.seen_documents), where, report.run_id, now())
            if gone:
                log.warning("%s: %d documents not found; not seen since now (removed only after %d crawls and "
                            "%d days)", source.id, len(gone), crawl.removed_after_crawls, crawl.removed_after_days)
    extract_pending(archive)  # this run's new versions, and any a crashed run left unread
    with archive.session() as session:
        for source in chosen:
            pair_easy_read(session, source.id)
    with archive.session() as session:
        orphans = interrupted_runs(session, report.run_id)
    removal = Removal(crawl.removed_after_crawls, crawl.removed_after_days)
    from .changes import detect_changes  # here: its readers (16 MB) are not needed while the crawler runs

    changes = detect_changes(archive, report.run_id, now(), editions={s.id: s.editions for s in chosen},
                             removal=removal, complete=complete, ignore={s.id: s.ignore for s in chosen})
    with archive.session() as session:
        mark_interrupted(session, orphans)  # examined now: not to be examined again
    report.changes = len(changes)
    report.relevant_changes = sum(c.relevant for c in changes)
    report.systems = _system_reports(archive, report.run_id, chosen, summary)
    report.finished_at, report.status = now(), RunStatus.COMPLETED if crawled else RunStatus.FAILED
    with archive.session() as session:
        finish_run(session, report.run_id, report.finished_at, report.status, report.to_dict())
    return report


def _crawl_in_child(settings: Settings, archive: Archive, run_id: str, system_ids: list[str],
                    lock_fd: int, min_free_mb: int) -> dict[str, SystemSummary] | None:
    """The crawler's summary per system, or None when the crawler process itself failed or its summary
    is not what the crawler writes (then nothing may be marked missing: the run is failed). The child
    inherits the crawl lock and dies with this process (see `crawler.lifeline`)."""
    with tempfile.TemporaryDirectory(prefix="icswatch-run-") as tmp:
        report_path = Path(tmp) / "summary.json"
        command = [sys.executable, "-m", "crawler", "--sources", str(settings.sources_path), "--db", settings.db_url,
                   "--data-dir", str(settings.data_dir), "--run-id", run_id, "--report", str(report_path),
                   "--lock-fd", str(lock_fd), "--parent-pid", str(os.getpid()), *system_ids]
        # the child's log lines go straight to our stderr: progress
        child = subprocess.Popen(command, pass_fds=(lock_fd,))
        try:
            _extract_while_fetching(child, archive, settings.data_dir, min_free_mb)
        finally:
            returncode = child.wait()
        if returncode != 0 or not report_path.exists():
            log.error("the crawler process exited %s", returncode)
            return None
        try:
            return read_summary(report_path, system_ids)
        except FetchError as exc:
            log.error("%s", exc)
            return None


def _extract_while_fetching(child: subprocess.Popen, archive: Archive, data_dir: Path | None = None,
                            min_free_mb: int = 0) -> None:
    """Extract each version as soon as the crawler has committed it, until the crawler exits: the
    network and the parsers then share the run instead of taking turns. Each text is its own
    transaction, as each archived item is the crawler's; what is left is extracted after the crawl.
    The crawler is stopped if the disk runs short of `min_free_mb` (the run then fails, saying so)."""
    while child.poll() is None:
        if data_dir is not None and space_problem(data_dir, min_free_mb):
            log.error("free disk space fell below %d MB: stopping the crawler", min_free_mb)
            child.terminate()
            return
        try:
            done = extract_pending(archive, limits=_WHILE_FETCHING, keep_workers=True)
        except Exception:  # a boundary: extraction trouble must not stop the crawl; retried after it
            log.exception("text extraction during the crawl failed; it is retried after the crawl")
            done = 0
        if not done:
            try:
                child.wait(timeout=_POLL_S)
            except subprocess.TimeoutExpired:
                pass


def _complete(seen: SystemSummary, archive: Archive, run_id: str, source: Source) -> bool:
    """Only a complete crawl of a reachable site may say a document has gone: not when the site or its
    robots.txt failed, a start URL failed, or a limit cut the crawl short."""
    if not seen.is_complete:
        return False
    start_urls = {link.url for link in source.start_urls}
    with archive.session() as session:
        failed = failed_urls(session, run_id, source.id)
    return not start_urls.intersection(failed) and not any(url.endswith("/robots.txt") for url in failed)


def _system_reports(archive: Archive, run_id: str, chosen: list[Source], summary: dict) -> list[SystemReport]:
    reports = {s.id: SystemReport(s.id) for s in chosen}
    with archive.session() as session:
        fetches = run_fetches(session, run_id)
        unreadable = unreadable_versions(session, run_id)
        missing = missing_counts(session, list(reports))
        not_seen = not_seen_by_system(session, list(reports))
    for fetch in fetches:
        _count(reports[fetch.system_id], fetch)
    for system_id, url, outcome, version_id in unreadable:
        reports[system_id].new_versions -= 1  # kept as evidence, but not a version anyone can compare
        reports[system_id].failures.append(
            {"url": url, "error": f"text extraction: {outcome} (original kept as {version_id})", "status": None})
    for system_id, seen in summary.items():
        reports[system_id].notes.extend(seen.notes)
        for host, note in seen.robots.items():
            if not any(f["error"] == note for f in reports[system_id].failures):  # said once is enough
                reports[system_id].failures.append({"url": f"{host}/robots.txt", "error": note, "status": None})
    for report in reports.values():
        report.missing = missing.get(report.system_id, 0)
        report.not_seen = not_seen.get(report.system_id, [])
    return list(reports.values())


def _count(report: SystemReport, fetch: Fetch) -> None:
    if fetch.outcome == FetchOutcome.PAGE:
        report.pages += 1
    elif fetch.outcome == FetchOutcome.DISALLOWED:
        report.notes.append(f"{fetch.url}: disallowed by robots.txt, so not archived; the site may be asked "
                            "to allow ICS Watch's user agent")
    elif fetch.outcome in FAILED_FETCHES:
        report.failures.append({"url": fetch.url, "error": fetch.error, "status": fetch.status_code})
    else:
        report.documents += 1
        report.new_versions += fetch.outcome == FetchOutcome.ARCHIVED
        report.not_modified += fetch.outcome == FetchOutcome.NOT_MODIFIED
        report.unchanged += fetch.outcome == FetchOutcome.UNCHANGED
