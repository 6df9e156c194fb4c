"""Files Khooshe writes for the user: one rule for how they are written and who may read them.

Every report (PDF, docx), workbook (xlsx, the import template), backup (.kbk) and exchange
package (.kxp) goes through here:

* written under a temporary name in the target folder and renamed over the final name once it
  is complete and on disk, so a failure never leaves half a file under the name the user chose;
* readable and writable by the user who ran Khooshe only (`USER_FILE_MODE`, 0o600). A backup or a
  package holds the whole database — names, phone numbers, national codes — and the reports and
  workbooks hold the same personal data (attendance sheets, the directory). On a shared
  computer, a world-readable file in a home folder or on a Linux-formatted USB stick would let
  every other account read them. Copying or mailing the file is still the user's choice: a copy
  gets the permissions of wherever it is copied to. (On Windows, where files inherit the folder's
  access list, the mode only keeps the file writable.)

docs/backups-fa.md and README say the same to the user.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from models.fsutil import replace_file

USER_FILE_MODE = 0o600

# Said once when a backup or a package is written without a password (CLI and app alike).
NOT_ENCRYPTED_BACKUP = ("این پشتیبان رمزگذاری نشده است: هر کس به فایل دسترسی داشته باشد همه "
                        "داده‌ها را می‌تواند بخواند. برای رمزگذاری، رمز عبور بدهید.")
NOT_ENCRYPTED_PACKAGE = ("این بسته رمزگذاری نشده است: هر کس به فایل دسترسی داشته باشد رکوردهای "
                         "آن را می‌تواند بخواند. برای رمزگذاری، رمز عبور بدهید.")


def publish(tmp: Path | str, target: Path | str, *, fsync: bool = True) -> Path:
    """Gives the finished `tmp` the user-file permissions, puts it on disk (unless the caller
    did already) and renames it over `target` in one step."""
    os.chmod(tmp, USER_FILE_MODE)
    if fsync:
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
    replace_file(tmp, target)  # waits out a Windows 'file in use' for a bounded time
    return Path(target)


@contextlib.contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """A temporary path beside `path` for a library that saves to a path (openpyxl); when the
    block ends without an error it becomes `path` (see publish), otherwise it is removed."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part",
                               dir=target.parent or Path("."))
    os.close(fd)
    try:
        yield Path(tmp)
        publish(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_atomically(path: Path | str, write: Callable[[IO[bytes]], None]) -> Path:
    """`write(fh)` into a temporary file beside `path`, which then becomes `path`."""
    with atomic_path(path) as tmp, open(tmp, "wb") as fh:
        write(fh)
    return Path(path)
