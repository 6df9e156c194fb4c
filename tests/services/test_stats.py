"""Report figures (services.stats, services.followup) against plain Python counts of the demo data,
and the query plans that keep a report's cost independent of how many other clusters there are."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event, select

from models.entities import Activity, Cluster, Participant, Training
from persian.jalali import to_jalali
from services.followup import OPEN_STATUSES, list_resolutions
from services.stats import activity_figures, cluster_summary

START, END, AS_OF = date(2023, 3, 21), date(2026, 3, 20), date(2026, 1, 1)
TRAINEES = ("participant", "attendee")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    from models.migrate import open_database
    from services.demo import load_demo

    database = open_database(str(tmp_path_factory.mktemp("stats") / "demo.db"))
    with database.session_factory.begin() as session:
        load_demo(session)
    yield database
    database.dispose()


def _clusters(db) -> list[str]:  # noqa: ANN001
    with db.session_factory() as session:
        return list(session.scalars(select(Cluster.id).where(Cluster.deleted_at.is_(None))))


def _activities(db, cluster_id: str) -> list[Activity]:  # noqa: ANN001
    """The cluster's live activities of the period with their children, the slow obvious way."""
    from sqlalchemy.orm import selectinload

    with db.session_factory() as session:
        acts = list(session.scalars(
            select(Activity).where(Activity.cluster_id == cluster_id,
                                   Activity.deleted_at.is_(None),
                                   Activity.start_date.between(START, END))
            .options(selectinload(Activity.participants), selectinload(Activity.resolutions))))
        session.expunge_all()
    return acts


def _trainees(a: Activity) -> list[Participant]:
    return [p for p in a.participants
            if p.deleted_at is None and p.attended and p.role in TRAINEES]


def test_cluster_summary_matches_python_counts(demo) -> None:  # noqa: ANN001
    checked = 0
    for cid in _clusters(demo):
        acts = _activities(demo, cid)
        done = [a for a in acts if a.status == "done"]
        s = cluster_summary(demo, cid, START, END, as_of=AS_OF)
        trainings = [a for a in done if a.kind == "training"]
        assert s.trainings == len(trainings)
        assert s.meetings == len([a for a in done if a.kind == "meeting"])
        assert s.training_hours == pytest.approx(sum(a.hours or 0 for a in trainings))
        assert s.training_participants == sum(len(_trainees(a)) for a in trainings)
        assert s.person_hours == pytest.approx(sum(
            p.hours if p.hours is not None else (a.hours or 0)
            for a in trainings for p in _trainees(a)))
        tours = [a for a in done if a.kind == "tour"]
        assert s.tour_participants == sum(len(_trainees(a)) for a in tours)
        exhibitions = [a for a in done if a.kind == "exhibition"]
        assert s.exhibitions_international == len(
            [a for a in exhibitions if a.scope == "international"])
        assert s.exhibition_firms == len({p.firm_id for a in exhibitions for p in a.participants
                                          if p.deleted_at is None and p.firm_id})
        assert s.cost_total == sum(a.cost_total or 0 for a in done)
        per_month: dict[tuple[int, int], int] = {}
        for a in done:
            y, m, _ = to_jalali(a.start_date)
            per_month[(y, m)] = per_month.get((y, m), 0) + 1
        assert s.per_month == per_month
        assert sum(s.hours_by_domain.values()) == pytest.approx(s.training_hours)
        open_res = [r for a in _all_meetings(demo, cid) for r in a.resolutions
                    if r.deleted_at is None and r.status in OPEN_STATUSES]
        assert s.open_resolutions == len(open_res)
        assert s.overdue_resolutions == len([r for r in open_res
                                             if r.due_date and r.due_date < AS_OF])
        checked += s.trainings
    assert checked, "the demo data has trainings to count"


def _all_meetings(db, cluster_id: str) -> list[Activity]:  # noqa: ANN001
    from sqlalchemy.orm import selectinload

    with db.session_factory() as session:
        acts = list(session.scalars(
            select(Activity).where(Activity.cluster_id == cluster_id,
                                   Activity.deleted_at.is_(None))
            .options(selectinload(Activity.resolutions))))
        session.expunge_all()
    return acts


def test_activity_figures_match_orm_counts(demo) -> None:  # noqa: ANN001
    seen = 0
    for cid in _clusters(demo):
        figures = activity_figures(demo, cid, START, END)
        for a in _activities(demo, cid):
            f = figures.get(a.id)
            trainees = _trainees(a)
            assert (f.trainees if f else 0) == len(trainees)
            assert (f.person_hours if f else 0) == pytest.approx(sum(
                p.hours if p.hours is not None else (a.hours or 0) for p in trainees))
            assert (f.firms if f else 0) == len({p.firm_id for p in a.participants
                                                 if p.deleted_at is None and p.firm_id})
            assert (f.resolutions if f else 0) == len(
                [r for r in a.resolutions if r.deleted_at is None])
            seen += bool(f and f.resolutions) + bool(f and f.trainees)
    assert seen


def test_list_resolutions_of_one_cluster_is_the_filtered_list(demo) -> None:  # noqa: ANN001
    everyone = list_resolutions(demo, as_of=AS_OF)
    overdue = list_resolutions(demo, only_overdue=True, as_of=AS_OF)
    for cid in _clusters(demo):
        mine = list_resolutions(demo, cluster_id=cid, as_of=AS_OF)
        assert mine == [r for r in everyone if r.cluster_id == cid]
        late = list_resolutions(demo, cluster_id=cid, only_overdue=True, as_of=AS_OF)
        assert late == [r for r in overdue if r.cluster_id == cid]
    assert everyone and overdue


def test_hours_of_trainings_without_a_domain_add_up_under_other(db) -> None:  # noqa: ANN001
    # A missing domain and the explicit "other" used to overwrite each other in the chart.
    with db.session_factory.begin() as session:
        c = Cluster(name="خوشه آزمون")
        session.add(c)
        session.flush()
        for domain, hours in ((None, 4.0), ("other", 6.0), ("technical", 3.0)):
            session.add(Training(cluster_id=c.id, title="دوره", status="done",
                                 start_date=date(2025, 5, 1), domain=domain, hours=hours))
        cid = c.id
    s = cluster_summary(db, cid, date(2025, 1, 1), date(2025, 12, 31))
    assert s.hours_by_domain == {"other": 10.0, "technical": 3.0}
    assert s.training_hours == 13.0


def test_report_queries_start_from_the_cluster(demo) -> None:  # noqa: ANN001
    """No query of a one-cluster report walks an index over every cluster.

    Without ANALYZE statistics SQLite chose ix_activity_kind_start (a kind over all clusters)
    and ix_resolution_status_due (open resolutions of all clusters) for these queries, so the
    same 1,000-activity report took longer on a bigger database. The plans do not depend on
    the table sizes, so the small demo database shows them.
    """
    statements: list[tuple[str, object]] = []

    def remember(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001, ANN202
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(demo.engine, "before_cursor_execute", remember)
    try:
        cid = _clusters(demo)[0]
        cluster_summary(demo, cid, START, END, as_of=AS_OF)
        activity_figures(demo, cid, START, END)
        list_resolutions(demo, cluster_id=cid, as_of=AS_OF)
        list_resolutions(demo, cluster_id=cid, only_overdue=True, as_of=AS_OF)
    finally:
        event.remove(demo.engine, "before_cursor_execute", remember)
    assert len(statements) >= 8
    raw = demo.engine.raw_connection()
    try:
        for statement, parameters in statements:
            cur = raw.cursor()
            cur.execute("EXPLAIN QUERY PLAN " + statement, parameters)
            plan = " | ".join(str(row[-1]) for row in cur.fetchall())
            assert "ix_activity_kind_start" not in plan, (statement, plan)
            assert "ix_resolution_status_due" not in plan, (statement, plan)
            if "FROM activity" in statement or "JOIN activity" in statement:
                assert "SCAN activity" not in plan, (statement, plan)
    finally:
        raw.close()



def test_busiest_cluster_is_the_one_with_most_activities_and_never_a_deleted_one(
        tmp_path) -> None:  # noqa: ANN001
    from models.migrate import open_database
    from services import records
    from services.stats import busiest_cluster_id

    db = open_database(str(tmp_path / "b.db"))
    try:
        assert busiest_cluster_id(db) is None  # no cluster at all
        quiet = records.create(db, "cluster", {"name": "خوشه آرام", "province": "فارس"}).id
        busy = records.create(db, "cluster", {"name": "خوشه پرکار", "province": "فارس"}).id
        assert busiest_cluster_id(db) in {quiet, busy}  # a cluster without activities still opens
        for i in range(3):
            records.create(db, "activity", {"cluster_id": busy, "kind": "meeting",
                                            "title": f"جلسه {i}", "start_date": date(2025, 1, i + 1)})
        records.create(db, "activity", {"cluster_id": quiet, "kind": "meeting",
                                        "title": "جلسه", "start_date": date(2025, 1, 1)})
        assert busiest_cluster_id(db) == busy
        records.delete(db, "cluster", busy)
        assert busiest_cluster_id(db) == quiet
    finally:
        db.dispose()
