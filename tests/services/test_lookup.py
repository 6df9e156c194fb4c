"""Finding a meeting, a training or a cluster the way people name them (services.lookup)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from persian.digits import to_persian_digits
from services import activities, records
from services.lookup import LookupFailed, find_activity, find_cluster, find_province, short_ids


def _meeting(db, cluster_id: str, title: str, day: str, kind: str = "meeting") -> str:
    return activities.save_activity(db, {"kind": kind, "cluster_id": cluster_id, "title": title,
                                         "start_date": day}).id


def _set_id(db, old: str, new: str) -> str:
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE activity SET id = :new WHERE id = :old"), {"new": new, "old": old})
    return new


@pytest.fixture
def world(db):
    cluster = records.create(db, "cluster", {"name": "ترشیجات، شوریجات و رب", "province": "فارس"})
    ids = {
        "steering": _meeting(db, cluster.id, "کمیته راهبری خوشه", "1404/03/12"),
        "same_day": _meeting(db, cluster.id, "جلسه با کارگزار", "1404/03/12"),
        "later": _meeting(db, cluster.id, "کمیته راهبری خوشه", "1404/06/01"),
        "training": _meeting(db, cluster.id, "بازاریابی دیجیتال", "1404/03/12", kind="training"),
    }
    return db, cluster, ids


def test_full_id_and_unique_prefix_as_git_does(world) -> None:
    db, _, ids = world
    wanted = ids["steering"]
    assert find_activity(db, wanted, "meeting").id == wanted
    assert find_activity(db, wanted[:8], "meeting").id == wanted
    # Typed on a Persian keyboard or in capitals, it is still the same id.
    assert find_activity(db, to_persian_digits(wanted[:8]).upper(), "meeting").id == wanted


def test_a_prefix_two_meetings_share_lists_both_and_short_ids_grow(world) -> None:
    db, _, ids = world
    a = _set_id(db, ids["steering"], "abcdef12-3456-4000-8000-000000000001")
    b = _set_id(db, ids["later"], "abcdef12-3499-4000-8000-000000000002")
    shorts = short_ids(db, "activity", [a, b, ids["same_day"]])
    assert shorts[a] == "abcdef12-345" and shorts[b] == "abcdef12-349"
    assert len(shorts[ids["same_day"]]) == 8
    with pytest.raises(LookupFailed) as info:
        find_activity(db, "abcdef12", "meeting")
    assert {c.id for c in info.value.candidates} == {a, b}
    assert find_activity(db, shorts[b], "meeting").id == b


def test_a_short_number_is_part_of_a_title_not_the_start_of_an_id(world) -> None:
    db, cluster, ids = world
    expo = _meeting(db, cluster.id, "جلسه ارزیابی نمایشگاه 2025", "1404/07/01")
    _set_id(db, ids["later"], "2025aaaa-0000-4000-8000-000000000003")
    assert find_activity(db, "2025", "meeting").id == expo
    assert find_activity(db, "2025aaaa", "meeting").id.startswith("2025aaaa")


def test_date_and_part_of_the_title_in_either_order_folded(world) -> None:
    db, _, ids = world
    assert find_activity(db, "1404/03/12 کميته", "meeting").id == ids["steering"]  # Arabic yeh
    assert find_activity(db, "کارگزار ۱۴۰۴/۰۳/۱۲", "meeting").id == ids["same_day"]
    assert find_activity(db, "1404/06/01", "meeting").id == ids["later"]
    assert find_activity(db, "۱۴۰۴/۰۳/۱۲", "training").id == ids["training"]


def test_an_ambiguous_name_lists_date_title_and_short_id_one_per_line(world) -> None:
    db, _, ids = world
    with pytest.raises(LookupFailed) as info:
        find_activity(db, "1404/03/12", "meeting")
    lines = info.value.message.splitlines()
    assert len(lines) == 3
    shorts = short_ids(db, "activity", [ids["steering"], ids["same_day"]])
    for rid, title in ((ids["steering"], "کمیته راهبری خوشه"), (ids["same_day"], "جلسه با کارگزار")):
        assert any("۱۴۰۴/۰۳/۱۲" in line and title in line and f"({shorts[rid]})" in line
                   for line in lines[1:])
    with pytest.raises(LookupFailed) as info:
        find_activity(db, "کمیته راهبری", "meeting")  # the same title on two dates
    assert {c.id for c in info.value.candidates} == {ids["steering"], ids["later"]}


def test_a_name_that_fits_nothing_offers_the_latest_or_that_days(world) -> None:
    db, _, ids = world
    with pytest.raises(LookupFailed) as info:
        find_activity(db, "1404/03/12 نمایشگاه", "meeting")
    assert {c.id for c in info.value.candidates} == {ids["steering"], ids["same_day"]}
    with pytest.raises(LookupFailed) as info:
        find_activity(db, "no-such-meeting", "meeting")
    assert "پیدا نشد" in info.value.message
    assert [c.id for c in info.value.candidates][0] == ids["later"]  # newest first


def test_an_id_of_another_kind_says_what_it_is(world) -> None:
    db, _, ids = world
    with pytest.raises(LookupFailed) as info:
        find_activity(db, ids["training"][:10], "meeting")
    assert "دوره آموزشی" in info.value.message and "نه جلسه" in info.value.message


def test_clusters_by_folded_name_part_or_prefix_and_the_list_one_per_line(world) -> None:
    db, cluster, _ = world
    other = records.create(db, "cluster", {"name": "مسقطی لاری", "province": "فارس"})
    assert find_cluster(db, "ترشيجات، شوريجات و رب").id == cluster.id
    assert find_cluster(db, "مسقطی").id == other.id
    assert find_cluster(db, other.id[:8]).id == other.id
    with pytest.raises(LookupFailed) as info:
        find_cluster(db, "خوشه ناموجود")
    # A name that holds «،» stays whole on its own line.
    assert "  - ترشیجات، شوریجات و رب" in info.value.message.splitlines()
    assert "  - مسقطی لاری" in info.value.message.splitlines()


def test_province_list_is_one_per_line(world) -> None:
    db, _, _ = world
    records.create(db, "cluster", {"name": "فرش", "province": "کرمان"})
    assert find_province(db, "فارس") == "فارس"
    with pytest.raises(LookupFailed) as info:
        find_province(db, "ناکجا")
    assert info.value.message.splitlines()[1:] == ["  - فارس", "  - کرمان"]
