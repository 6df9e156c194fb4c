"""Reports read the database only through services (issue 13.6): no report module opens a
session, builds SQL or imports the ORM entities, so the PDF and Word writers share one read."""

from __future__ import annotations

import re
from pathlib import Path

REPORTS = Path(__file__).resolve().parents[2] / "reports"
DIRECT = re.compile(r"session_factory|\bselect\(|^\s*(from|import) (sqlalchemy|models\.entities)\b",
                    re.M)


def test_no_report_module_reads_the_database_itself() -> None:
    offenders = {path.name: DIRECT.findall(path.read_text(encoding="utf-8"))
                 for path in sorted(REPORTS.glob("*.py"))}
    assert {name: hits for name, hits in offenders.items() if hits} == {}


def test_the_papers_are_frozen_plain_data() -> None:
    import dataclasses

    from services import papers

    for cls in (papers.ActivityPaper, papers.PaperParticipant, papers.PaperResolution,
                papers.PeriodActivity, papers.JointActionLine, papers.MemberFirm):
        assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen, cls
