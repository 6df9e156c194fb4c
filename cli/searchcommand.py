"""`search`: the same folded search the app uses, from the command line.

One hit per line, tab-separated: kind, title, detail, Jalali date, short id (what
`report minutes --meeting` and the like accept); then one line with the count.
"""

from __future__ import annotations

import argparse

from cli.output import fail, say
from persian.digits import fa_number


def cmd_search(args: argparse.Namespace) -> int:
    from cli.existing import open_existing
    from services.lookup import short_ids
    from services.search import KIND_LABELS, search

    database = open_existing(args.db)
    if isinstance(database, str):
        return fail(database)
    limit = max(1, args.limit)
    try:
        # One hit more than asked for tells whether the count line must say «more».
        hits = search(database, args.query, limit=limit + 1)
        more, hits = len(hits) > limit, hits[:limit]
        short: dict[str, str] = {}
        for kind in {hit.kind for hit in hits}:
            short |= short_ids(database, kind, [h.record_id for h in hits if h.kind == kind])
    finally:
        database.close()
    if not hits:
        say("چیزی پیدا نشد.")
        return 0
    from persian.jalali import format_jalali  # here: every command builds this parser (check)

    for hit in hits:
        when = format_jalali(hit.date) if hit.date else ""
        say(f"{KIND_LABELS.get(hit.kind, hit.kind)}\t{hit.title}\t{hit.detail}\t{when}\t"
            f"{short[hit.record_id]}")
    count = fa_number(len(hits))
    say(f"{count} نتیجهٔ نخست؛ بیشتر هم هست (--limit را بزرگ‌تر کنید)." if more
        else f"{count} نتیجه.")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    from cli.dbcommands import db_argument

    parser = sub.add_parser("search", help="جست‌وجو در همه رکوردها")
    parser.add_argument("query", help="عبارت جست‌وجو")
    parser.add_argument("--limit", type=int, default=50, metavar="N",
                        help="بیشترین شمار نتیجه‌ها (پیش‌فرض ۵۰، حداکثر ۱۰۰۰)")
    db_argument(parser)
    parser.set_defaults(func=cmd_search)
