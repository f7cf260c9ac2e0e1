"""Debian's chromium, driven by Playwright (never a browser Playwright downloads), and axe-core as the
axe-playwright-python package bundles it (no network at test time)."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
SERIOUS = ("serious", "critical")


def chromium_path() -> str:
    found = CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")
    assert found, "the browser tests need Debian's chromium (.ci/run installs it: apt-get install chromium)"
    return str(found)


@contextmanager
def browser_page(**context):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path())
        try:
            page = browser.new_context(**context).new_page()
            yield page
        finally:
            browser.close()


def serious_violations(page) -> list[str]:
    """The axe-core violations of the page in front of it that are serious or critical, as readable lines."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"] if v.get("impact") in SERIOUS]
