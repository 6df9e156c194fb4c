"""The base of every page of the main window (everything in ui/pages that the registry lists).

A page says which registry entry it is with its ``key`` and works on the window's ``AppContext``.
Its navigation title, shortcut and the requests it answers are said once, in
ui.pages.registry: the window draws its navigation from there before any page module is imported,
so the page classes do not repeat them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtWidgets import QWidget

from ui.pages.registry import page_keys

if TYPE_CHECKING:
    from ui.context import AppContext


class Page(QWidget):
    """A page: ``key`` names its entry in ui.pages.registry; ``ctx`` is what it works on."""

    key: ClassVar[str]

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        # Checked when the module is imported, so a key the registry does not list fails the
        # page's first test rather than a request that never reaches it.
        key = getattr(cls, "key", None)
        if key not in page_keys():
            raise TypeError(f"{cls.__qualname__}.key {key!r} is not a page of ui.pages.registry")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
