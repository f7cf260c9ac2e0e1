"""End to end on Kestrel, a replica of how real ICS sites publish plans (tests/sites/kestrel): the JFP under
its local name, a summary, easy read and large print beside it, an engagement page about it, a short HTML
summary page, "read the full strategy here" under a heading, a partnership's 2019 five year plan, and an old
short URL that redirects to a page already fetched. On SQLite and on PostgreSQL."""

from __future__ import annotations

import json

from click.testing import CliRunner

from monitor.cli import cli
from tests.sites import kestrel


def by_path(crawl) -> dict:
    return {"/" + d.url.split("/", 3)[3]: d for d in crawl.documents()}


def test_plans_published_in_local_words_are_found_typed_and_explained(replica_web, crawl, tmp_path):
    web = replica_web("kestrel")
    report = crawl(web.sources_path)
    assert report.status == "completed"
    [system] = report.systems
    # the old short URL /jfp was followed and redirected to the plans page already read: no "redirect loop"
    assert any(r.path == "/jfp" for r in web.requests)
    assert not [f for f in system.failures if "redirect loop" in f["error"]], system.failures
    found = {path: (d.doc_type, d.easy_read) for path, d in by_path(crawl).items()}
    assert found == {kestrel.PLAN: ("joint_forward_plan", False), kestrel.SUMMARY: ("joint_forward_plan", False),
                     kestrel.EASY: ("joint_forward_plan", True), kestrel.LARGE: ("joint_forward_plan", False),
                     kestrel.BRIEF: ("joint_forward_plan", False), kestrel.STRATEGY: ("strategy", False),
                     kestrel.OLD_PLAN: ("strategy", False), kestrel.BOOK: ("strategy", False)}
    # the engagement page is not archived as the plan; the chapter given as a start URL is not archived
    # alone: its contents page (a grid of cards) was read first and the book assembled in order
    book = by_path(crawl)[kestrel.BOOK]
    assert book.format == "html_book"
    assert [p["url"].split("/", 3)[3] for p in book.versions[0].parts] == [
        "better-together/start-well", "better-together/live-well", "better-together/age-well"]
    documents = by_path(crawl)
    assert "a local title of this system's Joint Forward Plan" in documents[kestrel.PLAN].reasons[0]
    assert documents[kestrel.STRATEGY].reasons[0].startswith("heading above the link says 'integrated care strategy'")
    assert any("dates it 2019" in r for r in documents[kestrel.OLD_PLAN].reasons)
    assert any("not easy read" in r for r in documents[kestrel.LARGE].reasons)
    # the easy read is paired with the full plan, not the summary or the large print beside it
    assert documents[kestrel.EASY].full_document_id == documents[kestrel.PLAN].id

    base = ["--data-dir", str(crawl.data_dir), "--db", crawl.db_url, "--sources", str(web.sources_path)]
    history = CliRunner().invoke(cli, [*base, "history", "kestrel"])
    assert history.exit_code == 0, history.output
    assert "why: link text says 'our local nhs plan'" in history.output
    out = tmp_path / "export.jsonl"
    exported = CliRunner().invoke(cli, [*base, "export", "--format", "jsonl", "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    old = next(r for r in rows if r.get("url", "").endswith(kestrel.OLD_PLAN))
    assert any("before integrated care systems" in r for r in old["reasons"])

    again = crawl(web.sources_path)  # the same site again: nothing new, nothing missing
    assert again.status == "completed"
    assert len(crawl.documents()) == 8
