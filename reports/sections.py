"""Report sections that more than one report, or one report more than once, shows the same way."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from models.vocab import JOINT_ACTION_CATEGORIES, JOINT_ACTION_STATUSES
from reports.common import jdate, label, note, num, table, text
from reports.template import heading
from services.papers import JointActionLine

JOINT_ACTION_COLUMNS = (("ردیف", 6, "center"), ("عنوان", 52, "right"), ("دسته", 15, "right"),
                        ("وضعیت", 13, "right"), ("تاریخ", 14, "center"))


def counted_table(title: str, columns: Sequence[tuple[str, float, str]], rows: list[list[str]],
                  *, none_note: str, count: int | None = None) -> list[Flowable]:
    """A heading that says how many there are («جلسات (۳)»), then their table; with none, the
    heading says (۰) and ``none_note`` stands where the table would, so the reader sees the
    section was looked at. ``count`` is the number of rows unless a total row is among them.

    ``columns`` holds (header, relative width, alignment) per column, so a column's header,
    width and alignment are read and changed together."""
    story: list[Flowable] = [heading(f"{title} ({num(len(rows) if count is None else count)})", 2)]
    if rows:
        header, widths, align = (list(part) for part in zip(*columns, strict=True))
        story.append(table(header, rows, widths, align=align))
    else:
        story.append(note(none_note))
    return story


def joint_actions_section(joint: list[JointActionLine], *, none_note: str) -> list[Flowable]:
    """The joint actions and achievements table (the profile's whole programme, the performance
    report's period), so both reports read alike."""
    rows = [[num(i), text(j.title), label(JOINT_ACTION_CATEGORIES, j.category),
             label(JOINT_ACTION_STATUSES, j.status), jdate(j.achieved_on)]
            for i, j in enumerate(joint, 1)]
    return counted_table("اقدامات مشترک و دستاوردها", JOINT_ACTION_COLUMNS, rows,
                         none_note=none_note)
