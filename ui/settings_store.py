"""Typed access to the user's UI preferences.

Everything goes through one ``UiSettings`` object created by whoever builds the window (never a
module-level QSettings: tests and a second profile must be able to point it elsewhere).
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from ui.app_setup import APP_NAME, LANGUAGES


class UiSettings:
    """Window geometry/state, column widths, last cluster and language, stored via QSettings.

    ``ini_path`` stores everything in that INI file (tests use a temporary one so they never
    touch the user's real settings); without it the per-user Khooshe settings are used.
    """

    def __init__(self, ini_path: Path | str | None = None) -> None:
        if ini_path is None:
            # INI format everywhere: one readable file the user can delete to reset the UI,
            # instead of the Windows registry.
            self._qs = QSettings(
                QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, APP_NAME
            )
        else:
            self._qs = QSettings(str(ini_path), QSettings.Format.IniFormat)

    @property
    def path(self) -> str:
        return self._qs.fileName()

    def sync(self) -> None:
        self._qs.sync()

    # -- windows ----------------------------------------------------------------------------
    def window_geometry(self, window_key: str = "main") -> QByteArray | None:
        return self._bytes(f"windows/{window_key}/geometry")

    def set_window_geometry(self, data: QByteArray | bytes, window_key: str = "main") -> None:
        self._qs.setValue(f"windows/{window_key}/geometry", QByteArray(data))

    def window_state(self, window_key: str = "main") -> QByteArray | None:
        return self._bytes(f"windows/{window_key}/state")

    def set_window_state(self, data: QByteArray | bytes, window_key: str = "main") -> None:
        self._qs.setValue(f"windows/{window_key}/state", QByteArray(data))

    # -- tables -----------------------------------------------------------------------------
    def column_widths(self, table_key: str) -> list[int]:
        """Saved widths in logical column order; empty when nothing (valid) was saved."""
        raw = self._qs.value(f"tables/{table_key}/column_widths", "")
        # Stored as "120,80,200": INI round-trips lists of ints as strings, so parse ourselves.
        if not isinstance(raw, str) or not raw:
            return []
        try:
            widths = [int(part) for part in raw.split(",")]
        except ValueError:
            return []
        return widths if all(w >= 0 for w in widths) else []

    def set_column_widths(self, table_key: str, widths: list[int]) -> None:
        self._qs.setValue(
            f"tables/{table_key}/column_widths", ",".join(str(int(w)) for w in widths)
        )

    # -- session ----------------------------------------------------------------------------
    def last_cluster_id(self) -> str | None:
        value = self._qs.value("session/last_cluster_id", "")
        return value if isinstance(value, str) and value else None

    def set_last_cluster_id(self, cluster_id: str | None) -> None:
        if cluster_id is None:
            self._qs.remove("session/last_cluster_id")
        else:
            self._qs.setValue("session/last_cluster_id", str(cluster_id))

    def language(self) -> str:
        """'fa' (the default) or 'en'; anything else found in the file counts as 'fa'."""
        value = self._qs.value("ui/language", "fa")
        return value if value in LANGUAGES else "fa"

    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}; expected one of {LANGUAGES}")
        self._qs.setValue("ui/language", language)

    # -- Excel import -----------------------------------------------------------------------
    def import_mapping(self) -> object:
        """The column choices of the last Excel import (JSON data; None when never saved)."""
        raw = self._qs.value("import/activity_mapping", "")
        if not isinstance(raw, str) or not raw:
            return None
        try:
            return json.loads(raw)
        except ValueError:
            return None  # a hand-edited or damaged value: start from the name matches again

    def set_import_mapping(self, data: object) -> None:
        self._qs.setValue("import/activity_mapping", json.dumps(data, ensure_ascii=False))

    # -- helpers ----------------------------------------------------------------------------
    def _bytes(self, key: str) -> QByteArray | None:
        value = self._qs.value(key)
        if isinstance(value, QByteArray) and not value.isEmpty():
            return value
        if isinstance(value, bytes) and value:
            return QByteArray(value)
        return None
