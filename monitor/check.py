"""Check one system's sources against the live web, the way a maintainer would by hand.

Takes a `Source` and the crawl settings, returns a `UrlCheck` per start URL (and per website when there
are no start URLs): robots.txt first (the crawler's RFC 9309 policy, `monitor.robots`), then a
conditional-free GET of the page, following redirects so a moved site shows up as "moved".
This is the maintainers' spot check; crawling itself is the crawler's job.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import requests
from protego import Protego

from . import robots
from .config import CrawlSettings, Source


@dataclass(frozen=True)
class UrlCheck:
    url: str
    ok: bool
    status: int | None
    verdict: str  # one line a maintainer can act on
    final_url: str | None = None
    elapsed_s: float = 0.0


class _Robots:
    """robots.txt per host, fetched once per check run."""

    def __init__(self, session: requests.Session, user_agent: str, timeout_s: float):
        self.session, self.user_agent, self.timeout_s = session, user_agent, timeout_s
        self.cache: dict[str, tuple[Protego | None, str]] = {}

    def verdict(self, url: str) -> str | None:
        """None when the URL may be fetched, otherwise why not."""
        parts = urlsplit(url)
        root = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        if root not in self.cache:
            self.cache[root] = self._fetch(root + "/robots.txt")
        rules, problem = self.cache[root]
        if rules is None:
            return problem
        return None if rules.can_fetch(url, self.user_agent) else "disallowed by robots.txt"

    def _fetch(self, robots_url: str) -> tuple[Protego | None, str]:
        try:
            response = self.session.get(robots_url, timeout=self.timeout_s)
        except requests.RequestException as exc:
            return None, robots.check_verdict(robots.unreachable(_reason(exc)), until_recovers=False)
        problem = robots.problem_for(response.status_code)
        if problem:
            return None, robots.check_verdict(problem, until_recovers=True)
        return Protego.parse(robots.rules_for(response.status_code, response.text)), ""


def _reason(exc: Exception) -> str:
    if isinstance(exc, requests.ConnectionError):
        return "connection failed"
    if isinstance(exc, requests.Timeout):
        return "timed out"
    if isinstance(exc, requests.TooManyRedirects):
        return "too many redirects"
    return type(exc).__name__


def check_source(source: Source, crawl: CrawlSettings, timeout_s: float = 20.0) -> list[UrlCheck]:
    """Check robots.txt and each start URL of `source`; never raises for a network problem."""
    urls = [link.url for link in source.start_urls] or [link.url for link in source.websites]
    with requests.Session() as session:
        session.headers["User-Agent"] = crawl.user_agent
        rules = _Robots(session, crawl.user_agent, timeout_s)
        results = []
        for i, url in enumerate(urls):
            if i and crawl.download_delay_s:
                time.sleep(crawl.download_delay_s)  # the same politeness the crawler keeps
            results.append(_check_url(session, rules, url, source, timeout_s))
        return results


def _check_url(session: requests.Session, rules: _Robots, url: str, source: Source, timeout_s: float) -> UrlCheck:
    blocked = rules.verdict(url)
    if blocked:
        return UrlCheck(url, False, None, blocked)
    started = time.monotonic()
    try:
        response = session.get(url, timeout=timeout_s, allow_redirects=True)
    except requests.RequestException as exc:
        return UrlCheck(url, False, None, _reason(exc), elapsed_s=time.monotonic() - started)
    elapsed = time.monotonic() - started
    final = response.url
    if response.status_code >= 400:
        return UrlCheck(url, False, response.status_code, f"HTTP {response.status_code}", final, elapsed)
    final_host = urlsplit(final).hostname or ""
    if final_host not in source.hosts:
        return UrlCheck(url, False, response.status_code,
                        f"moved to another host: {final} (add it to the system or fix the URL)", final, elapsed)
    if final != url:
        return UrlCheck(url, True, response.status_code, f"redirects to {final} (update start_urls)", final, elapsed)
    return UrlCheck(url, True, response.status_code, "ok", final, elapsed)
