"""Crawler traps and budgets, on the replica web: session parameters make one page one URL, a path that
repeats itself is not followed, a robots-disallowed plan link is recorded for the maintainer (not as a
404, not as a failure), and a budget that stopped a site is said in the run report and in status."""

from __future__ import annotations

from click.testing import CliRunner

from monitor.cli import cli
from store.vocabulary import FetchOutcome

from .conftest import sources_with


def test_session_ids_and_repeating_paths_are_not_crawled_as_new_pages(replica_web, crawl, tmp_path):
    web = replica_web("severn")
    links = [f"/publications;jsessionid={i:032X}" for i in range(10)]
    links += [f"/publications?PHPSESSID={i:026x}%26utm_source=newsletter" for i in range(10)]
    links += ["/publications/publications/publications/publications"]
    sources = sources_with(web, tmp_path, "severn", ["/links?" + "&".join(f"to={link}" for link in links)])
    report = crawl(sources, "severn")
    asked = [r.path for r in web.requests if r.host == "severn" and not r.path.startswith("/links?")]
    assert not [p for p in asked if "jsessionid" in p.lower() or "phpsessid" in p.lower() or "utm_" in p]
    assert asked.count("/publications") == 1  # 20 decorated links, one page
    assert not [p for p in asked if p.startswith("/publications/publications/publications")]
    [severn] = report.systems
    assert any("path repeats itself" in note for note in severn.notes)


def test_a_disallowed_plan_link_is_recorded_for_the_maintainer_not_as_a_failure(replica_web, crawl, db_url, tmp_path):
    web = replica_web("eastmarsh")  # its /publications page links a draft JFP under /private/, disallowed
    report = crawl(web.sources_path, "eastmarsh")
    [eastmarsh] = report.systems
    assert eastmarsh.ok, eastmarsh.failures
    [note] = [n for n in eastmarsh.notes if "disallowed by robots.txt" in n]
    assert "/private/Draft%20Joint%20Forward%20Plan%202024" in note and "the site may be asked to allow" in note
    assert not [r for r in web.requests if r.path.startswith("/private/")]
    [row] = [f for f in crawl.fetches(report.run_id) if f.outcome == FetchOutcome.DISALLOWED]
    assert row.status_code is None and "/private/" in row.url

    args = ["--data-dir", str(crawl.data_dir), "--sources", str(web.sources_path), "--db", db_url, "status"]
    status = CliRunner().invoke(cli, args)
    assert status.exit_code == 0, status.output
    text = " ".join(status.output.split())
    assert "Notes for maintainers:" in text and "eastmarsh: http" in text and "disallowed by robots.txt" in text


def test_a_depth_budget_that_stopped_a_site_is_said_in_the_run_report(replica_web, tmp_path, db_url):
    web = replica_web("severn")
    sources = sources_with(web, tmp_path, "severn", ["/"], max_depth=1)
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "data"), "--sources", str(sources),
                                      "--db", db_url, "crawl", "severn"])
    assert result.exit_code in (0, 3), result.output
    text = " ".join(result.output.split())
    assert "Notes for maintainers:" in text
    assert "severn: depth limit 1 reached:" in text and "links deeper were not followed" in text
