"""Khooshe (خوشه): start the desktop app, or run a headless command.

    python main.py [--db DB]                     the app (default database, demo story if none)
    python main.py demo --db PATH                a database holding the demo story
    python main.py check --db DB                 schema version and integrity, read-only
    python main.py --help                        every command
"""

from __future__ import annotations

import sys

from cli import commands


def main(argv: list[str] | None = None) -> int:
    return commands.run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
