"""`backup`, `restore` and `backups`: verified backup files from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.dbcommands import db_argument
from cli.exitcodes import EXIT_BAD_BACKUP, EXIT_REFUSED
from cli.output import fail, say, say_lines
from persian.digits import fa_number, to_persian_digits


def _fa(n: int | str) -> str:
    # Counts through the one thousands formatter («٬», never a Latin comma beside «،»).
    return fa_number(n) if isinstance(n, int) else to_persian_digits(n)


def _db_path(args: argparse.Namespace) -> Path | None:
    from services.workspace import locate

    return locate(getattr(args, "db", None)).path


def _read_password(args: argparse.Namespace) -> str | None:
    if not getattr(args, "password_file", None):
        return None
    with open(args.password_file, encoding="utf-8") as fh:
        line = fh.readline()
    password = line.rstrip("\r\n")
    return password or None


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{_fa(f'{size / 1024 / 1024:.1f}')} مگابایت"
    return f"{_fa(max(1, round(size / 1024)))} کیلوبایت"


def cmd_backup(args: argparse.Namespace) -> int:
    from services.backup import BackupError, create_backup, default_backup_dir

    path = _db_path(args)
    if path is None:
        return fail("پشتیبان فقط از پایگاه داده فایلی (SQLite) ساخته می‌شود.", EXIT_REFUSED)
    if not path.exists():
        return fail(f"فایل پایگاه داده پیدا نشد: {path}", EXIT_REFUSED)
    backup_dir = Path(args.dir) if args.dir else default_backup_dir(path)
    try:
        info = create_backup(path, backup_dir, password=_read_password(args))
    except BackupError as exc:
        return fail(exc.message, EXIT_REFUSED)
    from services.userfiles import NOT_ENCRYPTED_BACKUP

    missing = len(info.missing_attachments)
    say_lines(str(info.path),
              None if info.encrypted else NOT_ENCRYPTED_BACKUP,
              f"هشدار: {_fa(missing)} فایل پیوست در پوشه پیوست‌ها نبود و در پشتیبان نیست."
              if missing else None)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from services.backup import DATABASE_UNCHANGED, BackupError, restore_backup

    path = _db_path(args)
    if path is None:
        return fail("بازیابی فقط روی پایگاه داده فایلی (SQLite) انجام می‌شود.", EXIT_REFUSED)
    try:
        info = restore_backup(Path(args.backup), path, password=_read_password(args))
    except BackupError as exc:
        # The service knows whether the file at the path is the one it found: not after the
        # swap, nor when there was none, nor when a damaged one was moved aside first.
        untouched = f"\n{DATABASE_UNCHANGED}" if exc.database_unchanged else ""
        return fail(exc.message + untouched, EXIT_BAD_BACKUP)
    if info.safety_backup is not None:
        say(f"نسخه قبلی پایگاه داده کنار گذاشته شد: {info.safety_backup}")
    say(f"پشتیبان {info.path.name} بازیابی شد در: {path}")
    say(f"{_fa(info.records)} رکورد، {_fa(info.attachments)} پیوست")
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    from persian.jalali import format_jalali_datetime
    from services.backup import default_backup_dir, list_backups

    path = _db_path(args)
    if args.dir:
        backup_dir = Path(args.dir)
    elif path is not None:
        backup_dir = default_backup_dir(path)
    else:
        return fail("پوشه پشتیبان را با --dir بدهید.", EXIT_REFUSED)
    items = list_backups(backup_dir, password=_read_password(args))
    if not items:
        say(f"هیچ پشتیبانی در {backup_dir} نیست.")
        return 0
    for info in items:
        from services.backup import stamp_of

        when = stamp_of(info.path)
        when_text = format_jalali_datetime(when) if when else "?"
        if info.valid is True:
            status = "سالم"
        elif info.valid is None:
            status = "بررسی نشد (رمزگذاری‌شده؛ با --password-file بررسی کنید)"
        else:
            status = f"نامعتبر: {info.error}"
        parts = [info.path.name, when_text, _size_text(info.size)]
        if info.valid:
            parts.append(f"{_fa(info.records)} رکورد، {_fa(info.attachments)} پیوست")
        parts.append("رمزگذاری‌شده" if info.encrypted else "بدون رمز")
        parts.append(status)
        say(" | ".join(parts))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    backup = sub.add_parser("backup", help="ساخت یک فایل پشتیبان بررسی‌شده (.kbk)")
    db_argument(backup)
    backup.add_argument("--dir", help="پوشه پشتیبان (پیش‌فرض: تنظیمات یا پوشه backups کنار پایگاه داده)")
    backup.add_argument("--password-file", help="فایلی که خط اول آن رمز عبور پشتیبان است")
    backup.set_defaults(func=cmd_backup)

    restore = sub.add_parser("restore", help="بازیابی پایگاه داده از یک فایل پشتیبان")
    restore.add_argument("backup", metavar="BACKUP", help="مسیر فایل پشتیبان .kbk")
    db_argument(restore)
    restore.add_argument("--password-file", help="فایلی که خط اول آن رمز عبور پشتیبان است")
    restore.set_defaults(func=cmd_restore)

    backups = sub.add_parser("backups", help="فهرست پشتیبان‌ها با تاریخ، اندازه و وضعیت")
    db_argument(backups)
    backups.add_argument("--dir", help="پوشه پشتیبان")
    backups.add_argument("--password-file", help="رمز عبور برای بررسی پشتیبان‌های رمزگذاری‌شده")
    backups.set_defaults(func=cmd_backups)
