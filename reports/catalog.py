"""The report kinds, their Persian titles and what each needs — without importing reportlab.

The app lists reports at start-up; the builders (and reportlab) load only when one is generated.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReportEntry:
    kind: str
    title: str
    params: tuple[str, ...]  # among: cluster, period, meeting, training, province


CATALOG: tuple[ReportEntry, ...] = (
    ReportEntry("performance", "گزارش عملکرد دوره‌ای", ("cluster", "period")),
    ReportEntry("minutes", "صورتجلسه", ("meeting",)),
    ReportEntry("attendance", "فهرست حضور و غیاب", ("training",)),
    ReportEntry("resolutions", "گزارش پیگیری مصوبات", ("cluster",)),
    ReportEntry("profile", "شناسنامه خوشه", ("cluster",)),
    ReportEntry("province", "گزارش خوشه‌های استان", ("province",)),
)


def entry(kind: str) -> ReportEntry:
    for item in CATALOG:
        if item.kind == kind:
            return item
    raise KeyError(kind)
