"""`exchange-export` / `exchange-import`: an agent's records travel to the provincial office."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from cli.output import fail, say, say_lines
from persian.digits import fa_number

if TYPE_CHECKING:
    from services.exchange import ImportReport


def _read_password(args: argparse.Namespace) -> str | None:
    from cli.backupcommands import _read_password as read

    return read(args)


def _fa(n: int) -> str:
    return fa_number(n)


def cmd_export(args: argparse.Namespace) -> int:
    from cli.existing import open_existing
    from persian.jalali import JalaliDateError, parse_jalali
    from services.exchange import export_package, kind_label

    since = None
    if args.since:
        try:
            since = parse_jalali(args.since)
        except JalaliDateError as exc:
            return fail(f"تاریخ --since: {exc.message}")
    password = _read_password(args)
    database = open_existing(args.db)
    if isinstance(database, str):
        return fail(database)
    try:
        if args.agent_name:
            from services.exchange import set_agent_name

            set_agent_name(database, args.agent_name)
        result = export_package(database, Path(args.out), cluster=args.cluster, since=since,
                                password=password)
    finally:
        database.close()
    from services.userfiles import NOT_ENCRYPTED_PACKAGE

    missing = result.missing_attachments
    say_lines(f"بسته تبادل نوشته شد: {result.path}" + (" (رمزگذاری‌شده)" if result.encrypted else ""),
              None if result.encrypted else NOT_ENCRYPTED_PACKAGE,
              *(f"  {kind_label(kind)}: {_fa(n)}" for kind, n in result.counts.items() if n),
              f"هشدار: فایل {_fa(missing)} پیوست در پوشه پیوست‌ها نبود و فرستاده نشد."
              if missing else None)
    return 0


def _merge_file(args: argparse.Namespace, password: str | None) -> ImportReport:
    from services.exchange import applied_check, open_package
    from services.exchange import import_package as merge
    from services.workspace import WorkspaceOutdated, locate, open_workspace

    location = locate(args.db)
    if location.exists():
        # An up-to-date database opens without writing anything, so it can be asked first
        # whether it applied these very records already (then they are not checked one by one
        # again: the applied-package fast path); every other check of the package still runs
        # before anything is written.
        try:
            database = open_workspace(location, migrate=False)
        except WorkspaceOutdated:
            database = None
        if database is not None:
            try:
                with open_package(Path(args.file), password=password,
                                  applied=applied_check(database)) as package:
                    return merge(database, package, dry_run=args.dry_run)
            finally:
                database.close()
    # Every check of the package runs before the database is even opened (it may be created or
    # migrated, which is writing).
    with open_package(Path(args.file), password=password) as package:
        # A dry run writes nothing anywhere: a missing --db is refused (not created) and an old
        # schema is not migrated. A real import may start an office's empty database.
        database = open_workspace(location, migrate=not args.dry_run)
        try:
            return merge(database, package, dry_run=args.dry_run)
        finally:
            database.close()


def cmd_import(args: argparse.Namespace) -> int:
    from services.exchange import conflict_lines, kind_label

    report = _merge_file(args, _read_password(args))
    who = report.sender
    say(("پیش‌نمایش (چیزی نوشته نشد): " if report.dry_run else "بسته وارد شد: ")
        + f"از «{who}»")
    say("نوع رکورد | تازه | به‌روزشده | حذف‌شده | بی‌تغییر | تعارض")
    for kind, c in report.counts.items():
        if c.new or c.updated or c.deleted or c.unchanged or c.conflicts:
            say(f"{kind_label(kind)} | {_fa(c.new)} | {_fa(c.updated)} | {_fa(c.deleted)} | "
                f"{_fa(c.unchanged)} | {_fa(c.conflicts)}")
    if report.conflicts:
        say(f"تعارض‌ها ({_fa(len(report.conflicts))}) — هر دو طرف پس از تبادل قبلی تغییر داده‌اند؛ "
            "تغییر جدیدتر ماند:")
        for line in conflict_lines(report):
            say(f"  - {line}")
    else:
        say("تعارضی نبود.")
    if not report.dry_run and report.changed == 0:
        say("چیزی تغییر نکرد (این بسته پیش‌تر وارد شده است).")
    if report.backup is not None:
        say(f"پشتیبان پیش از ورود: {report.backup}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    from cli.dbcommands import db_argument

    export = sub.add_parser("exchange-export",
                            help="ساخت بسته تبادل برای فرستادن رکوردها به دفتر استان")
    export.add_argument("--out", required=True, help="فایل بسته (مثلاً lar-1404-07.kxp)")
    export.add_argument("--cluster", help="فقط رکوردهای این خوشه (نام خوشه)")
    export.add_argument("--since", help="فقط رکوردهای تغییرکرده از این تاریخ (مثلاً ۱۴۰۴/۰۷/۰۱)")
    export.add_argument("--password-file", help="فایلی که خط اول آن رمز عبور بسته است")
    export.add_argument("--agent-name",
                        help="نام عامل (یک بار کافی است؛ در گزارش ورود دفتر دیده می‌شود)")
    db_argument(export)
    export.set_defaults(func=cmd_export)

    imp = sub.add_parser("exchange-import",
                         help="ورود بسته تبادل یک عامل (همه یا هیچ، با گزارش تعارض‌ها)")
    imp.add_argument("file", help="فایل بسته تبادل")
    imp.add_argument("--dry-run", action="store_true",
                     help="فقط نشان بده چه تغییری می‌کند؛ چیزی ننویس")
    imp.add_argument("--password-file", help="فایلی که خط اول آن رمز عبور بسته است")
    db_argument(imp)
    imp.set_defaults(func=cmd_import)


__all__ = ["register", "fail"]
