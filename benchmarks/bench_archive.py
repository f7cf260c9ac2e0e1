"""Benchmark: full-text search and export over a generated archive of 2,000 versions (500 documents of
4 versions, 30 paragraphs each: 60,000 passages), on SQLite and, when ICSWATCH_TEST_PG_URL is set, on a
fresh PostgreSQL database. Prints the median and 95th percentile of 20 queries (words, phrases, OR, NOT,
filters, latest version only and all versions) and the time to export CSV, JSON Lines and WARC.

    .venv/bin/python benchmarks/bench_archive.py [--versions 2000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, text  # noqa: E402

from store.db import open_archive  # noqa: E402
from store.export import export_archive  # noqa: E402
from store.models import Document, Passage, Version  # noqa: E402
from store.search import search  # noqa: E402

SYSTEMS = [f"system-{n:02d}" for n in range(42)]
WORDS = ("children young people families services health care mental schools nurses visitors waiting "
         "community hospital primary partnership council plan strategy deliver improve reduce support "
         "access local place neighbourhood teams workforce data digital funding priority inequalities "
         "midwives hubs family autism assessment speech language therapy vaccination dental").split()
QUERIES = [("children", {}), ('"family hub"', {}), ("mental health", {}), ("autism OR speech", {}),
           ("midwives -hospital", {}), ('"waiting times" reduce', {}), ("dental NOT vaccination", {}),
           ("health visitors", {"doc_type": "strategy"}), ("inequalities", {"system_id": "system-07"}),
           ('"open a family hub"', {"all_versions": True}), ("therapy", {"all_versions": True}),
           ("workforce digital", {}), ('"by March 2027"', {}), ("schools OR nurses", {"doc_type": "joint_forward_plan"}),
           ("funding priority", {"since": datetime(2025, 6, 1, tzinfo=UTC)}), ("neighbourhood teams", {}),
           ("assessment", {"all_versions": True}), ("partnership council", {"system_id": "system-30"}),
           ('"young people"', {}), ("language", {})]


def sentence(rng: random.Random) -> str:
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 20)))
    extra = rng.choice(["", " We will open a family hub in every ward.", " Waiting times will fall by March 2027."])
    return f"We will {words} by March {rng.randint(2025, 2029)}.{extra}"


def build(archive, versions: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    with archive.session() as session:
        for d in range(versions // 4):
            system = SYSTEMS[d % len(SYSTEMS)]
            doc_type = ("strategy", "joint_forward_plan", "other")[d % 3]
            url = f"https://{system}.example/plans/doc-{d}.pdf"
            document = Document(system_id=system, doc_type=doc_type, format="pdf", url=url, title=f"Plan {d}",
                                first_seen=start, last_seen=start)
            session.add(document)
            session.flush()
            for n in range(4):
                when = start + timedelta(days=60 * n, minutes=d)
                paragraphs = [{"text": sentence(rng), "page": 1 + p // 5, "section": None, "kind": "text"}
                              for p in range(30)]
                body = ("%PDF-1.7 " + " ".join(p["text"] for p in paragraphs)).encode()
                text_sha = archive.blobs.put(json.dumps({"paragraphs": paragraphs, "outcome": "ok"}).encode())
                version = Version(document=document, url=url, sha256=archive.blobs.put(body), size=len(body),
                                  content_type="application/pdf", first_seen=when, last_seen=when, page_count=6,
                                  text_sha256=text_sha, extract_outcome="ok", title=f"Plan {d}")
                session.add(version)
                session.flush()
                session.add_all(Passage(version_id=version.id, document_id=document.id, system_id=system,
                                        doc_type=doc_type, page=p["page"], text=p["text"]) for p in paragraphs)
            if d % 50 == 0:
                session.commit()
        session.commit()


def bench(name: str, db_url: str, data_dir: Path, versions: int) -> None:
    archive = open_archive(db_url, data_dir)
    began = time.perf_counter()
    build(archive, versions)
    print(f"{name}: built {versions} versions, {versions * 30} passages in {time.perf_counter() - began:.1f} s")
    timings, hits = [], 0
    with archive.session() as session:
        search(session, "children")  # warm the cache
        for query, filters in QUERIES:
            began = time.perf_counter()
            hits += len(search(session, query, **filters))
            timings.append((time.perf_counter() - began) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)]
    print(f"{name}: search, {len(QUERIES)} queries ({hits} hits): median {statistics.median(timings):.1f} ms, "
          f"p95 {p95:.1f} ms, max {timings[-1]:.1f} ms")
    for fmt, suffix in (("csv", "csv"), ("jsonl", "jsonl"), ("warc", "warc.gz")):
        out = data_dir / f"export.{suffix}"
        began = time.perf_counter()
        done = export_archive(archive, fmt, out)
        print(f"{name}: export {fmt}: {done.versions} versions in {time.perf_counter() - began:.2f} s "
              f"({out.stat().st_size / 1e6:.1f} MB)")
    archive.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench("sqlite", f"sqlite:///{tmp}/sqlite/icswatch.sqlite3", Path(tmp) / "sqlite", args.versions)
        admin_url = os.environ.get("ICSWATCH_TEST_PG_URL")
        if not admin_url:
            print("postgresql: skipped (set ICSWATCH_TEST_PG_URL)")
            return
        name = f"icswatch_bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            bench("postgresql", admin_url.rsplit("/", 1)[0] + f"/{name}", Path(tmp) / "pg", args.versions)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


if __name__ == "__main__":
    main()
