"""Benchmark: pages per second and peak memory of PDF extraction through the whole guarded path.

Generates designed plans of 10, 50 and 150 pages (two columns drawn in shuffled order, so reading
order has to be worked out, with a running header and footer), then extracts each in a fresh process,
three times, with the PDFium fast path on (the default) and off (pdfminer.six for every page).
Prints, per plan and mode: median seconds, pages per second, whether every paragraph came out in
reading order, pages read by each route, and peak memory (the calling process, the largest child,
and their sum with every worker at that peak). Run: .venv/bin/python benchmarks/bench_extract.py
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = (10, 50, 150)
RUNS = 3
HEADER = "NHS Example Integrated Care Board - Joint Forward Plan 2025 to 2030"


def plan_of(pages: int):
    """A generated plan that lays out to exactly `pages` two-column pages (the flow is greedy, so a
    prefix of the plan lays out as a prefix of its layout)."""
    from tests.docgen import MARGIN, PAGE_H, Doc, Section, _layout, plan_doc

    full = plan_doc(sections=pages + 5, paragraphs=8, seed=pages)
    placed = iter(_layout(full, 2, False, top=PAGE_H - MARGIN - 20, bottom=MARGIN + 24)[1:])  # after the title
    sections: list = []
    for section in full.sections:
        if next(placed).page > pages:  # the heading
            break
        kept = [p for p in section.paragraphs if next(placed).page <= pages]
        sections.append(Section(section.heading, kept))
        if len(kept) < len(section.paragraphs):
            break
    return Doc(full.title, sections)


def measure(path: str, fast_path: bool) -> dict:
    """Runs in its own process, so its peak memory is the extraction's alone."""
    from monitor.extract import Limits, extract_text
    from tests.docgen import make_pdf, plan_doc

    data = Path(path).read_bytes()
    expected = json.loads(Path(path).with_suffix(".json").read_text())
    extract_text(make_pdf(plan_doc(1, 1)))  # start the fork server outside the timing
    times, text = [], None
    for _ in range(RUNS):
        started = time.perf_counter()
        text = extract_text(data, limits=Limits(fast_path=fast_path))
        times.append(time.perf_counter() - started)
    body = [p.text for p in text.paragraphs if p.kind == "text"]
    return {"outcome": text.outcome, "pages": text.page_count, "seconds": statistics.median(times),
            "in_order": body == expected, "routes": text.stats.get("pages_by_route", {}),
            "workers": text.stats.get("workers", 0), "child_mb": text.stats.get("peak_child_mb", 0.0),
            "parent_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    from tests.docgen import make_pdf

    print(f"PDF extraction, whole guarded path, median of {RUNS} runs, {_cores()} cores")
    print(f"{'pages':>5} {'mode':<10} {'seconds':>8} {'pages/s':>8} {'order':>6} {'routes':<28} "
          f"{'parent MB':>9} {'child MB':>8} {'total MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            doc = plan_of(size)
            path = Path(tmp) / f"plan-{size}.pdf"
            path.write_bytes(make_pdf(doc, columns=2, draw_order="shuffled", header=HEADER, seed=size))
            path.with_suffix(".json").write_text(json.dumps(doc.paragraphs))
            for mode, fast in (("fast path", True), ("pdfminer", False)):
                done = subprocess.run([sys.executable, __file__, "--measure", str(path), str(fast)],
                                      capture_output=True, text=True, check=True)
                r = json.loads(done.stdout.splitlines()[-1])
                total = r["parent_mb"] + r["workers"] * r["child_mb"]
                routes = ", ".join(f"{k} {v}" for k, v in sorted(r["routes"].items()))
                print(f"{r['pages']:>5} {mode:<10} {r['seconds']:>8.2f} {r['pages'] / r['seconds']:>8.1f} "
                      f"{'kept' if r['in_order'] else 'LOST':>6} {routes:<28} {r['parent_mb']:>9.0f} "
                      f"{r['child_mb']:>8.0f} {total:>8.0f}")


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--measure":
        print(json.dumps(measure(sys.argv[2], sys.argv[3] == "True")))
    else:
        main()
