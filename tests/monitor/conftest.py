"""Fixtures for the digest and mail tests: an archive of the replica web crawled in state v1, then v2,
at fixed times (crawled once per test session, copied for each test), and a real SMTP server on
127.0.0.1 (aiosmtpd) that keeps what it receives and can be told to refuse."""

from __future__ import annotations

import shutil
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import update

from monitor.config import load_sources
from monitor.crawl import run_crawl
from monitor.settings import Settings
from store.db import open_archive
from store.models import Fetch
from tests.sites import ReplicaWeb

# The replica web's week: a first crawl (baseline) on Tuesday, the sites move on, a second crawl on Thursday.
V1_CRAWLED = datetime(2026, 11, 17, 6, 0, tzinfo=UTC)
V2_CRAWLED = datetime(2026, 11, 19, 6, 0, tzinfo=UTC)
SINCE = datetime(2026, 11, 16, tzinfo=UTC)
UNTIL = datetime(2026, 11, 23, tzinfo=UTC)
NOW = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)


@dataclass
class Scenario:
    data_dir: Path
    sources_path: Path
    hosts: dict[str, str]  # replica host key -> "127.0.0.x:port", to normalise golden files

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.data_dir / 'icswatch.sqlite3'}"

    def settings(self) -> Settings:
        return Settings(data_dir=self.data_dir, sources_path=self.sources_path, db_url=self.db_url)

    def archive(self):
        return open_archive(self.db_url, self.data_dir)

    def sources(self):
        return load_sources(self.sources_path)


def crawl_replica_week(workdir: Path) -> Scenario:
    """Crawl every replica system in v1 at V1_CRAWLED and in v2 at V2_CRAWLED, fetch times included."""
    with ReplicaWeb(state="v1", workdir=workdir) as web:
        scenario = Scenario(workdir / "data", web.sources_path, web.hosts)
        for state, when in (("v1", V1_CRAWLED), ("v2", V2_CRAWLED)):
            web.switch(state)
            report = run_crawl(scenario.settings(), now=lambda when=when: when)
            archive = scenario.archive()
            with archive.session() as session:  # the crawler's child process stamps fetches with the clock
                session.execute(update(Fetch).where(Fetch.run_id == report.run_id).values(fetched_at=when))
                session.commit()
            archive.close()
    return scenario


@pytest.fixture(scope="session")
def replica_week(tmp_path_factory) -> Scenario:
    return crawl_replica_week(tmp_path_factory.mktemp("replica-week"))


@pytest.fixture
def week(replica_week, tmp_path) -> Scenario:
    """This test's own copy of the crawled archive (so outbox rows and inserted changes stay in it)."""
    shutil.copytree(replica_week.data_dir, tmp_path / "data")
    return Scenario(tmp_path / "data", replica_week.sources_path, replica_week.hosts)


class Inbox:
    """An aiosmtpd handler: keeps each message, refuses the recipients in `refuse`, and once it has
    accepted `fail_after` messages answers "451 try later" to every other one (SMTP failing half-way)."""

    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], bytes]] = []
        self.refuse: set[str] = set()
        self.fail_after: int | None = None  # accept this many messages, then answer 451 to the rest

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.fail_after is not None and len(self.received) >= self.fail_after:
            return "451 4.3.0 try later"
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"

    def messages(self) -> list[EmailMessage]:
        return [message_from_bytes(raw, policy=policy.default) for _, _, raw in self.received]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class SmtpServer:
    inbox: Inbox
    controller: Controller
    port: int

    def env(self, **extra: str) -> dict[str, str]:
        return {"ICSWATCH_SMTP_HOST": "127.0.0.1", "ICSWATCH_SMTP_PORT": str(self.port),
                "ICSWATCH_MAIL_FROM": "ICS Watch <digest@icswatch.example>", **extra}

    def stop(self) -> None:
        self.controller.stop()

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    port = free_port()
    server = SmtpServer(inbox, Controller(inbox, hostname="127.0.0.1", port=port), port)
    server.controller.start()
    yield server
    try:
        server.controller.stop()
    except (AssertionError, RuntimeError):
        pass  # already stopped by the test
