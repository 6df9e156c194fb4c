"""The database's bytes are copied by the kernel and checked once, on the copy that is kept.

A backup copies the frozen file into the archive (copy_file_range), then reads the copy back once,
comparing each piece with the source while hashing it; a restore copies the member out of the
archive, then checks that copy (digests on the pool, quick_check beside them) before the swap.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from services import records
from services.backup import BackupError, chunks, create_backup, restore_backup, verify_backup
from services.backup import archive as archive_module
from services.backup import crypto as crypto_module
from services.backup import verify as verify_module
from tests.services.test_backup_keep import _people


@pytest.fixture
def filled(db):
    for i in range(30):
        records.create(db, "person", {"full_name": f"شخص {i}"})
    return db


def _corrupting(copy_range, at_byte: int = 5000):  # noqa: ANN001, ANN202 - wraps copy_range
    """copy_range that copies, then flips one byte of what it wrote (a bad disk or bus)."""

    def bad_copy(src_fd: int, src_offset: int, dst_fd: int, dst_offset: int, size: int,
                 **kwargs: object) -> None:
        copy_range(src_fd, src_offset, dst_fd, dst_offset, size, **kwargs)
        pos = min(at_byte, size - 1)
        byte = os.pread(src_fd, 1, src_offset + pos)  # what was copied there
        os.pwrite(dst_fd, bytes([byte[0] ^ 0x01]), dst_offset + pos)

    return bad_copy


@pytest.mark.parametrize(("src", "dst", "size"), [(0, 0, 0), (0, 0, 1), (7, 3, 10_000),
                                                   (0, 30, 3 * 4096 + 5)])
@pytest.mark.parametrize("kernel", [True, False])
def test_copy_range_copies_exactly_those_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               src: int, dst: int, size: int,
                                               kernel: bool) -> None:
    if not kernel:
        def refuse(*_args: object) -> int:
            raise OSError(errno.EXDEV, "cross-device")

        monkeypatch.setattr(os, "copy_file_range", refuse, raising=False)
    data = os.urandom(src + size + 11)
    (tmp_path / "a").write_bytes(data)
    (tmp_path / "b").write_bytes(b"x" * dst)
    steps: list[int] = []
    with (tmp_path / "a").open("rb") as fin, (tmp_path / "b").open("r+b") as fout:
        chunks.copy_range(fin.fileno(), src, fout.fileno(), dst, size, step=4096,
                          after=steps.append)
    assert (tmp_path / "b").read_bytes() == b"x" * dst + data[src:src + size]
    assert steps == list(range(4096, size, 4096)) + ([size] if size else [])


def test_copy_range_refuses_a_source_that_ends_early(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"short")
    with (tmp_path / "a").open("rb") as fin, (tmp_path / "b").open("wb") as fout, \
            pytest.raises(EOFError):
        chunks.copy_range(fin.fileno(), 0, fout.fileno(), 0, 100)


def test_a_copy_that_differs_from_the_database_is_no_backup(filled, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    monkeypatch.setattr(archive_module, "copy_range", _corrupting(chunks.copy_range))
    with pytest.raises(BackupError) as exc:
        create_backup(filled.path, tmp_path / "b")
    assert exc.value.code == "backup_copy_differs"
    assert any("\u0600" <= ch <= "\u06ff" for ch in exc.value.message)
    assert list((tmp_path / "b").iterdir()) == []  # no backup, no work folder


@pytest.fixture
def changed_since(filled, tmp_path: Path):  # noqa: ANN001, ANN201 - a fixture
    """A backup of 30 people, the database grown since (closed); and its bytes now."""
    info = create_backup(filled.path, tmp_path / "b")
    records.create(filled, "person", {"full_name": "پس از پشتیبان"})
    filled.dispose()
    return info, filled.path.read_bytes()


def test_a_restore_checks_the_copy_it_puts_in_place(filled, changed_since, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The archive is sound; the copy made of it is not: the copy is what is checked."""
    info, before = changed_since
    monkeypatch.setattr(verify_module, "copy_range", _corrupting(chunks.copy_range))
    with pytest.raises(BackupError) as exc:
        restore_backup(info.path, filled.path, safety_dir=tmp_path / "safety")
    assert exc.value.code == "backup_tampered"
    assert filled.path.read_bytes() == before
    assert not (tmp_path / "safety").exists()
    monkeypatch.undo()
    restore_backup(info.path, filled.path, safety_dir=tmp_path / "safety")
    assert _people(filled.path) == 30


def test_without_a_kernel_copy_backups_and_restores_go_through_a_buffer(
        filled, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> int:  # another file system on an older kernel
        raise OSError(errno.EXDEV, "cross-device")

    monkeypatch.setattr(os, "copy_file_range", refuse, raising=False)
    info = create_backup(filled.path, tmp_path / "b")
    assert verify_backup(info.path).counts["person"] == 30
    records.create(filled, "person", {"full_name": "پس از پشتیبان"})
    filled.dispose()
    restore_backup(info.path, filled.path, safety_dir=tmp_path / "safety")
    assert _people(filled.path) == 30


def test_a_backup_reads_its_database_bytes_back_once(filled, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The read-back that compares the copy with the source is the check: the final
    verification does not read the database's bytes again (with a password it does: the
    encrypted file is read back whole)."""
    passes: list[int] = []
    real = chunks.stream_chunks

    def counting(fd: int, offset: int, size: int, *args: object, **kwargs: object) -> list:
        passes.append(size)
        return real(fd, offset, size, *args, **kwargs)

    monkeypatch.setattr(archive_module, "stream_chunks", counting)
    monkeypatch.setattr(verify_module, "stream_chunks", counting)
    create_backup(filled.path, tmp_path / "b")
    size = filled.path.stat().st_size  # the main file, the WAL checkpointed into it
    assert passes == [size]
    passes.clear()
    create_backup(filled.path, tmp_path / "e", password="رمز")
    assert passes == [size, size]


def _failing_fdatasync(monkeypatch: pytest.MonkeyPatch) -> None:
    """The early sync meets a disk error; the later fsync (another descriptor) would not see it:
    Linux reports a writeback error once."""
    def eio(_fd: int) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(os, "fdatasync", eio, raising=False)


def test_a_disk_error_in_the_early_sync_fails_the_backup(filled, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    _failing_fdatasync(monkeypatch)
    with pytest.raises(BackupError):
        create_backup(filled.path, tmp_path / "b")
    assert not list((tmp_path / "b").glob("*.kbk"))


def test_a_disk_error_in_the_early_sync_fails_the_restore(filled, changed_since,
                                                          tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    info, before = changed_since
    _failing_fdatasync(monkeypatch)
    with pytest.raises(BackupError) as exc:
        restore_backup(info.path, filled.path, safety_dir=tmp_path / "safety")
    assert exc.value.code == "restore_disk_error" and exc.value.database_unchanged
    assert filled.path.read_bytes() == before


def test_an_encrypted_backup_is_decrypted_once_by_a_restore(filled, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    """The attachments are restored from the decrypted copy that was verified (it was
    decrypted a second time for them: scrypt and AES over the whole file again)."""
    info = create_backup(filled.path, tmp_path / "b", password="رمز")
    filled.dispose()
    decrypted: list[Path] = []
    real = crypto_module.decrypt_stream

    def counting(fin, fout, password: str) -> None:  # noqa: ANN001 - binary files
        decrypted.append(Path(fin.name))
        real(fin, fout, password)

    monkeypatch.setattr(crypto_module, "decrypt_stream", counting)
    restore_backup(info.path, filled.path, password="رمز", safety_dir=tmp_path / "safety")
    assert decrypted.count(info.path) == 1
    assert _people(filled.path) == 30
    assert not [p for p in filled.path.parent.rglob("*.zip")]  # the plain copy is gone
