"""`check`: healthy databases print ok; every kind of damage fails clearly and changes no byte."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cli.commands import run
from models.migrate import head_revision, open_database
from services import activities, records

ROOT = Path(__file__).resolve().parents[2]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def healthy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed, checkpointed database with a few hundred rows (big enough to damage its tail)."""
    path = tmp_path_factory.mktemp("check") / "healthy.db"
    db = open_database(str(path))
    cluster = records.create(db, "cluster", {"name": "خوشه"})
    for i in range(300):
        activities.save_activity(db, {"kind": "other", "cluster_id": cluster.id,
                                      "title": f"فعالیت شماره {i} " + "متن " * 30,
                                      "start_date": "1404/01/01"})
    db.dispose()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=120, cwd=ROOT)


def test_healthy_database_prints_ok(healthy: Path) -> None:
    before = digest(healthy)
    result = run_cli("check", "--db", str(healthy))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "ok"
    assert head_revision() in result.stdout
    assert digest(healthy) == before


def _damage(kind: str, source: Path, target: Path) -> None:
    data = source.read_bytes()
    if kind == "zero_bytes":
        target.write_bytes(b"")
    elif kind == "truncated":
        target.write_bytes(data[: len(data) // 3])
    elif kind == "garbage_header":
        target.write_bytes(b"\x00GARBAGE" * 8 + data[64:])
    elif kind == "zeroed_tail":
        page = 4096
        keep = len(data) - 8 * page
        target.write_bytes(data[:keep] + b"\x00" * (len(data) - keep))
    elif kind == "random_bytes":
        target.write_bytes(bytes((i * 7919) % 251 for i in range(len(data))))
    else:
        raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["zero_bytes", "truncated", "garbage_header", "zeroed_tail",
                                  "random_bytes"])
def test_damaged_files_fail_clearly_and_stay_byte_identical(healthy: Path, tmp_path: Path,
                                                             kind: str, capsys) -> None:
    target = tmp_path / f"{kind}.db"
    _damage(kind, healthy, target)
    before = digest(target)
    code = run(["check", "--db", str(target)])
    err = capsys.readouterr().err
    assert code != 0
    assert "خطا:" in err and ("آسیب" in err or "خالی" in err or "خوشه نیست" in err)
    assert "پشتیبان" in err  # says what to do
    assert digest(target) == before
    assert not Path(str(target) + "-wal").exists()


def test_missing_file_fails(tmp_path: Path, capsys) -> None:
    assert run(["check", "--db", str(tmp_path / "nothing.db")]) != 0
    assert "پیدا نشد" in capsys.readouterr().err
    assert not (tmp_path / "nothing.db").exists()


def test_foreign_sqlite_file(tmp_path: Path, capsys) -> None:
    path = tmp_path / "foreign.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = digest(path)
    assert run(["check", "--db", str(path)]) != 0
    assert "خوشه نیست" in capsys.readouterr().err
    assert digest(path) == before


def test_help_lists_the_commands() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("demo", "check", "search"):
        assert command in result.stdout


def test_unknown_command_is_a_clear_error() -> None:
    result = run_cli("frobnicate")
    assert result.returncode == 2
    assert "خطا در فرمان" in result.stderr


def test_damaged_database_lists_the_valid_backups(healthy: Path, tmp_path: Path, capsys) -> None:
    import shutil

    from services.backup import create_backup

    live = tmp_path / "live.db"
    shutil.copyfile(healthy, live)
    info = create_backup(live, tmp_path / "backups")
    (tmp_path / "backups" / "khooshe-broken.kbk").write_bytes(b"junk")
    _damage("zeroed_tail", healthy, live)
    assert run(["check", "--db", str(live)]) == 3
    err = capsys.readouterr().err
    assert info.path.name in err and "سالم" in err and "نامعتبر" in err
    assert f"restore {info.path}" in err


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An exchange package, outside the folders the tests below watch."""
    from services.exchange import export_package

    folder = tmp_path_factory.mktemp("package")
    db = open_database(str(folder / "laptop.db"))
    records.create(db, "cluster", {"name": "خوشه لپ‌تاپ"})
    export_package(db, folder / "p.kxp")
    db.dispose()
    return folder / "p.kxp"


@pytest.mark.parametrize("command", [["search", "جلسه"], ["exchange-export", "--out", "p.kex"],
                                     ["import-firms", "firms.xlsx"],
                                     ["exchange-import", "PACKAGE", "--dry-run"]])
def test_a_mistyped_database_path_is_refused_not_created(command: list[str], tmp_path: Path,
                                                        capsys, monkeypatch, request) -> None:
    """Before, `search` made an empty database at the typo and said «چیزی پیدا نشد»; and
    `exchange-import --dry-run` made a 400 KB empty database while saying nothing was written."""
    if "PACKAGE" in command:
        command = [str(request.getfixturevalue("package")) if a == "PACKAGE" else a
                   for a in command]
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "typo.db"
    code = run([*command, "--db", str(db)])
    assert code != 0 and not db.exists()
    err = capsys.readouterr().err
    assert "پایگاه داده «" in err and "پیدا نشد" in err
    assert list(tmp_path.iterdir()) == []


def test_check_recommends_a_backup_of_that_database_only(tmp_path: Path, capsys) -> None:
    """Two databases share a backup folder and the other one's backup is the newest: the
    damaged database is offered its own backup, the other is listed as another database's."""
    from services.backup import create_backup

    folder = tmp_path / "backups"
    mine, other = tmp_path / "mine.db", tmp_path / "other.db"
    for path, name in ((mine, "خوشه من"), (other, "خوشه دیگر")):
        db = open_database(str(path))
        records.create(db, "cluster", {"name": name})
        db.dispose()
    own = create_backup(mine, folder)
    foreign = create_backup(other, folder)
    data = mine.read_bytes()
    mine.write_bytes(data[:100] + b"\x00" * 4000 + data[4100:])  # damaged, header kept
    assert run(["check", "--db", str(mine)]) == 3
    err = capsys.readouterr().err
    assert f"restore {own.path} --db {mine}" in err
    assert f"restore {foreign.path}" not in err
    assert foreign.path.name in err and "پایگاه داده دیگری" in err
    lines = [line for line in err.splitlines() if ".kbk" in line and "restore" not in line]
    assert foreign.path.name in lines[0] and own.path.name in lines[1]  # newest first


def _index_out_of_step(healthy: Path, tmp_path: Path) -> Path:
    """A copy whose pages and records are all well formed but one index no longer matches its
    table: only integrity_check (`check --full`) compares them."""
    target = tmp_path / "index.db"
    target.write_bytes(healthy.read_bytes())
    conn = sqlite3.connect(target)
    conn.execute("CREATE TABLE probe (a INTEGER)")
    conn.execute("CREATE INDEX probe_a ON probe (a)")
    conn.executemany("INSERT INTO probe VALUES (?)", [(i,) for i in range(200)])
    conn.commit()
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX probe_a ON probe (-a)' "
                 "WHERE name = 'probe_a'")
    conn.commit()
    conn.close()
    return target


def test_check_is_quick_by_default_and_full_compares_indexes(healthy: Path, tmp_path: Path,
                                                             capsys) -> None:
    target = _index_out_of_step(healthy, tmp_path)
    before = digest(target)
    assert run(["check", "--db", str(target)]) == 0
    assert "بررسی سریع" in capsys.readouterr().out
    assert run(["check", "--full", "--db", str(target)]) == 3
    assert "آسیب" in capsys.readouterr().err
    assert run(["check", "--full", "--db", str(healthy)]) == 0
    assert "بررسی کامل" in capsys.readouterr().out
    assert digest(target) == before


def test_check_of_a_file_does_not_load_sqlalchemy_or_the_calendar(healthy: Path) -> None:
    """A third of `check`'s time on a small database was importing SQLAlchemy it never used;
    a sixth of what was left, the Jalali calendar and jdatetime (issue 15)."""
    unused = ("sqlalchemy", "alembic", "jdatetime", "persian.jalali")
    code = ("import sys\nfrom cli.commands import run\n"
            f"assert run(['check', '--db', {str(healthy)!r}]) == 0\n"
            f"print(sorted(m for m in sys.modules if m in {unused!r} "
            f"or m.split('.')[0] in {unused!r}))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
