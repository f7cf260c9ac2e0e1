"""Crawl the replica web into an archive on SQLite or PostgreSQL, and read back what was archived."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from monitor.crawl import run_crawl
from monitor.settings import Settings
from store.db import open_archive
from store.models import Document, Fetch


class Crawler:
    def __init__(self, db_url: str, data_dir: Path):
        self.db_url, self.data_dir = db_url, data_dir

    def __call__(self, sources_path, *systems: str):
        settings = Settings(data_dir=self.data_dir, sources_path=Path(sources_path), db_url=self.db_url)
        return run_crawl(settings, list(systems) or None)

    def archive(self):
        return open_archive(self.db_url, self.data_dir)

    def documents(self, present_only: bool = True) -> list[Document]:
        archive = self.archive()
        with archive.session() as session:
            query = select(Document)
            if present_only:
                query = query.where(Document.missing_since.is_(None))
            documents = list(session.scalars(query).all())
            for document in documents:
                document.versions  # noqa: B018 - load them while the session is open
        archive.close()
        return documents

    def fetches(self, run_id: str) -> list[Fetch]:
        archive = self.archive()
        with archive.session() as session:
            rows = list(session.scalars(select(Fetch).where(Fetch.run_id == run_id)).all())
        archive.close()
        return rows


@pytest.fixture
def crawl(db_url, tmp_path) -> Crawler:
    return Crawler(db_url, tmp_path / "data")


def sources_with(web, tmp_path: Path, system_id: str, paths: list[str], host: str | None = None, **crawl) -> Path:
    """The replica's sources file with one system's start URLs replaced (and crawl settings changed)."""
    data = yaml.safe_load(web.sources_path.read_text())
    data["crawl"].update(crawl)
    system = next(s for s in data["systems"] if s["id"] == system_id)
    system["start_urls"] = [web.url(host or system_id, path) for path in paths]
    path = tmp_path / f"sources-{system_id}.yaml"
    path.write_text(yaml.safe_dump(data))
    return path
