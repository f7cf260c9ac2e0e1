"""The replica web serves what it claims: real HTTP on several loopback addresses, conditional requests,
state switches, outages, robots.txt, traps and fault paths, and a truth (`expected`, `changes`) that
matches the bytes actually served and what a polite crawler can reach.
"""

from __future__ import annotations

import io
import re
import time
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import pytest
import requests
from bs4 import BeautifulSoup
from docx import Document
from pdfminer.high_level import extract_text

from monitor.config import load_sources
from tests.sites.severn import documents as severn_docs

JFP_PATH = "/media/2417/Joint Forward Plan 2024-2029 (final).pdf"
PDF, DOCX = "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(body: bytes) -> str:
    return flat(extract_text(io.BytesIO(body)))


def served_text(url: str) -> str:
    response = requests.get(url, timeout=5)
    response.raise_for_status()
    kind = response.headers["Content-Type"]
    if kind == PDF:
        return pdf_text(response.content)
    if kind == DOCX:
        return flat(" ".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs))
    return flat(BeautifulSoup(response.text, "html.parser").get_text(" "))


# -- hosts, conditional requests, the log ---------------------------------------------------------

def test_pages_and_documents_come_from_two_hosts(replica_web):
    web = replica_web("severn")
    icb, icp = web.url("severn", "/publications"), web.url("severn-icp", "/our-strategy")
    assert urlsplit(icb).hostname == "127.0.0.11" and urlsplit(icp).hostname == "127.0.0.12"
    assert set(web.hosts) == {"severn", "severn-icp"}
    for page in (icb, icp):
        response = requests.get(page, timeout=5)
        assert response.status_code == 200 and response.headers["Content-Type"] == "text/html; charset=utf-8"
        assert "Page last reviewed: 12 March 2024" in response.text
        pdf_link = next(a["href"] for a in BeautifulSoup(response.text, "html.parser").select("li.document a"))
        document = requests.get(urljoin(page, pdf_link), timeout=5)
        assert document.headers["Content-Type"] == PDF and document.content.startswith(b"%PDF")
    assert {r.host for r in web.requests} == {"severn", "severn-icp"}
    assert len(web.requests) == 4 and all(r.status == 200 and r.body_bytes > 0 for r in web.requests)


def test_if_none_match_gets_304_without_body_and_is_logged(replica_web):
    web = replica_web("severn")
    url = web.url("severn", JFP_PATH)
    first = requests.get(url, timeout=5)
    etag = first.headers["ETag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', etag)
    again = requests.get(url, headers={"If-None-Match": etag, "User-Agent": "ICSWatch-test/1"}, timeout=5)
    assert again.status_code == 304 and again.content == b"" and again.headers["ETag"] == etag
    assert requests.get(url, headers={"If-None-Match": '"other"'}, timeout=5).status_code == 200
    conditional = [r for r in web.requests if r.if_none_match == etag]
    assert len(conditional) == 1
    record = conditional[0]
    assert (record.status, record.body_bytes, record.user_agent) == (304, 0, "ICSWatch-test/1")
    assert record.path == "/media/2417/Joint%20Forward%20Plan%202024-2029%20(final).pdf" and record.host == "severn"


def test_if_modified_since_gets_304_only_when_not_modified(replica_web):
    web = replica_web("severn")
    url = web.url("severn", JFP_PATH)
    modified = requests.get(url, timeout=5).headers["Last-Modified"]
    same = requests.get(url, headers={"If-Modified-Since": modified}, timeout=5)
    earlier = format_datetime(parsedate_to_datetime(modified).replace(year=2023), usegmt=True)
    older = requests.get(url, headers={"If-Modified-Since": earlier}, timeout=5)
    assert (same.status_code, same.content) == (304, b"")
    assert older.status_code == 200 and older.content.startswith(b"%PDF")
    assert [(r.if_modified_since, r.status, r.body_bytes) for r in web.requests[1:]] == [
        (modified, 304, 0), (earlier, 200, len(older.content))]


def test_head_sends_headers_without_body(replica_web):
    web = replica_web("severn")
    url = web.url("severn", JFP_PATH)
    head, get = requests.head(url, timeout=5), requests.get(url, timeout=5)
    assert head.content == b"" and int(head.headers["Content-Length"]) == len(get.content)
    assert head.headers["ETag"] == get.headers["ETag"]
    assert [(r.method, r.body_bytes) for r in web.requests] == [("HEAD", 0), ("GET", len(get.content))]
    assert requests.get(web.url("severn", "/no/such/page"), timeout=5).status_code == 404


# -- states ------------------------------------------------------------------------------------------

def test_in_place_refresh_changes_bytes_etag_and_last_modified(replica_web):
    web = replica_web("severn")
    url = web.url("severn", JFP_PATH)
    before = requests.get(url, timeout=5)
    board = requests.get(web.url("severn", "/media/2390/Board meeting papers 12 March 2024.pdf"), timeout=5)
    web.switch("v2")
    after = requests.get(url, headers={"If-None-Match": before.headers["ETag"]}, timeout=5)
    assert after.status_code == 200 and after.content != before.content
    assert after.headers["ETag"] != before.headers["ETag"]
    assert parsedate_to_datetime(after.headers["Last-Modified"]) > parsedate_to_datetime(before.headers["Last-Modified"])
    # An untouched document keeps its validators across the switch, so a re-crawl sees no change.
    unchanged = requests.get(board.url, headers={"If-None-Match": board.headers["ETag"]}, timeout=5)
    assert unchanged.status_code == 304 and unchanged.headers["Last-Modified"] == board.headers["Last-Modified"]


def test_served_jfp_pdf_carries_the_commitment_before_and_after(replica_web):
    web = replica_web("severn")
    url = web.url("severn", JFP_PATH)
    v1_text = pdf_text(requests.get(url, timeout=5).content)
    web.switch("v2")
    v2_text = pdf_text(requests.get(url, timeout=5).content)
    assert severn_docs.JFP_HUBS_V1 in v1_text and severn_docs.JFP_HUBS_V2 not in v1_text
    assert severn_docs.JFP_HUBS_V2 in v2_text and severn_docs.JFP_HUBS_V1 not in v2_text
    assert "18 weeks by March 2026" in v1_text and "18 weeks by March 2027" in v2_text
    assert "Page 1 of" in v1_text and "Executive Lead for Children and Young People" in v1_text


def test_switch_to_unknown_state_names_the_states(replica_web):
    web = replica_web("severn")
    with pytest.raises(ValueError, match="v1, v2, v3"):
        web.switch("v4")
    assert web.states == ["v1", "v2", "v3"] and web.state == "v1"


def test_a_down_site_refuses_connections_then_comes_back_with_robots_503(replica_web):
    web = replica_web("northfell")
    session = requests.Session()  # a kept-alive connection must not outlive the outage
    assert session.get(web.url("northfell", "/our-plans"), timeout=5).status_code == 200
    web.switch("v2")
    with pytest.raises(requests.ConnectionError):
        session.get(web.url("northfell", "/our-plans"), timeout=5)
    library = requests.get(web.url("northfell-docs", "/"), timeout=5)
    assert library.status_code == 503 and library.headers["Retry-After"] == "1"
    assert {o["kind"] for o in web.outages()} == {"refused", "unavailable"} and web.expected() == []
    web.switch("v3")
    robots = requests.get(web.url("northfell", "/robots.txt"), timeout=5)
    assert (robots.status_code, robots.headers["Retry-After"]) == (503, "1")
    assert requests.get(web.url("northfell", "/our-plans"), timeout=5).status_code == 200
    assert web.outages()[0]["kind"] == "robots_503" and web.expected() == []


def test_robots_txt_disallows_search_and_private(replica_web):
    web = replica_web("eastmarsh")
    response = requests.get(web.url("eastmarsh", "/robots.txt"), timeout=5)
    assert response.headers["Content-Type"].startswith("text/plain")
    assert response.text == "User-agent: *\nDisallow: /search\nDisallow: /private/\n"
    robots = RobotFileParser()
    robots.parse(response.text.splitlines())
    assert not robots.can_fetch("ICSWatch", web.url("eastmarsh", "/search?q=plan"))
    assert not robots.can_fetch("ICSWatch", web.url("eastmarsh", "/private/Draft Joint Forward Plan 2024 (not for publication).pdf"))
    assert robots.can_fetch("ICSWatch", web.url("eastmarsh", "/publications"))


def test_sources_file_validates_and_names_every_host(replica_web):
    web = replica_web()
    sources = load_sources(web.sources_path)
    assert [s.id for s in sources.systems] == ["severn", "eastmarsh", "northfell"]
    assert sources.crawl.download_delay_s == 0
    named = {urlsplit(link.url).netloc for s in sources.systems for link in s.websites + list(s.start_urls)}
    assert named == set(web.hosts.values())
    assert {s.region for s in sources.systems} == {"Midlands", "East of England", "North West"}
    for link in (link for s in sources.systems for link in s.start_urls):
        assert requests.get(link.url, timeout=5).status_code == 200


def test_events_calendar_never_ends(replica_web):
    web = replica_web("eastmarsh")
    url, months = web.url("eastmarsh", "/events/calendar?month=2024-01"), []
    for _ in range(50):
        page = BeautifulSoup(requests.get(url, timeout=5).text, "html.parser")
        months.append(page.h1.get_text())
        url = urljoin(url, page.find("a", string="Next month")["href"])
    assert len(set(months)) == 50 and months[0].endswith("January 2024") and months[-1].endswith("February 2028")
    assert "month=2028-03" in url


# -- the truth against what is served ----------------------------------------------------------------

def crawl_politely(web, system_id: str, max_depth: int = 5, max_requests: int = 300) -> dict[str, str]:
    """URL -> content type of everything a robots-respecting crawler reaches within the system's hosts."""
    source = load_sources(web.sources_path).get(system_id)
    allowed = {urlsplit(link.url).netloc for link in source.websites + list(source.start_urls)}
    session, robots, seen, found = requests.Session(), {}, set(), {}
    queue = [(link.url, 0) for link in source.start_urls]
    while queue and len(seen) < max_requests:
        url, depth = queue.pop(0)
        netloc = urlsplit(url).netloc
        if url in seen or netloc not in allowed:
            continue
        seen.add(url)
        if netloc not in robots:
            robots[netloc] = read_robots(session, f"http://{netloc}/robots.txt")
        if robots[netloc] is None or not robots[netloc].can_fetch("ICSWatch", url):
            continue
        try:
            response = session.get(url, timeout=5)
        except requests.ConnectionError:
            continue
        if response.status_code != 200:
            continue
        found[response.url] = response.headers["Content-Type"]
        if response.headers["Content-Type"].startswith("text/html") and depth < max_depth:
            links = BeautifulSoup(response.text, "html.parser").select("a[href]")
            queue += [(urljoin(response.url, a["href"]).split("#")[0], depth + 1) for a in links]
    return found


def read_robots(session, url: str) -> RobotFileParser | None:
    try:
        response = session.get(url, timeout=5)
    except requests.ConnectionError:
        return None
    robots = RobotFileParser()
    if response.status_code >= 500:
        robots.disallow_all = True  # an unavailable robots.txt means: stay away
    elif response.status_code >= 400:
        robots.allow_all = True
    else:
        robots.parse(response.text.splitlines())
    return robots


@pytest.mark.parametrize("state", ["v1", "v2", "v3"])
def test_expected_is_exactly_what_a_polite_crawl_reaches(replica_web, state):
    web = replica_web(state=state)
    for spec_id in ("severn", "eastmarsh", "northfell"):
        found = crawl_politely(web, spec_id)
        expected = [d for d in web.expected() if d.system_id == spec_id]
        files = {url for url, kind in found.items() if kind in (PDF, DOCX)}
        assert files == {d.url for d in expected if d.format in ("pdf", "docx")}, spec_id
        for document in expected:
            assert {PDF: "pdf", DOCX: "docx"}.get(found[document.url], "html") in document.format
            assert all(found.get(chapter, "").startswith("text/html") for chapter in document.chapters)
    assert not any("/private/" in r.path or r.path.startswith("/search") for r in web.requests)


def document_text(document) -> str:
    """The text of an expected document; an html_book's is its chapters' text in order."""
    return " ".join(served_text(url) for url in (document.chapters or (document.url,)))


def test_changes_match_the_served_bytes(replica_web):
    web = replica_web()
    for before, after in (("v1", "v2"), ("v2", "v3")):
        web.switch(before)
        changes = web.changes(before, after)
        wanted = {c["previous_url"] for c in changes}
        listed = {d.url for d in web.expected()}
        old = {d.url: (requests.get(d.url, timeout=5).content, document_text(d))
               for d in web.expected() if d.url in wanted}
        web.switch(after)
        for change in changes:
            assert was_listed(change, listed), change
            check_change(web, change, old)


def was_listed(change: dict, listed: set[str]) -> bool:
    """Whether the change agrees with what the previous state listed."""
    if change["kind"] == "new_document":
        return change["url"] not in listed
    if change["kind"] == "removed":
        return change["url"] in listed
    return change["previous_url"] in listed and (change["kind"] != "moved" or change["url"] not in listed)


def check_change(web, change: dict, old: dict[str, tuple[bytes, str]]) -> None:
    current = {d.url: d for d in web.expected()}
    response = requests.get(change["url"], timeout=5)
    if change["kind"] == "removed":
        assert response.status_code == 404 and change["url"] not in current and change["url"] in old
        return
    assert response.status_code == 200 and change["url"] in current, change
    if change["kind"] == "moved":
        assert response.content == old[change["previous_url"]][0]
        assert requests.get(change["previous_url"], timeout=5).status_code == 404
    if change["kind"] == "new_document":
        assert change["previous_url"] is None
    text = document_text(current[change["url"]])
    for edit in change["edits"]:
        assert edit["after"] in text and edit["before"] not in text if edit["before"] else edit["after"] in text
        if edit["before"]:
            assert edit["before"] in old[change["previous_url"]][1]
        if edit["chapter_url"]:
            assert edit["after"] in served_text(edit["chapter_url"])


# -- fault paths -------------------------------------------------------------------------------------

def test_fault_paths(replica_web):
    web = replica_web("severn")
    broken = requests.get(web.url("severn", "/broken.pdf"), timeout=5)
    assert broken.headers["Content-Type"] == PDF and broken.content.startswith(b"%PDF") and b"%%EOF" not in broken.content
    error = requests.get(web.url("severn", "/error-page.pdf"), timeout=5)
    assert error.headers["Content-Type"] == PDF and error.content.startswith(b"<!DOCTYPE html>")
    huge = requests.head(web.url("severn", "/huge.pdf"), timeout=5)
    assert int(huge.headers["Content-Length"]) == 60 * 1024 * 1024
    with requests.get(web.url("severn", "/huge.pdf"), stream=True, timeout=5) as stream:
        assert next(stream.iter_content(1024)).startswith(b"%PDF-1.4")
    started = time.monotonic()
    assert requests.get(web.url("severn", "/slow?s=0.3"), timeout=5).status_code == 200
    assert time.monotonic() - started >= 0.3
    with pytest.raises(requests.TooManyRedirects):
        requests.get(web.url("severn", "/redirect-loop"), timeout=5)
    busy = requests.get(web.url("severn", "/retry-after.pdf"), timeout=5)
    assert (busy.status_code, busy.headers["Retry-After"]) == (503, "1")
    assert [requests.get(web.url("severn", "/flaky.pdf"), timeout=5).status_code for _ in range(2)] == [503, 200]
    bad = BeautifulSoup(requests.get(web.url("severn", "/links-to-bad"), timeout=5).text, "html.parser")
    hrefs = [a["href"] for a in bad.select("a[href]")]
    assert {"file:///etc/passwd", "javascript:alert(1)"} <= set(hrefs)
    assert any(h.startswith("mailto:") for h in hrefs) and any("//10.0.0.1/" in h for h in hrefs)
