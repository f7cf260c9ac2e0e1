"""The generic spider: one instance per system, from its start URLs through its own hosts.

Takes a `Source` and the archive (read here: validators for conditional requests and stored page
bodies for 304 answers; written only through `crawler.pipelines`) and yields pages, documents (PDF, DOCX, a long single HTML page, or a multi-page
HTML "book" assembled from its chapters in order), 304s and failures for the pipeline. Per-site
limits: `max_pages_per_site`, Scrapy's depth limit, and a cap on query-string variants of one path (a
calendar that never ends). Only links a person could follow are followed: http(s), the system's hosts.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from w3lib.url import canonicalize_url

from monitor.classify import classify, classify_link, is_page_document
from monitor.config import CrawlSettings, Source
from monitor.link_context import link_contexts, opening_paragraph
from monitor.sniff import archive_format
from monitor.soft404 import error_page, redirect_problem
from store.archive import Capture, known_formats, page_body, validators
from store.vocabulary import FILE_FORMATS, DocType, FetchOutcome, Format

from ..errors import describe_error
from ..items import FailureItem, NotModifiedItem, PageItem
from ..pipelines import archive_item
from ..urls import clean_url, trap_reason
from .hosts import aliases, page_key, parent_url
from .pages import Book, chapter_links, link_text, links_below, main_part, main_words, page_heading

SKIP_EXTENSIONS = re.compile(r"\.(jpe?g|png|gif|svg|webp|ico|css|js|zip|7z|gz|xlsx?|csv|pptx?|mp[34]|mov|avi|"
                             r"wav|json|xml|rss|ics|txt)$", re.I)
MAX_QUERY_VARIANTS = 10
HTTP_STATUSES = [304, 404, 410]


def now() -> datetime:
    return datetime.now(UTC)


def _requested_url(response) -> str:
    """The URL the spider asked for, before any redirect."""
    return (response.meta.get("redirect_urls") or [response.url])[0]


class SystemSpider(scrapy.Spider):
    """The generic spider. A per-site spider subclasses it, sets `system_id` and overrides a hook such as
    `chapter_links` (see `crawler.spiders.registry`)."""

    name = "system"
    system_id: str | None = None  # set by a per-site spider: the system it is written for

    def __init__(self, source: Source, crawl: CrawlSettings, archive, run_id: str | None = None, **kwargs):
        super().__init__(name=source.id, **kwargs)
        self.source, self.crawl, self.archive, self.run_id = source, crawl, archive, run_id
        self.hosts = aliases(source.hosts)  # www. and bare of a listed host are one site
        with archive.session() as session:
            self.validators = validators(session, source.id)
            self.known = known_formats(session, source.id)  # url -> format archived there: a PDF stays a PDF
        self.page_urls: set[str] = set()  # distinct pages asked for (`page_key`), against max_pages_per_site
        self.query_variants: Counter = Counter()
        self.claimed: set[str] = set()  # chapters of a book: not documents of their own
        self.books: set[str] = set()  # contents pages whose book is being (or has been) assembled
        self.seen_documents: set[str] = set()
        self.robots_notes: dict[str, str] = {}
        self.limit_reported = False
        self.traps = 0  # links not followed because their path is a crawler trap
        self.local_titles = source.plan_titles.by_type()
        self._main_cache = None

    # -- requests ----------------------------------------------------------------------------------
    async def start(self):
        urls = [link.url for link in self.source.start_urls] or [link.url for link in self.source.websites]
        for url in urls:
            request = self._request(url, self.parse_page, start=True)
            if request is not None:
                yield request

    def _request(self, url: str, callback, *, start: bool = False, conditional: bool = True, **meta):
        url = clean_url(url)
        if not start and (trap := trap_reason(url)):
            self.traps += 1
            if self.traps == 1:
                self.logger.warning("%s: not following %s: %s (a crawler trap)", self.source.id, url, trap)
            return None
        if callback == self.parse_page and not start:
            if page_key(url) in self.page_urls:
                return None  # already asked for (perhaps at an alias): it must not count or be archived twice
            if len(self.page_urls) >= self.crawl.max_pages_per_site:
                return self._limit(url)
            parts = urlsplit(url)
            if parts.query:
                key = (parts.netloc, parts.path)
                self.query_variants[key] += 1
                if self.query_variants[key] > MAX_QUERY_VARIANTS:
                    return None
            self.page_urls.add(page_key(url))
        headers = {}
        etag, last_modified = self.validators.get(url, (None, None)) if conditional else (None, None)
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        meta = {"handle_httpstatus_list": HTTP_STATUSES, "start": start, **meta}
        chapter = callback == self.parse_chapter
        if chapter:
            meta["depth_reset"] = True  # a plan's tenth chapter is no deeper in the site than its first
        return scrapy.Request(url, callback=callback, errback=self.on_error, headers=headers, meta=meta,
                              dont_filter=chapter or not conditional)

    def _limit(self, url: str):
        if not self.limit_reported:
            self.limit_reported = True
            self.logger.warning("%s: page limit %d reached", self.source.id, self.crawl.max_pages_per_site)
            return FailureItem(self.source.id, url, now(), f"page limit reached ({self.crawl.max_pages_per_site} "
                               "pages); raise crawl.max_pages_per_site or narrow start_urls", outcome=FetchOutcome.LIMIT)
        return None

    # -- pages -------------------------------------------------------------------------------------
    def _body(self, response):
        """The page's bytes: fresh, or the stored copy when the server answered 304."""
        if response.status != 304:
            return response.body
        with self.archive.session() as session:
            return page_body(session, self.archive.blobs, response.url)

    def parse_page(self, response):
        if response.status in (404, 410):
            if response.meta.get("pending") is None:  # a guessed contents page that is not there is no failure
                yield self._failure(response.url, f"HTTP {response.status}", response.status)
            yield from self._pending(response.request)
            return
        body = self._body(response)
        if body is None:  # 304 but nothing stored: ask again without validators
            yield self._request(response.url, self.parse_page, start=True, conditional=False)
            return
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
        if response.status != 304:  # a stored body was read before; a fresh one may be an error page
            requested = _requested_url(response)
            problem = error_page(requested, response.url, content_type, body, self.known.get(requested), document=False)
            if problem:
                yield self._failure(requested, problem, response.status, FetchOutcome.ERROR_PAGE)
                return
        if archive_format(response.url, content_type, body) in FILE_FORMATS:
            yield from self.parse_document(response)
            return
        if response.status != 304:
            yield PageItem(self.source.id, response.url, body, now(), *self._validators_of(response))
        page = response.replace(body=body) if response.status == 304 else response
        if not hasattr(page, "css"):
            return
        yield from self._page_as_document(page, body)
        yield from self._pending(response.request)
        yield from self._follow(page)

    def _page_as_document(self, page, body: bytes):
        if page.url in self.claimed:
            return
        heading = page_heading(page)
        main = self._main_of(page)
        found = classify(page.url, title=heading, link_text=page.meta.get("link_text"), body=opening_paragraph(main),
                         **self._known(page.url))
        if not found.is_plan:
            return
        chapters = self.chapter_links(page)
        if chapters and page.url in self.books:
            return
        if chapters:
            self.books.add(page.url)
            self.claimed.update(url for url, _ in chapters)
            book = Book(page.url, heading, found, page.meta.get("link_text"), page.meta.get("referrer"), chapters)
            yield self._next_chapter(book)
        elif is_page_document(found, main_words(page), self._links_to_files(page, main)):
            parent = self._parent_to_check(page)
            if parent is not None:  # a start URL at a chapter: the book's contents page decides first
                yield self._request(parent, self.parse_page, start=True, pending=(page, body, found, heading))
                return
            yield self._capture(page, body, Format.HTML, found, heading, status=page.status)

    def _parent_to_check(self, page) -> str | None:
        """For a start URL that is a page of a plan, the page one level up (the chapters' contents page,
        if it is a book), unless it has been asked for already."""
        parent = parent_url(page.url)
        if not page.meta.get("start") or page.meta.get("pending") or parent is None:
            return None
        if page_key(parent) in self.page_urls or parent in self.books:
            return None
        self.page_urls.add(page_key(parent))
        return parent

    def _pending(self, request):
        """The chapter page that waited for its parent: archived alone unless the parent's book claimed it."""
        pending = request.meta.get("pending")
        if pending is None:
            return
        page, body, found, heading = pending
        if page.url not in self.claimed:
            yield self._capture(page, body, Format.HTML, found, heading, status=page.status)

    def _main_of(self, page):
        """The page's main content, parsed once for reading it as a document and for its links' context."""
        if self._main_cache is None or self._main_cache[0] is not page:
            self._main_cache = (page, main_part(page))  # holding the page keeps its identity unique
        return self._main_cache[1]

    def _known(self, url: str) -> dict:
        """What the config says of a candidate at `url`: whose site it is on, and the local plan titles."""
        return {"publisher": self.source.publisher(urlsplit(url).hostname), "local_titles": self.local_titles}

    def _links_to_files(self, page, main) -> bool:
        """Whether the page's main content links to a document file or to pages below it: then a short
        page is a landing page or a hub, not a page of the plan."""
        files = tuple(f".{f}" for f in FILE_FORMATS)
        return links_below(page, main, self.hosts) or any(
            urlsplit(page.urljoin(a["href"])).path.lower().endswith(files) for a in main.select("a[href]"))

    def chapter_links(self, page) -> list[tuple[str, str]]:
        """(url, link text) of the chapters, in order, when `page` is the contents page of a web book."""
        return chapter_links(page, self.hosts)

    def _follow(self, page):
        context = page_heading(page)
        where = link_contexts(self._main_of(page), page.url)
        known = self._known(page.url)
        for anchor in page.css("a[href]"):
            href = (anchor.attrib.get("href") or "").strip()
            if not href or href.startswith("#"):
                continue
            url = page.urljoin(href)
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or parts.hostname not in self.hosts:
                continue
            text = link_text(anchor)
            extension = parts.path.rsplit(".", 1)[-1].lower() if "." in parts.path.rsplit("/", 1)[-1] else ""
            if extension in FILE_FORMATS:  # a file a person would download
                around = where.get(url.split("#")[0])
                near = {"heading": around.heading, "paragraph": around.paragraph} if around else {}
                found, worth_fetching = classify_link(url, text, context, **near, **known)
                if worth_fetching or self.source.archive_other:
                    yield self._request(url, self.parse_document, link_text=text, referrer=page.url,
                                        context=context, near=near)
            elif not SKIP_EXTENSIONS.search(parts.path) and url not in self.claimed:
                request = self._request(url, self.parse_page, link_text=text, referrer=page.url)
                if request is not None:
                    yield request

    # -- documents ---------------------------------------------------------------------------------
    def parse_document(self, response):
        if response.status in (404, 410):
            yield self._failure(response.url, f"HTTP {response.status}", response.status)
            return
        if response.status == 304:
            self.seen_documents.add(response.url)
            yield NotModifiedItem(self.source.id, response.url, now())
            return
        meta = response.meta
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1") or None
        requested = _requested_url(response)
        refused = error_page(requested, response.url, content_type, response.body, self.known.get(requested))
        if refused:  # an error, block or home page is a failure, never a version: it would look like a deletion
            yield self._failure(requested, refused, response.status, FetchOutcome.ERROR_PAGE)
            return
        fmt = archive_format(response.url, content_type, response.body) or Format.UNKNOWN
        found = classify(response.url, link_text=meta.get("link_text"), context=meta.get("context"),
                         **meta.get("near", {}), **self._known(meta.get("referrer") or response.url))
        yield self._capture(response, response.body, fmt, found, None)

    def _capture(self, response, body: bytes, fmt: str, found, title: str | None, status: int = 200, **extra):
        self.seen_documents.add(response.url)
        etag, last_modified = self._validators_of(response)
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1") or None
        return Capture(system_id=self.source.id, url=response.url, body=body, doc_type=found.doc_type or DocType.OTHER,
                       easy_read=found.easy_read, format=fmt, fetched_at=now(), run_id=self.run_id,
                       status_code=status, content_type=content_type, etag=etag, last_modified=last_modified,
                       title=title, referrer=response.meta.get("referrer"), link_text=response.meta.get("link_text"),
                       reasons=list(found.reasons), **extra)

    # -- books -------------------------------------------------------------------------------------
    def _next_chapter(self, book: Book):
        url, text = book.chapters[len(book.parts)]
        return self._request(url, self.parse_chapter, book=book, link_text=text, referrer=book.url)

    def parse_chapter(self, response):
        book: Book = response.meta["book"]
        body = self._body(response) if response.status in (200, 304) else None
        if body is None:
            yield self._failure(book.url, f"chapter {response.url} of an HTML plan: HTTP {response.status}",
                                response.status)
            return
        if response.status == 200:
            yield PageItem(self.source.id, response.url, body, now(), *self._validators_of(response))
            book.received += len(body)
        book.parts.append((response.url, body))
        if len(book.parts) < len(book.chapters):
            yield self._next_chapter(book)
            return
        self.seen_documents.add(book.url)
        yield Capture(system_id=self.source.id, url=book.url, body=b"", doc_type=book.found.doc_type,
                      easy_read=book.found.easy_read, format=Format.HTML_BOOK, fetched_at=now(), run_id=self.run_id,
                      content_type="text/html", title=book.title, referrer=book.referrer, link_text=book.link_text,
                      reasons=list(book.found.reasons), parts=list(book.parts), bytes_received=book.received)
        page = response.replace(body=body) if response.status == 304 else response
        yield from self._follow(page)

    # -- failures ----------------------------------------------------------------------------------
    def _validators_of(self, response) -> tuple[str | None, str | None]:
        etag = response.headers.get(b"ETag")
        last_modified = response.headers.get(b"Last-Modified")
        return (etag.decode("latin-1") if etag else None, last_modified.decode("latin-1") if last_modified else None)

    def _failure(self, url: str, error: str, status: int | None = None,
                 outcome: str = FetchOutcome.FAILED) -> FailureItem:
        self.logger.warning("%s: %s: %s", self.source.id, url, error)
        return FailureItem(self.source.id, url, now(), error, status, outcome)

    def on_error(self, failure):
        request = failure.request
        if request.meta.get("pending") is not None:  # the guessed contents page could not be read
            return list(self._pending(request)) or None
        error = failure.value
        if isinstance(error, HttpError):
            response = error.response
            retry_after = response.headers.get(b"Retry-After")
            detail = f" (Retry-After: {retry_after.decode('latin-1')})" if retry_after else ""
            return self._failure(request.url, f"HTTP {response.status}{detail}", response.status)
        if isinstance(error, IgnoreRequest):
            reason = str(error) or "ignored"
            if "robots.txt" in reason:
                note = self.robots_notes.get(urlsplit(request.url).netloc)
                if note is None and request.callback == self.parse_document and not request.meta.get("start"):
                    return self._disallowed(request)
                if not request.meta.get("start") and note is None:
                    return None  # an ordinary disallowed page: obeyed, not a failure
                reason = note or "disallowed by robots.txt"
            return self._failure(request.url, reason)
        return self._failure(request.url, describe_error(error, self.crawl))

    def _disallowed(self, request) -> FailureItem:
        """A document link robots.txt forbids: obeyed, and recorded for the maintainer, who may ask the
        site to allow it (it is not a failure of the site)."""
        self.logger.info("%s: %s is disallowed by robots.txt; not fetched", self.source.id, request.url)
        return FailureItem(self.source.id, request.url, now(), "disallowed by robots.txt: this document cannot be "
                           "archived unless the site allows it", outcome=FetchOutcome.DISALLOWED)

    def budget_notes(self) -> list[str]:
        """What a budget or a trap kept from this crawl, in words, for the run report."""
        notes = []
        deeper = self.crawler.stats.get_value("depth/request_ignored_count", 0) if self.crawler else 0
        if deeper:
            notes.append(f"depth limit {self.crawl.max_depth} reached: {deeper} links deeper were not followed "
                         "(raise crawl.max_depth or add a start URL nearer the plans)")
        skipped = sum(max(0, n - MAX_QUERY_VARIANTS) for n in self.query_variants.values())
        if skipped:
            notes.append(f"{skipped} query-string variants beyond {MAX_QUERY_VARIANTS} of one path were not followed "
                         "(a calendar or search that never ends)")
        if self.traps:
            notes.append(f"{self.traps} links whose path repeats itself (a crawler trap such as /a/a/a/) were not followed")
        return notes

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.on_dropped, signal=signals.request_dropped)
        return spider

    def on_dropped(self, request, spider=None):
        """Scrapy drops a redirect to a URL it has seen without a word. Back into its own chain, that is a
        redirect loop; to a page fetched from elsewhere (www. to bare, a trailing slash added), it is only
        the same page again, already read, and no failure: the crawl stays complete."""
        chain = request.meta.get("redirect_urls")
        if not chain:
            return
        # a signal handler cannot yield an item, so it hands one to the pipeline's write function itself
        problem = redirect_problem(chain[0], request.url)  # dropped as a page already fetched: the home page?
        if problem:  # a document sent to the error or home page: a soft 404, whether or not that page was read
            item = FailureItem(self.source.id, chain[0], now(), problem, outcome=FetchOutcome.ERROR_PAGE)
        elif canonicalize_url(request.url) not in {canonicalize_url(url) for url in chain}:
            self.logger.info("%s: %s redirects to %s, already fetched", self.source.id, chain[0], request.url)
            return
        else:
            item = FailureItem(self.source.id, chain[0], now(), "redirect loop: " + " -> ".join([*chain, request.url]))
        archive_item(self.archive, self.run_id, item)
