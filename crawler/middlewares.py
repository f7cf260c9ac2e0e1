"""Downloader middlewares that make the crawl safe and polite beyond Scrapy's defaults.

- `HostGuardMiddleware`: only http and https, only the system's own hosts, redirects included; so a
  link to `file:`, to a private address or to any unlisted host is never fetched.
- `StrictRobotsTxtMiddleware`: the RFC 9309 policy of `monitor.robots` (shared with `sources check`):
  a robots.txt that cannot be fetched (5xx, network error) means "disallow all" for this run (Scrapy
  would allow everything); a 4xx means no rules.
- `RetryAfterMiddleware`: honours Retry-After on 429 and 503 by pausing the host for everyone (up to
  `crawler.pacing.LONGEST_PAUSE_S`; longer ends the host for this run), within Scrapy's bounded retries.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler

from monitor import robots

from .errors import describe_error
from .pacing import LONGEST_PAUSE_S, PACER, host_key

log = logging.getLogger(__name__)
DISALLOW_ALL = robots.DISALLOW_ALL.encode()
ROBOTS_LONGEST_WAIT_S = 5.0  # robots.txt answering 503 is retried briefly, then the host waits for the next run


class HostGuardMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        parts = urlparse_cached(request)
        if parts.scheme not in ("http", "https"):
            raise IgnoreRequest(f"not http(s): {request.url}")
        hosts = getattr(self.crawler.spider, "hosts", None)
        if hosts is not None and parts.hostname not in hosts:
            raise IgnoreRequest(f"off-site host {parts.hostname!r} (not in this system's hosts)")
        return None


class StrictRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware with the status codes read as `monitor.robots` says."""

    async def _parse_robots(self, response, netloc, request):
        problem = robots.problem_for(response.status)
        if problem:
            self._note(netloc, robots.crawl_note(problem))
        if response.status >= 400:
            response = response.replace(body=robots.rules_for(response.status, "").encode())
        await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc, netloc):
        reason = describe_error(exc)  # a certificate that is not trusted is the host's problem, not robots.txt's
        self._note(netloc, reason if reason == robots.TLS_UNTRUSTED else robots.crawl_note(robots.unreachable(reason)))
        parser = self._parsers[netloc]
        self._parsers[netloc] = build_from_crawler(self._parserimpl, self.crawler, DISALLOW_ALL)
        parser.callback(self._parsers[netloc])

    def _note(self, netloc: str, message: str) -> None:
        log.warning("%s: %s", netloc, message)
        notes = getattr(self.crawler.spider, "robots_notes", None)
        if notes is not None:
            notes[netloc] = message


def retry_after_s(value: bytes | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    """Retries (bounded) 5xx and 429; a Retry-After pauses the whole host, for every spider (see
    `crawler.pacing`), and one longer than `LONGEST_PAUSE_S` leaves the host for the next run. robots.txt
    is retried only briefly: a host that cannot serve it is left alone for this run (disallow all)."""

    def process_response(self, request, response, spider=None):
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        wait_s = retry_after_s(response.headers.get(b"Retry-After")) if response.status in (429, 503) else None
        robots_txt = urlparse_cached(request).path == "/robots.txt"
        if wait_s is not None and (wait_s > LONGEST_PAUSE_S or (robots_txt and wait_s > ROBOTS_LONGEST_WAIT_S)):
            host = host_key(request)
            reason = (f"the server asked to come back in {wait_s:.0f} s (HTTP {response.status}, Retry-After): "
                      "left for the next run")
            log.warning("%s: %s", host, reason)
            PACER.close(host, reason)
            return response
        retry = self._retry(request, f"HTTP {response.status}")
        if retry is None:
            return response
        if wait_s:
            log.warning("%s answered %s; the host is paused %.1f s as asked", request.url, response.status, wait_s)
            PACER.pause(host_key(request), wait_s)
        return retry
