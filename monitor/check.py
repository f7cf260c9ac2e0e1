"""Check one system's sources against the live web, the way a maintainer would by hand.

Takes a `Source` and the crawl settings, returns a `UrlCheck` per start URL (and per website when there
are no start URLs): robots.txt first (the crawler's RFC 9309 policy, `monitor.robots`), then a
conditional-free GET of the page, following redirects so a moved site shows up as "moved". Each
request has one total deadline (`timeout_s`), however slowly the server answers.
This is the maintainers' spot check; crawling itself is the crawler's job.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import requests
from protego import Protego

from . import robots
from .config import CrawlSettings, Source
from .netguard import BLOCKED_ADVICE, address_problem, host_problem, literal_address, networks


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
            response = get_within(self.session, robots_url, self.timeout_s)
        except requests.RequestException as exc:
            if isinstance(exc, requests.exceptions.SSLError):
                return None, robots.TLS_UNTRUSTED
            return None, robots.check_verdict(robots.unreachable(_reason(exc)), until_recovers=False)
        problem = robots.problem_for(response.status_code)
        if problem:
            return None, robots.check_verdict(problem, until_recovers=True)
        return Protego.parse(robots.rules_for(response.status_code, response.text)), ""


class DeadlineExceeded(requests.Timeout):
    """No complete answer within the deadline (a server trickling bytes never trips a per-read timeout)."""


def get_within(session: requests.Session, url: str, deadline_s: float, **kwargs) -> requests.Response:
    """GET with one total deadline for the whole exchange, redirects and body included. requests'
    timeout is per read, so a server sending a byte a second would hold it forever; the request runs
    in a daemon thread that is abandoned (and its connection closed) when the deadline passes."""
    outcome: list = []
    done = threading.Event()

    def fetch() -> None:
        try:
            response = session.get(url, timeout=deadline_s, **kwargs)
            _ = response.content  # the whole body, inside the deadline
            outcome.append(response)
        except Exception as exc:  # handed to the caller's thread
            outcome.append(exc)
        finally:
            done.set()

    threading.Thread(target=fetch, name=f"check {url}", daemon=True).start()
    if not done.wait(deadline_s):
        session.close()  # the abandoned request's connection goes with it
        raise DeadlineExceeded(f"no complete answer within {deadline_s:g} s")
    if isinstance(outcome[0], Exception):
        raise outcome[0]
    return outcome[0]


def _reason(exc: Exception) -> str:
    if isinstance(exc, DeadlineExceeded):
        return f"{exc} (the server is too slow)"
    if isinstance(exc, requests.exceptions.SSLError):
        return robots.TLS_UNTRUSTED
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
        session.verify = source.tls_verify  # as the crawl does: off only with a reason in the sources file
        session.headers["User-Agent"] = crawl.user_agent
        rules = _Robots(session, crawl.user_agent, timeout_s)
        results = []
        for i, url in enumerate(urls):
            if i and crawl.download_delay_s:
                time.sleep(crawl.download_delay_s)  # the same politeness the crawler keeps
            results.append(_check_url(session, rules, url, source, timeout_s, networks(crawl.allow_private_addresses)))
        return results


def internal_address(url: str, allowed) -> str | None:
    """'blocked: ...' when the URL's host is, or resolves to, an internal address (see monitor.netguard)."""
    host = urlsplit(url).hostname or ""
    problem = host_problem(host, allowed)
    if problem is None and literal_address(host) is None:
        try:
            addresses = {info[4][0] for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)}
        except OSError:
            return None  # not found: the GET says so in its own words
        problem = next((f"{host} resolves to {p}" for a in sorted(addresses) if (p := address_problem(a, allowed))),
                       None)
    return f"blocked: {problem}; {BLOCKED_ADVICE}" if problem else None


def _check_url(session: requests.Session, rules: _Robots, url: str, source: Source, timeout_s: float,
               allowed=()) -> UrlCheck:
    blocked = internal_address(url, allowed)
    if blocked:
        return UrlCheck(url, False, None, blocked)
    blocked = rules.verdict(url)
    if blocked:
        return UrlCheck(url, False, None, blocked)
    started = time.monotonic()
    try:
        response = get_within(session, url, timeout_s, allow_redirects=True)
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
