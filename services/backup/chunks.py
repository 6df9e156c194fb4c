"""Reading, hashing and copying a file in pieces on several threads at once."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import threading
import zlib
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

# The database member is hashed as a list of sha256 digests of HASH_CHUNK-byte pieces (its
# "tree": the root is the sha256 of the concatenated digests). Unlike one sha256 over the file,
# the pieces can be hashed on every core at once, while the calling thread copies them; the
# check when reading is as strong (a changed byte changes its piece's digest).

HASH_CHUNK = 4 * 1024 * 1024
_IN_FLIGHT = 8  # pieces read ahead of the copy: bounds memory to ~32 MiB
_WRITEBACK_STEP = 32 * 1024 * 1024
THREADS = 3  # two hashing threads (two cores) and one waiting in fsync


_PREAD_LOCK = threading.Lock()  # only where os.pread is missing (Windows): seek+read pairs


def pread(fd: int, size: int, offset: int) -> bytes:
    if hasattr(os, "pread"):
        return os.pread(fd, size, offset)
    with _PREAD_LOCK:  # pragma: no cover - Windows
        os.lseek(fd, offset, os.SEEK_SET)
        return os.read(fd, size)


class CopyDiffers(Exception):
    """A piece read back from a copy is not the same as the piece of its source."""


def _read_digest(fd: int, size: int, offset: int, crc: bool, same_as: tuple[int, int] | None
                 ) -> tuple[bytes, bytes, int]:
    data = pread(fd, size, offset)
    # All of these release the GIL: pieces are read and hashed on both cores at once.
    if same_as is not None and pread(same_as[0], size, same_as[1]) != data:
        raise CopyDiffers
    return data, hashlib.sha256(data).digest(), zlib.crc32(data) if crc else 0


def sync_soon(fd: int, pool: ThreadPoolExecutor) -> Future[None]:
    """Starts writing `fd`'s file to disk on a `pool` thread, through its own descriptor (the
    caller may close `fd` meanwhile); the caller's final fsync then has little left to wait for.

    Used right after a kernel copy: the disk writes the copy while it is read back and checked,
    from the page cache (dirty pages and pages being written stay cached). Kicking writeback
    piece by piece during the copy (Writeback) made the copy itself wait for the disk queue.
    """
    own = os.dup(fd)

    def _sync() -> None:
        try:
            getattr(os, "fdatasync", os.fsync)(own)
        finally:
            os.close(own)

    return pool.submit(_sync)


def tree_root(digests: list[bytes]) -> bytes:
    return hashlib.sha256(b"".join(digests)).digest()


class Writeback:
    """Starts the disk writes of what was written so far, without waiting for them.

    posix_fadvise(DONTNEED) on freshly written (dirty) pages makes Linux queue their writeback
    and keeps them cached (dirty and in-flight pages are not dropped), so the disk works while we
    still copy and hash, and the final fsync has little left to wait for.
    """

    def __init__(self, fd: int, start: int) -> None:
        self.fd = fd
        self.done = start
        self.enabled = hasattr(os, "posix_fadvise")

    def upto(self, end: int, *, final: bool = False) -> None:
        if not self.enabled or (end - self.done < _WRITEBACK_STEP and not final) \
                or end <= self.done:
            return
        with contextlib.suppress(OSError):
            os.posix_fadvise(self.fd, self.done, end - self.done, os.POSIX_FADV_DONTNEED)
        self.done = end


def stream_chunks(src_fd: int, offset: int, size: int, pool: ThreadPoolExecutor, *,
                   sink: Callable[[bytes], object] | None = None, chunk: int = HASH_CHUNK,
                   progress: Callable[[int, int], None] | None = None,
                   crcs: list[tuple[int, int]] | None = None,
                   same_as: tuple[int, int] | None = None) -> list[bytes]:
    """Reads `size` bytes of `src_fd` from `offset` in pieces; returns the pieces' digests.

    `pool` threads read and hash the pieces, several at once; this thread hands each, in order,
    to `sink` (a copy) meanwhile. With `crcs`, (CRC-32, length) of each piece is appended to it.
    With `same_as` (fd, offset), every piece must equal the bytes there (a copy read back
    against its source; raises CopyDiffers). Raises EOFError if the file ends early.
    """
    starts = range(0, size, chunk)
    pending: deque[tuple[int, Future[tuple[bytes, bytes]]]] = deque()
    digests: list[bytes] = []
    queued = iter(starts)
    done = 0
    while True:
        while len(pending) < _IN_FLIGHT and (pos := next(queued, None)) is not None:
            n = min(chunk, size - pos)
            twin = None if same_as is None else (same_as[0], same_as[1] + pos)
            pending.append((n, pool.submit(_read_digest, src_fd, n, offset + pos,
                                           crcs is not None, twin)))
        if not pending:
            return digests
        n, future = pending.popleft()
        data, digest, crc = future.result()
        if len(data) != n:
            raise EOFError
        digests.append(digest)
        if crcs is not None:
            crcs.append((crc, n))
        if sink is not None:
            sink(data)
        done += n
        if progress is not None:
            progress(done, size)



# copy_file_range cannot copy between these two files (another file system on older kernels,
# a file system without it, Windows): the bytes then go through a buffer.
_NO_KERNEL_COPY = frozenset({errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP,
                             getattr(errno, "ENOTSUP", errno.EOPNOTSUPP), errno.EPERM,
                             errno.ETXTBSY})


def copy_range(src_fd: int, src_offset: int, dst_fd: int, dst_offset: int, size: int, *,
               step: int = HASH_CHUNK, after: Callable[[int], None] | None = None) -> None:
    """Copies `size` bytes of `src_fd` from `src_offset` into `dst_fd` at `dst_offset`.

    Inside the kernel where it can (copy_file_range: page cache to page cache, no byte through
    Python, one memory copy instead of a read and a write), else through a buffer. Neither file's
    position moves. `after(done)` is called after each `step` bytes (progress, writeback). Raises
    EOFError if the source ends early.
    """
    kernel = hasattr(os, "copy_file_range")
    done = 0
    while done < size:
        n = min(step, size - done)
        copied = -1
        if kernel:
            try:
                copied = os.copy_file_range(src_fd, dst_fd, n, src_offset + done,
                                            dst_offset + done)
            except OSError as exc:
                if exc.errno not in _NO_KERNEL_COPY:
                    raise
                kernel = False
        if copied < 0:
            copied = _buffered_copy(src_fd, src_offset + done, dst_fd, dst_offset + done, n)
        if copied == 0:
            raise EOFError
        done += copied
        if after is not None:
            after(done)


def _buffered_copy(src_fd: int, src_offset: int, dst_fd: int, dst_offset: int, size: int) -> int:
    data = pread(src_fd, size, src_offset)
    view = memoryview(data)
    written = 0
    while written < len(data):
        if hasattr(os, "pwrite"):
            written += os.pwrite(dst_fd, view[written:], dst_offset + written)
        else:  # pragma: no cover - Windows: only this thread writes to dst_fd
            os.lseek(dst_fd, dst_offset + written, os.SEEK_SET)
            written += os.write(dst_fd, view[written:])
    return len(data)
