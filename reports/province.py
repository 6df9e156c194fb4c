"""گزارش خوشه‌های استان: every cluster of a province with its standing and headline figures."""

from __future__ import annotations

from pathlib import Path

from models.database import Database
from models.vocab import PHASES, STANDINGS
from reports.common import ensure_parent, find_province, label, note, num, table, text
from reports.template import heading, key_value_table, publish_report
from services.stats import province_overview

TITLE = "گزارش خوشه‌های استان"
# Most developed first: the order a provincial report reads them in.
STANDING_ORDER = ["developed", "near_developed", "in_progress", "planned", None]


def build_province(db: Database, out_path: str | Path, *, province: str) -> Path:
    """Build the overview of every cluster of ``province``, grouped by standing."""
    out = ensure_parent(out_path)
    name = find_province(db, province)
    clusters = province_overview(db, name)
    groups = {k: [c for c in clusters if c.standing == k] for k in STANDING_ORDER}
    groups[None] += [c for c in clusters if c.standing not in STANDINGS]

    story: list = [heading(f"خوشه‌های استان {name}", 1)]
    figures = [(label(STANDINGS, k) if k else "بدون وضعیت", num(len(v)))
               for k, v in groups.items() if v or k]
    figures.insert(0, ("همه خوشه‌ها", num(len(clusters))))
    figures.append(("بنگاه‌های عضو همه خوشه‌ها", num(sum(c.firms for c in clusters))))
    story.append(key_value_table(figures, label_width="40%"))
    header = ["ردیف", "خوشه", "محصول", "شهر", "مرحله", "بنگاه", "فعالیت", "آموزش",
              "نمایشگاه", "اقدام مشترک"]
    widths = [5, 19, 16, 9, 13, 7, 7, 7, 8, 9]
    align = ["center", "right", "right", "right", "right"] + ["center"] * 5
    for key, items in groups.items():
        if not items:
            continue
        title = label(STANDINGS, key) if key else "بدون وضعیت"
        story.append(heading(f"{title} ({num(len(items))})", 2))
        rows = [[num(i), text(c.name), text(c.product), text(c.city), label(PHASES, c.phase),
                 num(c.firms), num(c.activities), num(c.trainings), num(c.exhibitions),
                 num(c.joint_actions_done)] for i, c in enumerate(items, 1)]
        rows.append(["", "جمع", "", "", "", num(sum(c.firms for c in items)),
                     num(sum(c.activities for c in items)),
                     num(sum(c.trainings for c in items)),
                     num(sum(c.exhibitions for c in items)),
                     num(sum(c.joint_actions_done for c in items))])
        story.append(table(header, rows, widths, align=align, font_size=8))
    if not clusters:
        story.append(note("خوشه‌ای ثبت نشده است."))
    story.append(note("فعالیت‌ها: فعالیت‌های برگزارشده در کل برنامه هر خوشه."))
    publish_report(db, out, story, title=TITLE, subtitle=f"استان {name}")
    return out
