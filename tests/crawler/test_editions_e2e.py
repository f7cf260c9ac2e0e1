"""Editions end to end on the replica web (Wyvern), on SQLite and PostgreSQL: a refresh listed beside
its previous version, next year's plan beside this year's, the final beside its draft, and a summary
beside the full plan, each compared with the edition before it, as the digest tells a policy officer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from click.testing import CliRunner

from monitor.cli import cli
from monitor.config import load_sources
from monitor.digest import build_digest
from monitor.render import render_text
from store.models import Document
from tests.crawler.test_changes_e2e import changes_of_run, key, plan_truth


def digest_text(crawl, web) -> str:
    archive = crawl.archive()
    now = datetime.now(UTC)
    try:
        return render_text(build_digest(archive, load_sources(web.sources_path), now - timedelta(hours=1),
                                        now + timedelta(hours=1), now))
    finally:
        archive.close()


def test_every_new_edition_is_compared_with_the_edition_before_it(replica_web, crawl):
    web = replica_web("wyvern", state="v1")
    first = crawl(web.sources_path)
    assert all(c["baseline"] for c in changes_of_run(crawl, web, first))
    assert changes_of_run(crawl, web, crawl(web.sources_path)) == []
    for before, after in (("v1", "v2"), ("v2", "v3")):
        web.switch(after)
        found = {key(c): c for c in changes_of_run(crawl, web, crawl(web.sources_path))}
        truth = {key(t): t for t in plan_truth(web, before, after)}
        assert set(found) == set(truth), f"{before}->{after}"
        for k, t in truth.items():
            assert (found[k]["previous_url"], found[k]["relevant"]) == (t["previous_url"], t["relevant"]), k
            for edit in t["edits"]:
                side = edit["after"] or edit["before"]
                holders = [e for e in found[k]["excerpts"] if side in (e["after"] or e["before"])]
                assert holders and holders[0]["relevant"] == edit["relevant"], f"{k}: {side[:50]}"
        assert changes_of_run(crawl, web, crawl(web.sources_path)) == []  # the same state twice: nothing
    documents = {d.url.rstrip("/").rsplit("/", 1)[-1]: d for d in crawl.documents(present_only=False)}
    assert all(d.missing_since is None for d in documents.values())  # old editions stay online: not missing
    labels = {name: d.edition_label for name, d in documents.items()}
    assert labels == {"Wyvern-Integrated-Care-Strategy-2023-2028.pdf": None, "2023-2028": None,
                      "Wyvern-Integrated-Care-Strategy-2025-refresh.pdf": "2025 refresh", "2025-refresh": "2025 refresh",
                      "Wyvern-Joint-Forward-Plan-2023-24.pdf": None,
                      "Wyvern-Joint-Forward-Plan-2024-25-draft.pdf": "2024 edition",
                      "Wyvern-Joint-Forward-Plan-2024-25-final.pdf": "final",
                      "Wyvern-JFP-2023-24-summary.pdf": None, "Wyvern-JFP-2024-25-summary.pdf": "2024 edition"}
    summary = documents["Wyvern-JFP-2024-25-summary.pdf"]
    assert summary.predecessor_id == documents["Wyvern-JFP-2023-24-summary.pdf"].id  # never the full plan's
    # the web editions are the same plans as the PDFs: their identical change was reported once, above
    for web_page, file in (("2023-2028", "Wyvern-Integrated-Care-Strategy-2023-2028.pdf"),
                           ("2025-refresh", "Wyvern-Integrated-Care-Strategy-2025-refresh.pdf")):
        assert documents[web_page].format_of_id == documents[file].id


def test_the_digest_names_the_edition_and_shows_what_changed_for_children(replica_web, crawl):
    web = replica_web("wyvern", state="v1")
    crawl(web.sources_path)
    web.switch("v2")
    crawl(web.sources_path)
    text = digest_text(crawl, web)
    assert "2025 refresh of Wyvern Integrated Care Strategy 2023-2028" in text
    assert "within [-4-] weeks" in text and "within {+6+} weeks" in text
    assert "WEAKENED: a longer wait or timescale (4 -> 6 weeks)" in text
    assert "2024 edition of Wyvern Joint Forward Plan 2023/24" in text
    assert "We will recruit {+12+} more school nurses" in text
    assert "REMOVED OR MOVED" not in text  # the old editions are still online: nothing was removed
    web.switch("v3")
    crawl(web.sources_path)
    text = digest_text(crawl, web)
    assert "final published, compared with the draft (Wyvern Joint Forward Plan 2024/25 (draft))" in text
    assert "We will recruit {+15+} more health visitors" in text
    archive = crawl.archive()
    with archive.session() as session:
        final = session.query(Document).filter(Document.url.endswith("final.pdf")).one()
        assert any("titles differ only by the year or edition" in r for r in final.edition_reasons)
    archive.close()
    history = CliRunner().invoke(cli, ["--data-dir", str(crawl.data_dir), "--db", crawl.db_url,
                                       "--sources", str(web.sources_path), "history", "wyvern"])
    assert history.exit_code == 0, history.output
    lines = history.output.splitlines()
    [old] = [line for line in lines if line.endswith("2023-2028  SUPERSEDED by " + line.split("SUPERSEDED by ")[-1])
             and " pdf " in line]
    assert "(2025 refresh); still online" in old
    assert any(line.strip().startswith("2025 refresh of d-") and "Previous version" in line for line in lines)
    assert any(line.strip().startswith("final of d-") for line in lines)
    assert sum("web edition of d-" in line for line in lines) == 2
