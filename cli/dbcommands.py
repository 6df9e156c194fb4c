"""`demo` and `check`: create the demo database, and check a database without touching it."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.exitcodes import EXIT_DAMAGED, EXIT_REFUSED
from cli.output import fail, say
from models.database import is_url, resolve_url, sqlite_path
from models.errors import DataLayerError
from models.health import check_sqlite_file, ro_connect
from persian.digits import to_persian_digits

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
    from models.migrate import head_revision, known_revisions, open_database

    url = resolve_url(args.db)
    path = sqlite_path(url)
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
            return fail(f"این پایگاه داده خالی نیست ({to_persian_digits(str(records))} رکورد دارد)؛ "
                        "داده نمونه فقط در پایگاه داده تازه یا خالی ساخته می‌شود. "
                        "مسیر یک فایل تازه را بدهید.", EXIT_REFUSED)
    try:
        database = open_database(args.db)
    except DataLayerError as exc:
        return fail(exc.message, EXIT_REFUSED)
    try:
        if path is None and _has_records(database):
            return fail("این پایگاه داده خالی نیست؛ داده نمونه فقط در پایگاه داده خالی ساخته می‌شود.",
                        EXIT_REFUSED)
        from services.demo import load_demo

        # One transaction: interrupted at any moment, the file holds all of the story or none of it.
        with database.session_factory.begin() as session:
            counts = load_demo(session)
    finally:
        database.dispose()
    total = sum(counts.values())
    say(f"پایگاه داده نمونه ساخته شد: {path or url}")
    say(f"{to_persian_digits(str(total))} رکورد؛ نسخه طرح {head_revision()}")
    return 0


def _has_records(database) -> bool:  # noqa: ANN001 - models.database.Database
    from sqlalchemy import func, select

    from services.schema import MODEL_BY_KIND

    with database.session_factory() as session:
        return any(session.scalar(select(func.count()).select_from(model))
                   for model in MODEL_BY_KIND.values())


def cmd_check(args: argparse.Namespace) -> int:
    from models.migrate import head_revision, known_revisions

    url = resolve_url(args.db)
    path = sqlite_path(url)
    if path is None:
        return _check_url(url)
    health = check_sqlite_file(path, full=True)
    if not health.ok:
        details = "\n".join(f"  {p}" for p in health.problems[:10])
        code = fail(health.message + (f"\n{details}" if details else ""), EXIT_DAMAGED)
        _report_backups(path)
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
    say("بررسی یکپارچگی: سالم")
    say("ok")
    return 0


def _report_backups(db_path: Path) -> None:
    """When the database is damaged, say which backups exist and which of them are whole."""
    import sys

    from persian.jalali import format_jalali_datetime
    from services.backup import default_backup_dir, list_backups

    folder = default_backup_dir(db_path)
    backups = list_backups(folder)
    if not backups:
        print(f"هیچ پشتیبانی در {folder} پیدا نشد.", file=sys.stderr)
        return
    print(f"پشتیبان‌های موجود در {folder}:", file=sys.stderr)
    for info in backups:
        when = format_jalali_datetime(info.created_at) if info.created_at else "؟"
        if info.valid:
            state = "سالم"
        elif info.valid is None:
            state = "رمزدار (برای بررسی رمز لازم است)"
        else:
            state = f"نامعتبر: {info.error}"
        print(f"  {when}  {info.path.name}  {state}", file=sys.stderr)
    newest = next((i for i in backups if i.valid), None)
    if newest is not None:
        print(f"برای بازیابی آخرین پشتیبان سالم:\n  python main.py restore {newest.path} "
              f"--db {db_path}", file=sys.stderr)


def _check_url(url: str) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from models.database import connect
    from models.migrate import current_revision, head_revision, known_revisions

    database = connect(url)
    try:
        with database.engine.connect() as conn:
            revision = current_revision(conn)
    except SQLAlchemyError as exc:
        return fail(f"اتصال به پایگاه داده برقرار نشد: {exc}", EXIT_DAMAGED)
    finally:
        database.dispose()
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
    check.set_defaults(func=cmd_check)


__all__ = ["register", "db_argument", "is_url"]
