"""The demo database tells the Maskati Lari story through the services, whole and repeatable."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models.entities import (
    ActionPlanItem,
    Activity,
    Cluster,
    Firm,
    IndicatorValue,
    JointAction,
    Participant,
    Person,
    Resolution,
)
from services.demo import DEMO_CLUSTER_NAME, demo_loaded, load_demo, national_code_with_check
from services.search import search
from services.validation import valid_national_code

TODAY = date(2026, 11, 23)  # 1405/09/02

DEVELOPED = {
    "گلاب و عرقیات گیاهی میمند",
    "سنگ شمال استان فارس",
    "ترشیجات، شوریجات و رب گوجه‌فرنگی",
    "فرش دستباف",
    "خرما",
    "گیاهان دارویی",
}
REAL_PEOPLE = {"عباس برنهاد", "محمد علی جمشیدی"}


@pytest.fixture
def loaded(db):
    with db.session_factory.begin() as s:
        counts = load_demo(s)
    return db, counts


def _cluster_id(s) -> str:
    return s.scalar(select(Cluster.id).where(Cluster.name == DEMO_CLUSTER_NAME))


def _activities(s, kind: str) -> list[Activity]:
    return list(s.scalars(select(Activity).where(
        Activity.cluster_id == _cluster_id(s), Activity.kind == kind).order_by(Activity.start_date)))


def test_clusters_and_standings(loaded):
    db, counts = loaded
    with db.session_factory() as s:
        rows = dict(s.execute(select(Cluster.name, Cluster.standing)).all())
        provinces = set(s.scalars(select(Cluster.province)))
        demo = s.scalar(select(Cluster).where(Cluster.name == DEMO_CLUSTER_NAME))
        assert demo_loaded(s)
    # The news names ten clusters of Fars: 6 developed, Maskati Lari near, Neyriz in progress,
    # two planned.
    assert len(rows) == counts["cluster"] == 10
    assert provinces == {"فارس"}
    assert {n for n, st in rows.items() if st == "developed"} == DEVELOPED
    assert rows[DEMO_CLUSTER_NAME] == "near_developed"
    assert {n for n, st in rows.items() if st == "in_progress"} == {"سنگ نیریز"}
    assert {n for n, st in rows.items() if st == "planned"} == {
        "سازندگان تجهیزات صنایع نفت، گاز و پتروشیمی", "سازه‌های فولادی"}
    assert demo.product == "حلوای مسقطی" and demo.city == "لار"
    assert demo.agent_name == "محمد علی جمشیدی"
    assert demo.employer == "شرکت شهرک‌های صنعتی فارس"
    assert demo.phase in ("exit", "monitoring")
    assert (demo.programme_start, demo.programme_end) == (date(2023, 4, 4), date(2026, 3, 20))


def test_trainings_have_hours_and_participants(loaded):
    db, _ = loaded
    with db.session_factory() as s:
        trainings = _activities(s, "training")
        assert len(trainings) >= 11
        domains = {t.domain for t in trainings}
        for t in trainings:
            assert t.hours and 8 <= t.hours <= 40
            assert t.instructor and t.end_date >= t.start_date
            assert 6 <= len(t.participants) <= 15
            assert t.cost_total == t.subsidy_amount + t.firms_share
        assert {"technical", "managerial", "export", "marketing"} <= domains
        assert any(not p.attended for t in trainings for p in t.participants)


def test_tours_and_exhibitions(loaded):
    db, _ = loaded
    with db.session_factory() as s:
        tours = _activities(s, "tour")
        assert len(tours) >= 3
        assert {t.tour_kind for t in tours} == {"industrial", "educational"}
        assert all(t.participants and t.destination for t in tours)
        shows = _activities(s, "exhibition")
        assert sorted(e.city for e in shows) == sorted(["دبی", "استانبول", "تهران", "مشهد"])
        by_city = {e.city: e for e in shows}
        assert by_city["دبی"].country == "امارات متحده عربی"
        assert by_city["استانبول"].country == "ترکیه"
        assert by_city["دبی"].scope == by_city["استانبول"].scope == "international"
        assert any(e.scope == "domestic" for e in shows)
        for e in shows:
            assert e.participants and all(
                p.firm_id and p.role == "exhibitor" for p in e.participants)
            assert e.booth and e.outcomes and e.contracts_count is not None
            assert e.orders_amount and e.leads_count and e.support_amount


def test_the_meeting_of_6_dey_1404(loaded):
    db, _ = loaded
    with db.session_factory() as s:
        meeting = s.scalar(select(Activity).where(
            Activity.kind == "meeting", Activity.start_date == date(2025, 12, 27)))
        assert meeting is not None
        assert meeting.meeting_kind == "employer" and meeting.city == "شیراز"
        assert "شرکت شهرک‌های صنعتی فارس" in meeting.place
        present = {p.person.full_name for p in meeting.participants if p.role == "attendee"}
        assert {"عباس برنهاد", "محمد علی جمشیدی"} <= present
        titles = {p.person.title for p in meeting.participants}
        assert "معاون صنایع کوچک" in titles
        assert meeting.agenda and meeting.summary
        assert 2 <= len(meeting.resolutions) <= 3
        assert all(r.due_date and r.due_date.year in (2026, 2027) for r in meeting.resolutions)
        assert all(r.owner_person_id or r.owner_text for r in meeting.resolutions)


def test_meetings_and_resolutions(loaded):
    db, _ = loaded
    with db.session_factory() as s:
        meetings = _activities(s, "meeting")
        assert 10 <= len(meetings) <= 14
        numbers = sorted(m.number for m in meetings if m.meeting_kind == "steering")
        assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 3
        assert {"steering", "stakeholders", "employer", "monitoring"} <= {
            m.meeting_kind for m in meetings}
        assert any(p.role == "absent" and not p.attended for m in meetings for p in m.participants)
        resolutions = [r for m in meetings for r in m.resolutions]
        open_ = [r for r in resolutions if r.status in ("open", "in_progress")]
        assert any(r.status == "done" and r.done_date for r in resolutions)
        assert any(r.due_date < TODAY for r in open_)
        assert any(r.due_date > TODAY for r in open_)
        assert sum(r.status == "cancelled" for r in resolutions) == 1


def test_joint_actions_plan_and_indicators(loaded):
    db, _ = loaded
    with db.session_factory() as s:
        cid = _cluster_id(s)
        actions = {a.category: a for a in s.scalars(
            select(JointAction).where(JointAction.cluster_id == cid))}
        assert {"cooperative", "customs_code", "standard", "innovation_center", "award",
                "packaging", "brand"} <= set(actions)
        assert actions["cooperative"].status == "done"
        assert actions["cooperative"].achieved_on.year == 2023  # 1402
        assert actions["award"].achieved_on == date(2025, 7, 1)  # 1404/04/10
        assert actions["cooperative"].firms and all(f.coop_member for f in actions["cooperative"].firms)
        plan = list(s.scalars(select(ActionPlanItem).where(ActionPlanItem.cluster_id == cid)))
        assert 5 <= len(plan) <= 8
        metrics = {p.metric for p in plan}
        assert {"trainings_held", "exhibitions_attended", "joint_actions_done"} <= metrics
        assert any(p.metric is None and p.manual_actual is not None for p in plan)
        years = s.execute(select(IndicatorValue.indicator, func.min(IndicatorValue.jalali_year),
                                 func.max(IndicatorValue.jalali_year))
                          .where(IndicatorValue.cluster_id == cid)
                          .group_by(IndicatorValue.indicator)).all()
        assert {(i, lo, hi) for i, lo, hi in years} == {
            ("sales", 1401, 1404), ("exports", 1401, 1404), ("employment", 1401, 1404)}
        neyriz = s.scalar(select(Cluster.id).where(Cluster.name == "سنگ نیریز"))
        assert s.scalar(select(func.count()).select_from(Activity)
                        .where(Activity.cluster_id == neyriz)) >= 2


def test_invented_records_are_marked_sample(loaded):
    db, _ = loaded
    with db.session_factory() as s:
        firms = list(s.scalars(select(Firm)))
        assert len(firms) >= 12
        assert all(f.is_sample and f.notes and "داده نمونه" in f.notes for f in firms)
        assert all(f.city == "لار" for f in firms)
        assert {"micro", "small", "medium"} <= {
            "micro" if f.employees < 10 else "small" if f.employees < 50 else "medium"
            for f in firms}
        assert any(f.coop_member for f in firms) and not all(f.coop_member for f in firms)
        assert all(len(f.national_id) == 11 for f in firms if f.national_id)
        people = list(s.scalars(select(Person)))
        names = {p.full_name for p in people}
        assert REAL_PEOPLE <= names
        for p in people:
            assert p.is_sample == (p.full_name not in REAL_PEOPLE), p.full_name
            if p.is_sample:
                assert p.notes == "داده نمونه"
            if p.national_code:
                assert valid_national_code(p.national_code)


def test_participants_reference_existing_rows(loaded):
    db, counts = loaded
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Participant)) == counts["participant"]
        assert s.scalar(select(func.count()).select_from(Resolution)) == counts["resolution"]
        assert s.scalar(select(func.count()).select_from(Activity)) == counts["activity"]


def test_search_finds_the_demo(loaded):
    db, _ = loaded
    hits = search(db, "مسقطی")
    assert hits
    assert {"activity", "resolution", "joint_action"} <= {h.kind for h in hits}
    assert search(db, "جمشیدی")
    assert search(db, "برنهاد")


def test_same_counts_in_two_fresh_databases(tmp_path: Path):
    from models.migrate import open_database

    results = []
    for name in ("a.db", "b.db"):
        database = open_database(str(tmp_path / name))
        try:
            with database.session_factory.begin() as s:
                counts = load_demo(s)
            with database.session_factory() as s:
                titles = list(s.scalars(select(Activity.title).order_by(
                    Activity.start_date, Activity.title)))
            results.append((counts, titles))
        finally:
            database.dispose()
    assert results[0] == results[1]


def test_national_code_helper():
    code = national_code_with_check("228104573")
    assert len(code) == 10 and valid_national_code(code)
    with pytest.raises(ValueError):
        national_code_with_check("12")


def test_loader_does_not_commit(db):
    s = db.session_factory()
    try:
        s.begin()
        load_demo(s)
        s.rollback()
    finally:
        s.close()
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Cluster)) == 0
        assert not demo_loaded(s)
