"""`demo` and `check`: create the demo database, and check a database without touching it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from cli.exitcodes import EXIT_DAMAGED, EXIT_REFUSED
from cli.output import fail, program_name, say
from models.errors import DataLayerError
from models.health import check_sqlite_file, ro_connect
from models.paths import is_url, plain_sqlite_path
from persian.digits import fa_number

if TYPE_CHECKING:
    from services.workspace import Location

# Tables whose rows are user records: any row in them makes a database "not empty".
RECORD_TABLES = ("cluster", "firm", "organisation", "person", "activity", "resolution",
                 "joint_action", "action_plan_item", "indicator_value", "attachment")


def _count_records_ro(path: Path) -> int:
    conn = ro_connect(path)
    try:
        existing = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        total = 0
        for table in RECORD_TABLES:
            if table in existing:
                # Table names come from the fixed tuple above, never from input.
                total += conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
        return total
    finally:
        conn.close()


def cmd_demo(args: argparse.Namespace) -> int:
    from models.migrate import head_revision, known_revisions
    from services.workspace import locate, open_workspace

    location = locate(args.db)
    path = location.path
    if path is not None and path.exists() and path.stat().st_size > 0:
        # Everything is decided read-only: a refused file must stay byte-identical.
        health = check_sqlite_file(path, full=False)
        if not health.ok:
            return fail(f"{health.message}\nپایگاه داده نمونه ساخته نشد و فایل دست‌نخورده ماند.",
                        EXIT_DAMAGED)
        if health.user_tables and health.revision is None:
            return fail("این فایل پایگاه داده خوشه نیست؛ داده نمونه در آن نوشته نشد. "
                        "مسیر یک فایل تازه را بدهید.", EXIT_REFUSED)
        if health.revision is not None and health.revision not in known_revisions():
            return fail("این پایگاه داده با نسخه جدیدتری از خوشه ساخته شده است؛ به آن دست زده نشد.",
                        EXIT_REFUSED)
        records = _count_records_ro(path)
        if records:
            return fail(f"این پایگاه داده خالی نیست ({fa_number(records)} رکورد دارد)؛ "
                        "داده نمونه فقط در پایگاه داده تازه یا خالی ساخته می‌شود. "
                        "مسیر یک فایل تازه را بدهید.", EXIT_REFUSED)
    try:
        database = open_workspace(location)
    except DataLayerError as exc:
        return fail(exc.message, EXIT_REFUSED)
    with database:
        if path is None and database.has_records():
            return fail("این پایگاه داده خالی نیست؛ داده نمونه فقط در پایگاه داده خالی ساخته می‌شود.",
                        EXIT_REFUSED)
        # One transaction: interrupted at any moment, the file holds all of the story or none of it.
        counts = database.load_demo()
    total = sum(counts.values())
    say(f"پایگاه داده نمونه ساخته شد: {path or location.url}")
    say(f"{fa_number(total)} رکورد؛ نسخه طرح {head_revision()}")
    return 0


def _plain_file(db: str | None) -> Path | None:
    """The file `--db` names when it is plainly a path (what locate() resolves it to), found
    without SQLAlchemy's URL parser: `check` of a file then never imports SQLAlchemy, a third
    of its time on a small database (issue 15). Anything else goes through locate()."""
    if db is not None and ("?" in db or "#" in db):
        return None  # SQLAlchemy would read these as a query string or a fragment
    return plain_sqlite_path(db)


def cmd_check(args: argparse.Namespace) -> int:
    from models.revisions import head_revision, known_revisions

    path = _plain_file(args.db)
    if path is None:
        from services.workspace import locate

        location = locate(args.db)
        path = location.path
        if path is None:
            return _check_url(location)
    # By default the check the app runs at every start (quick_check: every page, every record,
    # the free list); --full adds integrity_check's comparison of every index with its table,
    # about 7× longer on a 100k database (issue 15).
    health = check_sqlite_file(path, full=args.full)
    if not health.ok:
        details = "\n".join(f"  {p}" for p in health.problems[:10])
        code = fail(health.message + (f"\n{details}" if details else ""), EXIT_DAMAGED)
        from services.workspace import locate  # only now: the backups listing needs it

        _report_backups(locate(args.db))
        return code
    if health.revision is None:
        if health.user_tables:
            return fail("این فایل سالم است اما پایگاه داده خوشه نیست.", EXIT_REFUSED)
        return fail("این فایل پایگاه داده خالی است و هنوز طرح خوشه را ندارد.", EXIT_REFUSED)
    if health.revision not in known_revisions():
        return fail(f"نسخه طرح {health.revision} از این نسخه برنامه جدیدتر است؛ برنامه را به‌روز کنید.",
                    EXIT_REFUSED)
    state = "آخرین" if health.revision == head_revision() else f"در شروع بعدی به {head_revision()} ارتقا می‌یابد"
    say(f"پایگاه داده: {path}")
    say(f"نسخه طرح: {health.revision} ({state})")
    if health.rolled_back:
        say("آخرین نوشتن روی این فایل نیمه‌کاره مانده بود (فایل ‎-journal‎ کنار آن)؛ آنچه بررسی شد "
            "حالت پیش از آن نوشتن است، همان که برنامه در باز کردن بعدی به آن برمی‌گرداند.")
    if args.full:
        say("بررسی یکپارچگی: سالم (بررسی کامل، با نمایه‌ها)")
    else:
        say("بررسی یکپارچگی: سالم (بررسی سریع، همان که برنامه در هر شروع می‌کند؛ "
            "برای مقایسه نمایه‌ها با جدول‌ها: --full)")
    say("ok")
    return 0


def _report_backups(location: Location) -> None:
    """When the database is damaged, say which backups exist, which of them are whole, and which
    one restores THIS database (its newest whole backup; never another database's)."""
    import sys

    from persian.jalali import format_jalali_datetime
    from services.workspace import backups_for

    found = backups_for(location)
    if not found.every:
        print(f"هیچ پشتیبانی در {found.folder} پیدا نشد.", file=sys.stderr)
        return
    print(f"پشتیبان‌های موجود در {found.folder} (جدیدترین اول):", file=sys.stderr)
    for info in found.every:
        when = format_jalali_datetime(info.created_at) if info.created_at else "؟"
        if info.valid and not found.is_mine(info):
            state = "سالم، اما پشتیبان پایگاه داده دیگری است (برای این پایگاه داده نیست)"
        elif info.valid:
            state = "سالم"
        elif info.valid is None:
            state = "رمزدار (برای بررسی رمز لازم است)"
        else:
            state = f"نامعتبر: {info.error}"
        print(f"  {when}  {info.path.name}  {state}", file=sys.stderr)
    newest = found.newest_whole
    if newest is not None:
        print(f"برای بازیابی آخرین پشتیبان سالم این پایگاه داده:\n  {program_name()} restore "
              f"{newest.path} --db {location.path}", file=sys.stderr)
    else:
        print("هیچ پشتیبان سالمی از این پایگاه داده در این پوشه نیست.", file=sys.stderr)


def _check_url(location: Location) -> int:
    from models.migrate import head_revision, known_revisions
    from services.workspace import server_revision

    try:
        revision = server_revision(location)
    except DataLayerError as exc:
        return fail(exc.message, EXIT_DAMAGED)
    if revision is None or revision not in known_revisions():
        return fail("این پایگاه داده طرح شناخته‌شده خوشه را ندارد.", EXIT_REFUSED)
    say(f"نسخه طرح: {revision} ({'آخرین' if revision == head_revision() else 'قدیمی‌تر'})")
    say("ok")
    return 0


def db_argument(parser: argparse.ArgumentParser, *, suppress: bool = True) -> None:
    parser.add_argument(
        "--db",
        default=argparse.SUPPRESS if suppress else None,
        help="مسیر فایل SQLite یا نشانی SQLAlchemy (پیش‌فرض: پایگاه داده در پوشه داده کاربر)",
    )


def register(sub: argparse._SubParsersAction) -> None:
    demo = sub.add_parser("demo", help="ساخت پایگاه داده نمونه (داستان خوشه مسقطی لاری)")
    db_argument(demo)
    demo.set_defaults(func=cmd_demo)
    check = sub.add_parser("check", help="بررسی سلامت پایگاه داده بدون تغییر آن")
    db_argument(check)
    check.add_argument("--full", action="store_true",
                       help="بررسی کامل (integrity_check): نمایه‌ها هم با جدول‌ها مقایسه می‌شوند؛ "
                            "در پایگاه داده بزرگ چند برابر کندتر")
    check.set_defaults(func=cmd_check)


__all__ = ["register", "db_argument", "is_url"]
