"""`python -m crawler`: one crawl, in its own process (Scrapy's reactor starts once per process).

Takes the sources file, the database URL, the data directory, a run id and the systems to crawl; runs
one spider per system at once (its registered per-site spider, or the generic one; each polite per
host) and writes a `monitor.crawl_summary.SystemSummary` per system to `--report`: the documents it
saw, robots.txt problems, and whether a limit cut it short. The parent (`monitor.crawl`) reads it back,
checked, and does everything else. It holds the crawl lock (inherited from the parent, or its own when
run by hand) and dies with its parent (`crawler.lifeline`).
"""

from __future__ import annotations

import argparse
import logging
import sys
from contextlib import ExitStack
from pathlib import Path

from scrapy.crawler import CrawlerProcess

from monitor.config import load_sources
from monitor.crawl_summary import SystemSummary, write_summary
from store.db import open_archive
from store.lock import LockedError, crawl_lock, hold_inherited_lock

from .lifeline import die_with_parent
from .settings import scrapy_settings
from .spiders.registry import spider_for


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m crawler", description=__doc__.splitlines()[0])
    parser.add_argument("--sources", required=True, type=Path)
    parser.add_argument("--db", required=True)
    parser.add_argument("--data-dir", required=True, type=Path)
    parser.add_argument("--run-id", required=True)
    parser.add_argument("--report", required=True, type=Path)
    parser.add_argument("--lock-fd", type=int, default=None,
                        help="The crawl lock, inherited from `icswatch crawl`; without it the crawler takes the lock itself.")
    parser.add_argument("--parent-pid", type=int, default=None, help="Die when this process (the crawl) dies.")
    parser.add_argument("systems", nargs="+")
    return parser.parse_args(argv)


def quieten() -> None:
    for noisy in ("scrapy", "alembic", "twisted", "asyncio", "protego", "filelock"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # our robots middleware says what went wrong in one line; Scrapy's would add a traceback
    logging.getLogger("scrapy.downloadermiddlewares.robotstxt").setLevel(logging.CRITICAL)


def scrapy_warnings_only(record: logging.LogRecord) -> bool:
    """Scrapy's and Twisted's own lines only from WARNING up: CrawlerProcess logs its multi-line version
    banner and DEBUG lines while it starts, before any logger level of ours can apply."""
    return record.levelno >= logging.WARNING or not record.name.startswith(("scrapy", "twisted", "py.warnings"))


def summarise(crawler) -> SystemSummary:
    spider = crawler.spider
    return SystemSummary(seen_documents=sorted(spider.seen_documents) if spider else [],
                         robots=dict(spider.robots_notes) if spider else {},
                         limited=bool(spider and spider.limit_reported),
                         finish_reason=crawler.stats.get_value("finish_reason"),
                         notes=spider.budget_notes() if spider else [])


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.parent_pid is not None:
        die_with_parent(args.parent_pid)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(scrapy_warnings_only)
    quieten()
    with ExitStack() as stack:
        try:
            if args.lock_fd is not None:
                hold_inherited_lock(args.lock_fd)
            else:
                stack.enter_context(crawl_lock(args.data_dir))
        except LockedError as exc:
            logging.getLogger("crawler").error("%s", exc)
            return 1
        return crawl(args)


def _unverified(spider_class, source):
    """The spider, with certificate verification off when its source says so (warned on every run)."""
    if source.tls_verify:
        return spider_class
    logging.getLogger("crawler").warning("%s: HTTPS certificates are NOT verified for this system (%s)", source.id,
                                         source.tls_reason)
    return type(spider_class.__name__, (spider_class,),
                {"custom_settings": {**(spider_class.custom_settings or {}), "DOWNLOAD_VERIFY_CERTIFICATES": False}})


def crawl(args: argparse.Namespace) -> int:
    sources = load_sources(args.sources)
    archive = open_archive(args.db, args.data_dir)
    process = CrawlerProcess(settings=scrapy_settings(sources.crawl))
    quieten()  # again: creating CrawlerProcess applies Scrapy's own logger levels (scrapy at DEBUG)
    crawlers = {}
    for system_id in args.systems:
        crawler = process.create_crawler(_unverified(spider_for(system_id), sources.get(system_id)))
        crawlers[system_id] = crawler
        process.crawl(crawler, source=sources.get(system_id), crawl=sources.crawl, archive=archive,
                      run_id=args.run_id)
    process.start()
    write_summary(args.report, {system_id: summarise(crawler) for system_id, crawler in crawlers.items()})
    archive.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
