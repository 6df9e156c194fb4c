"""The start page's first figures (models.quick_reader on plain sqlite3) are services.stats'
answer: the same SQL (models.figures) run two ways, compared on the demo and on generated data,
and the shared SQL run on PostgreSQL too."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from models import figures
from models.health import EarlyCheck, FileHealth, reads_before_open
from models.quick_reader import QuickReader, read_start_figures
from persian.jalali import year_period
from services import followup, periods, records, stats
from services.workspace import open_workspace

AS_OF = (date(2026, 1, 1), date(2025, 6, 1), date(2027, 3, 25))


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("figures") / "demo.db"
    with open_workspace(str(path)) as db:
        db.load_demo()
    return path


@pytest.fixture(scope="module")
def generated_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Data nobody tuned for: the benchmark generator, with some rows put in the trash."""
    from benchmarks.generate import generate

    path = tmp_path_factory.mktemp("figures") / "generated.db"
    generate(str(path), 3000, seed=11, clusters=4, progress=False)
    conn = sqlite3.connect(path)
    with conn:
        for table in ("activity", "participant", "resolution", "firm", "joint_action"):
            conn.execute(f"UPDATE {table} SET deleted_at = '2026-01-01 00:00:00' "  # noqa: S608
                         "WHERE rowid % 17 = 0")
    conn.close()
    return path


def _years(db, cluster_id: str) -> list[int]:  # noqa: ANN001
    opening = periods.default_year(db, cluster_id, as_of=AS_OF[0])
    return sorted({opening.year, opening.year - 1, opening.year - 2, opening.current})


def _compare(path: Path) -> int:
    checked = 0
    with open_workspace(str(path)) as db, closing(QuickReader(path)) as reader:
        clusters = records.list_records(db, "cluster")
        assert [(c.id, c.title, c.values["programme_start"], c.values["programme_end"])
                for c in clusters] == [
            (c.id, c.name, c.programme_start, c.programme_end)
            for c in figures.live_clusters(reader.run)]
        assert figures.busiest_cluster_id(reader.run) == stats.busiest_cluster_id(db)
        for as_of in AS_OF:
            assert figures.default_year(reader.run, None, as_of) == \
                periods.default_year(db, None, as_of=as_of)
        for cluster in clusters:
            for as_of in AS_OF:
                assert figures.default_year(reader.run, cluster.id, as_of) == \
                    periods.default_year(db, cluster.id, as_of=as_of)
                assert figures.upcoming_activities(reader.run, cluster.id, as_of) == \
                    stats.upcoming_activities(db, cluster.id, as_of=as_of)
            for year in _years(db, cluster.id):
                period = year_period(year)
                fast = figures.cluster_summary(reader.run, cluster.id, period.start, period.end,
                                               AS_OF[0])
                assert fast == stats.cluster_summary(db, cluster.id, period.start, period.end,
                                                     as_of=AS_OF[0])
                checked += bool(fast.meetings or fast.trainings or fast.per_month)
    return checked


def test_the_quick_reader_answers_as_the_services_on_the_demo(demo_file: Path) -> None:
    assert _compare(demo_file) > 0


def test_the_quick_reader_answers_as_the_services_on_generated_data(
        generated_file: Path) -> None:
    assert _compare(generated_file) > 0


def test_start_figures_are_what_the_dashboard_opens_on(demo_file: Path) -> None:
    as_of = AS_OF[0]
    with open_workspace(str(demo_file)) as db:
        busiest = stats.busiest_cluster_id(db)
        others = [c.id for c in records.list_records(db, "cluster") if c.id != busiest]
        first = read_start_figures(demo_file, None, as_of=as_of)
        assert first.cluster_id == busiest
        opening = periods.default_year(db, busiest, as_of=as_of)
        assert first.opening == opening
        period = year_period(opening.year)
        assert first.summary == stats.cluster_summary(db, busiest, period.start, period.end,
                                                      as_of=as_of)
        assert first.upcoming == stats.upcoming_activities(db, busiest, as_of=as_of)
        # A remembered cluster is kept; one that is gone (another database's) is not.
        assert read_start_figures(demo_file, others[0], as_of=as_of).cluster_id == others[0]
        assert read_start_figures(demo_file, "not-here", as_of=as_of).cluster_id == busiest


def test_a_database_with_no_cluster_opens_on_nothing(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    open_workspace(str(path)).close()
    first = read_start_figures(path, None, as_of=AS_OF[0])
    assert first.clusters == [] and first.cluster_id is None and first.summary is None
    assert first.opening == figures.DefaultYear(1404, 1404)


def test_the_open_statuses_are_the_follow_up_pages() -> None:
    assert figures.OPEN_STATUSES == followup.OPEN_STATUSES
    statuses = figures.OPEN_RESOLUTIONS.sql.split("IN (")[1].split(")")[0]
    assert statuses == ", ".join(f"'{s}'" for s in followup.OPEN_STATUSES)
    assert figures.today() == followup.today()


def test_the_shared_sql_gives_the_same_figures_on_postgresql(pg_url: str,
                                                             demo_file: Path) -> None:
    with open_workspace(pg_url) as pg, open_workspace(str(demo_file)) as lite:
        pg.load_demo()  # the same story, with ids of its own: clusters are matched by name
        on_pg = {c.title: c.id for c in records.list_records(pg, "cluster")}
        for cluster in records.list_records(lite, "cluster"):
            other = on_pg[cluster.title]
            as_of = AS_OF[0]
            assert periods.default_year(pg, other, as_of=as_of) == \
                periods.default_year(lite, cluster.id, as_of=as_of)
            assert [row[1:] for row in stats.upcoming_activities(pg, other, as_of=as_of)] == \
                [row[1:] for row in stats.upcoming_activities(lite, cluster.id, as_of=as_of)]
            for year in _years(lite, cluster.id):
                period = year_period(year)
                answer = stats.cluster_summary(pg, other, period.start, period.end, as_of=as_of)
                assert replace(answer, cluster_id=cluster.id) == stats.cluster_summary(
                    lite, cluster.id, period.start, period.end, as_of=as_of)
        busiest = {v: k for k, v in on_pg.items()}[stats.busiest_cluster_id(pg)]
        assert busiest == records.get(lite, "cluster", stats.busiest_cluster_id(lite)).title


class _Finished(EarlyCheck):
    """A check that has already given `health`."""

    def __init__(self, path: Path, health: FileHealth) -> None:
        self._given = health
        super().__init__(path)

    def _run(self) -> None:
        self._health = self._given


def test_only_an_up_to_date_file_whose_check_did_not_fail_is_read_before_it_is_opened(
        demo_file: Path, tmp_path: Path) -> None:
    assert reads_before_open(demo_file, EarlyCheck(demo_file))
    assert reads_before_open(demo_file, _Finished(demo_file, FileHealth(True, "ok")))
    assert not reads_before_open(demo_file, None)  # a server, or no lock held
    assert not reads_before_open(demo_file, _Finished(demo_file, FileHealth(False, "آسیب")))
    missing = tmp_path / "missing.db"
    assert not reads_before_open(missing, EarlyCheck(missing))  # the demo goes in first
    outdated = tmp_path / "outdated.db"
    outdated.write_bytes(demo_file.read_bytes())
    conn = sqlite3.connect(outdated)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '0004'")
    conn.close()
    assert not reads_before_open(outdated, EarlyCheck(outdated))  # to migrate, after a backup
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    with conn:
        conn.execute("CREATE TABLE notes (x)")
    conn.close()
    assert not reads_before_open(foreign, EarlyCheck(foreign))
    killed = tmp_path / "killed.db"
    killed.write_bytes(demo_file.read_bytes())
    assert reads_before_open(killed, EarlyCheck(killed))
    (tmp_path / "killed.db-journal").write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7")
    assert not reads_before_open(killed, EarlyCheck(killed))  # a hot journal to roll back


def test_the_busiest_cluster_is_counted_on_the_index_alone(demo_file: Path) -> None:
    with closing(QuickReader(demo_file)) as reader:
        plan = " ".join(str(row[-1]) for row in reader.run(
            figures.Query("EXPLAIN QUERY PLAN " + figures.BUSIEST_CLUSTER.sql), {}))
    assert "COVERING INDEX ix_activity_cluster_start (cluster_id=?)" in plan, plan
