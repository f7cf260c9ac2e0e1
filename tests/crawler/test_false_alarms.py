"""Change tracking that never cries wolf and never misses behind an error page (issue 19), on the Marsden
replica (tests/sites/marsden): soft 404s in three shapes, a night's outage, a plan gone for good, a
redesign, one plan behind two links, and a scanned refresh. The clock is moved, never slept on: each
crawl is run "days later" through `run_crawl(now=...)`, which is the clock removals are judged by."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from monitor.config import load_sources
from monitor.crawl import run_crawl
from monitor.digest import build_digest
from monitor.render import render_text
from monitor.settings import Settings
from store.models import Change, Document, Fetch
from store.search import search
from tests.sites.marsden import JFP, JFP_DOWNLOAD, JFP_EASY, STRATEGY, STRATEGY_EASY
from tests.sites.marsden import documents as docs

START = datetime.now(UTC).replace(microsecond=0)  # the crawler child stamps fetches with the real clock


class Days:
    """Crawls of one replica web into one archive, each at START plus a number of days."""

    def __init__(self, web, crawl, sources=None):
        self.web, self.crawl, self.sources = web, crawl, sources or web.sources_path

    def at(self, day: float, state: str | None = None):
        if state:
            self.web.switch(state)
        settings = Settings(data_dir=self.crawl.data_dir, sources_path=self.sources, db_url=self.crawl.db_url)
        when = START + timedelta(days=day)
        return run_crawl(settings, now=lambda: when)

    def url(self, path: str) -> str:
        return self.web.url("marsden", path)

    @property
    def jfp_urls(self) -> set[str]:
        """The plan's two links ("View", "Download"): the document is at whichever was fetched first."""
        return {self.url(JFP), self.url(JFP_DOWNLOAD)}

    def jfp(self) -> Document:
        [found] = [d for d in self.crawl.documents(present_only=False) if d.url in self.jfp_urls]
        return found

    def changes(self, report=None) -> list[Change]:
        archive = self.crawl.archive()
        with archive.session() as session:
            query = select(Change).order_by(Change.detected_at, Change.id)
            if report is not None:
                query = query.where(Change.run_id == report.run_id)
            found = list(session.scalars(query).all())
        archive.close()
        return found

    def versions(self) -> dict[str, int]:
        """Version rows per document, by the document's URL path (the plan's two links as one)."""
        return {d.url.split("/", 3)[-1].split("?")[0]: len(d.versions)
                for d in self.crawl.documents(present_only=False)}

    def digest(self, until_day: float = 60):
        archive = self.crawl.archive()
        digest = build_digest(archive, load_sources(self.sources), START - timedelta(days=1),
                              START + timedelta(days=until_day), START + timedelta(days=until_day))
        archive.close()
        return digest

    def report_of(self, report):
        [system] = report.systems
        return system


def paths(urls) -> set[str]:
    return {"/" + u.split("/", 3)[-1].split("?")[0] for u in urls}


ALL_FIVE = {JFP, JFP_EASY, STRATEGY, STRATEGY_EASY, "/our-strategy/"}


def test_soft_404s_are_failed_fetches_and_the_real_plan_is_compared_when_it_returns(replica_web, crawl):
    web = replica_web("marsden", state="base")
    days = Days(web, crawl)
    days.at(0)
    before = days.versions()
    assert paths(d.url for d in crawl.documents()) == ALL_FIVE

    broken = days.at(1, "soft404")
    assert days.changes(broken) == []  # no new version, no "moved" to the error page, no removal
    assert days.versions() == before
    failures = {f["url"].split("/", 3)[-1]: f["error"] for f in days.report_of(broken).failures}
    assert failures[JFP[1:]].startswith("the server sent an HTML page, not the PDF")
    assert failures[STRATEGY[1:]].startswith("redirected to an error page")
    assert failures[STRATEGY_EASY[1:]].startswith("redirected to the site's home page")
    outcomes = {f.url.split("/", 3)[-1]: f.outcome for f in crawl.fetches(broken.run_id)}
    assert {outcomes[p[1:]] for p in (JFP, JFP_DOWNLOAD, STRATEGY, STRATEGY_EASY)} == {"error_page"}
    assert paths(d.url for d in crawl.documents(present_only=False)) == ALL_FIVE  # no document at an error page

    back = days.at(2, "refresh")
    [change] = days.changes(back)  # the real plan came back, refreshed: compared with the real plan
    assert change.kind == "new_version" and {change.url, change.previous_url} <= days.jfp_urls
    assert change.relevant and change.note is None
    assert any("March 2027" in e["after"] and "March 2026" in e["before"] for e in change.excerpts if e["relevant"])
    assert days.versions()[JFP[1:]] == 2
    digest = days.digest()
    assert [c.url for r in digest.relevant for s in r.systems for c in s.changes] == [change.url]
    assert digest.removed_or_moved == [] and digest.new_documents == []
    said = {f.url.split("/", 3)[-1]: f.error for f in digest.failures}  # maintainers still see what failed
    assert said[STRATEGY[1:]].startswith("redirected to an error page")


def test_one_bad_night_then_recovery_is_no_change_at_all(replica_web, crawl):
    web = replica_web("marsden", state="base")
    days = Days(web, crawl)
    days.at(0)
    before = days.versions()
    night = days.at(1, "outage")
    system = days.report_of(night)
    assert {f["url"].split("/", 3)[-1] for f in system.failures} >= {JFP[1:], STRATEGY[1:]}
    assert paths(d["url"] for d in system.not_seen) == {JFP, STRATEGY}  # for maintainers: not seen since today
    assert all(d["crawls"] == 1 for d in system.not_seen)
    morning = days.at(2, "base")
    assert days.changes(night) == [] and days.changes(morning) == []
    assert days.versions() == before
    assert days.report_of(morning).not_seen == [] and all(d.missing_since is None for d in crawl.documents(False))
    digest = days.digest()
    assert digest.removed_or_moved == [] and digest.relevant == [] and digest.other == []


def test_a_plan_gone_for_good_is_removed_once_after_three_crawls_and_fourteen_days(replica_web, crawl):
    web = replica_web("marsden", state="base")
    days = Days(web, crawl)
    days.at(0)
    kinds = {}
    for day in (1, 2, 10, 16, 17):  # the third complete crawl without it is on day 10: too soon
        report = days.at(day, "gone")
        kinds[day] = [c.kind for c in days.changes(report)]
        if day < 16:
            [missing] = days.report_of(report).not_seen
            assert missing["url"] == days.url(JFP_EASY) and missing["since"].startswith(f"{START + timedelta(days=1):%Y-%m-%d}")
    assert kinds == {1: [], 2: [], 10: [], 16: ["removed"], 17: []}
    [removed] = [c for c in days.changes() if c.kind == "removed"]
    assert removed.url == days.url(JFP_EASY) and "not found in 4 complete crawls" in removed.note
    assert days.versions()[JFP_EASY[1:]] == 1  # marked, never deleted
    digest = days.digest()
    assert [(c.kind, c.url) for c in digest.removed_or_moved] == [("removed", days.url(JFP_EASY))]
    assert "not seen since" not in render_text(digest).lower()


def test_a_redesign_is_one_site_changed_line_and_no_notice_per_document(replica_web, crawl):
    web = replica_web("marsden", state="base")
    days = Days(web, crawl)
    days.at(0)
    for day in (1, 8, 20, 30):
        days.at(day, "redesign")
    assert [c for c in days.changes() if not c.baseline] == []  # no removal, however long
    digest = days.digest()
    assert digest.removed_or_moved == []
    [line] = digest.failures
    assert line.error.startswith("needs attention: site changed: 4 documents no longer found")
    assert line.count == 4 and line.url == days.url("/our-plans")
    text = render_text(digest)
    assert text.count("site changed") == 1 and "REMOVED" not in text
    missing = {d.url for d in crawl.documents(present_only=False) if d.missing_since is not None}
    assert paths(missing) == ALL_FIVE - {JFP}


def test_a_plan_linked_as_view_and_download_is_one_document_with_one_version(replica_web, crawl):
    web = replica_web("marsden", state="base")
    days = Days(web, crawl)
    first = days.at(0)
    for day in (1, 2):
        assert days.changes(days.at(day)) == []  # no "moved" between the two links, ever
    [jfp] = [d for d in crawl.documents() if d.doc_type == "joint_forward_plan" and not d.easy_read]
    assert len(jfp.versions) == 1 and jfp.url in days.jfp_urls
    baseline = [c for c in days.changes(first) if c.document_id == jfp.id]
    assert [c.kind for c in baseline] == ["new_document"]
    archive = crawl.archive()
    with archive.session() as session:  # both links were fetched every time, and both are the one version
        rows = session.execute(select(Fetch.url, Fetch.version_id).where(Fetch.url.in_(
            [days.url(JFP), days.url(JFP_DOWNLOAD)]))).all()
    archive.close()
    assert len(rows) >= 4 and {v for _, v in rows} == {jfp.versions[0].id}


def test_a_scanned_refresh_is_said_and_the_next_readable_one_is_compared_with_the_last_readable(replica_web, crawl):
    web = replica_web("marsden", state="base")
    days = Days(web, crawl)
    days.at(0)
    [readable] = days.jfp().versions
    scanned = days.at(1, "scanned")
    [change] = days.changes(scanned)
    assert change.kind == "unreadable" and change.previous_version_id == readable.id and not change.relevant
    assert "could not be read: scanned, no text layer" in change.note
    jfp = days.jfp()
    assert [v.extract_outcome for v in jfp.versions] == ["ok", "no_text_layer"]
    archive = crawl.archive()
    with archive.session() as session:  # the last readable text stays current and searchable
        found = search(session, '"named health contact"', system_id="marsden")
    archive.close()
    hits = [hit for hit in found if hit["document_id"] == jfp.id]
    assert hits and {hit["version_id"] for hit in hits} == {readable.id}
    assert any("March 2026" in hit["text"] for hit in hits)
    text = render_text(days.digest())
    assert "PUBLISHED BUT COULD NOT BE READ" in text and "could not be read: scanned, no text layer" in text

    refreshed = days.at(2, "refresh")
    [change] = days.changes(refreshed)
    assert change.kind == "new_version" and change.previous_version_id == readable.id and change.relevant
    assert any(e["after"] == docs.EHCP_2026 or "March 2027" in e["after"] for e in change.excerpts if e["relevant"])
    archive = crawl.archive()
    with archive.session() as session:
        assert session.get(Document, jfp.id).missing_since is None and len(session.get(Document, jfp.id).versions) == 3
    archive.close()


def with_ignore(web, tmp_path, **rules) -> Path:
    """The replica's sources file with ignore rules for Marsden."""
    data = yaml.safe_load(web.sources_path.read_text())
    next(s for s in data["systems"] if s["id"] == "marsden")["ignore"] = rules
    path = tmp_path / "sources-ignore.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


@pytest.mark.parametrize("rules", [None, {"selectors": [".page-generated"]},
                                   {"patterns": [r"Page generated \d{1,2} \w+ \d{4} \d{2}:\d{2}"]}],
                         ids=["no rule", "selector", "pattern"])
def test_noise_inside_main_is_a_change_only_without_an_ignore_rule(replica_web, crawl, tmp_path, rules):
    web = replica_web("marsden", state="base")
    days = Days(web, crawl, with_ignore(web, tmp_path, **rules) if rules else None)
    days.at(0)
    again = days.at(1, "regenerated")
    page = days.url("/our-strategy/")
    [document] = [d for d in crawl.documents() if d.url == page]
    assert len(document.versions) == 2  # the bytes differ: kept as fetched, whatever the rules say
    found = days.changes(again)
    if rules is None:  # the noise a maintainer sees, and the reason for the rule
        [change] = found
        assert (change.kind, change.url, change.relevant) == ("new_version", page, False)
        assert any("02:31" in e["after"] for e in change.excerpts)
    else:
        assert found == []
        assert days.digest().other == []
