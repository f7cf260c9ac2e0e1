"""The command line loads a command's module only when that command runs: `icswatch --version` and
`icswatch extract FILE` answer without importing the crawler, the archive or the web app (and
`extract` without the PDF readers, which only its workers load), and the table that says which
module holds which command matches what the modules register."""

from __future__ import annotations

import subprocess
import sys

from monitor.cli import COMMANDS
from tests.docgen import make_pdf, plan_doc

# Runs `icswatch ARGS...` as the console script does, then prints the top-level packages it imported.
_PROBE = """
import atexit, sys
atexit.register(lambda: print("MODULES", *sorted({m.split(".")[0] for m in sys.modules}), file=sys.stderr))
from monitor.cli import main
sys.argv = ["icswatch", *sys.argv[1:]]
main()
"""
HEAVY = {"sqlalchemy", "scrapy", "twisted", "fastapi", "starlette", "jinja2", "bs4", "apscheduler"}


def imported_by(*args: str, cwd) -> set[str]:
    result = subprocess.run([sys.executable, "-c", _PROBE, *args], cwd=cwd, capture_output=True, text=True,
                            timeout=120)
    line = next(line for line in result.stderr.splitlines() if line.startswith("MODULES "))
    return set(line.split()[1:])


def test_each_command_is_in_the_module_the_table_names(tmp_path):
    # in a fresh process, so that no other test has imported a command module first
    check = """
import importlib, pkgutil, monitor.cli
from monitor.cli import cli
from monitor.cli import COMMANDS
for module in pkgutil.iter_modules(monitor.cli.__path__):
    before = set(cli.commands)
    importlib.import_module("monitor.cli." + module.name)
    added = set(cli.commands) - before
    assert added <= {n for n, where in COMMANDS.items() if where == module.name}, (module.name, added)
assert set(cli.commands) == set(COMMANDS), set(cli.commands) ^ set(COMMANDS)
"""
    result = subprocess.run([sys.executable, "-c", check], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr


def test_help_lists_every_command(tmp_path):
    result = subprocess.run([sys.executable, "-m", "monitor", "--help"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120)
    listed = {line.split()[0] for line in result.stdout.split("Commands:\n")[1].split("\n\n")[0].splitlines()}
    assert listed == set(COMMANDS)


def test_version_imports_no_command(tmp_path):
    modules = imported_by("--version", cwd=tmp_path)
    assert "monitor" in modules
    assert not modules & (HEAVY | {"pdfminer", "pypdfium2", "yaml", "pydantic"}), modules & HEAVY


def test_extract_reads_a_file_without_the_crawler_the_archive_or_the_pdf_readers(tmp_path):
    # pdfminer.six and pypdfium2 take 0.15 s to import; the worker that reads the file has them already.
    plan = tmp_path / "plan.pdf"
    plan.write_bytes(make_pdf(plan_doc(sections=2, paragraphs=2, seed=3)))
    modules = imported_by("extract", str(plan), cwd=tmp_path)
    assert "monitor" in modules
    assert not modules & (HEAVY | {"pdfminer", "pypdfium2"}), modules & (HEAVY | {"pdfminer", "pypdfium2"})


# Records how many extraction workers were started when this process imports the extraction code, and in all.
_ORDER = """
import atexit, sys
class Watch:
    def find_spec(self, name, path=None, target=None):
        if name == "monitor.extract.api":
            guard = sys.modules.get("monitor.extract.guard")
            print("WORKERS", guard.POOL.started if guard else 0, file=sys.stderr)
            sys.meta_path.remove(self)
        return None
sys.meta_path.insert(0, Watch())
atexit.register(lambda: print("IN ALL", sys.modules["monitor.extract.guard"].POOL.started, file=sys.stderr))
from monitor.cli import main
sys.argv = ["icswatch", *sys.argv[1:]]
main()
"""


def test_extract_starts_one_worker_before_loading_the_extraction_code_and_no_second_for_one_page(tmp_path):
    # A worker takes about 0.3 s of a core to start. Started first, it gets ready while this process
    # imports the extraction code instead of after; and a second one, which a one-page file never
    # uses, would take the other core from both.
    plan = tmp_path / "plan.pdf"
    plan.write_bytes(make_pdf(plan_doc(sections=2, paragraphs=2, seed=3)))
    result = subprocess.run([sys.executable, "-c", _ORDER, "extract", "--workers", "2", str(plan)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "ok" in result.stdout
    started = next(line for line in result.stderr.splitlines() if line.startswith("WORKERS "))
    assert started == "WORKERS 1"
    assert "IN ALL 1" in result.stderr.splitlines()
