"""Databases for tests: SQLite in the test's directory, or a fresh PostgreSQL database on the server
named by ICSWATCH_TEST_PG_URL (which .ci/run starts). In CI a missing server is a failure, not a skip."""

from __future__ import annotations

import os
import time
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import ProgrammingError

PG_ENV = "ICSWATCH_TEST_PG_URL"


def postgres_database():
    """Yield the URL of a new, empty PostgreSQL database, dropped afterwards."""
    admin_url = os.environ.get(PG_ENV)
    if not admin_url:
        if os.environ.get("CI"):
            pytest.fail(f"{PG_ENV} is not set: .ci/run should have started PostgreSQL")
        pytest.skip(f"PostgreSQL tests need {PG_ENV} (see README, Running the tests)")
    name = f"icswatch_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        _drop(admin, name)
        admin.dispose()


def _drop(admin, name: str) -> None:
    """DROP DATABASE ... WITH (FORCE). An autovacuum worker that happens to be in the database then has
    no role this one may signal, so the drop fails; it is gone within moments, so try again."""
    for _ in range(40):
        try:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except ProgrammingError as exc:
            if "pg_signal_backend" not in str(exc):
                raise
            refused = exc
            time.sleep(0.25)
    raise refused


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'data' / 'icswatch.sqlite3'}"
    else:
        yield from postgres_database()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def module_db_url(request, tmp_path_factory):
    """As db_url, but one database per test module: for tests that only read an archive they share."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'icswatch.sqlite3'}"
    else:
        yield from postgres_database()
