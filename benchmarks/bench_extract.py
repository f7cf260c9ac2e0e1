"""Benchmark: fixed cost per document, cost per page, pages per second and peak memory of PDF
extraction, beside pdftotext and PDFium on the same files in the same run.

Generates designed plans of 1 to 150 pages (two columns drawn in shuffled order, so reading order has
to be worked out, with a running header and footer). Each plan is extracted in a fresh process,
three times, with the PDFium fast path on (the default) and off (pdfminer.six for every page); PDFium
alone (every page's text, in that process) and `pdftotext` (Debian's poppler-utils, a process per
file) read the same files, and `icswatch extract FILE` runs as a command beside `icswatch --version`.
Prints a table per plan, then a least-squares fit of median seconds against pages for each reader:
the fixed cost per document and the cost per page. The fast path's time is also split into its
readers' own work in the workers (along the slowest of them) and the rest (pipes, layout,
paragraphs). Install pdftotext first, for the benchmark only:

    apt-get install -y poppler-utils
    .venv/bin/python benchmarks/bench_extract.py
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = (1, 2, 5, 10, 50, 150)
RUNS = 3
HEADER = "NHS Example Integrated Care Board - Joint Forward Plan 2025 to 2030"
# The installed `icswatch` console script is this file with the worktree first on the path.
CONSOLE_SCRIPT = "import sys\nfrom monitor.cli import main\nif __name__ == '__main__':\n    sys.exit(main())\n"


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
    extract_text(make_pdf(plan_doc(1, 1)))  # start the workers outside the timing
    times, reading, text = [], [], None
    for _ in range(RUNS):
        started = time.perf_counter()
        text = extract_text(data, limits=Limits(fast_path=fast_path))
        times.append(time.perf_counter() - started)
        reading.append(text.stats["reading_s"])
    # a one-page plan keeps its header line as text: on one page nothing shows that it repeats
    body = [p.text for p in text.paragraphs if p.kind == "text" and p.text != HEADER]
    return {"outcome": text.outcome, "pages": text.page_count, "seconds": statistics.median(times),
            "reading_s": statistics.median(reading),
            "rest_s": statistics.median(t - r for t, r in zip(times, reading, strict=True)),
            "in_order": body == expected, "routes": text.stats.get("pages_by_route", {}),
            "workers": text.stats.get("workers", 0), "child_mb": text.stats.get("peak_child_mb", 0.0),
            "parent_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "pdfium_s": _median(lambda: _pdfium_text(data))}


def _pdfium_text(data: bytes) -> None:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    for page in document:
        page.get_textpage().get_text_range()


def _median(work, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _command(args: list[str], env: dict | None = None) -> float:
    return _median(lambda: subprocess.run(args, capture_output=True, check=True, env=env))


def fit(points: list[tuple[int, float]]) -> tuple[float, float]:
    """Least-squares (fixed seconds, seconds per page) through (pages, seconds), each point weighted by
    1/seconds^2 (relative error), so that the short documents decide the fixed cost as much as the
    long one decides the cost per page."""
    w = [1 / y ** 2 for _, y in points]
    sw = sum(w)
    mean_x = sum(wi * x for wi, (x, _) in zip(w, points, strict=True)) / sw
    mean_y = sum(wi * y for wi, (_, y) in zip(w, points, strict=True)) / sw
    slope = sum(wi * (x - mean_x) * (y - mean_y) for wi, (x, y) in zip(w, points, strict=True)) / \
        sum(wi * (x - mean_x) ** 2 for wi, (x, _) in zip(w, points, strict=True))
    return mean_y - slope * mean_x, slope


def main() -> None:
    from tests.docgen import make_pdf

    pdftotext = shutil.which("pdftotext")
    print(f"PDF extraction, median of {RUNS} runs, {len(os.sched_getaffinity(0))} cores, load "
          f"{os.getloadavg()[0]:.2f}; pdftotext: {pdftotext or 'not installed (apt-get install poppler-utils)'}")
    print(f"{'pages':>5} {'mode':<10} {'seconds':>8} {'readers':>8} {'rest':>6} {'pages/s':>8} {'order':>6} "
          f"{'routes':<28} {'parent MB':>9} {'child MB':>8} {'total MB':>8}")
    timings: dict[str, list[tuple[int, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "icswatch"
        script.write_text(CONSOLE_SCRIPT)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        version_s = _command([sys.executable, str(script), "--version"], env)
        for size in SIZES:
            doc = plan_of(size)
            path = Path(tmp) / f"plan-{size}.pdf"
            path.write_bytes(make_pdf(doc, columns=2, draw_order="shuffled", header=HEADER, seed=size))
            path.with_suffix(".json").write_text(json.dumps(doc.paragraphs))
            for mode, fast in (("fast path", True), ("pdfminer", False)):
                r = _measure_in_child(path, fast)
                timings.setdefault(f"in-process, {mode}", []).append((size, r["seconds"]))
                if fast:  # the readers' own time along the slowest worker, and the pipes, layout... around it
                    timings.setdefault("  its readers' work", []).append((size, r["reading_s"]))
                    timings.setdefault("  the rest", []).append((size, r["rest_s"]))
                    timings.setdefault("PDFium text alone", []).append((size, r["pdfium_s"]))
            timings.setdefault("icswatch extract", []).append(
                (size, _command([sys.executable, str(script), "extract", str(path)], env)))
            if pdftotext:
                timings.setdefault("pdftotext (a process)", []).append(
                    (size, _command([pdftotext, "-q", str(path), "-"])))
    print_fits(timings, version_s)


def _measure_in_child(path: Path, fast: bool) -> dict:
    done = subprocess.run([sys.executable, __file__, "--measure", str(path), str(fast)],
                          capture_output=True, text=True, check=True)
    r = json.loads(done.stdout.splitlines()[-1])
    total = r["parent_mb"] + r["workers"] * r["child_mb"]
    routes = ", ".join(f"{k} {v}" for k, v in sorted(r["routes"].items()))
    mode = "fast path" if fast else "pdfminer"
    print(f"{r['pages']:>5} {mode:<10} {r['seconds']:>8.3f} {r['reading_s']:>8.3f} {r['rest_s']:>6.3f} "
          f"{r['pages'] / r['seconds']:>8.1f} "
          f"{'kept' if r['in_order'] else 'LOST':>6} {routes:<28} {r['parent_mb']:>9.0f} "
          f"{r['child_mb']:>8.0f} {total:>8.0f}", flush=True)
    return r


def print_fits(timings: dict[str, list[tuple[int, float]]], version_s: float) -> None:
    print(f"\nfitted over {', '.join(map(str, SIZES))} pages (load {os.getloadavg()[0]:.2f})")
    print(f"{'reader':<24} {'fixed ms':>9} {'ms/page':>8} {'1 page s':>9} {'150 pages s':>12} {'pages/s':>8}")
    for name, points in timings.items():
        fixed, per_page = fit(points)
        one, big = dict(points)[SIZES[0]], dict(points)[SIZES[-1]]
        print(f"{name:<24} {fixed * 1000:>9.1f} {per_page * 1000:>8.2f} {one:>9.3f} {big:>12.3f} "
              f"{SIZES[-1] / big:>8.1f}")
    one_page = dict(timings["icswatch extract"])[SIZES[0]]
    print(f"icswatch --version {version_s:.3f} s; icswatch extract of 1 page {one_page:.3f} s: "
          f"{one_page - version_s:+.3f} s (target within 0.3 s)")
    print("targets: fixed cost under 20 ms in-process, under 5 ms per page on the fast path, "
          "150 pages at 100 pages/s or more")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--measure":
        print(json.dumps(measure(sys.argv[2], sys.argv[3] == "True")))
    else:
        main()
