"""`import-firms` and `import-activities`: Excel files in, all rows or none."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from cli.exitcodes import EXIT_USAGE
from cli.output import fail, say
from persian.digits import fa_number

if TYPE_CHECKING:
    from models.database import Database


def _cluster_id(database: Database, name: str | None) -> str | None:
    """The id of the cluster `--cluster` names (services.lookup's rules); None when not given."""
    from services.lookup import find_cluster
    from services.validation import is_blank

    if not name or is_blank(name):
        return None
    return find_cluster(database, name).id


def cmd_import_firms(args: argparse.Namespace) -> int:
    from cli.existing import open_existing
    from services.excel_import import import_firms

    database = open_existing(args.db)
    if isinstance(database, str):
        return fail(database)
    try:
        cluster_id = _cluster_id(database, args.cluster)
        result = import_firms(database, args.file, cluster_id=cluster_id)
    finally:
        database.close()
    say(f"{fa_number(result.created)} بنگاه وارد شد.")
    for warning in result.warnings:
        say(f"هشدار: {warning}")
    return 0


def cmd_import_activities(args: argparse.Namespace) -> int:
    from services import activity_import as ai

    if args.template:
        path = ai.write_template(args.template)
        say(f"فایل الگو ذخیره شد: {path}")
        return 0
    if not args.file:
        return fail("فایل اکسل را نام ببرید (یا با --template فایل الگو بسازید).", EXIT_USAGE)
    from cli.existing import open_existing

    database = open_existing(args.db)
    if isinstance(database, str):
        return fail(database)
    try:
        cluster_id = _cluster_id(database, args.cluster)
        workbook = ai.read_workbook(args.file)
        mapping = ai.default_mapping(workbook)
        if args.dry_run:
            preview = ai.preview_import(database, workbook, mapping, cluster_id=cluster_id)
            say("پیش‌نمایش (چیزی نوشته نشد):")
            for line in preview.summary_lines():
                say(line)
            if preview.problems:
                return fail("فایل ایراد دارد؛ تا درست نشود وارد نمی‌شود.")
            if preview.total == 0:
                say(ai.nothing_new_message(preview))
            return 0
        try:
            result = ai.run_import(database, workbook, mapping, cluster_id=cluster_id)
        except ai.ImportRefused as exc:
            for line in exc.preview.summary_lines():
                say(line)
            return fail("فایل ایراد دارد و چیزی وارد نشد؛ ایرادهای بالا را درست کنید.")
    finally:
        database.close()
    for line in result.preview.summary_lines():
        say(line)
    if not result.written:
        say(ai.nothing_new_message(result.preview))
        return 0
    say(f"{fa_number(result.preview.total)} فعالیت وارد شد.")
    if result.backup is not None:
        say(f"پشتیبان پیش از ورود: {result.backup}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    from cli.dbcommands import db_argument

    parser = sub.add_parser("import-firms", help="ورود فهرست بنگاه‌ها از فایل اکسل (همه یا هیچ)")
    parser.add_argument("file", help="فایل xlsx؛ ردیف اول عنوان ستون‌ها (مثلاً «نام بنگاه»)")
    parser.add_argument("--cluster", help="نام خوشه‌ای که بنگاه‌ها عضو آن می‌شوند")
    db_argument(parser)
    parser.set_defaults(func=cmd_import_firms)

    parser = sub.add_parser(
        "import-activities",
        help="ورود سابقه جلسه‌ها، دوره‌ها، تورها و نمایشگاه‌ها از اکسل (همه یا هیچ)",
        description="هر برگه یک نوع فعالیت (جلسات، دوره‌های آموزشی، تورها، نمایشگاه‌ها) یا ستون "
                    "«نوع فعالیت»؛ مصوبات در برگه «مصوبات» با ستون «ردیف جلسه». پیش از نوشتن، "
                    "پشتیبان گرفته می‌شود؛ ردیف‌های تکراری کنار گذاشته می‌شوند.")
    parser.add_argument("file", nargs="?", help="فایل xlsx؛ ردیف اول هر برگه عنوان ستون‌ها")
    parser.add_argument("--cluster", help="نام خوشه فعالیت‌ها (اگر فایل ستون «خوشه» ندارد)")
    parser.add_argument("--dry-run", action="store_true",
                        help="فقط پیش‌نمایش: شمار هر نوع، نام‌های تازه، تکراری‌ها و ایرادها")
    parser.add_argument("--template", metavar="OUT.xlsx",
                        help="فایل الگو با عنوان ستون‌ها و یک نمونه برای هر نوع بساز و خارج شو")
    db_argument(parser)
    parser.set_defaults(func=cmd_import_activities)
