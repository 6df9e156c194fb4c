"""A start-up quick_check the test releases itself, with the check's real or a forced answer."""

from __future__ import annotations

import threading
from pathlib import Path

from models.health import EarlyCheck, FileHealth

DAMAGED = FileHealth(False, "پایگاه داده آسیب دیده است (بررسی یکپارچگی خطا داد).",
                     problems=["*** in database main ***"])


class HeldCheck(EarlyCheck):
    """Runs only once `release()` is called; answers `forced` instead of checking, if given."""

    def __init__(self, path: Path, forced: FileHealth | None = None) -> None:
        self._go = threading.Event()
        self._forced = forced
        super().__init__(path)

    def release(self) -> None:
        self._go.set()

    def _run(self) -> None:
        self._go.wait(30)
        if self._forced is None:
            super()._run()
        else:
            self._health = self._forced
