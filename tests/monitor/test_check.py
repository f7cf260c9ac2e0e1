"""`icswatch sources check` against the replica web: what a maintainer sees when a site is fine, moved,
down, or has a robots.txt that cannot be read."""

from __future__ import annotations

from click.testing import CliRunner

from monitor.check import check_source
from monitor.cli import cli
from monitor.config import load_sources


def check(web, system_id):
    sources = load_sources(web.sources_path)
    return check_source(sources.get(system_id), sources.crawl, timeout_s=5)


def test_a_healthy_system_checks_ok_and_identifies_itself(replica_web):
    web = replica_web("severn")
    results = check(web, "severn")
    assert [(r.ok, r.status, r.verdict) for r in results] == [(True, 200, "ok"), (True, 200, "ok")]
    paths = [(r.host, r.path) for r in web.requests]
    # robots.txt of each host is read before any page of that host
    assert paths.index(("severn", "/robots.txt")) < paths.index(("severn", "/publications"))
    assert paths.index(("severn-icp", "/robots.txt")) < paths.index(("severn-icp", "/our-strategy"))
    assert all(r.user_agent.startswith("ICSWatch/") for r in web.requests)


def test_a_redirected_start_url_says_to_update_the_config(replica_web, tmp_path):
    web = replica_web("eastmarsh")
    moved = tmp_path / "moved.yaml"
    moved.write_text(web.sources_path.read_text().replace("/about-us/joint-forward-plan/", "/about-us/joint-forward-plan"))
    sources = load_sources(moved)
    [_, jfp] = check_source(sources.get("eastmarsh"), sources.crawl, timeout_s=5)
    assert jfp.ok and jfp.verdict == f"redirects to {web.url('eastmarsh', '/about-us/joint-forward-plan/')} (update start_urls)"


def test_a_redirect_loop_is_reported_not_followed_forever(replica_web, tmp_path):
    web = replica_web("eastmarsh")
    looping = tmp_path / "loop.yaml"
    looping.write_text(web.sources_path.read_text().replace("/publications", "/redirect-loop"))
    sources = load_sources(looping)
    [loop, _] = check_source(sources.get("eastmarsh"), sources.crawl, timeout_s=5)
    assert not loop.ok and loop.verdict == "too many redirects"
    assert sum(r.path == "/redirect-loop" for r in web.requests) <= 31


def test_a_site_that_is_down_fails_with_a_reason_and_exit_1(replica_web):
    web = replica_web("northfell", state="v2")
    [result] = check(web, "northfell")
    assert not result.ok and "connection failed" in result.verdict
    cli_result = CliRunner().invoke(cli, ["--sources", str(web.sources_path), "sources", "check", "northfell"])
    assert cli_result.exit_code == 1
    assert "FAIL" in cli_result.output and web.url("northfell", "/our-plans") in cli_result.output


def test_robots_txt_answering_503_means_do_not_fetch(replica_web):
    web = replica_web("northfell", state="v3")
    [result] = check(web, "northfell")
    assert not result.ok and "robots.txt answered 503" in result.verdict
    assert [r.path for r in web.requests if r.host == "northfell"] == ["/robots.txt"]


def test_check_all_covers_every_active_system(replica_web):
    web = replica_web("severn", "eastmarsh")
    result = CliRunner().invoke(cli, ["--sources", str(web.sources_path), "sources", "check", "--all"])
    assert result.exit_code == 0, result.output
    assert "severn: 2/2 ok" in result.output and "eastmarsh: 2/2 ok" in result.output


def test_a_server_trickling_its_answer_is_given_up_at_the_deadline(replica_web, tmp_path):
    """requests' timeout is per read: a byte a second never trips it, and the check used to hang."""
    web = replica_web("eastmarsh")
    trickling = tmp_path / "trickle.yaml"
    trickling.write_text(web.sources_path.read_text().replace("/publications", "/trickle?s=40"))
    sources = load_sources(trickling)
    [slow, fine] = check_source(sources.get("eastmarsh"), sources.crawl, timeout_s=2)
    assert not slow.ok and slow.verdict == "no complete answer within 2 s (the server is too slow)"
    assert fine.ok, fine.verdict  # the next URL is checked as usual
