"""Every report kind builds from the demo database and its text holds the expected facts."""

from __future__ import annotations

import re
import subprocess
import time
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from persian.jalali import parse_period
from reports.common import ReportError

_BIDI = dict.fromkeys([0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                       0x2066, 0x2067, 0x2068, 0x2069, 0x200C])


def fold(text: str) -> str:
    """NFKC (presentation forms → letters), no bidi controls/ZWNJ, no whitespace."""
    text = unicodedata.normalize("NFKC", text).translate(_BIDI)
    # pdftotext may give brackets of an RTL line mirrored or not: compare without them.
    return re.sub(r"[\s()]+", "", text)


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         check=True).stdout.decode("utf-8")
    return fold(out)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    from models.migrate import open_database
    from services.demo import load_demo

    database = open_database(str(tmp_path_factory.mktemp("demo") / "demo.db"))
    with database.session_factory.begin() as session:
        load_demo(session)
    yield database
    database.dispose()


def _activity(db, kind: str, **where) -> str:  # noqa: ANN001
    from models.entities import Activity

    with db.session_factory() as session:
        stmt = select(Activity.id).where(Activity.kind == kind)
        for k, v in where.items():
            stmt = stmt.where(getattr(Activity, k) == v)
        return session.scalars(stmt.order_by(Activity.start_date)).first()


CLUSTER = "مسقطی لاری"
PERIOD = parse_period("1402/01/01", "1404/12/29")


def test_performance_report(demo, tmp_path: Path) -> None:
    from reports.performance import build_performance

    out = tmp_path / "perf.pdf"
    started = time.perf_counter()
    build_performance(demo, out, cluster=CLUSTER, start=PERIOD.start,
                      end=PERIOD.end, as_of=date(2026, 1, 1))
    assert time.perf_counter() - started < 10
    text = pdf_text(out)
    for city in ("دبی", "استانبول", "تهران", "مشهد"):
        assert fold(city) in text
    assert fold("دوره‌های آموزشی") in text
    assert fold("۱۴۰۴/۱۰/۰۶") in text  # the meeting of 6 Dey 1404 in Shiraz
    assert fold("گزارش عملکرد دوره‌ای") in text
    assert not re.search(r"[0-9]", text.replace("Khooshe", "")), "Latin digits in the report"


def test_performance_training_count_matches_summary(demo, tmp_path: Path) -> None:
    from reports.common import find_cluster
    from reports.performance import build_performance
    from services.stats import cluster_summary

    start, end = PERIOD.start, PERIOD.end
    c = find_cluster(demo, CLUSTER)
    s = cluster_summary(demo, c.id, start, end)
    assert s.trainings >= 11
    out = build_performance(demo, tmp_path / "p.pdf", cluster=CLUSTER, start=start, end=end)
    from persian.digits import to_persian_digits

    assert fold(f"دوره‌های آموزشی ({to_persian_digits(str(s.trainings))})") in pdf_text(out)


def test_minutes_report(demo, tmp_path: Path) -> None:
    from reports.minutes import build_minutes

    meeting = _activity(demo, "meeting", start_date=date(2025, 12, 27))
    out = build_minutes(demo, tmp_path / "m.pdf", meeting=meeting)
    text = pdf_text(out)
    assert fold("شنبه ۶ دی ۱۴۰۴") in text
    assert fold("مصوبات") in text and fold("امضای حاضران") in text
    from services.activities import get_activity

    detail = get_activity(demo, meeting)
    assert detail.resolutions
    for r in detail.resolutions:
        assert fold(r["text"])[:20] in text
    for p in detail.participants:
        if p.attended and p.person_name:
            assert fold(p.person_name) in text


def test_attendance_report(demo, tmp_path: Path) -> None:
    from reports.attendance import build_attendance
    from services.activities import get_activity

    training = _activity(demo, "training")
    out = build_attendance(demo, tmp_path / "a.pdf", training=training)
    text = pdf_text(out)
    detail = get_activity(demo, training)
    names = [p.person_name for p in detail.participants if p.person_name]
    assert names
    for name in names:
        assert fold(name) in text
    assert fold("امضا") in text


def test_resolutions_report(demo, tmp_path: Path) -> None:
    from reports.resolutions_report import build_resolutions

    out = build_resolutions(demo, tmp_path / "r.pdf", cluster=CLUSTER, as_of=date(2026, 1, 1))
    text = pdf_text(out)
    assert fold("مصوبات سررسیدگذشته") in text
    assert fold("روز تأخیر") in text


def test_profile_report(demo, tmp_path: Path) -> None:
    from reports.profile import build_profile

    text = pdf_text(build_profile(demo, tmp_path / "pr.pdf", cluster=CLUSTER))
    for word in ("خرد", "کوچک", "متوسط", "عامل توسعه", "اقدامات مشترک"):
        assert fold(word) in text


def test_province_report(demo, tmp_path: Path) -> None:
    from reports.province import build_province

    text = pdf_text(build_province(demo, tmp_path / "pv.pdf", province="فارس"))
    assert fold(CLUSTER) in text
    assert fold("توسعه‌یافته") in text and fold("در دستور کار") in text


def test_unknown_inputs_raise_and_write_nothing(demo, tmp_path: Path) -> None:
    from reports.attendance import build_attendance
    from reports.minutes import build_minutes
    from reports.performance import build_performance
    from reports.province import build_province

    out = tmp_path / "x.pdf"
    with pytest.raises(ReportError):
        build_performance(demo, out, cluster="خوشه ناموجود", start=date(2025, 1, 1),
                          end=date(2025, 2, 1))
    with pytest.raises(ReportError):
        build_minutes(demo, out, meeting=_activity(demo, "training"))
    with pytest.raises(ReportError):
        build_attendance(demo, out, training="no-such-id")
    with pytest.raises(ReportError):
        build_province(demo, out, province="ناکجا")
    assert list(tmp_path.iterdir()) == []


def test_registry_lists_every_kind() -> None:
    from reports.registry import REPORTS

    assert set(REPORTS) == {"performance", "minutes", "attendance", "resolutions", "profile",
                            "province"}
    for info in REPORTS.values():
        assert info.title and callable(info.builder)
