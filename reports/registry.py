"""Every report the app and the command line can build: kind → title, builder, parameters.

Parameters a builder takes (keyword-only): ``cluster`` (name or id), ``start``/``end``
(Gregorian dates of a Jalali period), ``meeting`` / ``training`` (activity ids), ``province``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reports.attendance import build_attendance
from reports.catalog import CATALOG
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


_BUILDERS: dict[str, Callable[..., Path]] = {
    "performance": build_performance,
    "minutes": build_minutes,
    "attendance": build_attendance,
    "resolutions": build_resolutions,
    "profile": build_profile,
    "province": build_province,
}

# Titles and parameters live in reports.catalog (importable without reportlab).
REPORTS: dict[str, ReportKind] = {
    e.kind: ReportKind(e.kind, e.title, _BUILDERS[e.kind], e.params) for e in CATALOG
}
