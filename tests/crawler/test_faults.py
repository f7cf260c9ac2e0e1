"""Bad input gets a clear line in the run report and loses nothing: sites down, robots.txt failing,
Retry-After, slow servers, redirect loops, broken and huge files, and links that must never be followed."""

from __future__ import annotations

from .conftest import sources_with


def failures(report, system_id: str) -> dict[str, str]:
    [system] = [s for s in report.systems if s.system_id == system_id]
    return {f["url"].rsplit("/", 1)[-1]: f["error"] for f in system.failures}


def test_a_site_that_goes_down_keeps_its_documents(replica_web, crawl):
    web = replica_web("northfell", state="v1")
    crawl(web.sources_path)
    before = {d.url: len(d.versions) for d in crawl.documents()}
    web.switch("v2")
    report = crawl(web.sources_path)
    assert report.status == "completed"
    [system] = report.systems
    assert not system.ok and any("refused" in f["error"] for f in system.failures)
    assert {d.url: len(d.versions) for d in crawl.documents()} == before  # nothing marked missing or lost


def test_robots_txt_answering_503_means_nothing_else_is_fetched(replica_web, crawl):
    web = replica_web("northfell", state="v3")
    report = crawl(web.sources_path)
    asked = [r.path for r in web.requests if r.host == "northfell"]
    assert set(asked) == {"/robots.txt"} and len(asked) <= 3  # bounded retries, nothing else
    [system] = report.systems
    assert any("robots.txt answered 503" in f["error"] for f in system.failures)
    assert crawl.documents() == []


def test_faults_each_give_a_clear_line_and_lose_nothing(replica_web, crawl, tmp_path):
    web = replica_web("severn", state="v1")
    paths = ["/broken.pdf", "/error-page.pdf", "/huge.pdf?mb=5", "/redirect-loop", "/slow?s=5",
             "/retry-after.pdf", "/flaky.pdf", "/links-to-bad"]
    sources = sources_with(web, tmp_path, "severn", paths, max_document_bytes=1024 * 1024, request_timeout_s=1)
    report = crawl(sources)
    assert report.status == "completed"
    found = failures(report, "severn")
    assert found["error-page.pdf"].startswith("the server sent an HTML page, not the PDF")
    assert found["huge.pdf?mb=5"].startswith("document larger than crawl.max_document_bytes (1,048,576 bytes)")
    assert found["redirect-loop"].startswith("redirect loop: ")
    assert found["slow?s=5"] == "no complete answer within 1 s (crawl.request_timeout_s)"
    assert found["retry-after.pdf"] == "HTTP 503 (Retry-After: 1)"
    assert found["broken.pdf"].startswith("text extraction: corrupt (original kept as v-")
    assert "flaky.pdf" not in found and "links-to-bad" not in found

    # Retry-After was honoured: retries of /retry-after.pdf came at least a second apart, and bounded
    times = [r.time_s for r in web.requests if r.path == "/retry-after.pdf"]
    assert len(times) == 3 and all(b - a >= 0.95 for a, b in zip(times, times[1:], strict=False))
    # the flaky document arrived on its retry; the broken one is kept as evidence, the error page is not
    by_path = {d.url.rsplit("/", 1)[-1]: d for d in crawl.documents()}
    assert set(by_path) == {"flaky.pdf", "broken.pdf"}
    assert by_path["flaky.pdf"].versions[0].extract_outcome == "ok"
    assert by_path["broken.pdf"].versions[0].extract_outcome == "corrupt"
    # nothing outside the system's hosts was even attempted
    attempted = {f.url for f in crawl.fetches(report.run_id)}
    assert not [u for u in attempted if u.startswith(("file:", "javascript:", "mailto:", "data:"))]
    assert not [u for u in attempted if "10.0.0.1" in u or "169.254." in u]


def test_an_unknown_or_merged_system_is_refused_before_crawling(replica_web, crawl, tmp_path):
    import pytest

    from monitor.errors import ConfigError

    web = replica_web("severn")
    with pytest.raises(ConfigError, match="unknown system 'nowhere'"):
        crawl(web.sources_path, "nowhere")
    assert web.requests == []


def test_the_page_limit_stops_a_crawl_short_and_says_so(replica_web, crawl, tmp_path):
    web = replica_web("eastmarsh")
    crawl(web.sources_path)
    documents_before = {d.url for d in crawl.documents()}
    limited = sources_with(web, tmp_path, "eastmarsh", ["/publications", "/about-us/joint-forward-plan/"],
                           max_pages_per_site=3)
    report = crawl(limited)
    [system] = report.systems
    assert [f["error"] for f in system.failures] == [
        "page limit reached (3 pages); raise crawl.max_pages_per_site or narrow start_urls"]
    pages = {r.path for r in web.requests if not r.path.endswith((".pdf", ".docx", "robots.txt"))}
    assert pages  # it did crawl...
    # ...but a crawl cut short must not declare the documents it did not reach missing
    assert {d.url for d in crawl.documents()} == documents_before
