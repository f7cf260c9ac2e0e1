"""Fetch failures in words a maintainer can act on."""

from __future__ import annotations

from monitor import robots
from monitor.config import CrawlSettings


def describe_error(error: Exception, crawl: CrawlSettings | None = None) -> str:
    """A failure in words a maintainer can act on, naming the setting that decided it."""
    name = type(error).__name__
    crawl = crawl or CrawlSettings()
    if robots.is_tls_failure(str(error)):
        return robots.TLS_UNTRUSTED
    if "Timeout" in name:
        return f"no complete answer within {crawl.request_timeout_s:g} s (crawl.request_timeout_s)"
    if "Cancelled" in name and "max size" in str(error):
        return (f"document larger than crawl.max_document_bytes ({crawl.max_document_bytes:,} bytes): not "
                f"archived; raise the limit to keep it ({error})")
    if "ConnectionRefused" in name:
        return "connection refused: the site is down or has moved"
    if "DNSLookup" in name and "blocked: " in str(error):  # crawler.addressguard: an internal address
        return str(error)[str(error).index("blocked: "):]
    if "DNSLookup" in name:
        return "host name not found: the site has moved or the URL is wrong"
    return f"{name}: {error}"
