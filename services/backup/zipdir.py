"""The zip archive's own records, written by hand for the backup's one big member.

Every use of zipfile's private names (`structCentralDir`, `stringCentralDir`,
`structEndArchive`, `stringEndArchive`) is here, with the public-API way next to it:

* fast path: the database member's local header, then its bytes, then a central directory and an
  end record written with struct. Its CRC-32 is combined from the pieces' CRCs computed on the
  hashing threads (services.backup.crc), so the writing thread never waits for a CRC;
* public path: `zipfile.ZipFile(fh, "w").open(zinfo, "w")`, which computes the CRC in the
  writing thread. Used beyond 4 GiB (zip64 fields) and whenever a Python release no longer has
  the private layouts.

tests/services/test_backup_zipdir.py writes the same member both ways and requires the same
bytes, so a zipfile upgrade that changes what it writes fails that one test by name.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable
from datetime import datetime
from typing import BinaryIO, TypeVar

from services.backup.chunks import pread
from services.backup.common import TAMPERED
from services.backup.crc import crc32_combine
from services.backup.crypto import BackupError

T = TypeVar("T")

# The layouts of APPNOTE.TXT §4.3.12 and §4.3.16, as zipfile (3.11–3.13) spells them.
_CENTRAL_DIR = "<4s4B4HL2L5H2L"
_CENTRAL_DIR_MAGIC = b"PK\001\002"
_END_ARCHIVE = "<4s4H2LH"
_END_ARCHIVE_MAGIC = b"PK\005\006"
_LOCAL_HEADER_SIZE = 30
_LOCAL_HEADER_MAGIC = b"PK\x03\x04"


def _layout(name: str) -> str | None:
    value = getattr(zipfile, name, None)
    return value.decode("ascii") if isinstance(value, bytes) else value


def fast_path_available() -> bool:
    """True when zipfile still has the layouts the hand-written records copy."""
    return (_layout("structCentralDir") == _CENTRAL_DIR
            and getattr(zipfile, "stringCentralDir", None) == _CENTRAL_DIR_MAGIC
            and _layout("structEndArchive") == _END_ARCHIVE
            and getattr(zipfile, "stringEndArchive", None) == _END_ARCHIVE_MAGIC)


def stored_info(name: str, size: int, when: datetime | None = None) -> zipfile.ZipInfo:
    """A ZipInfo for a stored (not deflated) member of `size` bytes at the archive's start."""
    zinfo = zipfile.ZipInfo(name, date_time=(when or datetime.now()).timetuple()[:6])
    zinfo.compress_type = zipfile.ZIP_STORED  # deflate cost seconds and saved little
    zinfo.create_system = 3  # unix: the mode below is meaningful
    zinfo.external_attr = 0o100644 << 16
    zinfo.header_offset = 0
    zinfo.file_size = zinfo.compress_size = size
    return zinfo


Copy = Callable[[Callable[[bytes], object], list[tuple[int, int]] | None, int | None], T]


def write_only_member(fh: BinaryIO, zinfo: zipfile.ZipInfo, copy: Copy[T]) -> T:
    """Writes into the empty `fh` a complete zip whose one member is `zinfo` (stored).

    `copy(write, crcs, at)` puts the member's bytes in place and returns what this returns.
    On the fast path `at` is their offset in `fh` and `crcs` a list: the copy may write them
    there itself through `fh.fileno()` (a kernel copy; `fh` is flushed and is moved past them
    afterwards) or through `write`, and it appends (CRC-32, length) of each piece to `crcs`. On
    the public path `at` and `crcs` are None and the bytes go through `write` (zipfile computes
    the CRC). The result is a zip that zipfile's "a" mode extends (it rewrites the central
    directory after what it adds).
    """
    if zinfo.file_size >= zipfile.ZIP64_LIMIT or not fast_path_available():
        with zipfile.ZipFile(fh, "w", allowZip64=True) as zf, zf.open(zinfo, "w") as member:
            return copy(member.write, None, None)
    zinfo.CRC = 0
    fh.write(zinfo.FileHeader(zip64=False))  # rewritten below with the CRC
    fh.flush()
    at = fh.tell()
    crcs: list[tuple[int, int]] = []
    result = copy(fh.write, crcs, at)
    crc = 0
    for piece_crc, length in crcs:
        crc = crc32_combine(crc, piece_crc, length)
    zinfo.CRC = crc
    end = at + zinfo.file_size
    fh.seek(0)
    fh.write(zinfo.FileHeader(zip64=False))
    fh.seek(end)
    central = _central_record(zinfo)
    fh.write(central)
    fh.write(struct.pack(zipfile.structEndArchive, zipfile.stringEndArchive, 0, 0, 1, 1,
                         len(central), end, 0))
    return result


def _central_record(zinfo: zipfile.ZipInfo) -> bytes:
    """The central-directory entry of a stored, non-zip64 member at offset 0."""
    name = zinfo.filename.encode("ascii")
    y, mo, d, hh, mm, ss = zinfo.date_time
    dostime = (hh << 11) | (mm << 5) | (ss // 2)
    dosdate = ((y - 1980) << 9) | (mo << 5) | d
    return struct.pack(zipfile.structCentralDir, zipfile.stringCentralDir, 20, 3, 20, 0, 0,
                       zipfile.ZIP_STORED, dostime, dosdate, zinfo.CRC, zinfo.compress_size,
                       zinfo.file_size, len(name), 0, 0, 0, 0, zinfo.external_attr,
                       zinfo.header_offset) + name


def member_range(fd: int, zinfo: zipfile.ZipInfo) -> tuple[int, int]:
    """(offset, length) of a stored member's bytes in the archive, from its local header."""
    head = pread(fd, _LOCAL_HEADER_SIZE, zinfo.header_offset)
    if len(head) != _LOCAL_HEADER_SIZE or head[:4] != _LOCAL_HEADER_MAGIC:
        raise BackupError(TAMPERED, "backup_tampered")
    name_len, extra_len = struct.unpack("<HH", head[26:30])
    return zinfo.header_offset + _LOCAL_HEADER_SIZE + name_len + extra_len, zinfo.compress_size
