"""A package already applied is recognised from its records digest and the record stamps
(issue 15): importing it again plans nothing record by record, and changes nothing; a package
with one record changed since goes the whole way and applies that change."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models.entities import ExchangeState
from models.migrate import open_database
from services import exchange, records
from services.exchange import read as exchange_read
from tests.exchange import test_exchange

laptop = test_exchange.laptop  # the laptop fixture of the exchange tests, shared


def _seed(db) -> dict[str, str]:
    cluster = records.create(db, "cluster", {"name": "خوشه گلاب کاشان", "province": "اصفهان",
                                             "city": "کاشان"})
    firm = records.create(db, "firm", {"name": "کارگاه گلاب", "cluster_id": cluster.id,
                                       "employees": 8})
    person = records.create(db, "person", {"full_name": "مریم کاشانی", "firm_id": firm.id})
    return {"cluster": cluster.id, "firm": firm.id, "person": person.id}


def _states(db) -> int:
    with db.session_factory() as session:
        return int(session.scalar(select(func.count()).select_from(ExchangeState)))


def _no_record_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args, **_kwargs):
        raise AssertionError("a record was converted/validated again")

    monkeypatch.setattr(exchange_read, "convert_row", refuse)
    monkeypatch.setattr(exchange_read, "validate_row", refuse)


def test_the_same_package_twice_takes_the_fast_path_and_changes_nothing(
        laptop, anydb, tmp_path, monkeypatch) -> None:
    _seed(laptop)
    package = tmp_path / "kashan.kxp"
    exchange.export_package(laptop, package)
    first = exchange.import_file(anydb, package)
    assert first.changed == 3 and not first.already_applied
    states = _states(anydb)
    firms = records.list_records(anydb, "firm")
    # What the full path says of this package now (open_package without the database's help).
    with exchange.open_package(package) as opened:
        assert not opened.applied
        full = exchange.import_package(anydb, opened, dry_run=True)

    _no_record_checks(monkeypatch)
    again = exchange.import_file(anydb, package)
    assert again.already_applied
    assert again.changed == 0 and again.conflicts == [] and again.backup is None
    assert again.counts == full.counts  # the same figures as the full plan, kind by kind
    assert again.agent_name == "عامل لار"
    assert _states(anydb) == states
    assert records.list_records(anydb, "firm") == firms
    dry = exchange.import_file(anydb, package, dry_run=True)
    assert dry.already_applied and dry.changed == 0


def test_one_record_changed_after_applying_is_applied(laptop, anydb, tmp_path) -> None:
    ids = _seed(laptop)
    package = tmp_path / "kashan.kxp"
    exchange.export_package(laptop, package)
    exchange.import_file(anydb, package)
    records.update(laptop, "firm", ids["firm"], {"employees": 12})
    newer = tmp_path / "kashan-2.kxp"
    exchange.export_package(laptop, newer)

    report = exchange.import_file(anydb, newer)
    assert not report.already_applied
    assert report.counts["firm"].updated == 1 and report.changed == 1
    assert report.counts["cluster"].unchanged == 1 and report.counts["person"].unchanged == 1
    assert records.get(anydb, "firm", ids["firm"])["employees"] == 12
    # Both packages are now known: each one again changes nothing, the older never rolls back.
    for path in (newer, package):
        again = exchange.import_file(anydb, path)
        assert again.already_applied and again.changed == 0
    assert records.get(anydb, "firm", ids["firm"])["employees"] == 12


def test_a_package_applied_elsewhere_is_not_taken_as_applied_here(laptop, tmp_path) -> None:
    _seed(laptop)
    package = tmp_path / "kashan.kxp"
    exchange.export_package(laptop, package)
    one = open_database(str(tmp_path / "one.db"))
    two = open_database(str(tmp_path / "two.db"))
    try:
        exchange.import_file(one, package)
        report = exchange.import_file(two, package)
        assert not report.already_applied and report.counts["firm"].new == 1
    finally:
        one.dispose()
        two.dispose()
