"""services.backup.seal: the zip-comment seal covers every byte, the database through its root."""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from services.backup import BackupError, seal, zipdir

ROOT = hashlib.sha256(b"tree of the database pieces").digest()


def _archive(path: Path, data: bytes = b"database" * 500) -> Path:
    with path.open("w+b") as fh:
        _write(fh, data)
    return path


def _write(fh: io.BufferedRandom, data: bytes) -> None:

    def copy(write, crcs, _at):  # noqa: ANN001, ANN202
        write(data)
        if crcs is not None:
            crcs.append((zlib.crc32(data), len(data)))

    zipdir.write_only_member(fh, zipdir.stored_info("khooshe.db", len(data)), copy)
    with zipfile.ZipFile(fh, "a") as zf:
        zf.writestr("manifest.json", '{"a": 1}', compress_type=zipfile.ZIP_DEFLATED)
    seal.write_seal_v2(fh, ROOT)


def _check(path: Path, root: bytes = ROOT) -> None:
    found = seal.read_seal(path)
    assert found is not None and found[0] == 2
    with zipfile.ZipFile(path) as zf:
        seal.check_seal_v2(path, zf, root, found[1])


def test_a_sealed_archive_checks_and_is_still_a_zip(tmp_path: Path) -> None:
    path = _archive(tmp_path / "a.kbk")
    _check(path)
    assert path.read_bytes()[-seal.SEAL_SIZE:].startswith(seal.SEAL2_PREFIX)
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None


def test_a_changed_byte_outside_the_database_breaks_the_seal(tmp_path: Path) -> None:
    path = _archive(tmp_path / "a.kbk")
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        manifest = zf.getinfo("manifest.json")
    # A byte in the manifest's local header's modification time: no zip reader checks it.
    raw[manifest.header_offset + 10] ^= 0x01
    path.write_bytes(bytes(raw))
    with pytest.raises(BackupError) as err:
        _check(path)
    assert err.value.code == "backup_tampered"


def test_the_database_bytes_count_through_their_root(tmp_path: Path) -> None:
    path = _archive(tmp_path / "a.kbk")
    with pytest.raises(BackupError):
        _check(path, root=hashlib.sha256(b"another tree").digest())
    # The same archive with other database bytes of the same length: the seal (computed over
    # the root, not the bytes) still matches — checking the bytes is the digests' job.
    other = _archive(tmp_path / "b.kbk", data=b"DATABASE" * 500)
    _check(other)


def test_an_archive_without_a_seal_has_none(tmp_path: Path) -> None:
    path = tmp_path / "plain.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("x", "y")
    assert seal.read_seal(path) is None
    assert seal.seal_v1_state(path) is None


def test_format_1_seal_covers_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "v1.kbk"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("khooshe.db", b"old format" * 50)
    raw = path.read_bytes()
    assert raw[-2:] == b"\x00\x00"  # no comment yet
    digest = hashlib.sha256(raw[:-2]).hexdigest().encode("ascii")
    path.write_bytes(raw[:-2] + struct.pack("<H", seal.SEAL_SIZE) + seal.SEAL_PREFIX + digest)
    assert seal.read_seal(path) == (1, digest.decode())
    assert seal.seal_v1_state(path) is True
    changed = bytearray(path.read_bytes())
    changed[40] ^= 0xFF
    path.write_bytes(bytes(changed))
    assert seal.seal_v1_state(path) is False
