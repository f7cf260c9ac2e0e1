"""Scrapy settings built from the `crawl:` section of the sources file: polite by default.

Takes `CrawlSettings` and returns the dict Scrapy wants. Politeness: robots.txt obeyed (strictly, see
middlewares), the crawler identified, one request at a time per host with a delay and AutoThrottle,
bounded retries, size and time limits. Internal addresses are never fetched (`crawler.addressguard`). Scrapy's telnet console and remote-control server are off:
a crawl opens no ports and writes nothing under the home directory.
"""

from __future__ import annotations

from monitor.config import CrawlSettings

MIDDLEWARES = "crawler.middlewares"


def scrapy_settings(crawl: CrawlSettings) -> dict:
    return {
        "BOT_NAME": "icswatch",
        "USER_AGENT": crawl.user_agent,
        "ROBOTSTXT_OBEY": True,
        "DOWNLOAD_DELAY": crawl.download_delay_s,
        "DOWNLOAD_DELAY_JITTER": 0.5 if crawl.download_delay_s > 0 else 0,
        "LOG_INSTALL_ROOT_HANDLER": False,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": crawl.concurrent_per_host,
        "AUTOTHROTTLE_ENABLED": crawl.download_delay_s > 0,
        "AUTOTHROTTLE_START_DELAY": max(crawl.download_delay_s, 0.1),
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "RETRY_TIMES": 2,
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        "DOWNLOAD_TIMEOUT": crawl.request_timeout_s,
        "DOWNLOAD_MAXSIZE": crawl.max_document_bytes,
        "DOWNLOAD_WARNSIZE": 0,
        "DEPTH_LIMIT": crawl.max_depth,
        "REDIRECT_MAX_TIMES": 10,
        "COOKIES_ENABLED": False,
        "DOWNLOAD_VERIFY_CERTIFICATES": True,  # Scrapy's default is not to; a source may opt out (tls_verify)
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "HTTPCACHE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
            "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
            f"{MIDDLEWARES}.StrictRobotsTxtMiddleware": 100,
            f"{MIDDLEWARES}.HostGuardMiddleware": 50,
            "crawler.addressguard.AddressGuardMiddleware": 51,
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            f"{MIDDLEWARES}.RetryAfterMiddleware": 550,
            "crawler.pacing.PacingMiddleware": 950,  # last before the network: one pace per host
        },
        "ITEM_PIPELINES": {"crawler.pipelines.ArchivePipeline": 300},
        "TWISTED_DNS_RESOLVER": "crawler.addressguard.GuardedResolver",
        "ICSWATCH_ALLOW_PRIVATE_ADDRESSES": list(crawl.allow_private_addresses),
    }
