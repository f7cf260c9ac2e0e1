"""Internal addresses are never fetched: a listed host whose name resolves to loopback (a hijacked or
misconfigured DNS entry, or a metadata name), an address written in another spelling, and a sources file
that names one. Only the addresses a test opts in to (`crawl.allow_private_addresses`) are reachable."""

from __future__ import annotations

import asyncio
import socket

import pytest
import yaml
from click.testing import CliRunner
from scrapy import Request

from crawler.addressguard import AddressGuardMiddleware, BlockedAddress
from monitor.check import check_source
from monitor.cli import cli
from monitor.config import load_sources
from monitor.netguard import literal_address
from tests.loopback import loopback_site

PLANS_PAGE = {"/plans": (b"<html><body><a href='/plan.pdf'>Joint Forward Plan</a></body></html>", "text/html")}


@pytest.fixture
def internal_server():
    """A web server on 127.0.0.1, which no test opts in to, reached through this machine's own name."""
    name = socket.gethostname()
    resolved = {info[4][0] for info in socket.getaddrinfo(name, None)}
    assert "127.0.0.1" in resolved, f"this test needs {name!r} to resolve to 127.0.0.1 (it is {resolved})"
    with loopback_site("127.0.0.1", PLANS_PAGE) as site:
        yield f"http://{name}:{site.port}", site


def sources_pointing_at(web, tmp_path, url: str):
    data = yaml.safe_load(web.sources_path.read_text())
    [system] = [s for s in data["systems"] if s["id"] == "severn"]
    system["start_urls"] = [f"{url}/plans"]
    system["allowed_hosts"] = [url.split("//")[1].split(":")[0]]
    system.pop("icp", None)
    system["icb"].pop("website", None)
    system["icb"].pop("other_websites", None)
    path = tmp_path / "internal.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_a_listed_host_that_resolves_to_loopback_is_not_fetched(replica_web, crawl, tmp_path, internal_server):
    url, server = internal_server
    web = replica_web("severn")
    sources = sources_pointing_at(web, tmp_path, url)
    assert load_sources(sources)  # a host name: validation cannot know where it points
    report = crawl(sources, "severn")
    [severn] = report.systems
    assert server.seen == []  # not robots.txt, not the page: nothing reached the internal server
    assert severn.failures and all("127.0.0.1 is a loopback address" in f["error"] for f in severn.failures)
    assert "internal addresses are never fetched" in severn.failures[0]["error"]


def test_sources_check_refuses_a_host_that_resolves_to_loopback(replica_web, tmp_path, internal_server):
    url, server = internal_server
    web = replica_web("severn")
    sources = load_sources(sources_pointing_at(web, tmp_path, url))
    [result] = check_source(sources.get("severn"), sources.crawl, timeout_s=5)
    assert not result.ok and result.verdict.startswith(f"blocked: {socket.gethostname()} resolves to 127.0.0.1")
    assert server.seen == []


@pytest.mark.parametrize("host", ["127.0.0.1", "2130706433", "0177.0.0.1", "0x7f.1", "[::ffff:127.0.0.1]",
                                  "10.0.0.1", "169.254.169.254", "[::1]", "metadata.google.internal", "localhost"])
def test_every_spelling_of_an_internal_address_is_refused_before_anything_is_sent(host):
    guard = AddressGuardMiddleware([])
    with pytest.raises(BlockedAddress, match="internal addresses are never fetched"):
        asyncio.run(guard.process_request(Request(f"http://{host}/plan.pdf")))


def test_only_the_addresses_a_test_opts_in_to_are_allowed():
    guard = AddressGuardMiddleware(["127.0.0.11"])
    assert asyncio.run(guard.process_request(Request("http://127.0.0.11:8000/plan.pdf"))) is None
    with pytest.raises(BlockedAddress):
        asyncio.run(guard.process_request(Request("http://127.0.0.12:8000/plan.pdf")))
    assert str(literal_address("0x7f.1")) == "127.0.0.1"


BAD = """\
systems:
  - id: test-one
    name: Test One
    region: London
    icb: {name: NHS Test ICB, website: "http://169.254.169.254/"}
    start_urls:
      - http://10.0.0.5/plans
      - http://2130706433/plans
      - https://www.example.org/plans
"""


def test_sources_validate_refuses_internal_addresses_with_file_and_line(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text(BAD)
    result = CliRunner().invoke(cli, ["--sources", str(path), "sources", "validate"])
    assert result.exit_code == 2
    advice = "internal addresses are never fetched; list a test site's address under crawl.allow_private_addresses"
    lines = [line for line in result.output.splitlines() if "system 'test-one'" in line]
    assert [line.split(": ", 1)[0].rsplit(":", 1)[1] for line in lines] == ["2", "7", "8"]
    assert lines[0].endswith(f"169.254.169.254 is a link-local address: {advice}")
    assert lines[1].endswith(f"10.0.0.5 is a private address: {advice}")
    assert lines[2].endswith(f"2130706433 (127.0.0.1 is a loopback address): {advice}")
    allowed = tmp_path / "allowed.yaml"
    allowed.write_text("crawl:\n  allow_private_addresses: [10.0.0.0/24, 169.254.169.254, 127.0.0.1]\n" + BAD)
    assert CliRunner().invoke(cli, ["--sources", str(allowed), "sources", "validate"]).exit_code == 0
