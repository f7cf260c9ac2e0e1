"""Benchmark: the web archive (`icswatch serve`) under 20 concurrent readers, over a generated archive of
2,000 versions (the 42 systems of the shipped sources file, 500 documents of 4 versions, 30 paragraphs
each, a change per new version with relevant and weakened passages), written directly into the store,
not crawled. The server runs as `icswatch serve` in its own process (uvicorn, one worker); 20 reader
threads each fetch a mix of every page and API route. Prints the median and 95th percentile latency of
each route and overall, and the requests per second, on SQLite and, when ICSWATCH_TEST_PG_URL is set,
on a fresh PostgreSQL database.

    .venv/bin/python benchmarks/bench_serve.py [--versions 2000] [--readers 20] [--rounds 6]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from monitor.config import load_sources  # noqa: E402
from monitor.resources import shipped  # noqa: E402
from store.db import open_archive  # noqa: E402
from store.models import Change, Document, Passage, Run, Version  # noqa: E402
from store.vocabulary import ChangeKind, DocType, ExtractOutcome, Format, RunStatus  # noqa: E402

WORDS = ("children young people families services health care mental schools nurses visitors waiting "
         "community hospital primary partnership council plan deliver improve reduce support access local "
         "place neighbourhood teams workforce data digital funding priority inequalities midwives hubs family "
         "autism assessment speech language therapy vaccination dental").split()
THEMES = ["population_health", "workforce", "integration", "inequalities", "co_production"]
TYPES = (DocType.STRATEGY, DocType.JOINT_FORWARD_PLAN, DocType.OTHER)


def sentence(rng: random.Random) -> str:
    return f"We will {' '.join(rng.choice(WORDS) for _ in range(rng.randint(10, 20)))} by March {rng.randint(2025, 2029)}."


def build(archive, sources_path: Path, versions: int, seed: int = 1) -> dict:
    """Write the archive; return ids to read (documents, version pairs, systems)."""
    rng = random.Random(seed)
    systems = [s.id for s in load_sources(sources_path).systems if s.is_active]
    start = datetime(2025, 1, 1, tzinfo=UTC)
    ids = {"documents": [], "pairs": [], "systems": systems}
    with archive.session() as session:
        run = Run(started_at=start, finished_at=start + timedelta(hours=1), status=RunStatus.COMPLETED,
                  report={"systems": [{"system_id": s, "failures": []} for s in systems]})
        session.add(run)
        for d in range(versions // 4):
            system, doc_type = systems[d % len(systems)], TYPES[d % 3]
            url = f"https://{system}.example/plans/doc-{d}.pdf"
            document = Document(system_id=system, doc_type=doc_type, easy_read=d % 7 == 0, format=Format.PDF,
                                url=url, title=f"{system} plan {d}", first_seen=start, last_seen=start)
            session.add(document)
            session.flush()
            ids["documents"].append(document.id)
            paragraphs = [{"text": sentence(rng), "page": 1 + p // 5, "section": "Children and young people"}
                          for p in range(30)]
            previous = None
            for n in range(4):
                when = start + timedelta(days=60 * n, minutes=d)
                if n:
                    p = rng.randrange(30)
                    paragraphs[p] = dict(paragraphs[p], text=paragraphs[p]["text"].replace("We will", "We aim to"))
                body = ("%PDF-1.7 " + " ".join(p["text"] for p in paragraphs)).encode()
                text_sha = archive.blobs.put(json.dumps({"paragraphs": paragraphs, "outcome": "ok"}).encode())
                version = Version(document=document, url=url, sha256=archive.blobs.put(body), size=len(body),
                                  content_type="application/pdf", first_seen=when, last_seen=when, page_count=6,
                                  text_sha256=text_sha, extract_outcome=ExtractOutcome.OK, title=document.title,
                                  run_id=run.id)
                session.add(version)
                session.flush()
                session.add_all(Passage(version_id=version.id, document_id=document.id, system_id=system,
                                        doc_type=doc_type, page=q["page"], text=q["text"]) for q in paragraphs)
                themes = rng.sample(THEMES, 2)
                excerpt = {"before": "We will open a family hub.", "after": "We aim to open a family hub.",
                           "page": 2, "section": "Children and young people", "relevant": True,
                           "themes": themes, "weakened": True, "reasons": ["weakened: 'will' became 'aim'"],
                           "words": [["=", "We "], ["-", "will"], ["+", "aim to"], ["=", " open a family hub."]]}
                session.add(Change(run_id=run.id, system_id=system, document_id=document.id, version_id=version.id,
                                   previous_version_id=previous.id if previous else None, url=url,
                                   kind=ChangeKind.NEW_VERSION if n else ChangeKind.NEW_DOCUMENT,
                                   detected_at=when, baseline=not n, relevant=bool(n), weakened=bool(n),
                                   themes=themes if n else [], excerpts=[excerpt] if n else []))
                if previous is not None:
                    ids["pairs"].append((previous.id, version.id))
                previous = version
            if d % 50 == 0:
                session.commit()
        session.commit()
    return ids


def routes(ids: dict, rng: random.Random) -> list[tuple[str, str]]:
    """One reader's round: (route name, path) for every page and API route."""
    a, b = rng.choice(ids["pairs"])
    document, system = rng.choice(ids["documents"]), rng.choice(ids["systems"])
    return [("coverage /", "/"), ("system", f"/systems/{system}"), ("document", f"/documents/{document}"),
            ("version", f"/versions/{b}"), ("compare", f"/compare/{a}/{b}"), ("changes", "/changes"),
            ("changes filtered", f"/changes?relevant=true&theme={rng.choice(THEMES)}&region=London"),
            ("search", f"/search?q={rng.choice(WORDS)}+{rng.choice(WORDS)}"), ("feed", "/feed.atom"),
            ("api systems", "/api/systems"), ("api changes", "/api/changes?limit=50"),
            ("api search", f"/api/search?q={rng.choice(WORDS)}"), ("api version", f"/api/versions/{a}"),
            ("api document", f"/api/documents/{document}"), ("coverage.csv", "/coverage.csv")]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def bench(name: str, db_url: str, data_dir: Path, versions: int, readers: int, rounds: int) -> None:
    sources = Path(shipped("config")) / "ics_sources.yaml"
    archive = open_archive(db_url, data_dir)
    began = time.perf_counter()
    ids = build(archive, sources, versions)
    archive.close()
    print(f"{name}: built {versions} versions of {len(ids['documents'])} documents in {time.perf_counter() - began:.1f} s")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "monitor", "--data-dir", str(data_dir), "--db", db_url,
                               "--sources", str(sources), "serve", "--port", str(port)],
                              stderr=subprocess.DEVNULL, env=os.environ | {"PYTHONPATH": str(ROOT)})
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                requests.get(base + "/site.css", timeout=2)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        for path in ("/", "/changes", "/search?q=children"):  # warm up
            requests.get(base + path, timeout=60)
        timings: dict[str, list[float]] = defaultdict(list)
        errors: list[str] = []
        lock = threading.Lock()

        def reader(seed: int) -> None:
            rng, session = random.Random(seed), requests.Session()
            for _ in range(rounds):
                for route, path in rng.sample(routes(ids, rng), k=len(routes(ids, rng))):
                    start = time.perf_counter()
                    try:
                        status = session.get(base + path, timeout=120).status_code
                    except requests.ConnectionError:
                        status, session = "reset", requests.Session()
                    elapsed = (time.perf_counter() - start) * 1000
                    with lock:
                        timings[route].append(elapsed)
                        if status != 200:
                            errors.append(f"{status} {path}")

        threads = [threading.Thread(target=reader, args=(n,)) for n in range(readers)]
        began = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - began
    finally:
        server.terminate()
        server.wait(20)
    every = sorted(x for values in timings.values() for x in values)
    print(f"{name}: {readers} concurrent readers, {len(every)} requests in {wall:.1f} s "
          f"({len(every) / wall:.0f} requests/s), {len(errors)} not 200{': ' + ', '.join(errors[:5]) if errors else ''}")
    print(f"{name}: {'route':<18} {'median ms':>10} {'p95 ms':>10}")
    for route, values in sorted(timings.items()):
        print(f"{name}: {route:<18} {statistics.median(values):>10.0f} {p95(values):>10.0f}")
    print(f"{name}: {'all':<18} {statistics.median(every):>10.0f} {p95(every):>10.0f}")


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, default=2000)
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=6, help="Rounds of every route per reader.")
    args = parser.parse_args()
    print(f"load before: {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        bench("sqlite", f"sqlite:///{tmp}/sqlite/icswatch.sqlite3", Path(tmp) / "sqlite", args.versions,
              args.readers, args.rounds)
        admin_url = os.environ.get("ICSWATCH_TEST_PG_URL")
        if not admin_url:
            print("postgresql: skipped (set ICSWATCH_TEST_PG_URL)")
            return
        name = f"icswatch_bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            bench("postgresql", admin_url.rsplit("/", 1)[0] + f"/{name}", Path(tmp) / "pg", args.versions,
                  args.readers, args.rounds)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    print(f"load after: {os.getloadavg()[0]:.2f} (1 min)")


if __name__ == "__main__":
    main()
