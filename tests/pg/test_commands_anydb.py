"""Every command with `--db` on SQLite and on a PostgreSQL URL."""

from __future__ import annotations

import pytest

import cli.commands as commands
from services import records


@pytest.fixture
def run(capsys):
    def _run(*argv: object) -> tuple[int, str, str]:
        code = commands.run([str(a) for a in argv])
        out = capsys.readouterr()
        return code, out.out, out.err

    return _run


def test_commands_run_on_both_backends(run, anydb_url, tmp_path) -> None:
    code, out, err = run("demo", "--db", anydb_url)
    assert code == 0, err
    code, out, err = run("check", "--db", anydb_url)
    assert code == 0 and out.strip().endswith("ok"), err
    for query in ("میشود", "حلوا", "مسقطی"):
        code, out, err = run("search", query, "--db", anydb_url)
        assert code == 0, err
    code, out, err = run("search", "حلوا", "--db", anydb_url)
    assert "حلوا" in out or "مسقطی" in out
    code, out, err = run("report", "province", "--province", "فارس", "--db", anydb_url,
                         "--out", tmp_path / "p.pdf")
    assert code == 0, err
    from models.migrate import open_database

    db = open_database(anydb_url)
    try:
        cluster = records.list_records(db, "cluster")[0].title
    finally:
        db.dispose()
    for kind in ("performance", "resolutions", "profile"):
        code, out, err = run("report", kind, "--cluster", cluster, "--from", "1400/01/01",
                             "--to", "1405/12/29", "--db", anydb_url, "--out", tmp_path / f"{kind}.pdf")
        assert code == 0, (kind, err)
    code, out, err = run("export-xlsx", "--db", anydb_url, "--out", tmp_path / "x.xlsx")
    assert code == 0, err
    code, out, err = run("exchange-export", "--db", anydb_url, "--out", tmp_path / "all.kxp",
                         "--agent-name", "عامل آزمون")
    assert code == 0, err
    code, out, err = run("exchange-import", tmp_path / "all.kxp", "--db", anydb_url)
    assert code == 0, err
    assert "چیزی تغییر نکرد" in out and "عامل آزمون" in out
    # A dry run writes nothing anywhere: a --db that does not exist is refused, not created.
    code, out, err = run("exchange-import", tmp_path / "all.kxp", "--db", tmp_path / "new.db",
                         "--dry-run")
    assert code != 0 and "پیدا نشد" in err, (out, err)
    assert not (tmp_path / "new.db").exists() and not (tmp_path / "backups").exists()
