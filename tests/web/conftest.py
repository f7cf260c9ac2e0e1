"""The web archive over an archive of the replica web, crawled in state v1 then v2 at fixed times, on
SQLite and on PostgreSQL (one archive per database for the whole session: the app only reads it), with
one hostile HTML page archived beside the plans. `client` is FastAPI's TestClient on that app;
`served` is the same app under uvicorn on 127.0.0.1, for the browser tests."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from monitor.crawl import run_crawl
from monitor.settings import Settings
from monitor.texts import extract_pending
from monitor.web import Site, create_app
from store.archive import Capture, record_capture
from store.db import open_archive
from store.models import Document, Fetch, Version
from store.queries import system_history
from store.vocabulary import DocType, Format
from tests.archive_db import postgres_database
from tests.monitor.conftest import V1_CRAWLED, V2_CRAWLED
from tests.sites import ReplicaWeb

NOW = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)
HOSTILE_URL = "https://hostile.example/plan.html"
HOSTILE = b"""<!doctype html><html><head><title>Our plan <script>window.pwned=1</script></title>
<script>window.pwned = 1; alert('xss')</script></head><body>
<h1>Children and young people's plan</h1>
<p>We will open four family hubs by 2026. <img src="x" onerror="window.pwned=2"></p>
<p>Read the <a href="javascript:window.pwned=3">easy read version</a> and the
<a href="data:text/html,<script>alert(1)</script>">summary</a>.</p>
<p>Contact &lt;script&gt;alert("text")&lt;/script&gt; for more about family hubs.</p>
</body></html>"""


@dataclass
class Archived:
    settings: Settings
    hostile_version: str
    hostile_document: str

    def open(self):
        return open_archive(self.settings.db_url, self.settings.data_dir)

    def history(self, system_id: str) -> list[dict]:
        """(doc_type, easy_read, file name) -> version ids, oldest first, read from the store directly."""
        archive = self.open()
        with archive.session() as session:
            found = {(d.doc_type, d.easy_read, d.url.rstrip("/").rsplit("/", 1)[-1]): [v.id for v in d.versions]
                     for d in system_history(session, system_id)}
        archive.close()
        return found


def build_archive(db_url: str, workdir: Path) -> Archived:
    with ReplicaWeb(state="v1", workdir=workdir) as web:
        settings = Settings(data_dir=workdir / "data", sources_path=web.sources_path, db_url=db_url)
        for state, when in (("v1", V1_CRAWLED), ("v2", V2_CRAWLED)):
            web.switch(state)
            report = run_crawl(settings, now=lambda when=when: when)
            _stamp(settings, report.run_id, when)
    archive = open_archive(db_url, settings.data_dir)
    with archive.session() as session:
        recorded = record_capture(session, archive.blobs, Capture(
            system_id="severn", url=HOSTILE_URL, body=HOSTILE, doc_type=DocType.OTHER, easy_read=False,
            format=Format.HTML, fetched_at=V2_CRAWLED, content_type="text/html; charset=utf-8",
            title="Our plan <script>window.pwned=1</script>", referrer="javascript:alert(1)",
            link_text='<img src=x onerror="window.pwned=4">'))
    extract_pending(archive)
    archive.close()
    return Archived(settings, recorded.version_id, recorded.document_id)


def _stamp(settings: Settings, run_id: str, when: datetime) -> None:
    """The crawler's child process stamps versions with the clock: give them the crawl's fixed time."""
    archive = open_archive(settings.db_url, settings.data_dir)
    with archive.session() as session:
        session.execute(update(Version).where(Version.run_id == run_id).values(first_seen=when))
        session.execute(update(Version).where(Version.last_seen > when).values(last_seen=when))
        session.execute(update(Document).where(Document.last_seen > when).values(last_seen=when))
        session.execute(update(Document).where(Document.missing_since > when).values(missing_since=when))
        session.execute(update(Fetch).where(Fetch.run_id == run_id).values(fetched_at=when))
        for document in session.scalars(select(Document)):
            document.first_seen = min([v.first_seen for v in document.versions], default=document.first_seen)
        session.commit()
    archive.close()


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def archived(request, tmp_path_factory) -> Archived:
    workdir = tmp_path_factory.mktemp(f"web-{request.param}")
    if request.param == "sqlite":
        yield build_archive(f"sqlite:///{workdir / 'data' / 'icswatch.sqlite3'}", workdir)
    else:
        yield from (build_archive(url, workdir) for url in postgres_database())


@pytest.fixture(scope="session")
def sqlite_archived(tmp_path_factory) -> Archived:
    workdir = tmp_path_factory.mktemp("web-browser")
    return build_archive(f"sqlite:///{workdir / 'data' / 'icswatch.sqlite3'}", workdir)


def make_app(archived: Archived):
    archive = archived.open()
    return create_app(Site.open(archived.settings, archive, clock=lambda: NOW)), archive


@pytest.fixture
def client(archived):
    app, archive = make_app(archived)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
    archive.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def served(sqlite_archived):
    """The app under uvicorn on 127.0.0.1 in a thread; yields (base URL, Archived)."""
    app, archive = make_app(sqlite_archived)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}", sqlite_archived
    server.should_exit = True
    thread.join(10)
    archive.close()
