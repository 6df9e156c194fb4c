"""Parsing the command line and dispatching to the app or a subcommand.

Starting the desktop app (no subcommand) must not import what only the subcommands need: the
subcommand modules pull in SQLAlchemy, the models and the services, about half a second that
the app spends after its window is on screen instead. So ``run`` first tries a parser that knows
only the app's own options; anything else (a subcommand, ``--help``, a mistake) goes to the full
parser, which gives the same help and the same Persian error messages as always.
"""

from __future__ import annotations

import argparse
import sys

from cli.output import ensure_utf8_streams, program_name
from cli.parser import PersianArgumentParser


class _NotTheApp(Exception):
    """The app-only parser met something it does not know: let the full parser handle it."""


class _AppOnlyParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _NotTheApp(message)


def _add_app_options(parser: argparse.ArgumentParser) -> None:
    # The same --db as dbcommands.db_argument(parser, suppress=False), which this module does
    # not import before it knows a subcommand was asked for.
    parser.add_argument(
        "--db",
        default=None,
        help="مسیر فایل SQLite یا نشانی SQLAlchemy (پیش‌فرض: پایگاه داده در پوشه داده کاربر)",
    )
    parser.add_argument("--screenshot", metavar="FILE.png",
                        help="پنجره اصلی را در یک فایل PNG ذخیره کن و خارج شو")
    parser.add_argument("--page", help="صفحه‌ای که نمایش داده شود (با --screenshot)")
    parser.add_argument("--lang", choices=("fa", "en"), help="زبان برنامه")


def _app_arguments(argv: list[str]) -> argparse.Namespace | None:
    """The app's options when ``argv`` asks for the app and nothing else; None otherwise."""
    parser = _AppOnlyParser(prog=program_name(), add_help=False, allow_abbrev=False)
    _add_app_options(parser)
    try:
        args, rest = parser.parse_known_args(argv)
    except _NotTheApp:
        return None
    return None if rest else args


def build_parser() -> argparse.ArgumentParser:
    from cli import (
        backupcommands,
        dbcommands,
        exchangecommands,
        importcommands,
        reportcommands,
        searchcommand,
    )
    from cli.exitcodes import help_text

    parser = PersianArgumentParser(
        prog=program_name(),
        description="خوشه — ثبت و گزارش فعالیت‌های عامل توسعه خوشه.\n"
        f"بدون فرمان، برنامه رومیزی باز می‌شود؛ راهنمای هر فرمان: {program_name()} COMMAND --help",
        epilog=help_text(),
    )
    _add_app_options(parser)
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
    import sys

    ensure_utf8_streams()
    try:
        try:
            return _run(argv)
        finally:
            # What is still buffered (argparse's help, say) meets a closed pipe here, not at exit.
            sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`search … | head -1`): end quietly, as Unix tools do. Python
        # flushes stdout once more at exit; point it at /dev/null so that flush cannot complain.
        _silence_stdout()
        from cli.exitcodes import EXIT_CLOSED_PIPE

        return EXIT_CLOSED_PIPE


def _silence_stdout() -> None:
    import os
    import sys

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file behind stdout (tests capture it): nothing to do
        pass


def _is_sqlalchemy_error(exc: BaseException) -> bool:
    """SQLAlchemyError, asked without importing SQLAlchemy: a command that never loaded it (a
    `check` of a file) cannot have raised one, and the import costs it a third of its time."""
    errors = sys.modules.get("sqlalchemy.exc")
    return errors is not None and isinstance(exc, errors.SQLAlchemyError)


def _run(argv: list[str]) -> int:
    args = _app_arguments(argv)
    if args is None:
        args = build_parser().parse_args(argv)
    if getattr(args, "command", None) is None:
        from ui.launcher import launch  # Qt only when the app itself starts

        return launch(db=args.db, screenshot=args.screenshot, page=args.page, language=args.lang)
    from cli.output import fail
    from models.errors import DataLayerError, describe_database_error, describe_os_error
    from services.errors import ServiceError

    try:
        return int(args.func(args))
    except (DataLayerError, ServiceError) as exc:
        return fail(exc.message)
    except BrokenPipeError:
        raise  # not a file error to report: the reader of our output is gone (see run)
    except OSError as exc:
        return fail(describe_os_error(exc))
    except Exception as exc:  # after OSError: a re-raise here skips the clauses below
        if not _is_sqlalchemy_error(exc):
            raise
        return fail(describe_database_error(exc))
    except KeyboardInterrupt:
        from cli.exitcodes import EXIT_INTERRUPTED

        return fail("کار به درخواست کاربر متوقف شد.", EXIT_INTERRUPTED)
