"""Warm extraction workers: they never import the command line, they are reused from one document to
the next, and one killed mid-document is replaced without harming the next document."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import monitor.extract.pdf
from monitor.extract import Limits, Outcome, extract_text, read_pdf, release_workers
from monitor.extract.guard import POOL, run_child, run_children
from monitor.extract.worker import resolve
from tests.docgen import make_pdf, plan_doc

ROOT = Path(__file__).resolve().parents[2]
DOC = plan_doc(sections=2, paragraphs=3, seed=4)


def loaded_modules() -> list[str]:
    """Runs in a worker: the modules it had imported before this one."""
    return sorted(name for name in sys.modules if name.startswith(("monitor", "crawler")))


def read_then_die(data: bytes) -> None:
    """Runs in a worker: starts reading a document, then the worker is killed as if by the OOM killer."""
    read_pdf.read_pages(data, [1], False, 256)
    os.kill(os.getpid(), signal.SIGKILL)


_HOARD: list[bytearray] = []


def hoard(mb: int) -> int:
    """Runs in a worker: keeps `mb` MB after the job, as a leaky parser would."""
    _HOARD.append(bytearray(mb << 20))
    return os.getpid()


def test_a_worker_that_kept_memory_after_a_job_is_replaced_one_that_did_not_is_kept():
    deadline = time.monotonic() + 60
    same = {run_child(os.getpid, (), memory_mb=1024, deadline=deadline).value for _ in range(3)}
    assert len(same) == 1
    hoarder = run_child(hoard, (200,), memory_mb=1024, deadline=deadline).value
    after = run_child(os.getpid, (), memory_mb=1024, deadline=deadline).value
    assert after != hoarder  # no job starts with less room than in a fresh process (give or take 5%)


def test_a_worker_never_imports_the_command_line(tmp_path):
    # The `icswatch` console script is a file that imports the CLI and then calls it; a worker started
    # from it must not run it again (multiprocessing's children did: 0.7 s and 100 MB each).
    script = tmp_path / "icswatch"
    runs = tmp_path / "runs"
    script.write_text(f"open({str(runs)!r}, 'a').write('ran\\n')\n"
                      "import json, sys, time\nimport monitor.cli\nfrom monitor.extract.guard import run_child\n"
                      "from tests.monitor.test_extract_workers import loaded_modules\n"
                      "if __name__ == '__main__':\n"
                      "    print(json.dumps(run_child(loaded_modules, (), memory_mb=1024,"
                      " deadline=time.monotonic() + 60).value))\n")
    done = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    modules = json.loads(done.stdout)
    assert "monitor.extract.read_pdf" in modules
    assert not [m for m in modules if m.startswith(("monitor.cli", "crawler"))]
    assert runs.read_text() == "ran\n"  # the script itself ran once: in the parent only


def test_a_worker_imports_the_pdf_readers_and_not_the_parents_side():
    # eval is a builtin, so the job itself imports nothing: what is listed is what the worker started with.
    release_workers()  # a fresh worker: one kept from an earlier test may have read a DOCX or HTML file
    modules = run_child(eval, ("sorted(__import__('sys').modules)",), memory_mb=1024,
                        deadline=time.monotonic() + 60).value
    assert {"monitor.extract.read_pdf", "pdfminer", "pypdfium2"} <= set(modules)
    assert not {"monitor.extract.api", "monitor.extract.read_html", "monitor.extract.read_docx"} & set(modules)
    assert not [m for m in modules if m.startswith(("monitor.cli", "crawler", "sqlalchemy", "bs4", "docx"))]


def test_every_reader_the_pdf_side_names_is_a_function_a_worker_finds():
    # pdf.py names its jobs instead of importing the readers: a misspelt name would not fail at import
    # but make every PDF "corrupt" (the probe) or PDFium's (the readers), so each is resolved here.
    names = [monitor.extract.pdf.PROBE, monitor.extract.pdf.READ_PAGES, monitor.extract.pdf.READ_PAGES_PDFIUM,
             monitor.extract.pdf.READ_PAGES_OCR]
    assert all(callable(resolve(name)) for name in names)
    found = run_child("monitor.extract.worker:resolve", ("monitor.extract.read_pdf:probe",), memory_mb=1024,
                      deadline=time.monotonic() + 60)
    assert found.ok and found.value is read_pdf.probe  # pickled back by reference: the same function
    missing = run_child("monitor.extract.read_pdf:prob", (b"",), memory_mb=1024, deadline=time.monotonic() + 60)
    assert not missing.ok and "prob" in missing.detail


def test_workers_are_reused_from_one_document_to_the_next():
    data = make_pdf(DOC)
    first = extract_text(data)
    started = POOL.started
    texts = [extract_text(data) for _ in range(5)]
    assert POOL.started == started  # no new process for any of the five
    assert all(t.paragraphs == first.paragraphs and t.fingerprint == first.fingerprint for t in texts)


def test_a_worker_killed_mid_document_is_replaced_and_the_next_document_read_correctly():
    data = make_pdf(DOC)
    expected = extract_text(data)
    deadline = time.monotonic() + 60
    pids = {run_child(os.getpid, (), memory_mb=1024, deadline=deadline).value for _ in range(3)}
    results = run_children([(read_then_die, (data,)), (read_pdf.read_pages, (data, [1], False, 256))],
                           memory_mb=1024, deadline=deadline)
    assert (results[0].ok, results[0].outcome) == (False, Outcome.MEMORY) and "SIGKILL" in results[0].detail
    after = extract_text(data)
    assert after.is_ok and after.paragraphs == expected.paragraphs and after.fingerprint == expected.fingerprint
    idle = [w for workers in POOL.idle.values() for w in workers]
    assert idle and all(w.process.poll() is None for w in idle)  # the dead one is not kept
    assert pids  # the warm worker that died had read documents before


def test_a_timed_out_worker_is_killed_and_the_next_job_gets_a_live_one():
    slow = run_child(time.sleep, (30,), memory_mb=1024, deadline=time.monotonic() + 0.3)
    assert (slow.ok, slow.outcome) == (False, Outcome.TIMEOUT)
    assert run_child(sorted, ([2, 1],), memory_mb=1024, deadline=time.monotonic() + 60).value == [1, 2]
    assert extract_text(make_pdf(DOC), limits=Limits()).is_ok
