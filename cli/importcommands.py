"""`import-firms`: add a firm list from an Excel file (all rows or none)."""

from __future__ import annotations

import argparse

from cli.output import fail, say
from persian.digits import to_persian_digits


def cmd_import_firms(args: argparse.Namespace) -> int:
    from cli.existing import open_existing
    from services.excel_import import import_firms
    from services.validation import is_blank

    database = open_existing(args.db)
    if isinstance(database, str):
        return fail(database)
    try:
        cluster_id = None
        if args.cluster and not is_blank(args.cluster):
            from services.lookup import find_cluster

            cluster_id = find_cluster(database, args.cluster).id
        result = import_firms(database, args.file, cluster_id=cluster_id)
    finally:
        database.dispose()
    say(f"{to_persian_digits(str(result.created))} بنگاه وارد شد.")
    for warning in result.warnings:
        say(f"هشدار: {warning}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    from cli.dbcommands import db_argument

    parser = sub.add_parser("import-firms", help="ورود فهرست بنگاه‌ها از فایل اکسل (همه یا هیچ)")
    parser.add_argument("file", help="فایل xlsx؛ ردیف اول عنوان ستون‌ها (مثلاً «نام بنگاه»)")
    parser.add_argument("--cluster", help="نام خوشه‌ای که بنگاه‌ها عضو آن می‌شوند")
    db_argument(parser)
    parser.set_defaults(func=cmd_import_firms)
