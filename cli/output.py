"""Printing for the command line: UTF-8 always (Persian messages must survive a Windows console)."""

from __future__ import annotations

import sys
from pathlib import Path


def program_name() -> str:
    """How the user started Khooshe, for usage lines and hints: the bundle or the `khooshe`
    command (pip/pipx), or a source checkout."""
    if getattr(sys, "frozen", False) or Path(sys.argv[0]).stem == "khooshe":
        return "khooshe"
    return "python main.py"


def ensure_utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass


def say(message: str) -> None:
    print(message, flush=True)


def say_lines(*lines: str | None) -> None:
    """Print each line in order; a None is a warning that does not apply this time, so a command
    can list what it may have to say (written file, no password, files left out) in one call."""
    for line in lines:
        if line is not None:
            say(line)


def fail(message: str, code: int = 1) -> int:
    print(f"خطا: {message}", file=sys.stderr, flush=True)
    return code
