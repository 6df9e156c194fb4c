"""Each revision's schema, as SQLite stores it, is the one it always made.

A migration that has shipped is history: databases out there were built by it, so rewriting its
file (tidying, sharing a helper) must leave every statement SQLite records byte-identical. The
expected dumps in tests/models/schema/ were taken from the migrations as first released; a new
revision adds its own file (write it with KHOOSHE_WRITE_SCHEMA=1, then read it before committing).
An SQLAlchemy upgrade that words its DDL differently also fails here: check that the difference is
only wording before writing the files again.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from models.migrate import alembic_config, known_revisions, open_database

SCHEMA_DIR = Path(__file__).parent / "schema"


def _dump(path: Path, revision: str) -> str:
    database = open_database(str(path), migrate=False)
    try:
        with database.engine.begin() as conn:
            command.upgrade(alembic_config(conn), revision)
        with database.engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name")).all()
    finally:
        database.dispose()
    return "".join(json.dumps(list(row), ensure_ascii=False) + "\n" for row in rows)


@pytest.mark.parametrize("revision", sorted(known_revisions()))
def test_each_revision_builds_the_schema_it_always_built(tmp_path: Path, revision: str) -> None:
    dumped = _dump(tmp_path / "k.db", revision)
    expected = SCHEMA_DIR / f"{revision}.jsonl"
    if os.environ.get("KHOOSHE_WRITE_SCHEMA") == "1" and not expected.exists():
        expected.write_text(dumped, encoding="utf-8")
    assert dumped == expected.read_text(encoding="utf-8")
