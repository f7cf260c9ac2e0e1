"""One Jinja environment for every template: the diff page escapes what came from a website and makes
links only of http(s) URLs, as the digest does."""

from __future__ import annotations

from monitor.templating import environment, render_template
from store.vocabulary import DocType


def _diff(url: str) -> dict:
    version = {"version_id": "v-1", "first_seen": "2026-11-16T09:00:00+00:00", "url": url}
    return {"title": "Plan <script>", "system_id": "severn", "doc_type": DocType.STRATEGY, "easy_read": False,
            "note": None, "from": version, "to": version | {"version_id": "v-2"}, "excerpts": []}


def test_the_diff_page_links_only_web_urls():
    page = render_template("diff.html.j2", d=_diff("javascript:alert(1)"))
    assert "href" not in page and "javascript:alert(1)" in page and "&lt;script&gt;" in page
    page = render_template("diff.html.j2", d=_diff("https://severn.example/plan.pdf?a=1&b=2"))
    assert '<a href="https://severn.example/plan.pdf?a=1&amp;b=2">' in page


def test_every_template_sees_the_link_safety_filter():
    assert environment() is environment() and "web_url" in environment().filters
