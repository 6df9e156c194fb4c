"""Create, update, delete to the trash, restore; activities with participants and resolutions."""

from __future__ import annotations

from datetime import date

import pytest

from services import activities, followup, plans, records, stats, trash
from services.activities import ActivityFilter
from services.errors import NotFoundError, ValidationError


@pytest.fixture
def world(db):
    cluster = records.create(db, "cluster", {"name": "مسقطی لاری", "province": "فارس"})
    ali = records.create(db, "person", {"full_name": "علی رضایی"})
    sara = records.create(db, "person", {"full_name": "سارا محمدی"})
    firm = records.create(db, "firm", {"name": "شیرینی‌سرای لار", "cluster_id": cluster.id,
                                       "employees": 12})
    return cluster, ali, sara, firm


def test_every_kind_round_trips_through_create_get_list_delete_restore(db, world) -> None:
    cluster, ali, _, firm = world
    meeting = activities.save_activity(db, {"kind": "meeting", "cluster_id": cluster.id,
                                            "title": "کمیته راهبری", "start_date": "1404/01/20"})
    samples = {
        "organisation": {"name": "اتاق بازرگانی شیراز", "kind": "chamber"},
        "joint_action": {"cluster_id": cluster.id, "category": "cooperative",
                         "title": "تشکیل تعاونی", "status": "done", "achieved_on": "1402/05/01"},
        "action_plan_item": {"cluster_id": cluster.id, "action": "آموزش", "indicator": "دوره",
                             "metric": "trainings_held", "target": 10},
        "indicator_value": {"cluster_id": cluster.id, "indicator": "sales", "period_kind": "year",
                            "jalali_year": 1403, "value": 1000},
        "resolution": {"meeting_id": meeting.id, "text": "پیگیری کد گمرکی"},
    }
    for kind, data in samples.items():
        view = records.create(db, kind, data)
        assert records.get(db, kind, view.id).id == view.id
        assert view.id in {v.id for v in records.list_records(db, kind)}
        records.delete(db, kind, view.id)
        assert view.id not in {v.id for v in records.list_records(db, kind)}
        with pytest.raises(NotFoundError):
            records.get(db, kind, view.id)
        assert (kind, view.id) in {(t.kind, t.id) for t in trash.list_trash(db)}
        restored = trash.restore(db, kind, view.id)
        assert restored.deleted_at is None
        assert view.id in {v.id for v in records.list_records(db, kind)}
    for kind, rec in (("cluster", cluster), ("person", ali), ("firm", firm)):
        records.delete(db, kind, rec.id)
        records.restore(db, kind, rec.id)
        assert records.get(db, kind, rec.id).title == rec.title


def test_near_duplicate_names_warn_but_save(db, world) -> None:
    view = records.create(db, "person", {"full_name": "علي رضايي"})
    assert view.warnings and "علی رضایی" in view.warnings[0]
    assert records.check_name(db, "person", "علی‌رضایی")
    assert records.check_name(db, "person", "حسن کریمی") == ()


def test_meeting_with_attendees_and_resolutions_is_one_action(db, world) -> None:
    cluster, ali, sara, _ = world
    detail = activities.save_activity(
        db,
        {"kind": "meeting", "cluster_id": cluster.id, "title": "جلسه پایش",
         "start_date": "1404/10/06", "meeting_kind": "monitoring", "agenda": "مرور برنامه"},
        participants=[{"person_id": ali.id}, {"person_id": sara.id, "role": "absent"}],
        resolutions=[{"text": "ارسال گزارش", "owner_person_id": ali.id, "due_date": "1404/11/01"},
                     {"text": "پیگیری استاندارد", "owner_text": "دبیرخانه"}],
    )
    assert [p.role for p in detail.participants] == ["attendee", "absent"]
    assert [p.attended for p in detail.participants] == [True, False]
    assert [r["number"] for r in detail.resolutions] == [1, 2]
    assert [r["status"] for r in detail.resolutions] == ["open", "open"]
    # Editing keeps resolution identity and replaces the rest.
    first = detail.resolutions[0]
    edited = activities.save_activity(
        db, {"title": "جلسه پایش فصلی"}, activity_id=detail.id,
        resolutions=[{"id": first.id, "text": "ارسال گزارش نهایی", "status": "done",
                      "done_date": "1404/10/20"}],
    )
    assert edited.activity.title == "جلسه پایش فصلی"
    assert [r.id for r in edited.resolutions] == [first.id]
    assert edited.resolutions[0]["status"] == "done"
    assert len(edited.participants) == 2


def test_invalid_resolution_rolls_back_the_whole_meeting(db, world) -> None:
    cluster, ali, _, _ = world
    with pytest.raises(ValidationError) as info:
        activities.save_activity(
            db, {"kind": "meeting", "cluster_id": cluster.id, "title": "جلسه",
                 "start_date": "1404/10/06"},
            participants=[{"person_id": ali.id}],
            resolutions=[{"text": "درست"}, {"text": "مهلت غلط", "due_date": "1404/12/30"}],
        )
    assert "مصوبه 2" in info.value.message
    assert activities.count_activities(db, ActivityFilter()) == 0


def test_training_participants_and_person_hours(db, world) -> None:
    cluster, ali, sara, firm = world
    activities.save_activity(
        db, {"kind": "training", "cluster_id": cluster.id, "title": "بازاریابی صادراتی",
             "start_date": "1404/02/01", "end_date": "1404/02/03", "hours": 16, "domain": "export"},
        participants=[{"person_id": ali.id}, {"person_id": sara.id, "hours": 8},
                      {"firm_id": firm.id, "attended": False}],
    )
    summary = stats.cluster_summary(db, cluster.id, date(2025, 3, 21), date(2026, 3, 20))
    assert summary.trainings == 1
    assert summary.training_hours == 16
    assert summary.training_participants == 2
    assert summary.person_hours == 24  # 16 for the full course + 8 for a partial one
    assert summary.hours_by_domain == {"export": 16}


def test_activity_list_filters_sorts_and_pages_in_sql(db, world) -> None:
    cluster, *_ = world
    other = records.create(db, "cluster", {"name": "سنگ نیریز"})
    for i, (kind, day) in enumerate([("meeting", "1404/01/05"), ("training", "1404/03/01"),
                                     ("tour", "1403/11/11"), ("exhibition", "1404/06/30")]):
        data = {"kind": kind, "cluster_id": cluster.id if i % 2 == 0 else other.id,
                "title": f"فعالیت {i}", "start_date": day}
        if kind == "training":
            data["hours"] = 4
        activities.save_activity(db, data)
    ids = activities.activity_ids(db, ActivityFilter())
    rows = activities.activity_rows(db, ids)
    assert [r.start_date for r in rows] == sorted((r.start_date for r in rows), reverse=True)
    assert activities.count_activities(db, ActivityFilter(kind="training")) == 1
    assert activities.count_activities(db, ActivityFilter(cluster_id=other.id)) == 2
    assert activities.count_activities(
        db, ActivityFilter(date_from=date(2025, 3, 21), date_to=date(2025, 6, 30))) == 2
    titles = [r.title for r in activities.activity_rows(
        db, activities.activity_ids(db, ActivityFilter(), sort="title", descending=False))]
    assert titles == sorted(titles)
    assert activities.count_activities(db, ActivityFilter(text="فعاليت ۲")) >= 1


def test_resolution_followup_open_and_overdue(db, world) -> None:
    cluster, ali, *_ = world
    activities.save_activity(
        db, {"kind": "meeting", "cluster_id": cluster.id, "title": "کمیته",
             "start_date": "1404/01/10"},
        resolutions=[{"text": "دیرکرد", "due_date": "1404/02/01"},
                     {"text": "آینده", "due_date": "1405/12/01"},
                     {"text": "بسته", "status": "done", "done_date": "1404/01/20"}],
    )
    as_of = date(2026, 1, 1)
    open_rows = followup.list_resolutions(db, cluster_id=cluster.id, as_of=as_of)
    assert [r.text for r in open_rows] == ["دیرکرد", "آینده"]
    assert [r.overdue for r in open_rows] == [True, False]
    overdue = followup.list_resolutions(db, only_overdue=True, as_of=as_of)
    assert [r.text for r in overdue] == ["دیرکرد"]
    followup.set_status(db, overdue[0].id, "done", note="انجام شد")
    assert followup.list_resolutions(db, only_overdue=True, as_of=as_of) == []


def test_action_plan_actual_is_counted_from_records(db, world) -> None:
    cluster, *_ = world
    records.create(db, "action_plan_item", {
        "cluster_id": cluster.id, "action": "برگزاری دوره‌های آموزشی",
        "indicator": "تعداد دوره در ۱۴۰۴", "metric": "trainings_held", "target": 4,
        "period_start": "1404/01/01", "period_end": "1404/12/29"})
    records.create(db, "action_plan_item", {
        "cluster_id": cluster.id, "action": "افزایش صادرات", "indicator": "صادرات",
        "target": 100, "manual_actual": 40})
    for day in ("1403/12/28", "1404/01/15", "1404/06/01"):
        activities.save_activity(db, {"kind": "training", "cluster_id": cluster.id,
                                      "title": "دوره", "start_date": day, "hours": 6})
    activities.save_activity(db, {"kind": "training", "cluster_id": cluster.id, "title": "لغو",
                                  "start_date": "1404/07/01", "hours": 6, "status": "cancelled"})
    lines = {line.action: line for line in plans.plan_vs_actual(db, cluster.id)}
    counted = lines["برگزاری دوره‌های آموزشی"]
    assert counted.actual == 2 and counted.computed and counted.progress == 0.5
    typed = lines["افزایش صادرات"]
    assert typed.actual == 40 and not typed.computed


def test_activity_kind_cannot_change(db, world) -> None:
    cluster, *_ = world
    detail = activities.save_activity(db, {"kind": "tour", "cluster_id": cluster.id,
                                           "title": "بازدید", "start_date": "1404/01/10"})
    with pytest.raises(ValidationError):
        activities.save_activity(db, {"kind": "meeting"}, activity_id=detail.id)
