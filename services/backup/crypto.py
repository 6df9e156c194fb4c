"""Password encryption of backup files: scrypt → AES-256-GCM, chunked and authenticated.

File layout (all integers big-endian):

    magic      8 bytes  b"KHBKENC\\x00"
    version    1 byte   1
    kdf        1 byte   1 = scrypt
    log2_n     1 byte   15  (n = 2**15, r = 8, p = 1: 32 MiB of memory per attempt)
    r          1 byte
    p          1 byte
    salt      16 bytes  random
    prefix     7 bytes  random nonce prefix
    chunk      4 bytes  plaintext bytes per chunk (1 MiB)
    then chunks: AES-GCM(ciphertext + 16-byte tag) of `chunk` plaintext bytes, the last shorter
    or equal (an empty plaintext still has one final, empty chunk).

Each chunk's 12-byte nonce is prefix + 4-byte counter + 1 "final" byte, and the whole header is
the associated data of every chunk: a changed header, a reordered, dropped or appended chunk, or
a file cut at a chunk boundary all fail authentication. Streaming: memory use is one chunk, so
there is no size limit beyond 2**32 chunks (4 PiB).
"""

from __future__ import annotations

import os
import secrets
import struct
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from services.errors import CodedError

MAGIC = b"KHBKENC\x00"
VERSION = 1
KDF_SCRYPT = 1
LOG2_N = 15
SCRYPT_R = 8
SCRYPT_P = 1
CHUNK = 1024 * 1024
TAG = 16
_HEADER = struct.Struct(">8sBBBBB16s7sI")
HEADER_SIZE = _HEADER.size

WRONG_PASSWORD = "رمز عبور نادرست است یا فایل پشتیبان دست‌کاری شده است."


class BackupError(CodedError):
    """A backup could not be made, read or restored; `.message` is Persian, `.code` for programs."""

    code = "backup_error"
    # Set by restore_backup: the restore failed before the swap, so the database it was to
    # replace is exactly as it was (callers say so, once; the message itself is about the cause).
    database_unchanged = False


def is_encrypted(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(len(MAGIC)) == MAGIC


def _derive(password: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    if not password:
        raise BackupError("رمز عبور خالی است.", "backup_password_required")
    kdf = Scrypt(salt=salt, length=32, n=2**log2_n, r=r, p=p)
    return kdf.derive(password.encode("utf-8"))


def _nonce(prefix: bytes, counter: int, final: bool) -> bytes:
    return prefix + struct.pack(">I", counter) + (b"\x01" if final else b"\x00")


def encrypt_stream(src: BinaryIO, dst: BinaryIO, password: str,
                   progress: Callable[[int], None] | None = None) -> None:
    salt = secrets.token_bytes(16)
    prefix = secrets.token_bytes(7)
    header = _HEADER.pack(MAGIC, VERSION, KDF_SCRYPT, LOG2_N, SCRYPT_R, SCRYPT_P, salt, prefix,
                          CHUNK)
    aead = AESGCM(_derive(password, salt, LOG2_N, SCRYPT_R, SCRYPT_P))
    dst.write(header)
    counter = 0
    done = 0
    block = src.read(CHUNK)
    while True:
        following = src.read(CHUNK) if len(block) == CHUNK else b""
        final = not following
        if counter >= 2**32:
            raise BackupError("فایل پشتیبان برای رمزگذاری بیش از حد بزرگ است.")
        dst.write(aead.encrypt(_nonce(prefix, counter, final), block, header))
        done += len(block)
        if progress is not None:
            progress(done)
        if final:
            return
        counter += 1
        block = following


def decrypt_stream(src: BinaryIO, dst: BinaryIO, password: str) -> None:
    """Decrypts into `dst`; on any failure raises BackupError (the caller discards `dst`)."""
    header = src.read(HEADER_SIZE)
    if len(header) < HEADER_SIZE:
        raise BackupError("فایل پشتیبان ناقص است (بریده شده).", "backup_truncated")
    magic, version, kdf, log2_n, r, p, salt, prefix, chunk = _HEADER.unpack(header)
    if magic != MAGIC:
        raise BackupError("این فایل پشتیبان رمزگذاری‌شده خوشه نیست.", "backup_foreign")
    if version != VERSION or kdf != KDF_SCRYPT:
        raise BackupError("این پشتیبان با نسخه جدیدتری از خوشه رمزگذاری شده است؛ "
                          "برنامه را به‌روز کنید.", "backup_too_new")
    if not (10 <= log2_n <= 22 and 1 <= r <= 32 and 1 <= p <= 16 and 1024 <= chunk <= 64 << 20):
        raise BackupError(WRONG_PASSWORD, "backup_wrong_password")
    aead = AESGCM(_derive(password, salt, log2_n, r, p))
    counter = 0
    block = src.read(chunk + TAG)
    while True:
        following = src.read(chunk + TAG) if len(block) == chunk + TAG else b""
        final = not following
        try:
            dst.write(aead.decrypt(_nonce(prefix, counter, final), block, header))
        except InvalidTag:
            raise BackupError(WRONG_PASSWORD, "backup_wrong_password") from None
        if final:
            return
        counter += 1
        block = following


def encrypt_file(src: Path, dst: Path, password: str) -> None:
    with src.open("rb") as fin, dst.open("wb") as fout:
        encrypt_stream(fin, fout, password)
        fout.flush()
        os.fsync(fout.fileno())


def decrypt_file(src: Path, dst: Path, password: str) -> None:
    """Decrypts `src` into `dst`; on failure `dst` is removed, so nothing is left written."""
    try:
        with src.open("rb") as fin, dst.open("wb") as fout:
            decrypt_stream(fin, fout, password)
    except BaseException:
        dst.unlink(missing_ok=True)
        raise
