"""An archive made before editions (schema 0005) upgrades without losing a version: its refresh links
become editions with the reason they were made, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import func, select, text

from store.db import MIGRATIONS, make_engine, open_archive
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
