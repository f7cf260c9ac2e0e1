"""The web archive's guards on the database, on SQLite and PostgreSQL: its connections cannot write,
and a statement that runs too long is stopped instead of holding a reader (and the server) forever."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from store.browse import guard_reads, is_overloaded
from store.db import open_archive

# a statement that takes far longer than the limit on either engine (seconds, unguarded)
SLOW = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000000) "
        "SELECT count(*) FROM n")


@pytest.fixture
def guarded(db_url, tmp_path):
    open_archive(db_url, tmp_path / "data").close()  # the schema, made by an ordinary connection
    archive = open_archive(db_url, tmp_path / "data")
    guard_reads(archive.engine, timeout_s=0.3)
    yield archive
    archive.close()


def test_a_guarded_connection_reads_but_cannot_write(guarded):
    with guarded.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM documents")).scalar() == 0
        with pytest.raises(DBAPIError, match="(?i)read.only|readonly|attempt to write"):
            connection.execute(text("DELETE FROM documents"))


def test_a_long_statement_is_stopped(guarded):
    with guarded.engine.connect() as connection, pytest.raises(DBAPIError, match="(?i)interrupt|cancel|timeout") as stopped:
        connection.execute(text(SLOW)).scalar()
    assert is_overloaded(stopped.value)  # the web archive answers 503 "busy", not 500
    with guarded.engine.connect() as connection:  # and the next statement runs as usual
        assert connection.execute(text("SELECT 1")).scalar() == 1
