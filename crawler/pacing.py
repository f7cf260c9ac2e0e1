"""One pace per host for the whole crawl, whichever system's spider is asking.

Scrapy keeps its download slots per spider, so two systems on one host (partnership sites on a shared
CMS, an ICB and an ICP on one domain) each kept their own delay and concurrency: 2 requests in flight
and 0.05 s gaps against a 1 s delay. `PacingMiddleware` sits last before the network and makes every
request to a host, from any spider, wait for the host's pace: at most `crawl.concurrent_per_host` in
flight and `crawl.download_delay_s` from the last request's start and from its answer (so the
server sees the gap however long the connection took). A host that asks for time (429 or 503 with
Retry-After) gets it from everyone (`HostPacer.pause`); one that asks for longer than this run can
give (`LONGEST_PAUSE_S`) is left for the next run: its requests fail at once, saying so, and the other
hosts carry on.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from scrapy.exceptions import IgnoreRequest
from scrapy.utils.httpobj import urlparse_cached

LONGEST_PAUSE_S = 30.0  # a Retry-After longer than this ends the host for this run
_META = "icswatch_paced_host"


@dataclass
class _Host:
    in_flight: int = 0
    last_start: float = float("-inf")
    last_end: float = float("-inf")  # the last answer received: the gap counts from it too
    paused_until: float = float("-inf")
    closed: str | None = None  # why this host is left for the next run


class HostPacer:
    def __init__(self) -> None:
        self.hosts: dict[str, _Host] = {}

    def _host(self, host: str) -> _Host:
        return self.hosts.setdefault(host, _Host())

    async def acquire(self, host: str, concurrency: int, gap_s: float) -> None:
        state = self._host(host)
        loop = asyncio.get_running_loop()
        while True:
            if state.closed:
                raise IgnoreRequest(state.closed)
            now = loop.time()
            wait_s = max(state.paused_until - now, max(state.last_start, state.last_end) + gap_s - now, 0.0)
            if wait_s <= 0 and state.in_flight < concurrency:
                state.in_flight += 1
                state.last_start = now
                return
            await asyncio.sleep(wait_s or 0.05)

    def release(self, host: str) -> None:
        state = self._host(host)
        state.in_flight = max(0, state.in_flight - 1)
        state.last_end = asyncio.get_running_loop().time()

    def pause(self, host: str, seconds: float) -> None:
        """Nobody sends to `host` for `seconds` (its Retry-After)."""
        state = self._host(host)
        state.paused_until = max(state.paused_until, asyncio.get_running_loop().time() + seconds)

    def close(self, host: str, reason: str) -> None:
        """No more requests to `host` in this run."""
        self._host(host).closed = reason


PACER = HostPacer()  # one per process: one crawl per process


def host_key(request) -> str:
    """The host as the server sees it: www. and the bare domain are one site, on one server."""
    parts = urlparse_cached(request)
    host = (parts.hostname or "").lower().removeprefix("www.")
    return f"{host}:{parts.port}" if parts.port else host


class PacingMiddleware:
    def __init__(self, concurrency: int, gap_s: float, pacer: HostPacer = PACER):
        self.concurrency, self.gap_s, self.pacer = concurrency, gap_s, pacer

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"), crawler.settings.getfloat("DOWNLOAD_DELAY"))

    async def process_request(self, request, spider=None):
        host = host_key(request)
        await self.pacer.acquire(host, self.concurrency, self.gap_s)
        request.meta[_META] = host
        return None

    def _release(self, request) -> None:
        host = request.meta.pop(_META, None)
        if host is not None:
            self.pacer.release(host)

    def process_response(self, request, response, spider=None):
        self._release(request)
        return response

    def process_exception(self, request, exception, spider=None):
        self._release(request)
        return None
