"""Shared test set-up: headless Qt, the source tree on sys.path, a fresh database per test."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Before anything imports Qt: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test ever reads or writes the real user's data folder."""
    monkeypatch.setenv("KHOOSHE_DATA_DIR", str(tmp_path_factory.mktemp("khooshe-data")))


@pytest.fixture
def db(tmp_path: Path):
    """A fresh, migrated SQLite database per test, opened as the app and the commands open it."""
    from services.workspace import open_workspace

    database = open_workspace(str(tmp_path / "test.db"))
    yield database
    database.dispose()


# ---------------------------------------------------------------------------------------------
# PostgreSQL: one throwaway server per test session (initdb in a temp folder, a free port on
# 127.0.0.1, a socket dir in the temp folder), a fresh database per test; removed at the end.


def _pg_bindir() -> Path | None:
    import glob
    import shutil

    override = os.environ.get("KHOOSHE_PG_BIN")
    candidates = [Path(override)] if override else []
    candidates += [Path(p).parent for p in sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                                                  reverse=True)]
    found = shutil.which("initdb")
    if found:
        candidates.append(Path(found).parent)
    for bindir in candidates:
        if (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file():
            return bindir
    return None


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def pg_server():
    """A running PostgreSQL server for this test session: {"host", "port", "user"}."""
    import shutil
    import subprocess
    import tempfile

    bindir = _pg_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed; "
                    "install the `postgresql` package (tools/bootstrap.sh does)")
    root = Path(tempfile.mkdtemp(prefix="khooshe-pg-"))
    data, sock, log = root / "data", root / "sock", root / "server.log"
    sock.mkdir()
    prefix: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root: run the server as the postgres OS user
        import pwd

        user = pwd.getpwnam("postgres")
        for path in (root, sock):
            os.chown(path, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    subprocess.run(prefix + [str(bindir / "initdb"), "-D", str(data), "-U", "postgres",
                             "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
                   check=True, capture_output=True)
    options = (f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off")
    subprocess.run(prefix + [str(bindir / "pg_ctl"), "-D", str(data), "-o", options,
                             "-l", str(log), "-w", "-t", "60", "start"],
                   check=True, capture_output=True)
    try:
        yield {"host": "127.0.0.1", "port": port, "user": "postgres"}
    finally:
        subprocess.run(prefix + [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                                 "-w", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server):
    """A fresh, empty PostgreSQL database for one test; its SQLAlchemy URL."""
    import uuid

    import psycopg

    name = "khooshe_" + uuid.uuid4().hex[:12]
    dsn = f"host={pg_server['host']} port={pg_server['port']} user={pg_server['user']} dbname=postgres"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"postgresql+psycopg://{pg_server['user']}@{pg_server['host']}:{pg_server['port']}/{name}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def anydb_url(request, tmp_path: Path) -> str:
    """The --db of a fresh database, on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "any.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def anydb(anydb_url: str):
    """A fresh, migrated database, once on SQLite and once on PostgreSQL."""
    from models.migrate import open_database

    database = open_database(anydb_url)
    yield database
    database.dispose()
