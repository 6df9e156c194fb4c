"""The package's dates and times are isoformat() of what SQLAlchemy reads, however SQLite holds
them: sliced from SQLAlchemy's own text, read through the column's processor otherwise."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from sqlalchemy import select, text

from models.entities import Activity, Cluster
from services import activities, exchange, records
from services.exchange.common import columns_of, to_json


def test_exported_dates_are_isoformat_of_the_values_read(db, tmp_path: Path) -> None:
    cluster = records.create(db, "cluster", {"name": "خوشه گلاب", "programme_start": "1403/01/15"})
    meeting = activities.save_activity(db, {"kind": "meeting", "cluster_id": cluster.id,
                                            "title": "کمیته", "start_date": "1404/07/10"})
    with db.session_factory.begin() as session:
        # Shapes SQLAlchemy reads but does not write: no fraction;
        # and the usual ones, a zero fraction among them.
        session.execute(text("UPDATE cluster SET created_at = '2025-01-02 03:04:05', "
                             "updated_at = '2025-01-02 03:04:05.000000', "
                             "deleted_at = '2025-01-03 00:00:00.000120' WHERE id = :i"),
                        {"i": cluster.id})
        session.execute(text("UPDATE activity SET updated_at = '2025-02-03 04:05:06.700000', "
                             "end_date = '2025-02-03' WHERE id = :i"), {"i": meeting.id})
    package = tmp_path / "p.kxp"
    exchange.export_package(db, package)
    body = json.loads(zipfile.ZipFile(package).read("records.json"))
    with db.session_factory() as session:
        for kind, model in (("cluster", Cluster), ("activity", Activity)):
            (row,) = body["records"][kind]
            obj = session.scalars(select(model)).one()
            assert row == {c.name: to_json(getattr(obj, c.name)) for c in columns_of(model)}
    cluster_row = body["records"]["cluster"][0]
    assert cluster_row["created_at"] == cluster_row["updated_at"] == "2025-01-02T03:04:05"
    assert cluster_row["deleted_at"] == "2025-01-03T00:00:00.000120"
    assert body["records"]["activity"][0]["end_date"] == "2025-02-03"
