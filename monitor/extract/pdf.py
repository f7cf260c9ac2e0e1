"""Parent side of PDF extraction: bytes and Limits in, a `Text` out, via guarded children.

A probe child opens the file with PDFium (page count, title, password, damage, the readers'
versions); then up to `workers` children read interleaved runs of pages (read_pdf.read_pages), with
the fast path where allowed. On sample pages near the start, middle and end both readers run, and
then on the first page of each font the fast path read that no sample page uses; if they disagree
anywhere, or none could be checked, the fast path's pages are read again by pdfminer,
so a document's text never depends on which route a page took. If the workers fail in a way another
parser might not (an exception, a crash, memory, time), or pdfminer reads clearly fewer characters
than PDFium sees, one child reads the whole file with PDFium instead and the Text says so (extractor
"pypdfium2", a note); a damaged stream or a decompression bomb is final. A file with no text at all
is `no_text_layer`, read by Tesseract only when asked for and installed. A second plus one per
hundred pages (at most half the time limit) is kept back for the fallback. The children's functions
go by name: this process never imports pdfminer.six or pypdfium2 (0.15 s of every `icswatch extract`).
"""

from __future__ import annotations

import functools
import logging
import math
import shutil
import time
from dataclasses import replace

from . import layout
from .guard import ChildResult, run_child, run_children
from .model import Limits, Outcome, Text, failed
from .normalise import to_paragraphs
from .pdf_common import (
    FALLBACK_SETTINGS,
    FAST_PATH,
    FAST_PATH_MIN_PAGES,
    OCR_DPI,
    SETTINGS,
    font_pages,
    sample_pages,
)

log = logging.getLogger(__name__)

# The readers' functions, by name: a worker imports pdfminer.six and pypdfium2, this process never does.
PROBE = "monitor.extract.read_pdf:probe"
READ_PAGES = "monitor.extract.read_pdf:read_pages"
READ_PAGES_PDFIUM = "monitor.extract.read_pdf:read_pages_pdfium"
READ_PAGES_OCR = "monitor.extract.ocr:read_pages_ocr"

_LOST_TEXT_SHARE = 0.85
HEAVY_PAGE = 8  # a sample page costs about this many fast-path pages: pdfminer reads it too


def extract_pdf(data: bytes, limits: Limits, started: float) -> Text:
    deadline = started + limits.timeout_s
    probe = run_child(PROBE, (data, limits.max_pages), memory_mb=limits.memory_mb, deadline=deadline)
    if not probe.ok:
        return failed(probe.outcome, _explain(probe, limits), format="pdf")
    info = probe.value
    if limits.fast_path and not info["fast_path_built"]:
        _warn_not_built()
        limits = replace(limits, fast_path=False)
    reserve = min(0.5 * limits.timeout_s, 1.0 + info["pages"] / 100)  # time kept back for the fallback
    read, failure, notes, stats = _read(data, info["pages"], limits, max(time.monotonic(), deadline - reserve))
    _charge(stats, probe.peak_mb, probe.busy_s)
    if failure is None:
        settings = {**SETTINGS, "fast_path": FAST_PATH if limits.fast_path else None}
        version = info["pdfminer"] + (f"; {info['pdfium']}" if limits.fast_path else "")
        stats["pages_by_route"] = _routes(read)
        return _finish(read, info, "pdfminer.six", version, settings, notes, stats, data, limits, deadline)
    if not failure.retry:
        return failed(failure.outcome, _explain(failure, limits), format="pdf", page_count=info["pages"])
    log.warning("pdfminer failed (%s): falling back to PDFium", failure.detail)
    fallback = run_child(READ_PAGES_PDFIUM, (data, list(range(1, info["pages"] + 1))),
                         memory_mb=limits.memory_mb, deadline=deadline)
    if not fallback.ok:
        return failed(failure.outcome, f"{_explain(failure, limits)}; the PDFium fallback also failed: "
                      f"{_explain(fallback, limits)}", format="pdf", page_count=info["pages"])
    notes.append(f"pdfminer failed ({_explain(failure, limits)}); the text is PDFium's")
    _charge(stats, fallback.peak_mb, fallback.busy_s)
    return _finish(fallback.value, info, "pypdfium2", info["pdfium"], FALLBACK_SETTINGS,
                   notes, stats, data, limits, deadline)


@functools.cache
def _warn_not_built() -> None:
    log.warning("the PDF fast path is not built (monitor/extract/_scan.c needs a C compiler when ICS Watch is "
                "installed): pdfminer.six reads every page, about twice as slowly, with the same text")


def _read(data: bytes, pages: int, limits: Limits, deadline: float) -> tuple[list, ChildResult | None, list, dict]:
    """Every page, by the workers; then, if the fast path read a font no sample page uses, the first
    page in each such font checked too (font_pages); if a checked page shows the fast path reading
    differently from pdfminer (or none could be checked), its pages again with pdfminer."""
    numbers = list(range(1, pages + 1))
    read, failure, stats = _read_pages(data, numbers, limits, limits.fast_path, deadline)
    notes: list[str] = []
    unchecked = font_pages(read) if failure is None else []
    if unchecked:
        again, failure, more = _read_pages(data, unchecked, limits, True, deadline, checks=frozenset(unchecked))
        redone = {p["number"]: p for p in again}
        read = [redone.get(p["number"], p) for p in read]
        _charge(stats, more["peak_child_mb"], more["reading_s"])
    fast = [p["number"] for p in read if p["route"] == "pdfium"]
    checks = {p["number"]: p["check"] for p in read if "check" in p}
    stats["pages_checked"] = sorted(checks)
    if failure is None and fast and not (checks and all(checks.values())):
        wrong = [n for n, agreed in checks.items() if not agreed]
        notes.append(f"fast path off: PDFium and pdfminer read page {wrong[0]} differently" if wrong
                     else "fast path off: no sample page could be checked")
        again, failure, more = _read_pages(data, fast, limits, False, deadline)
        redone = {p["number"]: p for p in again}
        read = [redone.get(p["number"], p) for p in read]
        _charge(stats, more["peak_child_mb"], more["reading_s"])
    if failure is None and _lost_text(read):
        failure = ChildResult(False, outcome=Outcome.CORRUPT, retry=True,
                              detail=f"pdfminer read only {_share(read):.0%} of the characters PDFium sees")
    return read, failure, notes, stats


def _read_pages(data: bytes, numbers: list[int], limits: Limits, fast_path: bool, deadline: float,
                checks: frozenset[int] | None = None) -> tuple[list[dict], ChildResult | None, dict]:
    """Pages `numbers`, both readers on the sample pages of the document (or on `checks`)."""
    cap_mb = max(16, limits.memory_mb // 4)  # no content stream should inflate beyond this
    if checks is None:
        fast_path = fast_path and len(numbers) > FAST_PATH_MIN_PAGES  # the same text, sooner
        checks = frozenset(sample_pages(len(numbers))) if fast_path else frozenset()
    samples = checks
    jobs = [(READ_PAGES, (data, share, fast_path, cap_mb, samples))
            for share in assign_pages(numbers, limits.workers, heavy=samples)]
    results = run_children(jobs, memory_mb=limits.memory_mb, deadline=deadline)
    failure = next((r for r in results if not r.ok), None)
    read = sorted((p for r in results if r.ok for p in r.value), key=lambda p: p["number"])
    # reading_s: the slowest worker's own time; summed over rounds, what the readers cost this document
    # beyond the pipes, the workers' start-up and the layout done here
    return read, failure, {"peak_child_mb": max((r.peak_mb for r in results), default=0.0), "workers": len(jobs),
                           "reading_s": max((r.busy_s for r in results), default=0.0)}


def _charge(stats: dict, peak_mb: float, busy_s: float) -> None:
    """Add one more round of children to a document's stats: their peak memory, their readers' time."""
    stats["peak_child_mb"] = max(stats["peak_child_mb"], peak_mb)
    stats["reading_s"] += busy_s


def assign_pages(numbers: list[int], workers: int, heavy: frozenset[int] = frozenset()) -> list[list[int]]:
    """Page numbers for each worker: runs of up to 16 pages, the costliest first, each to the worker
    with the least work so far, so the workers finish together even when the hard pages are bunched.
    A `heavy` page (a sample page, which both readers read) costs HEAVY_PAGE pages. Without heavy
    pages the runs are dealt out in turn."""
    size = max(1, min(16, math.ceil(len(numbers) / (max(1, workers) * 4))))
    runs = [numbers[start:start + size] for start in range(0, len(numbers), size)]
    cost = [sum(HEAVY_PAGE if n in heavy else 1 for n in run) for run in runs]
    shares: list[list[int]] = [[] for _ in range(min(max(1, workers), len(runs)))]
    work = [0] * len(shares)
    for i in sorted(range(len(runs)), key=lambda i: -cost[i]):  # stable: equal runs in page order
        least = min(range(len(shares)), key=lambda w: (work[w], w))
        shares[least].extend(runs[i])
        work[least] += cost[i]
    return [sorted(share) for share in shares]


def _lost_text(pages: list[dict]) -> bool:
    seen = sum(p["pdfium_chars"] for p in pages if p["route"] == "pdfminer")
    return seen >= 100 and _share(pages) < _LOST_TEXT_SHARE


def _share(pages: list[dict]) -> float:
    mined = [p for p in pages if p["route"] == "pdfminer"]
    seen = sum(p["pdfium_chars"] for p in mined)
    return sum(p["chars"] for p in mined) / seen if seen else 1.0


def _routes(pages: list[dict]) -> dict:
    routes: dict = {}
    for page in pages:
        routes[page["route"]] = routes.get(page["route"], 0) + 1
    return routes


def _explain(result: ChildResult, limits: Limits) -> str:
    if result.outcome == Outcome.TIMEOUT:
        return f"took longer than the {limits.timeout_s:g} s time limit"
    return result.detail


def _finish(pages: list[dict], info: dict, extractor: str, version: str, settings: dict, notes: list[str],
            stats: dict, data: bytes, limits: Limits, deadline: float) -> Text:
    known = {"format": "pdf", "page_count": info["pages"], "extractor": extractor,
             "extractor_version": version, "settings": settings, "notes": notes, "stats": stats}
    blank = [p["number"] for p in pages if not p["chars"] and not p["pdfium_chars"]]
    if len(blank) == len(pages):
        return _scanned(data, info, limits, deadline, known)
    if blank:
        notes.append(f"{len(blank)} of {len(pages)} pages have no text layer (pictures only): "
                     f"{_ranges(blank)}")
    blocks, layout_notes = layout.pdf_blocks(pages)
    notes.extend(layout_notes)
    paragraphs = to_paragraphs(blocks)
    if not paragraphs:  # characters, but none that mean anything: fonts without a Unicode mapping
        return failed(Outcome.NO_TEXT_LAYER, "no readable text: the characters map to no letters or digits",
                      format="pdf", page_count=info["pages"], notes=notes)
    return Text(Outcome.OK, paragraphs=paragraphs, title=_title(info["title"], paragraphs), **known)


def _scanned(data: bytes, info: dict, limits: Limits, deadline: float, known: dict) -> Text:
    detail = "no text layer: the pages are pictures (a scan?)"
    tesseract = shutil.which("tesseract") if limits.ocr else None
    if limits.ocr and tesseract is None:
        detail += "; OCR is enabled but Tesseract is not installed"
    if tesseract is None:
        return failed(Outcome.NO_TEXT_LAYER, detail, **{k: known[k] for k in ("format", "page_count", "notes")})
    read = run_child(READ_PAGES_OCR, (data, info["pages"], tesseract), memory_mb=limits.memory_mb,
                     deadline=deadline)
    known["stats"]["reading_s"] += read.busy_s
    if not read.ok or not read.value["blocks"]:
        why = _explain(read, limits) if not read.ok else "it found no text"
        return failed(Outcome.NO_TEXT_LAYER, f"{detail}; OCR failed: {why}", format="pdf",
                      page_count=info["pages"])
    settings = {"engine": "tesseract", "dpi": OCR_DPI}
    paragraphs = to_paragraphs(read.value["blocks"])
    return Text(Outcome.OK, paragraphs=paragraphs, title=_title(info["title"], paragraphs),
                **{**known, "extractor": "tesseract", "extractor_version": read.value["version"],
                   "settings": settings, "notes": [*known["notes"], "text read by OCR from page images"]})


def _title(metadata: str | None, paragraphs: list) -> str | None:
    junk = not metadata or metadata.lower().startswith(("microsoft word", "untitled", "powerpoint")) or \
        metadata.lower().endswith((".doc", ".docx", ".pdf", ".indd", ".ppt", ".pptx"))
    if not junk:
        return " ".join(metadata.split())
    return next((p.text for p in paragraphs if p.kind == "heading"), None)


def _ranges(numbers: list[int]) -> str:
    spans, start = [], numbers[0]
    for previous, current in zip(numbers, [*numbers[1:], None], strict=True):
        if current != previous + 1:
            spans.append(f"{start}" if start == previous else f"{start}-{previous}")
            start = current
    return ", ".join(spans)
