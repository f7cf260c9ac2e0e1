"""Per-site spiders on saved pages (City Scrapers' pattern): the pages under tests/sites/<id>/ are fed to
the spider as Scrapy responses and the test asserts on the requests and items it yields. No network."""

from __future__ import annotations

from pathlib import Path

import pytest
import scrapy
from scrapy.http import HtmlResponse

from crawler.items import FailureItem, PageItem
from crawler.spiders.hosts import aliases, page_key
from crawler.spiders.registry import spider_for
from crawler.spiders.sites.fernvale import FernvaleSpider
from crawler.spiders.system import SystemSpider
from monitor.config import CrawlSettings, Source
from store.archive import Capture
from store.db import open_archive

SAVED = Path(__file__).parent.parent / "sites" / "fernvale"
SITE = "https://www.fernvale-hcp.example"
CONTENTS = f"{SITE}/our-plans/joint-forward-plan"


@pytest.fixture
def archive(tmp_path):
    archive = open_archive(f"sqlite:///{tmp_path / 'archive.db'}", tmp_path / "data")
    yield archive
    archive.close()


def spider(cls, archive) -> SystemSpider:
    source = Source.model_validate({
        "id": "fernvale", "name": "Fernvale", "region": "South West",
        "icb": {"name": "NHS Fernvale Integrated Care Board", "website": f"{SITE}/"},
        "start_urls": [f"{SITE}/our-plans"]})
    return cls(source=source, crawl=CrawlSettings(), archive=archive, run_id="run-1")


def saved(url: str, name: str, request: scrapy.Request | None = None) -> HtmlResponse:
    request = request or scrapy.Request(url, meta={"link_text": "Joint Forward Plan", "referrer": f"{SITE}/our-plans"})
    return HtmlResponse(url=url, body=(SAVED / name).read_bytes(), encoding="utf-8", request=request,
                        headers={"Content-Type": "text/html; charset=utf-8"})


def chapter_requests(output) -> list[scrapy.Request]:
    return [r for r in output if isinstance(r, scrapy.Request) and r.callback.__name__ == "parse_chapter"]


def test_the_registry_picks_the_site_spider_or_the_generic_one():
    assert spider_for("fernvale") is FernvaleSpider
    assert spider_for("severn") is SystemSpider


def test_the_generic_spider_reads_the_card_grid_as_contents(archive):
    output = list(spider(SystemSpider, archive).parse_page(saved(CONTENTS, "joint-forward-plan.html")))
    [request] = chapter_requests(output)  # the book is assembled, starting with its first card
    assert request.url == f"{CONTENTS}/introduction"
    assert not [item for item in output if isinstance(item, Capture)]  # the contents page is no plan by itself


def test_fernvale_assembles_the_plan_from_its_card_grid_in_order(archive):
    fernvale = spider(FernvaleSpider, archive)
    output = list(fernvale.parse_page(saved(CONTENTS, "joint-forward-plan.html")))
    assert [type(item) for item in output[:1]] == [PageItem]
    [request] = chapter_requests(output)
    visited = []
    for name in ("introduction", "children-and-young-people", "delivering-the-plan"):
        assert request.url == f"{CONTENTS}/{name}"
        visited.append(request.url)
        output = list(fernvale.parse_chapter(saved(request.url, f"{name}.html", request)))
        following = chapter_requests(output)
        request = following[0] if following else None
    assert request is None
    [plan] = [item for item in output if isinstance(item, Capture)]
    assert (plan.url, plan.format, plan.doc_type) == (CONTENTS, "html_book", "joint_forward_plan")
    assert [url for url, _ in plan.parts] == visited
    assert b"family hubs" in plan.parts[1][1]
    assert fernvale.seen_documents == {CONTENTS}


def test_a_start_url_at_a_chapter_assembles_the_book_not_the_chapter_alone(archive):
    system = spider(SystemSpider, archive)
    chapter = f"{CONTENTS}/children-and-young-people"
    start = scrapy.Request(chapter, meta={"start": True})
    output = list(system.parse_page(saved(chapter, "children-and-young-people.html", start)))
    assert not [item for item in output if isinstance(item, Capture)]  # not yet: its contents page decides
    [parent] = [r for r in output if isinstance(r, scrapy.Request) and r.meta.get("pending")]
    assert parent.url == CONTENTS
    output = list(system.parse_page(saved(CONTENTS, "joint-forward-plan.html", parent)))
    assert not [item for item in output if isinstance(item, Capture)]
    assert [r.url for r in chapter_requests(output)] == [f"{CONTENTS}/introduction"]  # the book, from chapter 1
    assert chapter in system.claimed


def test_a_start_url_at_a_page_of_its_own_is_archived_when_nothing_above_claims_it(archive):
    system = spider(SystemSpider, archive)
    chapter = f"{CONTENTS}/children-and-young-people"
    start = scrapy.Request(chapter, meta={"start": True})
    [parent] = [r for r in system.parse_page(saved(chapter, "children-and-young-people.html", start))
                if isinstance(r, scrapy.Request) and r.meta.get("pending")]
    output = list(system.parse_page(HtmlResponse(url=CONTENTS, status=404, body=b"Not found", request=parent)))
    [capture] = [item for item in output if isinstance(item, Capture)]
    assert capture.url == chapter and capture.doc_type == "joint_forward_plan"
    assert not [item for item in output if isinstance(item, FailureItem)]  # a guess that missed is no failure


def test_www_and_bare_hosts_and_http_and_https_are_one_site():
    assert aliases(["www.wypartnership.co.uk", "127.0.0.11"]) == {
        "www.wypartnership.co.uk", "wypartnership.co.uk", "127.0.0.11"}
    assert page_key("http://www.example.nhs.uk/our-plans") == page_key("https://example.nhs.uk/our-plans/")
    assert page_key("https://example.nhs.uk/our-plans") != page_key("https://example.nhs.uk/our-plans?page=2")
    assert page_key("http://127.0.0.11:8080/a") != page_key("http://127.0.0.11:8081/a")
