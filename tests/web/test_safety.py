"""Archived pages are hostile: a page with a script, a javascript: link and an onerror handler is shown
as escaped text, its original only as a download; every response has a strict CSP and nosniff; ids
that try to walk the file system are 404 pages, never files, and errors never show a traceback."""

from __future__ import annotations

from .pages import main_text, soup


def test_hostile_html_is_text_and_its_original_a_download(client, archived):
    page = client.get(f"/versions/{archived.hostile_version}")
    assert page.status_code == 200
    html = soup(page.text)
    assert html.find("script") is None and html.find("img") is None
    assert not [a for a in html.find_all("a") if not a["href"].startswith(("/", "#", "http://", "https://"))]
    assert not [tag for tag in html.find_all(True) if any(name.startswith("on") for name in tag.attrs)]
    text = main_text(page.text)
    assert "We will open four family hubs by 2026." in text  # the reader still sees what it says
    assert 'Contact <script>alert("text")</script> for more' in text  # as words, not as a script
    assert "from javascript:alert(1)" in text  # a referrer that is not http(s) is not a link
    original = client.get(f"/versions/{archived.hostile_version}/original")
    assert original.content == client.get(f"/versions/{archived.hostile_version}/original").content
    assert b"<script>window.pwned = 1" in original.content  # exactly as fetched...
    assert original.headers["content-type"] == "application/octet-stream"  # ...but never as a page
    assert original.headers["content-disposition"].startswith("attachment; filename=")
    assert original.headers["x-content-type-options"] == "nosniff"
    for page_url in ("/", f"/documents/{archived.hostile_document}", "/search?q=family+hubs"):
        assert soup(client.get(page_url).text).find("script") is None


def test_every_response_has_a_strict_policy(client, archived):
    for path in ("/", "/site.css", "/api/systems", "/feed.atom", "/versions/v-000000000000", "/changes?page=0",
                 f"/versions/{archived.hostile_version}/original"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src" not in policy, path
        assert "frame-ancestors 'none'" in policy and headers["x-content-type-options"] == "nosniff"


def test_path_traversal_and_bad_ids_are_404_pages(client):
    for path in ("/versions/..%2F..%2F..%2Fetc%2Fpasswd", "/versions/../../etc/passwd",
                 "/versions/v-000000000000/original", "/versions/%2e%2e%2f%2e%2e%2fblobs/original",
                 "/documents/d-000000000000", "/documents/v-123", "/systems/..%2F..%2Fetc", "/systems/atlantis",
                 "/compare/v-000000000000/v-111111111111", "/site.css/../../etc/passwd", "/blobs/00/00"):
        answer = client.get(path)
        assert answer.status_code == 404, path
        assert answer.headers["content-type"].startswith("text/html")
        assert "Page not found" in main_text(answer.text) and "Traceback" not in answer.text
        assert "root:" not in answer.text


def test_bad_parameters_are_400_pages_that_say_what_is_wrong(client):
    cases = {"/changes?since=last+tuesday": "is not a date", "/changes?page=0": "page must be between",
             "/changes?page=lots": "page", "/changes?region=Atlantis": "unknown region",
             "/changes?theme=astrology": "unknown theme", "/search?q=%22family": "unclosed quote",
             "/search?q=" + "hub+" * 200: "at most 500"}
    for path, words in cases.items():
        answer = client.get(path)
        assert answer.status_code == 400, path
        assert words in main_text(answer.text), path


def test_a_part_beyond_a_book_is_404(client, archived):
    assert client.get(f"/versions/{archived.hostile_version}/original?part=1").status_code == 404
