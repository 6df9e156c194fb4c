"""What a backup reads from a database: row digests (format 1 manifests, tests), its
attachments and its id."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from services.backup.common import open_readonly

# The search index is derived from the records (models.search_index.rebuild recreates it) and is
# most of a big database's bytes; hashing it row by row doubled a 100k backup's time. It is still
# in the backup and still covered by the database file's sha256 and integrity_check.
DERIVED_TABLES = ("search_doc",)
DERIVED_PREFIXES = ("search_fts",)


def is_derived(table: str) -> bool:
    return table in DERIVED_TABLES or table.startswith(DERIVED_PREFIXES)


def table_digests(conn: sqlite3.Connection) -> dict[str, dict[str, object]]:
    """Row count and sha256 over the rows (in primary-key order) of every record table."""
    result: dict[str, dict[str, object]] = {}
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name") if not is_derived(r[0])]
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        info = list(conn.execute(f"PRAGMA table_info({quoted})"))
        pk = [row[1] for row in sorted((r for r in info if r[5]), key=lambda r: r[5])]
        without_rowid = conn.execute(
            "SELECT sql LIKE '%WITHOUT ROWID%' FROM sqlite_master WHERE name=?", (table,)
        ).fetchone()[0]
        if pk:
            order = ", ".join('"' + c.replace('"', '""') + '"' for c in pk)
        elif not without_rowid:
            order = "rowid"
        else:
            order = ", ".join(str(i + 1) for i in range(len(info)))
        digest = hashlib.sha256()
        count = 0
        # Names come from sqlite_master of the file being checked, quoted as identifiers.
        cursor = conn.execute(f"SELECT * FROM {quoted} ORDER BY {order}")  # noqa: S608
        while rows := cursor.fetchmany(2000):
            # repr of a row of None/int/float/str/bytes is exact and deterministic, and fast.
            digest.update(("\n".join(map(repr, rows)) + "\n").encode("utf-8", "surrogatepass"))
            count += len(rows)
        result[table] = {"rows": count, "sha256": digest.hexdigest()}
    return result


def attachment_hashes(conn: sqlite3.Connection) -> list[str]:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='attachment'").fetchone()
    if not exists:
        return []
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT sha256 FROM attachment WHERE sha256 IS NOT NULL ORDER BY sha256")]




def database_id_in(conn: sqlite3.Connection) -> str | None:
    """The database's own id (its installation id, made once by migration 0002 and kept in the
    database, so a restored copy keeps it), or None when it cannot be read."""
    try:
        row = conn.execute("SELECT value FROM setting WHERE key='installation_id'").fetchone()
        value = json.loads(row[0]) if row else None
    except (sqlite3.Error, ValueError, TypeError):
        return None
    return value if isinstance(value, str) and value else None


def database_id_of_file(path: Path) -> str | None:
    """database_id_in for a file, read-only; None when it is missing or too damaged to read."""
    try:
        conn = open_readonly(path)
    except sqlite3.Error:
        return None
    try:
        return database_id_in(conn)
    finally:
        conn.close()
