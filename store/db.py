"""Open the archive: a database (SQLite by default, PostgreSQL by URL) brought to the latest schema by
Alembic, plus the blob store in the data directory. Alembic (11 MB and 0.1 s to load, in the command
and again in the crawler process) is loaded only when the database is not at `SCHEMA_HEAD` already.

Takes a SQLAlchemy URL and a data directory, returns an `Archive` holding an engine, a session factory
and a `BlobStore`. SQLite runs in WAL mode with foreign keys on, so readers (the CLI, the web archive)
never block a crawl.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError as DatabaseError
from sqlalchemy.orm import Session, sessionmaker

from .blobs import BlobStore

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SCHEMA_HEAD = "0010"  # the newest migration's revision: test_migrations checks it against Alembic's head
# Session: for type hints; DatabaseError: what any query may raise, for callers outside store/
__all__ = ["SCHEMA_HEAD", "Archive", "DatabaseError", "Session", "make_engine", "open_archive", "schema_version",
           "upgrade_schema"]


@dataclass
class Archive:
    engine: Engine
    sessions: sessionmaker[Session]
    blobs: BlobStore
    data_dir: Path

    def session(self) -> Session:
        return self.sessions()

    def close(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(db_url: str) -> Engine:
    if db_url.startswith("sqlite"):
        path = db_url.split(":///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(db_url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(db_url, pool_pre_ping=True)


def upgrade_schema(engine: Engine) -> None:
    """Bring the database to the newest migration (a no-op when it is already there)."""
    if schema_version(engine) == SCHEMA_HEAD:
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def schema_version(engine: Engine) -> str | None:
    """The revision Alembic last recorded in this database; None for a new (or foreign) database."""
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DatabaseError:
        return None


def open_archive(db_url: str, data_dir: str | Path) -> Archive:
    data_dir = Path(data_dir)
    engine = make_engine(db_url)
    upgrade_schema(engine)
    return Archive(engine, sessionmaker(engine, expire_on_commit=False), BlobStore(data_dir / "blobs"), data_dir)
