"""The screenshots in docs/ (README shows them): coverage, a comparison, the national scorecard and a system's on a phone, from the replica web's archive
in real Chromium. Run: `.venv/bin/python -m tests.web.screenshots [FOLDER]` (default docs/)."""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn

from store.vocabulary import DocType

from .browser import browser_page
from .conftest import build_archive, make_app

JFP_FILE = (DocType.JOINT_FORWARD_PLAN, False, "Joint%20Forward%20Plan%202024-2029%20(final).pdf")


def main(folder: Path) -> None:
    with tempfile.TemporaryDirectory() as work:
        archived = build_archive(f"sqlite:///{Path(work) / 'data' / 'icswatch.sqlite3'}", Path(work))
        app, archive = make_app(archived)
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=8765, log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        [old, new] = archived.history("severn")[JFP_FILE]
        try:
            with browser_page(viewport={"width": 1100, "height": 800}) as page:
                page.goto("http://127.0.0.1:8765/")
                page.screenshot(path=folder / "web-coverage.png", full_page=True)
                page.goto(f"http://127.0.0.1:8765/compare/{old}/{new}")
                page.screenshot(path=folder / "web-compare.png", full_page=True)
                page.goto("http://127.0.0.1:8765/scorecard")
                page.screenshot(path=folder / "web-scorecard.png", full_page=True)
            with browser_page(viewport={"width": 390, "height": 844}, is_mobile=True) as page:
                page.goto("http://127.0.0.1:8765/systems/severn/scorecard#q-joint_forward_plan-joint_infrastructure")
                page.screenshot(path=folder / "web-scorecard-phone.png")
        finally:
            server.should_exit = True
            archive.close()
    print(f"wrote web-coverage.png, web-compare.png, web-scorecard.png and web-scorecard-phone.png in {folder}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs"))
