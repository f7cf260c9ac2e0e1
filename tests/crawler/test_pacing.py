"""One pace per host for the whole crawl: two systems on one host share its delay and its one request
in flight; a host's Retry-After pauses everyone's requests to it; a host asking for longer than a run
can give is left for the next run while the other systems finish."""

from __future__ import annotations

import yaml

from tests.sites.web import ReplicaWeb


def two_systems_on_one_host(web: ReplicaWeb, tmp_path, first: list[str], second: list[str], **crawl):
    """The replica's severn entry twice: 'severn' and 'severn-partners', both on severn's host."""
    data = yaml.safe_load(web.sources_path.read_text())
    data["crawl"].update(crawl)
    [severn] = [s for s in data["systems"] if s["id"] == "severn"]
    partners = yaml.safe_load(yaml.safe_dump(severn)) | {"id": "severn-partners", "name": "Severn Partners"}
    severn["start_urls"] = [web.url("severn", p) for p in first]
    partners["start_urls"] = [web.url("severn", p) for p in second]
    data["systems"] = [severn, partners]
    path = tmp_path / "shared-host.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def arrivals(web: ReplicaWeb, host: str = "severn") -> list:
    return sorted((r for r in web.requests if r.host == host), key=lambda r: r.time_s)


def test_two_systems_on_one_host_keep_one_delay_between_them(replica_web, crawl, tmp_path):
    web = replica_web("severn")
    pages = [f"/slow?s=0&page={i}" for i in range(3)]
    sources = two_systems_on_one_host(web, tmp_path, pages, [p + "&by=partners" for p in pages], download_delay_s=1.0)
    report = crawl(sources)
    assert report.status == "completed"
    seen = arrivals(web)
    slow = [r.path for r in seen if r.path.startswith("/slow")]
    assert len(slow) == 6 and sum("partners" in p for p in slow) == 3  # both systems were crawled
    gaps = [later.time_s - earlier.time_s for earlier, later in zip(seen, seen[1:], strict=False)]
    assert min(gaps) >= 0.95, f"requests to one host {min(gaps):.2f} s apart, against a 1 s delay"


def test_a_retry_after_pauses_every_request_to_the_host(replica_web, crawl, tmp_path):
    web = replica_web("severn")
    others = [f"/slow?s=0&page={i}" for i in range(6)]
    sources = two_systems_on_one_host(web, tmp_path, ["/retry-after.pdf?s=2"], others, download_delay_s=0.2)
    crawl(sources)
    seen = arrivals(web)
    refusals = [r for r in seen if r.path.startswith("/retry-after.pdf")]
    assert len(refusals) == 3  # the first try and Scrapy's two retries
    for refusal in refusals[:-1]:  # after each 503 the host is left alone for the 2 s it asked for
        during = [r.path for r in seen if refusal.time_s < r.time_s < refusal.time_s + 1.95]
        assert during == [], f"sent to a paused host: {during}"


def test_a_host_asking_for_more_time_than_the_run_has_is_left_for_the_next_run(replica_web, crawl, tmp_path):
    web = replica_web("severn", "eastmarsh")
    data = yaml.safe_load(web.sources_path.read_text())
    [severn] = [s for s in data["systems"] if s["id"] == "severn"]
    severn["start_urls"] = [web.url("severn", "/retry-after.pdf?s=120"), web.url("severn", "/publications")]
    severn.pop("icp", None)
    path = tmp_path / "long-wait.yaml"
    path.write_text(yaml.safe_dump(data))
    report = crawl(path)
    assert report.status == "completed"
    by_id = {s.system_id: s for s in report.systems}
    asked = [r.path for r in arrivals(web) if r.path != "/robots.txt"]
    assert asked.count("/retry-after.pdf?s=120") == 1  # not retried after a 120 s wait
    assert "/publications" not in asked  # the host is left alone for this run
    assert any("asked to come back in 120 s" in f["error"] and "left for the next run" in f["error"]
               for f in by_id["severn"].failures)
    assert by_id["eastmarsh"].ok and by_id["eastmarsh"].documents > 0  # the other system finished
