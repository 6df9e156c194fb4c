"""`report` and `export-xlsx`: build a PDF or Word report or the Excel workbook from the command line.

Everything the user asked for is checked before anything is written: an unknown cluster, a
meeting id that is not a meeting or an impossible date gives a Persian message, a non-zero exit
and no file at all (reports and workbooks are written to a temp file and renamed at the end).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.output import fail, say

REPORT_KINDS = ("performance", "minutes", "attendance", "resolutions", "profile", "province")
_OPTION = {"cluster": "--cluster", "meeting": "--meeting", "training": "--training",
           "province": "--province"}
_MISSING = {"cluster": "نام خوشه", "meeting": "جلسه", "training": "دوره آموزشی",
            "province": "نام استان"}


# How --meeting and --training name a record (services.lookup); README says the same.
NAMING_HELP = """نام بردن از جلسه یا دوره آموزشی (--meeting، --training):
  شناسه کامل، یا چند نویسه اول آن (دست‌کم ۴، و ۸ اگر فقط رقم باشد؛ شناسه کوتاه هر رکورد را
  search نشان می‌دهد)
  یا تاریخ شمسی و بخشی از عنوان، در گیومه: "۱۴۰۴/۱۰/۰۶ کمیته" (تاریخ یا عنوان تنها هم،
  اگر فقط یک رکورد با آن جور باشد). عنوان با یکسان‌سازی حروف مقایسه می‌شود (ي/ی، ك/ک، نیم‌فاصله).
  اگر هیچ رکوردی یا بیش از یکی جور باشد، نامزدها (تاریخ، عنوان، شناسه کوتاه) هر کدام در یک سطر
  چاپ می‌شوند، گزارشی ساخته نمی‌شود و کد خروج ۱ است."""


def _open(args: argparse.Namespace):  # noqa: ANN202 - models.database.Database
    """Open the database the user named; a path that does not exist is refused, not created."""
    from cli.existing import open_existing

    return open_existing(getattr(args, "db", None))


def _build(args: argparse.Namespace, build) -> int:  # noqa: ANN001
    """Run ``build(database)``; data-layer and service errors become a Persian message."""
    from models.errors import DataLayerError
    from services.errors import ServiceError

    try:
        database = _open(args)
    except DataLayerError as exc:
        return fail(exc.message)
    if isinstance(database, str):
        return fail(database)
    try:
        return build(database)
    except (DataLayerError, ServiceError) as exc:
        return fail(exc.message)
    finally:
        database.close()


def _check_out(out: str, suffix: str) -> Path | str:
    path = Path(out)
    if path.suffix.lower() != suffix:
        return f"نام فایل خروجی باید با {suffix} تمام شود: {out}"
    if path.is_dir():
        return f"«{out}» یک پوشه است؛ نام یک فایل را بدهید."
    if not path.parent.exists():
        return f"پوشه «{path.parent}» وجود ندارد؛ فایلی ساخته نشد."
    return path


def cmd_report(args: argparse.Namespace) -> int:
    from persian.jalali import JalaliDateError, parse_period
    from reports.registry import REPORTS

    info = REPORTS[args.kind]
    fmt = args.format or ("docx" if Path(args.out).suffix.lower() == ".docx" else "pdf")
    out = _check_out(args.out, f".{fmt}")
    if isinstance(out, str):
        return fail(out)
    params: dict[str, object] = {}
    for name in info.params:
        if name == "period":
            try:
                period = parse_period(args.date_from, args.date_to)
            except JalaliDateError as exc:
                return fail(f"دوره گزارش درست نیست: {exc}")
            params["start"], params["end"] = period.start, period.end
            continue
        value = getattr(args, name, None)
        if not value or not str(value).strip():
            return fail(f"برای «{info.title}» {_MISSING[name]} را با {_OPTION[name]} بدهید.")
        params[name] = str(value).strip()

    def build(database) -> int:  # noqa: ANN001
        path = info.builder(database, out, **params)
        say(f"{info.title} ساخته شد: {path}")
        return 0

    return _build(args, build)


def cmd_export_xlsx(args: argparse.Namespace) -> int:
    out = _check_out(args.out, ".xlsx")
    if isinstance(out, str):
        return fail(out)
    from services.excel_export import export_workbook

    def build(database) -> int:  # noqa: ANN001
        path = export_workbook(database, out)
        say(f"فایل اکسل ساخته شد: {path}")
        return 0

    return _build(args, build)


def register(sub: argparse._SubParsersAction) -> None:
    from cli.dbcommands import db_argument

    titles = {
        "performance": "عملکرد دوره‌ای (--cluster، --from، --to)",
        "minutes": "صورتجلسه (--meeting)",
        "attendance": "فهرست حضور و غیاب (--training)",
        "resolutions": "پیگیری مصوبات (--cluster)",
        "profile": "شناسنامه خوشه (--cluster)",
        "province": "خوشه‌های استان (--province)",
    }
    width = max(map(len, titles))
    report = sub.add_parser(
        "report", help="ساخت گزارش PDF یا Word",
        description="گزارش‌ها (KIND):\n"
        + "\n".join(f"  {k.ljust(width)}  {v}" for k, v in titles.items()),
        epilog=NAMING_HELP)
    report.add_argument("kind", choices=REPORT_KINDS, metavar="KIND",
                        help="نوع گزارش (فهرست بالا)")
    db_argument(report)
    report.add_argument("--out", required=True, metavar="FILE.pdf", help="فایل خروجی (.pdf یا .docx)")
    report.add_argument("--format", choices=("pdf", "docx"),
                        help="قالب خروجی: pdf یا docx (Word، قابل ویرایش)؛ "
                             "پیش‌فرض از پسوند فایل خروجی")
    report.add_argument("--cluster", help="نام خوشه")
    report.add_argument("--from", dest="date_from", metavar="1404/07/01",
                        help="شروع دوره (روز، ماه یا سال شمسی)")
    report.add_argument("--to", dest="date_to", metavar="1404/09/30", help="پایان دوره")
    report.add_argument("--meeting", metavar="MEETING",
                        help="جلسه: شناسه، چند نویسه اول شناسه، یا تاریخ و بخشی از عنوان")
    report.add_argument("--training", metavar="TRAINING",
                        help="دوره آموزشی: شناسه، چند نویسه اول شناسه، یا تاریخ و بخشی از عنوان")
    report.add_argument("--province", help="نام استان")
    report.set_defaults(func=cmd_report)

    export = sub.add_parser("export-xlsx", help="خروجی اکسل همه رکوردها")
    db_argument(export)
    export.add_argument("--out", required=True, metavar="FILE.xlsx", help="فایل اکسل خروجی")
    export.set_defaults(func=cmd_export_xlsx)
