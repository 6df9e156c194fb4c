"""The Excel history import on SQLite and on the office's PostgreSQL: whole, searchable, twice = no change.

On PostgreSQL there is no file to back up (db.path is None), and the search rows go to pg_trgm's
table instead of FTS5; the bulk inserts must work on both.
"""

from __future__ import annotations

from services import activity_import as ai
from services import records, search
from tests.activity_workbooks import history_workbook


def test_import_twice_on_both_backends(anydb, tmp_path) -> None:
    cluster = records.create(anydb, "cluster", {"name": "حلوای مسقطی لار"}).id
    workbook = ai.read_workbook(history_workbook(tmp_path / "h.xlsx", bad_row=False))
    mapping = ai.default_mapping(workbook)
    first = ai.run_import(anydb, workbook, mapping, cluster_id=cluster)
    assert first.written and first.preview.total == 6
    assert (first.backup is None) == (anydb.path is None)
    assert len(records.list_records(anydb, "activity")) == 6
    assert "حسن کریمی" in {h.title for h in search.search(anydb, "حسن کریمی")}
    again = ai.run_import(anydb, workbook, mapping, cluster_id=cluster)
    assert not again.written and len(again.preview.duplicates) == 7
    assert len(records.list_records(anydb, "activity")) == 6
