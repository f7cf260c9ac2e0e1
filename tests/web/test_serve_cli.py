"""`icswatch serve` itself: it listens on loopback only unless told otherwise, says which address to give
ICSWATCH_ARCHIVE_URL, refuses a missing archive, and every link the digest makes to it opens a page."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime

import pytest
import requests

from monitor.digest import build_digest
from monitor.render import render_html, render_text

from .conftest import _free_port


@pytest.fixture
def serving(sqlite_archived):
    port = _free_port()
    s = sqlite_archived.settings
    env = {k: v for k, v in os.environ.items() if k != "ICSWATCH_ARCHIVE_URL"}
    process = subprocess.Popen([sys.executable, "-m", "monitor", "--data-dir", str(s.data_dir), "--db", s.db_url,
                                "--sources", str(s.sources_path), "serve", "--port", str(port)],
                               stderr=subprocess.PIPE, text=True, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            requests.get(base + "/site.css", timeout=2)
            break
        except requests.ConnectionError:
            assert process.poll() is None, process.stderr.read()
            time.sleep(0.2)
    yield base, port, process
    process.terminate()
    process.wait(10)


def test_serve_listens_on_loopback_and_says_which_address_the_digest_needs(serving):
    base, port, process = serving
    page = requests.get(base + "/", timeout=10)
    assert page.status_code == 200 and "Coverage of the Integrated Care Systems" in page.text
    with pytest.raises(OSError), socket.create_connection(("127.0.0.2", port), timeout=2):
        pass  # bound to 127.0.0.1 only, not to every address of the machine
    process.terminate()
    _, said = process.communicate(timeout=10)
    assert f"ICS Watch archive on http://localhost:{port}" in said
    assert f"set ICSWATCH_ARCHIVE_URL to the address readers use (here: http://localhost:{port})" in said


def test_every_digest_link_to_the_archive_opens_a_page(serving, sqlite_archived):
    base, _, _ = serving
    archive = sqlite_archived.open()
    from monitor.config import load_sources

    digest = build_digest(archive, load_sources(sqlite_archived.settings.sources_path),
                          datetime(2026, 11, 16, tzinfo=UTC), datetime(2026, 11, 23, tzinfo=UTC),
                          datetime(2026, 11, 23, 7, 30, tzinfo=UTC), archive_url=base)
    archive.close()
    links = set(re.findall(re.escape(base) + r'/[^"\s]+', render_html(digest) + render_text(digest)))
    assert any("/compare/" in u for u in links) and any("/versions/" in u for u in links)
    for url in links:
        answer = requests.get(url, timeout=10)
        assert answer.status_code == 200, url
        assert "What changed in" in answer.text or "Cite this version" in answer.text


def test_serve_refuses_a_folder_with_no_archive(tmp_path):
    result = subprocess.run([sys.executable, "-m", "monitor", "--data-dir", str(tmp_path / "nothing"), "serve"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "no archive in" in result.stderr
