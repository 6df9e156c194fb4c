"""Migration 0005: attachments gain «در گزارش» (in_report), unmarked for what was attached before."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import inspect, text

from models.migrate import alembic_config, head_revision, open_database, upgrade


def test_existing_attachments_are_kept_and_start_unmarked(tmp_path: Path) -> None:
    database = open_database(str(tmp_path / "k.db"))
    try:
        with database.engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0004")
        with database.engine.connect() as conn:
            assert "in_report" not in {c["name"] for c in inspect(conn).get_columns("attachment")}
        with database.engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO attachment (id, owner_kind, owner_id, file_name, size, sha256, "
                "created_at, updated_at, origin, version) VALUES ('a1', 'activity', 'x', "
                "'عکس.jpg', 3, 'ab', '2026-01-01', '2026-01-01', NULL, 1)"))
        upgrade(database)
        with database.engine.connect() as conn:
            row = conn.execute(text(
                "SELECT file_name, in_report FROM attachment WHERE id = 'a1'")).one()
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert tuple(row) == ("عکس.jpg", 0)
        assert revision == head_revision()
        with database.engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0004")
        with database.engine.connect() as conn:
            assert "in_report" not in {c["name"] for c in inspect(conn).get_columns("attachment")}
            assert conn.execute(text("SELECT count(*) FROM attachment")).scalar() == 1
    finally:
        database.dispose()
