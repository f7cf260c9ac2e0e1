"""The pipeline that hands what the spider found to the archive (`store.archive`), one item at a time.

`archive_item` is the crawler's one way of writing to the database: the pipeline calls it for every
item the spider yields, and the spider for the one thing it learns outside a callback (a redirect loop
Scrapy drops). Each item is its own transaction, so a crash mid-crawl leaves the archive as it was
before that item. A failure to archive one item is logged and recorded; it never stops the crawl.
"""

from __future__ import annotations

import logging

from store.archive import Capture, record_capture, record_failure, record_not_modified, record_page
from store.vocabulary import CaptureKind

from .items import FailureItem, NotModifiedItem, PageItem

log = logging.getLogger(__name__)


def archive_item(archive, run_id: str | None, item) -> None:
    """Record one item of the spider's in the archive, in its own transaction."""
    with archive.session() as session:
        try:
            _record(session, archive, run_id, item)
        except Exception:  # one item's failure must not stop the crawl: log and record it
            session.rollback()
            log.exception("could not archive %s", getattr(item, "url", item))
            record_failure(session, item.system_id, getattr(item, "url", "?"), item.fetched_at, run_id,
                           "could not archive this item (see the log)")


def _record(session, archive, run_id: str | None, item) -> None:
    if isinstance(item, Capture):
        recorded = record_capture(session, archive.blobs, item)
        if recorded.kind != CaptureKind.UNCHANGED:
            log.info("%s: %s %s (%s)", item.system_id, recorded.kind, item.url, recorded.version_id)
    elif isinstance(item, PageItem):
        record_page(session, archive.blobs, item.system_id, item.url, item.body, item.fetched_at,
                    run_id, item.etag, item.last_modified)
    elif isinstance(item, NotModifiedItem):
        record_not_modified(session, item.system_id, item.url, item.fetched_at, run_id)
    elif isinstance(item, FailureItem):
        record_failure(session, item.system_id, item.url, item.fetched_at, run_id, item.error,
                       item.status_code, item.outcome)


class ArchivePipeline:
    def process_item(self, item, spider=None):
        spider = spider or self.crawler.spider
        archive_item(spider.archive, spider.run_id, item)
        return item

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls()
        pipeline.crawler = crawler
        return pipeline
