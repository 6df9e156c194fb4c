"""Reading, hashing and copying a file in pieces on several threads at once."""

from __future__ import annotations

import contextlib
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


def _read_digest(fd: int, size: int, offset: int, crc: bool) -> tuple[bytes, bytes, int]:
    data = pread(fd, size, offset)
    # All three release the GIL: pieces are read and hashed on both cores at once.
    return data, hashlib.sha256(data).digest(), zlib.crc32(data) if crc else 0


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
                   crcs: list[tuple[int, int]] | None = None) -> list[bytes]:
    """Reads `size` bytes of `src_fd` from `offset` in pieces; returns the pieces' digests.

    `pool` threads read and hash the pieces, several at once; this thread hands each, in order,
    to `sink` (a copy) meanwhile. With `crcs`, (CRC-32, length) of each piece is appended to it.
    Raises EOFError if the file ends early.
    """
    starts = range(0, size, chunk)
    pending: deque[tuple[int, Future[tuple[bytes, bytes]]]] = deque()
    digests: list[bytes] = []
    queued = iter(starts)
    done = 0
    while True:
        while len(pending) < _IN_FLIGHT and (pos := next(queued, None)) is not None:
            n = min(chunk, size - pos)
            pending.append((n, pool.submit(_read_digest, src_fd, n, offset + pos,
                                           crcs is not None)))
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

