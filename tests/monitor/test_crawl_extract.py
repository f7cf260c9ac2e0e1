"""Text is extracted while the crawler is still fetching, by one worker, and trouble there never stops
the crawl."""

from __future__ import annotations

import subprocess

import monitor.crawl
from monitor.crawl import _extract_while_fetching


class FakeCrawler:
    """Stands in for the crawler process: running for `polls` looks, then done."""

    def __init__(self, polls: int):
        self.polls, self.waits = polls, 0

    def poll(self):
        self.polls -= 1
        return None if self.polls >= 0 else 0

    def wait(self, timeout=None):
        self.waits += 1
        raise subprocess.TimeoutExpired("crawler", timeout)


def test_versions_are_extracted_while_the_crawler_runs_and_it_waits_only_when_none_are_new(monkeypatch):
    found = iter([2, 1, 0, 3, 0])
    calls = []
    crawler = FakeCrawler(polls=5)

    def extract_pending(archive, limits, keep_workers=False):
        calls.append((archive, keep_workers, limits.workers, crawler.polls))
        return next(found)

    monkeypatch.setattr(monitor.crawl, "extract_pending", extract_pending)
    _extract_while_fetching(crawler, "the archive")
    # the workers stay warm; one of them, since the crawler has the other core (and 140 MB)
    assert [(a, keep, workers) for a, keep, workers, _ in calls] == [("the archive", True, 1)] * 5
    assert all(polls >= 0 for *_, polls in calls)  # every call while the crawler was still running
    assert crawler.waits == 2  # only after the two rounds that found nothing new


def test_an_extraction_error_during_the_crawl_is_logged_and_the_crawl_goes_on(monkeypatch, caplog):
    def broken(archive, limits, keep_workers=False):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(monitor.crawl, "extract_pending", broken)
    crawler = FakeCrawler(polls=2)
    _extract_while_fetching(crawler, None)
    assert crawler.polls < 0 and "retried after the crawl" in caplog.text
