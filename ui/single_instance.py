"""One writer per database: a lock file beside it and a local socket to wake the first window.

A second launch on the same database does not open it a second time: it asks the running
window to come forward and exits, or — if that window cannot be reached — explains in Persian.
A lock left behind by a crash is stale (its process is gone) and QLockFile clears it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

RAISE_MESSAGE = b"raise\n"


def server_name(db_path: Path) -> str:
    digest = hashlib.sha256(str(db_path.absolute()).encode("utf-8")).hexdigest()[:20]
    return f"khooshe-{digest}"


class SingleInstance(QObject):
    """Holds the database's lock for the life of the app; emits `raiseRequested` on a knock."""

    raiseRequested = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.lock = QLockFile(str(self.db_path.with_name(self.db_path.name + ".lock")))
        # A crashed app's lock is stale once its process is gone; QLockFile checks the PID.
        self.lock.setStaleLockTime(0)
        self.server: QLocalServer | None = None

    def acquire(self) -> bool:
        if not self.lock.tryLock(200):
            if self.lock.error() == QLockFile.LockError.LockFailedError:
                return False
            # Permission problems and the like: carry on without the guard rather than refuse.
            return True
        self.server = QLocalServer(self)
        QLocalServer.removeServer(server_name(self.db_path))  # a dead instance's socket file
        self.server.newConnection.connect(self._on_connection)
        self.server.listen(server_name(self.db_path))
        return True

    def _on_connection(self) -> None:
        assert self.server is not None
        socket = self.server.nextPendingConnection()
        if socket is None:
            return
        socket.readyRead.connect(lambda s=socket: self._read(s))

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(RAISE_MESSAGE.strip()):
            self.raiseRequested.emit()
        socket.disconnectFromServer()

    def knock(self, timeout_ms: int = 1000) -> bool:
        """Asks the running instance to bring its window forward; True if it answered."""
        socket = QLocalSocket()
        socket.connectToServer(server_name(self.db_path))
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(RAISE_MESSAGE)
        socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        return True

    def owner_description(self) -> str:
        # PySide6 returns (pid, host, app) — without the C++ bool — or an empty tuple.
        info = self.lock.getLockInfo()
        if not info or len(info) < 3:
            return ""
        pid, host, _app = info[-3:]
        return f"pid {pid}, {host}"

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
        self.lock.unlock()


def busy_message(owner: str) -> str:
    return ("این پایگاه داده هم‌اکنون در پنجره دیگری از خوشه باز است"
            + (f" ({owner})" if owner else "")
            + ". همان پنجره را به کار ببرید؛ باز کردن هم‌زمان یک پایگاه داده در دو پنجره "
            "ممکن است تغییرات را از بین ببرد.")
