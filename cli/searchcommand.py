"""`search`: the same folded search the app uses, from the command line."""

from __future__ import annotations

import argparse

from cli.output import fail, say
from persian.jalali import format_jalali


def cmd_search(args: argparse.Namespace) -> int:
    from cli.existing import open_existing
    from services.search import KIND_LABELS, search

    database = open_existing(args.db)
    if isinstance(database, str):
        return fail(database)
    try:
        hits = search(database, args.query, limit=args.limit)
    finally:
        database.dispose()
    if not hits:
        say("چیزی پیدا نشد.")
        return 0
    for hit in hits:
        when = format_jalali(hit.date) if hit.date else ""
        say(f"{KIND_LABELS.get(hit.kind, hit.kind)}\t{hit.title}\t{hit.detail}\t{when}\t{hit.record_id}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    from cli.dbcommands import db_argument

    parser = sub.add_parser("search", help="جست‌وجو در همه رکوردها")
    parser.add_argument("query", help="عبارت جست‌وجو")
    parser.add_argument("--limit", type=int, default=50)
    db_argument(parser)
    parser.set_defaults(func=cmd_search)
