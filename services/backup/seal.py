"""The seal in the zip comment: one sha256 that covers every byte of the archive."""

from __future__ import annotations

import hashlib
import os
import struct
import zipfile
from pathlib import Path
from typing import BinaryIO

from services.backup.chunks import pread
from services.backup.common import DB_MEMBER, TAMPERED, TRUNCATED, sha256_file
from services.backup.crypto import BackupError
from services.backup.zipdir import member_range

# The zip comment seals the file. Format 1: sha256 over every byte before the comment-length
# field. Format 2: the same, with the database member's bytes replaced by their tree root.
SEAL_PREFIX = b"KHBK1-SHA256:"
SEAL2_PREFIX = b"KHBK2-SHA256:"
SEAL_SIZE = len(SEAL_PREFIX) + 64


def seal2_digest(fd: int, db_start: int, db_end: int, root: bytes, limit: int) -> str:
    """Format 2 seal: sha256 over every byte before `limit` except the database member's
    bytes, which count through their tree root — so the seal needs no second pass over them."""
    digest = hashlib.sha256()
    if not 0 <= db_start <= db_end <= limit:
        raise BackupError(TAMPERED, "backup_tampered")
    for start, end in ((0, db_start), (db_end, limit)):
        pos = start
        while pos < end:
            data = pread(fd, min(1024 * 1024, end - pos), pos)
            if not data:
                raise BackupError(TRUNCATED, "backup_truncated")
            digest.update(data)
            pos += len(data)
        if start == 0:
            digest.update(root)
    return digest.hexdigest()


def write_seal_v2(fh: BinaryIO, root: bytes, *, db_range: tuple[int, int] | None = None
                  ) -> None:
    """Writes the format-2 seal as the zip comment of the archive just closed in `fh`.

    `db_range` (start, end) of the database's bytes; by default those of its zip member
    (format 3 keeps the database ahead of the zip, not in it)."""
    fh.flush()
    size = fh.seek(0, os.SEEK_END)
    fh.seek(size - 22)
    eocd = fh.read(22)
    if eocd[:4] != b"PK\x05\x06" or eocd[-2:] != b"\x00\x00":
        raise BackupError("ساخت فایل پشتیبان ناموفق بود (ساختار zip نامنتظره).")
    fd = fh.fileno()
    if db_range is None:
        with zipfile.ZipFile(fh) as zf:
            start, length = member_range(fd, zf.getinfo(DB_MEMBER))
        db_range = (start, start + length)
    digest = seal2_digest(fd, db_range[0], db_range[1], root, size - 2)
    fh.seek(size - 2)
    fh.write(struct.pack("<H", SEAL_SIZE) + SEAL2_PREFIX + digest.encode("ascii"))
    fh.flush()


def read_seal(path: Path) -> tuple[int, str] | None:
    """(seal format, hex digest) from the zip comment, or None when there is no seal."""
    size = path.stat().st_size
    if size < SEAL_SIZE + 22:
        return None
    with path.open("rb") as fh:
        fh.seek(size - SEAL_SIZE - 22)
        tail = fh.read()
    if tail[:4] != b"PK\x05\x06" or tail[20:22] != struct.pack("<H", SEAL_SIZE):
        return None
    comment = tail[22:]
    for version, prefix in ((1, SEAL_PREFIX), (2, SEAL2_PREFIX)):
        if comment.startswith(prefix):
            return version, comment[len(prefix):].decode("ascii", "replace")
    return None


def seal_v1_state(path: Path) -> bool | None:
    """Format 1 — True: sealed and intact; False: sealed but some byte changed; None: no
    format-1 seal."""
    seal = read_seal(path)
    if seal is None or seal[0] != 1:
        return None
    return sha256_file(path, path.stat().st_size - SEAL_SIZE - 2) == seal[1]


def check_seal_v2(zip_path: Path, zf: zipfile.ZipFile, root: bytes, recorded: str, *,
                  db_range: tuple[int, int] | None = None) -> None:
    with zip_path.open("rb") as fh:
        fd = fh.fileno()
        if db_range is None:
            start, length = member_range(fd, zf.getinfo(DB_MEMBER))
        else:
            start, length = db_range[0], db_range[1] - db_range[0]
        limit = os.fstat(fd).st_size - SEAL_SIZE - 2
        if seal2_digest(fd, start, start + length, root, limit) != recorded:
            raise BackupError(TAMPERED, "backup_tampered")

