"""An archive made before editions (schema 0005) upgrades without losing a version: its refresh links
become editions with the reason they were made, on SQLite and PostgreSQL. One already at the newest
schema opens without loading Alembic."""

from __future__ import annotations

import subprocess
import sys

from alembic import command
from alembic.config import Config
from sqlalchemy import func, select, text

from store.db import MIGRATIONS, SCHEMA_HEAD, make_engine, open_archive
from store.models import Document, Version

ROWS = [
    "INSERT INTO documents (id, system_id, doc_type, easy_read, format, title, url, first_seen, last_seen, "
    "missing_since) VALUES ('d-000000000001', 'severn', 'strategy', false, 'pdf', 'Strategy 2023', "
    "'https://p.example/2023.pdf', '2023-03-01 00:00:00', '2025-03-01 00:00:00', '2025-03-01 00:00:00')",
    "INSERT INTO documents (id, system_id, doc_type, easy_read, format, title, url, first_seen, last_seen, "
    "predecessor_id) VALUES ('d-000000000002', 'severn', 'strategy', false, 'pdf', 'Strategy 2025', "
    "'https://p.example/2025.pdf', '2025-03-01 00:00:00', '2025-03-01 00:00:00', 'd-000000000001')",
    *[f"INSERT INTO versions (id, document_id, url, sha256, size, first_seen, last_seen, extract_outcome) VALUES "
      f"('v-00000000000{n}', 'd-00000000000{d}', 'https://p.example/{y}.pdf', '{n * 64 // 64}{'a' * 63}', 10, "
      f"'{y}-03-01 00:00:00', '{y}-03-01 00:00:00', 'ok')" for n, d, y in ((1, 1, 2023), (2, 1, 2024), (3, 2, 2025))],
]


def test_an_archive_made_before_editions_keeps_every_version_and_its_series(db_url, tmp_path):
    engine = make_engine(db_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0005")
        for statement in ROWS:
            connection.execute(text(statement))
    engine.dispose()
    archive = open_archive(db_url, tmp_path)  # upgrades to the newest schema
    with archive.session() as session:
        assert session.scalar(select(func.count()).select_from(Version)) == 3
        old, new = session.get(Document, "d-000000000001"), session.get(Document, "d-000000000002")
        assert new.predecessor_id == old.id and new.edition_label == "later edition"
        assert new.edition_reasons and "went missing" in new.edition_reasons[0]
        assert old.edition_label is None and [v.id for v in old.versions] == ["v-000000000001", "v-000000000002"]
    archive.close()


def test_the_schema_head_the_archive_checks_is_alembics_newest_migration():
    # open_archive skips Alembic when the database is at SCHEMA_HEAD: a new migration must move it.
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_HEAD


def test_an_archive_at_the_newest_schema_opens_without_loading_alembic(tmp_path):
    # Alembic costs 11 MB in the command and again in the crawler process, for a no-op upgrade.
    url = f"sqlite:///{tmp_path}/icswatch.sqlite3"
    open_archive(url, tmp_path).close()  # creates the schema
    check = ("import sys; from store.db import open_archive, schema_version; "
             f"archive = open_archive({url!r}, {str(tmp_path)!r}); "
             "print(schema_version(archive.engine), 'alembic' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.split() == [SCHEMA_HEAD, "False"]
