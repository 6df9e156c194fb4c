"""services.backup.zipdir: the hand-written zip records against what zipfile's public API writes.

If a Python upgrade changes what zipfile writes, or drops the private layouts the fast path
copies, these tests fail by name (not a backup or a restore somewhere later).
"""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from datetime import datetime

import pytest

from services.backup import zipdir

WHEN = datetime(2026, 12, 2, 10, 20, 31)


def _write(data: bytes) -> bytes:
    fh = io.BytesIO()
    zinfo = zipdir.stored_info("khooshe.db", len(data), when=WHEN)

    def copy(write, crcs, _at):  # noqa: ANN001, ANN202 - the callback shape of write_only_member
        for start in range(0, len(data), 1000):
            piece = data[start:start + 1000]
            write(piece)
            if crcs is not None:
                crcs.append((zlib.crc32(piece), len(piece)))
        return "copied"

    assert zipdir.write_only_member(fh, zinfo, copy) == "copied"
    return fh.getvalue()


def test_zipfile_still_has_the_private_layouts_the_fast_path_copies() -> None:
    assert zipdir.fast_path_available()


@pytest.mark.parametrize("size", [0, 1, 999, 4096, 12345])
def test_fast_path_writes_exactly_what_zipfile_writes(size: int,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    data = os.urandom(size)
    fast = _write(data)
    monkeypatch.setattr(zipdir, "fast_path_available", lambda: False)
    public = _write(data)
    assert fast == public
    with zipfile.ZipFile(io.BytesIO(fast)) as zf:
        assert zf.testzip() is None
        assert zf.read("khooshe.db") == data
        info = zf.getinfo("khooshe.db")
        assert info.compress_type == zipfile.ZIP_STORED and info.date_time == (2026, 12, 2, 10, 20, 30)


def test_the_archive_takes_more_members_in_append_mode() -> None:
    fh = io.BytesIO(_write(b"database bytes" * 100))
    with zipfile.ZipFile(fh, "a") as zf:
        zf.writestr("manifest.json", "{}", compress_type=zipfile.ZIP_DEFLATED)
    with zipfile.ZipFile(io.BytesIO(fh.getvalue())) as zf:
        assert zf.testzip() is None
        assert zf.namelist() == ["khooshe.db", "manifest.json"]


def test_member_range_points_at_the_stored_bytes(tmp_path) -> None:  # noqa: ANN001
    data = os.urandom(5000)
    path = tmp_path / "a.zip"
    path.write_bytes(_write(data))
    with zipfile.ZipFile(path) as zf, path.open("rb") as fh:
        start, length = zipdir.member_range(fh.fileno(), zf.getinfo("khooshe.db"))
    assert path.read_bytes()[start:start + length] == data


def test_member_range_refuses_a_broken_local_header(tmp_path) -> None:  # noqa: ANN001
    from services.backup import BackupError

    raw = bytearray(_write(b"x" * 100))
    path = tmp_path / "a.zip"
    path.write_bytes(bytes(raw))
    with zipfile.ZipFile(path) as zf:
        zinfo = zf.getinfo("khooshe.db")
    raw[0] = 0
    path.write_bytes(bytes(raw))
    with path.open("rb") as fh, pytest.raises(BackupError) as err:
        zipdir.member_range(fh.fileno(), zinfo)
    assert err.value.code == "backup_tampered"
