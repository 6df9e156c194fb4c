"""The first check of a file Khooshe wrote with a manifest (a backup, an exchange package).

Both readers refuse the same three ways, in the same order, each with its own error and words:
a manifest that does not name the reader's format is another program's file; one whose format
version is not a whole number was damaged or edited; one newer than the reader knows was made by
a newer Khooshe and must not be half-read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

Refusal = Literal["foreign", "tampered", "too_new"]


def format_version(manifest: Any, fmt: str, newest: int,
                   refuse: Callable[[Refusal], Exception]) -> int:
    """``manifest``'s format version, when it is a ``fmt`` manifest no newer than ``newest``;
    otherwise ``refuse(why)`` is raised."""
    if not isinstance(manifest, dict) or manifest.get("format") != fmt:
        raise refuse("foreign")
    version = manifest.get("format_version")
    if not isinstance(version, int):
        raise refuse("tampered")
    if version > newest:
        raise refuse("too_new")
    return version
