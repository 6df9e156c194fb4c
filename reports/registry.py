"""Every report the app and the command line can build: kind → title, builder, parameters.

Parameters a builder takes (keyword-only): ``cluster`` (name or id), ``start``/``end``
(Gregorian dates of a Jalali period), ``meeting`` / ``training`` (activity ids), ``province``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reports.attendance import build_attendance
from reports.minutes import build_minutes
from reports.performance import build_performance
from reports.profile import build_profile
from reports.province import build_province
from reports.resolutions_report import build_resolutions


@dataclass(frozen=True)
class ReportKind:
    kind: str
    title: str
    builder: Callable[..., Path]
    params: tuple[str, ...]  # among: cluster, period, meeting, training, province


REPORTS: dict[str, ReportKind] = {
    r.kind: r
    for r in (
        ReportKind("performance", "گزارش عملکرد دوره‌ای", build_performance,
                   ("cluster", "period")),
        ReportKind("minutes", "صورتجلسه", build_minutes, ("meeting",)),
        ReportKind("attendance", "فهرست حضور و غیاب", build_attendance, ("training",)),
        ReportKind("resolutions", "گزارش پیگیری مصوبات", build_resolutions, ("cluster",)),
        ReportKind("profile", "شناسنامه خوشه", build_profile, ("cluster",)),
        ReportKind("province", "گزارش خوشه‌های استان", build_province, ("province",)),
    )
}
