"""arabic-reshaper internals: its option lookups, its letter table, what its slow path handles.

- ``freeze_configuration``: ``ArabicReshaper.reshape`` reads six options through
  ``configparser`` on every call (two thirds of its time in a 1,000-activity report); the
  reshaper's ``configuration`` attribute is swapped for plain dict lookups of the same values.
  Public way: leave it as it is.
- ``letter_forms``: ``ArabicReshaper.letters``, the (isolated, initial, medial, final) forms of
  each letter for the configured language, which the report engine's own joining loop uses.
- ``special_pattern``: a regex for what only the reshaper's full path handles: harakat
  (``arabic_reshaper.arabic_reshaper.HARAKAT_RE``), ZWJ and the enabled ligatures
  (``ArabicReshaper._ligatures_re``). ``None`` when this arabic-reshaper has neither: every word
  then goes through ``ArabicReshaper.reshape``, the public way.

tests/reports/test_adapters.py compares the fast joining with ``ArabicReshaper.reshape``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from arabic_reshaper import ArabicReshaper


class _FrozenConfig:
    """The reshaper's settings as plain dict lookups (they never change in a report)."""

    def __init__(self, section: Mapping[str, str]) -> None:
        self._values = dict(section.items())
        self._bools: dict[str, bool] = {}
        for key in self._values:
            try:
                self._bools[key] = bool(section.getboolean(key))  # type: ignore[attr-defined]
            except ValueError:
                pass  # 'language' and other non-boolean options

    def get(self, key: str, fallback: str | None = None) -> str | None:
        return self._values.get(key.lower(), fallback)

    def getboolean(self, key: str, fallback: bool | None = None) -> bool | None:
        return self._bools.get(key.lower(), fallback)


def freeze_configuration(reshaper: ArabicReshaper) -> None:
    try:
        reshaper.configuration = _FrozenConfig(reshaper.configuration)
    except (AttributeError, TypeError):
        pass  # another arabic-reshaper: keep its own lookups


def letter_forms(reshaper: ArabicReshaper) -> dict[str, tuple[str, str, str, str]]:
    forms = getattr(reshaper, "letters", None)
    return forms if isinstance(forms, dict) else {}


def special_pattern(reshaper: ArabicReshaper) -> re.Pattern[str] | None:
    try:
        from arabic_reshaper.arabic_reshaper import HARAKAT_RE

        return re.compile(f"{HARAKAT_RE.pattern}|\u200d|{reshaper._ligatures_re.pattern}",
                          HARAKAT_RE.flags)
    except (ImportError, AttributeError):
        return None
