"""Benchmark: the HPIG scorecard of 42 systems' current editions, a strategy and a Joint Forward Plan each
(84 plans of about 80 pages, generated into the archive directly: stored text and stored commitments, as a
crawl leaves them), on SQLite. Prints the time to rate every plan on every indicator, reading the stored
text (nothing is extracted again), and the national summary's size.

    .venv/bin/python benchmarks/bench_scorecard.py [--systems 42] [--pages 80] [--web]

With --web, also the archive browser's national page (`/scorecard`): the first request computes the
scorecard, the second is answered from the one the app keeps.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from monitor.changes import commitments_in  # noqa: E402
from monitor.extract import Paragraph, Text  # noqa: E402
from monitor.relevance import load_rules  # noqa: E402
from monitor.scorecard.card import build_scorecard  # noqa: E402
from monitor.scorecard.summary import national_summary  # noqa: E402
from monitor.texts import store_text  # noqa: E402
from store.commitments import record_commitments  # noqa: E402
from store.db import open_archive  # noqa: E402
from store.models import Document, Version  # noqa: E402
from store.vocabulary import DocType, ExtractOutcome  # noqa: E402
from tests.monitor.test_scorecard_cases import plans as labelled_plans  # noqa: E402
from tests.sites.eastmarsh.documents import PLACE as EASTMARSH  # noqa: E402
from tests.sites.plan_prose import plan_sections  # noqa: E402
from tests.sites.prose import strategy_sections  # noqa: E402
from tests.sites.severn.documents import PLACE as SEVERN  # noqa: E402
from tests.sites.wyvern.documents import PLACE as WYVERN  # noqa: E402

PARAGRAPHS_PER_PAGE = 9


def sections_of(doc_type: DocType, rng: random.Random) -> list[tuple[str, str]]:
    """(heading, paragraph) pairs: a replica plan's prose, and the labelled plans' paragraphs of its type."""
    place = rng.choice([SEVERN, EASTMARSH, WYVERN])
    made = plan_sections(place) if doc_type == DocType.JOINT_FORWARD_PLAN else strategy_sections(place)
    pairs = [(s.heading, p) for s in made for p in s.paragraphs]
    for plan in labelled_plans("tuning"):
        if plan["doc_type"] == doc_type:
            pairs += [(p.section or "", p.text) for p in plan["text"].paragraphs if p.kind != "heading"]
    return pairs


def plan_text(doc_type: DocType, pages: int, rng: random.Random) -> Text:
    pool = sections_of(doc_type, rng)
    paragraphs = []
    for page in range(1, pages + 1):
        for heading, text in rng.sample(pool, PARAGRAPHS_PER_PAGE):
            paragraphs.append(Paragraph(text, page, heading))
    return Text(outcome=ExtractOutcome.OK, page_count=pages, paragraphs=paragraphs)


def generate(archive, systems: int, pages: int) -> int:
    """Every system's strategy and JFP, stored as a crawl stores them. Returns the number of pages."""
    rng, rules, now = random.Random(16), load_rules(), datetime.now(UTC) - timedelta(days=1)
    total = 0
    with archive.session() as session:
        for n in range(systems):
            for doc_type in (DocType.STRATEGY, DocType.JOINT_FORWARD_PLAN):
                text = plan_text(doc_type, pages, rng)
                document = Document(system_id=f"system-{n:02d}", doc_type=doc_type, easy_read=False, format="pdf",
                                    title=f"System {n:02d} {doc_type}", url=f"https://s{n}.example/{doc_type}.pdf",
                                    first_seen=now, last_seen=now)
                version = Version(document=document, url=document.url, sha256=f"{n:02d}{doc_type}".ljust(64, "0"),
                                  size=1, first_seen=now, last_seen=now, extract_outcome=ExtractOutcome.OK,
                                  text_sha256=store_text(archive.blobs, text), page_count=pages, title=document.title)
                session.add_all([document, version])
                session.flush()
                record_commitments(session, version, commitments_in(text, rules, limit=None))
                total += pages
            session.commit()
            print(f"  generated system {n + 1}/{systems}", end="\r", file=sys.stderr, flush=True)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--systems", type=int, default=42)
    parser.add_argument("--pages", type=int, default=80)
    parser.add_argument("--web", action="store_true", help="Also time /scorecard twice in the web archive.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        archive = open_archive(f"sqlite:///{tmp}/icswatch.sqlite3", tmp)
        started = time.perf_counter()
        pages = generate(archive, args.systems, args.pages)
        print(f"generated {2 * args.systems} plans, {pages} pages, in {time.perf_counter() - started:.0f} s "
              "(text and commitments stored, as a crawl leaves them)")
        started, cpu = time.perf_counter(), time.process_time()
        card = build_scorecard(archive, datetime.now(UTC))
        summary = national_summary(card)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        if args.web:
            time_web_page(archive, Path(tmp))
        archive.close()
    print(f"scorecard: {len(card.plans)} plans ({pages} pages), {summary.ratings} ratings, national summary of "
          f"{len(summary.shares)} rows, in {elapsed:.1f} s ({1000 * elapsed / len(card.plans):.0f} ms a plan; "
          f"{cpu:.1f} s of CPU: the rest is waiting for a core on a shared machine)")


def time_web_page(archive, folder: Path) -> None:
    from fastapi.testclient import TestClient

    from monitor.settings import Settings
    from monitor.web import Site, create_app

    settings = Settings(data_dir=folder, sources_path=folder / "no-sources.yaml", db_url=str(archive.engine.url))
    site = Site.open(settings, archive)
    client = TestClient(create_app(site))
    for which in ("first", "second"):
        started = time.perf_counter()
        answer = client.get("/scorecard")
        print(f"web /scorecard, {which} request: {answer.status_code}, {len(answer.content) // 1024} KiB, in "
              f"{time.perf_counter() - started:.2f} s ({site.scorecards.computations} computed so far)")


if __name__ == "__main__":
    main()
