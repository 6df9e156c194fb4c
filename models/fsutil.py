"""Replacing a file by another, the way Windows allows it.

On Linux ``os.replace`` succeeds even while another handle has the target open. Windows refuses
it (``PermissionError``: winerror 5 "access denied" or 32 "sharing violation") for as long as any
handle without FILE_SHARE_DELETE is open on either file — one of our own not yet closed, or for
a moment an antivirus scanner, the search indexer or a backup tool looking at a file we just
wrote. So: callers close every handle of their own first (the temp file they wrote, SQLite
connections to the target), and this retries the rename for a bounded time before giving up
with the last error. Anything else (a missing file, a real permission problem on Linux, a full
disk) is raised at once.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

__all__ = ["REPLACE_TIMEOUT_S", "FileInUseError", "is_transient_lock", "replace_file"]

# Long enough for a scanner to finish with a freshly written file, short enough that a file
# held open for good (another program has the database open) fails while the user waits.
REPLACE_TIMEOUT_S = 5.0
_FIRST_DELAY_S = 0.02
_MAX_DELAY_S = 0.5
# ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
_WINDOWS_LOCK_ERRORS = frozenset({5, 32, 33})


class FileInUseError(PermissionError):
    """The file stayed open in another program for the whole wait; the message is Persian.

    A PermissionError still, so every handler written for one keeps working.
    """

    def __init__(self, path: str | os.PathLike[str], cause: PermissionError) -> None:
        self.message = (
            f"فایل «{os.fspath(path)}» در برنامه دیگری باز است؛ "
            "آن برنامه را ببندید و دوباره تلاش کنید."
        )
        super().__init__(cause.errno, self.message, os.fspath(path))
        self.winerror = getattr(cause, "winerror", None)

    def __str__(self) -> str:
        return self.message


def is_transient_lock(error: OSError) -> bool:
    """Whether `error` is Windows saying "another handle has this file open"."""
    return isinstance(error, PermissionError) and getattr(error, "winerror", None) in (
        _WINDOWS_LOCK_ERRORS
    )


def replace_file(
    src: str | os.PathLike[str],
    dst: str | os.PathLike[str],
    *,
    timeout: float = REPLACE_TIMEOUT_S,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> None:
    """``os.replace(src, dst)``, retried while Windows reports the file open elsewhere.

    Atomic as ``os.replace`` is: `dst` is either the old file or the new one, never a mix.
    Waits at most `timeout` seconds in all (doubling pauses from 20 ms to 0.5 s), then raises
    ``FileInUseError`` (a ``PermissionError`` with a Persian message naming `dst`).
    """
    deadline = clock() + timeout
    delay = _FIRST_DELAY_S
    while True:
        try:
            os.replace(src, dst)
            return
        except PermissionError as error:
            if not is_transient_lock(error):
                raise
            left = deadline - clock()
            if left <= 0:
                raise FileInUseError(dst, error) from error
            sleep(min(delay, left))
            delay = min(delay * 2, _MAX_DELAY_S)
