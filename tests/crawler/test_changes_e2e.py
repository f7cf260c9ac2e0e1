"""End to end on the replica web: each state change yields exactly the changes the replica says it
made (kinds, URLs, relevance, passages), and crawling the same state twice yields none."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from monitor.changelist import list_changes
from monitor.config import load_sources
from store.models import Change


def changes_of_run(crawl, web, report) -> list[dict]:
    """The changes one crawl detected, as `icswatch changes --json` gives them."""
    archive = crawl.archive()
    with archive.session() as session:
        ids = set(session.scalars(select(Change.id).where(Change.run_id == report.run_id)))
    day = timedelta(days=1)
    found = list_changes(archive, load_sources(web.sources_path), datetime.now(UTC) - day, datetime.now(UTC) + day)
    archive.close()
    return [c.to_json() for c in found if c.change_id in ids]


def plan_truth(web, before: str, after: str) -> list[dict]:
    return [t for t in web.changes(before, after) if t["doc_type"] != "other"]


def key(change: dict) -> tuple:
    return change["system_id"], change["change"] if "change" in change else change["kind"], change["url"]


def test_each_state_change_yields_exactly_the_intended_changes(replica_web, crawl):
    web = replica_web(state="v1")
    first = crawl(web.sources_path)
    baseline = changes_of_run(crawl, web, first)
    assert baseline and all(c["change"] == "new_document" and c["baseline"] and not c["excerpts"] for c in baseline)
    assert len(baseline) == len([d for d in web.expected() if d.doc_type != "other"])

    again = crawl(web.sources_path)
    assert changes_of_run(crawl, web, again) == []  # the same state twice: no change

    for before, after in (("v1", "v2"), ("v2", "v3")):
        web.switch(after)
        report = crawl(web.sources_path)
        found = {key(c): c for c in changes_of_run(crawl, web, report)}
        truth = {key(t): t for t in plan_truth(web, before, after)}
        assert set(found) == set(truth), f"{before}->{after}"
        for k, t in truth.items():
            change = found[k]
            assert change["relevant"] == t["relevant"], k
            if t["kind"] in ("new_version", "moved"):
                assert change["previous_url"] == t["previous_url"], k
            for edit in t["edits"]:
                side = edit["after"] or edit["before"]
                holders = [e for e in change["excerpts"] if side in (e["after"] or e["before"])]
                if change["change"] == "new_document" and not edit["relevant"]:
                    continue  # a new document quotes only its commitments to children
                assert holders, f"{k}: edit not reported: {side[:60]}"
                assert any(e["relevant"] == edit["relevant"] for e in holders), f"{k}: {side[:60]}"


def test_weakened_commitments_are_flagged_with_their_reasons(replica_web, crawl):
    web = replica_web("severn", state="v1")
    crawl(web.sources_path)
    web.switch("v2")
    report = crawl(web.sources_path)
    [jfp] = [c for c in changes_of_run(crawl, web, report) if c["doc_type"] == "joint_forward_plan"]
    assert jfp["weakened"] and {"mental_health", "early_years_maternity"} <= set(jfp["tags"])
    reasons = [r for e in jfp["excerpts"] if e["relevant"] for r in e["reasons"]]
    assert "weakened: 'will' became 'aim'" in reasons
    assert "weakened: date moved later (March 2026 -> March 2027)" in reasons
    hip = [e for e in jfp["excerpts"] if "hip and knee" in e["after"]]
    assert hip and not hip[0]["relevant"] and any("adult" in r or "not about children" in r for r in hip[0]["reasons"])
    assert all(e["page"] for e in jfp["excerpts"])


def test_history_says_which_document_replaced_a_missing_one(replica_web, crawl, tmp_path):
    from click.testing import CliRunner

    from monitor.cli import cli

    web = replica_web("severn", state="v1")
    crawl(web.sources_path)
    web.switch("v2")
    crawl(web.sources_path)
    args = ["--data-dir", str(crawl.data_dir), "--db", crawl.db_url, "--sources", str(web.sources_path)]
    listing = CliRunner().invoke(cli, [*args, "history", "severn"]).output
    old = next(line for line in listing.splitlines() if "Strategy 2023" in line)
    new_id = next(line for line in listing.splitlines() if "Strategy 2025 refresh" in line).split()[0]
    assert f"REPLACED by {new_id}" in old


def test_every_version_s_commitments_are_read_on_the_first_crawl_too(replica_web, crawl):
    from click.testing import CliRunner

    from monitor.cli import cli
    from store.commitments import commitments_of
    from store.models import Document, Version

    web = replica_web("severn", state="v1")
    report = crawl(web.sources_path)
    archive = crawl.archive()
    with archive.session() as session:
        plans = session.scalars(select(Version).join(Document).where(
            Document.doc_type != "other", Version.extract_outcome == "ok")).all()
        read = {v.url.rsplit("/", 1)[-1]: commitments_of(session, v.id) for v in plans}
        jfp = next(v.id for v in plans if "Joint" in v.url)
    archive.close()
    assert plans and all(read.values()), {url: len(found) for url, found in read.items()}
    assert all(c.relevant and c.after and c.reasons for found in read.values() for c in found)
    baseline = changes_of_run(crawl, web, report)
    assert baseline and all(c["baseline"] and not c["excerpts"] for c in baseline)  # the digest stays brief
    shown = CliRunner().invoke(cli, ["--data-dir", str(crawl.data_dir), "--db", crawl.db_url,
                                     "--sources", str(web.sources_path), "commitments", jfp])
    assert shown.exit_code == 0, shown.output
    assert "commitments to children" in shown.output and "themes:" in shown.output
