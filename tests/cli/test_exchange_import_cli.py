"""`exchange-import` on the command line takes the applied-package fast path when --db exists."""

from __future__ import annotations

from pathlib import Path

from cli.commands import run


def _package(tmp_path: Path) -> Path:
    from services import records
    from services.exchange import export_package
    from services.workspace import open_workspace

    with open_workspace(str(tmp_path / "laptop.db")) as laptop:
        cluster = records.create(laptop, "cluster", {"name": "خوشه گلاب کاشان"})
        records.create(laptop, "firm", {"name": "کارگاه گلاب", "cluster_id": cluster.id})
        export_package(laptop, tmp_path / "p.kxp")
    return tmp_path / "p.kxp"


def test_the_same_package_again_is_not_checked_record_by_record(tmp_path: Path, capsys,
                                                                monkeypatch) -> None:
    """Before, the command read the package before opening the database, so it could not ask
    whether these records were applied already and validated every one of them again."""
    import services.exchange.read as exchange_read

    package = _package(tmp_path)
    office = str(tmp_path / "office.db")
    assert run(["exchange-import", str(package), "--db", office]) == 0  # creates the database
    assert "بسته وارد شد" in capsys.readouterr().out

    def validated(*_args: object) -> None:
        raise AssertionError("an applied package's records were validated again")

    monkeypatch.setattr(exchange_read, "validate_row", validated)
    for extra in ([], ["--dry-run"]):
        assert run(["exchange-import", str(package), "--db", office, *extra]) == 0
        said = capsys.readouterr().out
        assert "خوشه | ۰ | ۰ | ۰ | ۱ | ۰" in said
    assert "چیزی تغییر نکرد" in said or "پیش‌نمایش" in said


def test_a_tampered_package_into_an_existing_database_changes_nothing(tmp_path: Path,
                                                                      capsys) -> None:
    import zipfile

    package = _package(tmp_path)
    office = tmp_path / "office.db"
    assert run(["exchange-import", str(package), "--db", str(office)]) == 0
    capsys.readouterr()
    tampered = tmp_path / "t.kxp"
    with zipfile.ZipFile(package) as src, zipfile.ZipFile(tampered, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "records.json":
                data = data.replace("کارگاه گلاب".encode(), "کارگاه گلاپ".encode())
            dst.writestr(info, data)
    before = office.read_bytes()
    assert run(["exchange-import", str(tampered), "--db", str(office)]) != 0
    assert "چکیده رکوردها با فهرست بسته نمی‌خواند" in capsys.readouterr().err
    assert office.read_bytes() == before
