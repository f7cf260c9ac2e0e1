"""Benchmark: crawl a generated replica of 42 ICS sites on loopback, then crawl it again unchanged.

Each site (its own address, 127.0.1.1 to 127.0.1.42) has 30 pages and 5 PDF plans. Politeness delays
are zero (one request at a time per host is kept). Prints, side by side for the first crawl, the
no-change recrawl and the same first crawl into a fresh archive with text extraction switched off:
wall time (and how much text extraction took, now mostly while fetching), extractions, requests, bytes sent by the servers,
document bodies transferred, and peak memory of all processes together. Then the same first crawl
as a user runs it, `icswatch crawl` in its own process into a fresh archive, whose processes alone
(the command, the crawler, the extraction workers; not this benchmark's servers) give the peak
memory of a crawl. Targets: the first crawl within 3x of the crawl without extraction; the recrawl
transfers no document body, extracts nothing and takes less than a third of the first crawl's time;
peak memory of `icswatch crawl` under 300 MB.

    .venv/bin/python benchmarks/bench_crawl.py [--sites 42]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import monitor.crawl  # noqa: E402
from benchmarks.memory import PeakMemory  # noqa: E402
from monitor.crawl import run_crawl  # noqa: E402
from monitor.settings import Settings  # noqa: E402
from tests.docgen import Doc, Section, make_pdf  # noqa: E402
from tests.sites.model import HostState, html, pdf, robots  # noqa: E402
from tests.sites.routes import HostContent  # noqa: E402
from tests.sites.server import HostServer, RequestLog  # noqa: E402

PAGES, DOCUMENTS = 30, 5
TITLES = ["Joint Forward Plan 2024 to 2029", "Joint Forward Plan 2025/26 refresh", "Integrated care strategy",
          "Integrated care strategy: easy read version", "Joint Forward Plan summary"]


def page(title: str, body: str) -> bytes:
    return (f"<!doctype html><html><head><title>{title}</title></head><body><nav><a href='/'>Home</a> "
            f"<a href='/publications'>Publications</a></nav><main><h1>{title}</h1>{body}</main>"
            "<footer><p>Page last reviewed: 1 March 2025</p></footer></body></html>").encode()


def plan_pdf(site: int, number: int) -> bytes:
    sentences = [f"We will reduce waits for children's mental health services in area {site} by March 202{number}.",
                 "Health visitors and school nurses will be protected in every place.",
                 "Adults waiting for hip and knee replacements will be seen within 52 weeks."]
    sections = [Section(f"Chapter {c}", [" ".join(sentences) * 2] * 6) for c in range(1, 6)]
    return make_pdf(Doc(f"Site {site}: {TITLES[number]}", sections), header=f"NHS Site {site} ICB")


def site_state(site: int) -> HostState:
    resources = {"/robots.txt": robots("User-agent: *\nDisallow: /search\n")}
    links = "".join(f"<li><a href='/news/{n}'>News item {n}</a></li>" for n in range(1, PAGES - 1))
    resources["/"] = html(page(f"NHS Site {site} ICB", f"<ul>{links}</ul>").decode())
    docs = "".join(f"<li><a href='/media/plan-{d}.pdf'>{TITLES[d]}</a></li>" for d in range(DOCUMENTS))
    resources["/publications"] = html(page("Publications", f"<ul>{docs}</ul>").decode())
    for n in range(1, PAGES - 1):
        resources[f"/news/{n}"] = html(page(f"News item {n}", f"<p>News {n} from site {site}.</p>"
                                            f"<a href='/news/{n % (PAGES - 2) + 1}'>Next</a>").decode())
    for d in range(DOCUMENTS):
        resources[f"/media/plan-{d}.pdf"] = pdf(plan_pdf(site, d))
    return HostState(resources=resources)


def start_sites(count: int, log: RequestLog) -> list[HostServer]:
    published = datetime(2025, 3, 1, tzinfo=UTC)
    servers = []
    for site in range(1, count + 1):
        state = site_state(site)
        server = HostServer(f"site{site}", f"127.0.1.{site}", log)
        server.set_content(HostContent(f"site{site}", state, dict.fromkeys(state.resources, published), published))
        server.start()
        servers.append(server)
    return servers


def write_sources(servers: list[HostServer], path: Path) -> None:
    systems = [{"id": f"site-{i}", "name": f"Site {i}", "region": "London",
                "icb": {"name": f"NHS Site {i} Integrated Care Board", "website": f"http://{s.address}/"},
                "start_urls": [f"http://{s.address}/", f"http://{s.address}/publications"]}
               for i, s in enumerate(servers, 1)]
    crawl = {"download_delay_s": 0, "concurrent_per_host": 1, "max_pages_per_site": 100,
             "allow_private_addresses": [s.address.rsplit(":", 1)[0] for s in servers]}  # the replica sites are on loopback
    path.write_text(yaml.safe_dump({"crawl": crawl, "systems": systems}, sort_keys=False))


def timed_crawl(settings: Settings, log: RequestLog, extract: bool = True) -> dict:
    spent = {"extract_s": 0.0, "extractions": 0}
    real_extract = monitor.crawl.extract_pending

    def measured(*args, **kwargs):
        started = time.perf_counter()
        try:
            done = real_extract(*args, **kwargs) if extract else 0
            spent["extractions"] += done
            return done
        finally:
            spent["extract_s"] += time.perf_counter() - started

    monitor.crawl.extract_pending = measured
    before = len(log.snapshot())
    started = time.perf_counter()
    with PeakMemory() as peak:
        report = run_crawl(settings)
    elapsed = time.perf_counter() - started
    monitor.crawl.extract_pending = real_extract
    requests = log.snapshot()[before:]
    documents = [r for r in requests if r.path.endswith(".pdf")]
    return {"seconds": elapsed, "extract_s": spent["extract_s"], "extractions": spent["extractions"],
            "peak_mb": peak.mb, "crawl_mb": peak.mb - peak.own_mb, "parts": peak.parts, "requests": len(requests),
            "bytes": sum(r.body_bytes for r in requests), "document_bodies": sum(r.body_bytes > 0 for r in documents),
            "document_requests": len(documents), "new_versions": sum(s.new_versions for s in report.systems),
            "failures": sum(len(s.failures) for s in report.systems)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=42)
    count = parser.parse_args().sites
    log = RequestLog()
    print(f"generating {count} sites ({PAGES} pages and {DOCUMENTS} PDFs each)...", flush=True)
    servers = start_sites(count, log)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-crawl-") as tmp:
            sources = Path(tmp) / "sources.yaml"
            write_sources(servers, sources)
            settings = Settings(Path(tmp) / "data", sources, f"sqlite:///{tmp}/data/icswatch.sqlite3")
            first = timed_crawl(settings, log)
            again = timed_crawl(settings, log)
            bare = Settings(Path(tmp) / "bare", sources, f"sqlite:///{tmp}/bare/icswatch.sqlite3")
            without = timed_crawl(bare, log, extract=False)
            command = command_crawl(Path(tmp) / "command", sources)
    finally:
        for server in servers:
            server.stop()
    print_table(first, again, without)
    print_command(command)


def command_crawl(data: Path, sources: Path) -> dict:
    """`icswatch crawl` as a user runs it, with its own processes measured."""
    env = {**os.environ, "ICSWATCH_DATA": str(data), "ICSWATCH_SOURCES": str(sources),
           "ICSWATCH_DB": f"sqlite:///{data}/icswatch.sqlite3", "PYTHONPATH": str(Path(__file__).parent.parent)}
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "monitor", "crawl", "--json"], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    with PeakMemory(root=child.pid) as peak:
        out, _ = child.communicate()
    try:  # a crawl that failed still has its figures printed, beside the three crawls above
        versions = sum(s["new_versions"] for s in json.loads(out)["systems"])
    except (ValueError, KeyError, TypeError):
        versions = "no report:"
    return {"seconds": time.perf_counter() - started, "returncode": child.returncode, "peak_mb": peak.mb,
            "pss_mb": peak.pss_mb, "parts": peak.parts, "new_versions": versions}


def print_table(first: dict, again: dict, without: dict) -> None:
    print(f"{'':22}{'first crawl':>14}{'no-change recrawl':>20}{'without extraction':>20}")
    for key, label in [("seconds", "wall time (s)"), ("extract_s", "  of which text (s)"),
                       ("extractions", "extractions"), ("requests", "requests"), ("bytes", "bytes from servers"),
                       ("document_requests", "document requests"), ("document_bodies", "document bodies"),
                       ("new_versions", "new versions"), ("failures", "failures"), ("peak_mb", "peak MB, all"),
                       ("crawl_mb", "  above the start")]:
        row = [first[key], again[key], without[key]]
        fmt = "{:>14.1f}{:>20.1f}{:>20.1f}" if isinstance(row[0], float) else "{:>14,}{:>20,}{:>20,}"
        print(f"{label:22}" + fmt.format(*row))
    share = first["extract_s"] / first["seconds"]
    print(f"extraction share of the first crawl: {share:.0%}; first crawl / crawl without extraction: "
          f"{first['seconds'] / without['seconds']:.1f}x (target <= 3x)")
    print(f"recrawl / first crawl: {again['seconds'] / first['seconds']:.2f} (target < 0.33); on the recrawl "
          f"document bodies {again['document_bodies']}, extractions {again['extractions']} (target 0 and 0); "
          f"peak memory {first['peak_mb']:.0f} MB, {first['crawl_mb']:.0f} MB above the benchmark's own "
          f"{first['peak_mb'] - first['crawl_mb']:.0f} MB (target < 300)")
    for name, run in (("first crawl", first), ("without extraction", without)):
        print(f"at the {name}'s peak: " + ", ".join(f"{what} {mb:.0f} MB" for what, mb in run["parts"]))


def print_command(run: dict) -> None:
    print(f"icswatch crawl, a first crawl in its own process: {run['seconds']:.1f} s, exit {run['returncode']}, "
          f"{run['new_versions']} new versions; peak memory across its processes (target < 300 MB): "
          f"{run['peak_mb']:.0f} MB resident, summed (" + ", ".join(f"{what} {mb:.0f}" for what, mb in run["parts"])
          + f"); {run['pss_mb']:.0f} MB proportional (each shared page counted once)")


if __name__ == "__main__":
    main()
