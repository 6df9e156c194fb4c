"""Parsing the command line and dispatching to the app or a subcommand."""

from __future__ import annotations

import argparse

from sqlalchemy.exc import SQLAlchemyError

from cli import (
    backupcommands,
    dbcommands,
    exchangecommands,
    importcommands,
    reportcommands,
    searchcommand,
)
from cli.output import ensure_utf8_streams, fail
from models.errors import DataLayerError, describe_database_error, describe_os_error
from services.errors import ServiceError


class PersianArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage()
        self.exit(2, f"خطا در فرمان: {message}\nبرای راهنما: python main.py --help\n")


def build_parser() -> argparse.ArgumentParser:
    parser = PersianArgumentParser(
        prog="python main.py",
        description="خوشه — ثبت و گزارش فعالیت‌های عامل توسعه خوشه. "
        "بدون فرمان، برنامه رومیزی باز می‌شود.",
    )
    dbcommands.db_argument(parser, suppress=False)
    parser.add_argument("--screenshot", metavar="FILE.png",
                        help="پنجره اصلی را در یک فایل PNG ذخیره کن و خارج شو")
    parser.add_argument("--page", help="صفحه‌ای که نمایش داده شود (با --screenshot)")
    parser.add_argument("--lang", choices=("fa", "en"), help="زبان برنامه")
    sub = parser.add_subparsers(dest="command", title="فرمان‌ها", metavar="COMMAND",
                                parser_class=PersianArgumentParser)
    dbcommands.register(sub)
    searchcommand.register(sub)
    reportcommands.register(sub)
    backupcommands.register(sub)
    importcommands.register(sub)
    exchangecommands.register(sub)
    return parser


def run(argv: list[str]) -> int:
    ensure_utf8_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from ui.launcher import launch  # Qt only when the app itself starts

        return launch(db=args.db, screenshot=args.screenshot, page=args.page, language=args.lang)
    try:
        return int(args.func(args))
    except (DataLayerError, ServiceError) as exc:
        return fail(exc.message)
    except SQLAlchemyError as exc:
        return fail(describe_database_error(exc))
    except OSError as exc:
        return fail(describe_os_error(exc))
    except KeyboardInterrupt:
        return fail("کار به درخواست کاربر متوقف شد.", 130)
