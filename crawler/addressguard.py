"""Never connect to an internal address: the host as written, and every address a name resolves to.

- `AddressGuardMiddleware` refuses a request whose host is an internal name or an IP literal in any
  spelling (10.0.0.1, 2130706433, 0177.0.0.1, [::ffff:127.0.0.1]) before anything is sent; redirects
  come back through it, so every hop is checked.
- `GuardedResolver` is Scrapy's caching resolver that refuses to hand out an internal address: the
  connection is made to the address that was checked (no second lookup that DNS could answer
  differently), and a name that resolves to 127.0.0.1 or 169.254.169.254 is never fetched.
Both allow `crawl.allow_private_addresses` (test sites on loopback) and nothing else. The rules are
`monitor.netguard`, shared with `sources validate` and `sources check`.
"""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest
from scrapy.resolver import CachingThreadedResolver
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.error import DNSLookupError

from monitor.netguard import BLOCKED_ADVICE, address_problem, host_problem, literal_address, networks

SETTING = "ICSWATCH_ALLOW_PRIVATE_ADDRESSES"


class BlockedAddress(IgnoreRequest):
    """The request would reach an internal address."""


class AddressGuardMiddleware:
    def __init__(self, allowed: list[str]):
        self.allowed = networks(allowed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.getlist(SETTING))

    async def process_request(self, request, spider=None):
        host = urlparse_cached(request).hostname or ""
        problem = host_problem(host, self.allowed)
        if problem:
            raise BlockedAddress(f"blocked: {problem}; {BLOCKED_ADVICE}")
        if literal_address(host) is None:
            # through GuardedResolver, whose answer is cached for the connection: say why in our words,
            # where Twisted would only report "no results for hostname lookup"
            from twisted.internet import reactor

            try:
                await maybe_deferred_to_future(reactor.resolve(host))
            except DNSLookupError as exc:
                if "blocked: " in str(exc):
                    raise BlockedAddress(str(exc)[str(exc).index("blocked: "):]) from None
        return None


class GuardedResolver(CachingThreadedResolver):
    def __init__(self, reactor, cache_size: int, timeout: float, allowed: list[str] = ()):
        super().__init__(reactor, cache_size, timeout)
        self.allowed = networks(allowed)

    @classmethod
    def from_crawler(cls, crawler, reactor):
        resolver = super().from_crawler(crawler, reactor)
        resolver.allowed = networks(crawler.settings.getlist(SETTING))
        return resolver

    def getHostByName(self, name: str, timeout=()):
        return super().getHostByName(name, timeout).addCallback(self._checked, name)

    def _checked(self, address: str, name: str) -> str:
        problem = address_problem(address, self.allowed)
        if problem:
            raise DNSLookupError(f"blocked: {name} resolves to {problem}; {BLOCKED_ADVICE}")
        return address
