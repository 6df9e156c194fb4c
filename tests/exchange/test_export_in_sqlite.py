"""The export's records written by SQLite (models.json_rows) are the records the export wrote
when it read every record into Python and dumped them: the same records.json, byte for byte,
for the demo database and for generated data with odd values, whole, by cluster and by date."""

from __future__ import annotations

import sqlite3
import zipfile
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from services import exchange
from services.exchange import export as export_module
from services.workspace import open_workspace


def _records_json(db, path: Path, **kwargs) -> bytes:  # noqa: ANN001 - a workspace
    path.unlink(missing_ok=True)
    exchange.export_package(db, path, **kwargs)
    with zipfile.ZipFile(path) as zf:
        return zf.read("records.json")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    db = open_workspace(str(tmp_path_factory.mktemp("demo") / "demo.db"))
    db.load_demo()
    yield db
    db.dispose()


# Values SQLite must leave to Python, or write with care, put into generated data.
ODD_VALUES = (
    "UPDATE activity SET hours = 1.25 WHERE rowid % 7 = 0",  # Python's repr
    "UPDATE activity SET hours = 7.5 WHERE rowid % 7 = 1",  # SQLite's %.1f
    "UPDATE activity SET hours = 0.0 WHERE rowid % 7 = 2",
    "UPDATE activity SET evaluation_score = 0.1 + 0.2 WHERE rowid % 5 = 0",
    "UPDATE activity SET updated_at = '2025-01-02 03:04:05.000000', "
    "created_at = '2025-01-02 03:04:05' WHERE rowid % 11 = 0",
    "UPDATE activity SET description = 'خط \"یک\"\\\n\t\x01\u200c\u2028' WHERE rowid % 13 = 0",
    "UPDATE participant SET attended = 2 WHERE rowid % 17 = 0",
    "UPDATE participant SET hours = 3 WHERE rowid % 19 = 0",
    "UPDATE firm SET employees = 12.5 WHERE rowid % 3 = 0",  # a REAL in an INTEGER column
    "UPDATE resolution SET due_date = '2024-02-29', done_date = '2023-02-28' WHERE rowid % 2 = 0",
    "UPDATE activity SET deleted_at = '2026-01-01 00:00:00.000001' WHERE rowid % 23 = 0",
)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """Data nobody tuned for (the benchmark generator), with the odd values above."""
    from benchmarks.generate import generate

    path = tmp_path_factory.mktemp("generated") / "generated.db"
    generate(str(path), 800, seed=5, clusters=3, progress=False)
    with closing(sqlite3.connect(path)) as conn, conn:
        for statement in ODD_VALUES:
            conn.execute(statement)
    db = open_workspace(str(path))
    yield db
    db.dispose()


def _busiest_cluster(db) -> str:  # noqa: ANN001
    with sqlite3.connect(db.path) as conn:
        return conn.execute("SELECT cluster_id FROM activity GROUP BY cluster_id "
                            "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]


@pytest.mark.parametrize("scope", ["whole", "cluster", "since"])
@pytest.mark.parametrize("source", ["demo", "generated"])
def test_sqlite_writes_the_records_python_wrote(request: pytest.FixtureRequest, tmp_path: Path,
                                                source: str, scope: str) -> None:
    db = request.getfixturevalue(source)
    kwargs = {"whole": {}, "cluster": {"cluster": _busiest_cluster(db)},
              "since": {"since": date(2024, 6, 1)}}[scope]
    if scope == "since":  # some records changed since, some not
        with sqlite3.connect(db.path) as conn:
            conn.execute("UPDATE activity SET updated_at = '2024-01-01 00:00:00.000000' "
                         "WHERE rowid % 2 = 0")
    fast = _records_json(db, tmp_path / "fast.kxp", **kwargs)
    python = _records_json(db, tmp_path / "python.kxp", _in_sqlite=False, **kwargs)
    assert fast == python
    assert len(fast) > 1000


def test_most_records_are_written_by_sqlite(generated, tmp_path: Path,  # noqa: ANN001
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The odd values above are left to Python, row by row; the rest is SQLite's."""
    by_python = []
    dicts = export_module._Reader._dicts

    def counted(self, where):  # noqa: ANN001, ANN202
        for row in dicts(self, where):
            by_python.append(row["id"])
            yield row

    monkeypatch.setattr(export_module._Reader, "_dicts", counted)
    result = exchange.export_package(generated, tmp_path / "p.kxp")
    total = sum(result.counts.values())
    assert 0 < len(by_python) < total // 3
