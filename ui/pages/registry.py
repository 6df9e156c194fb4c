"""The pages of the main window, in navigation order, described without importing them.

Each entry names a module in ui/pages that defines one page class (a ``ui.page.Page`` whose
``key`` is the entry's) and `create_page(ctx: AppContext) -> QWidget`. A page is listed only when
its feature is really there: no placeholders.

A page's title (English source text, translated in the context "pages") and shortcut are said
only here, so that the window's navigation can be drawn before the first frame without importing a
single page: page modules import the services and SQLAlchemy, which the app loads only after that
frame. A page is built the first time it is shown (``MainWindow.register_page(factory=…)``).

A page that is not built yet cannot hear a cross-page request, so the entries also say which
requests a page answers: ``opens`` (record kinds of ``AppContext.openRecordRequested``) and
``takes_reports`` (``AppContext.reportRequested``). ``connect_unbuilt_pages`` builds such a page
when its request comes and hands it the request it missed.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.context import AppContext


@dataclass(frozen=True)
class PageInfo:
    key: str
    title: str  # English source text, context "pages"
    module_name: str
    # Filled in by position (see NUMBER_ROW below); the first is the one the menu shows.
    shortcut: tuple[str, ...] = ()
    opens: tuple[str, ...] = ()  # record kinds this page opens for openRecordRequested
    takes_reports: bool = False  # answers reportRequested

    @property
    def module(self) -> ModuleType:
        """The page's module, imported on first use (it pulls in services and SQLAlchemy)."""
        return importlib.import_module(self.module_name)

    def create(self, ctx: AppContext) -> QWidget:
        return self.module.create_page(ctx)


# Every page's shortcut is its place in the menu on the number row: Ctrl+1 … Ctrl+9, Ctrl+0,
# then the two keys after 0 (issue 11 item 2). Given here, by position, so the order and the
# shortcuts cannot drift apart. Reports keep Ctrl+P as well (where people look for "print").
NUMBER_ROW = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "-", "=")
EXTRA_SHORTCUTS = {"reports": ("Ctrl+P",)}


def _numbered(pages: tuple[PageInfo, ...]) -> tuple[PageInfo, ...]:
    if len(pages) > len(NUMBER_ROW):
        raise ValueError("more pages than keys on the number row")
    return tuple(replace(info, shortcut=(f"Ctrl+{key}", *EXTRA_SHORTCUTS.get(info.key, ())))
                 for info, key in zip(pages, NUMBER_ROW, strict=False))


PAGES: tuple[PageInfo, ...] = _numbered((
    PageInfo("dashboard", QT_TRANSLATE_NOOP("pages", "Dashboard"), "ui.pages.dashboard"),
    PageInfo("clusters", QT_TRANSLATE_NOOP("pages", "Clusters"), "ui.pages.clusters",
             opens=("cluster",)),
    PageInfo("activities", QT_TRANSLATE_NOOP("pages", "Activities"), "ui.pages.activities"),
    PageInfo("followup", QT_TRANSLATE_NOOP("pages", "Follow-up"), "ui.pages.followup"),
    PageInfo("directory", QT_TRANSLATE_NOOP("pages", "Firms and people"), "ui.pages.directory",
             opens=("firm", "organisation", "person")),
    PageInfo("action_plan", QT_TRANSLATE_NOOP("pages", "Action plan"), "ui.pages.action_plan",
             opens=("action_plan_item",)),
    PageInfo("joint_actions", QT_TRANSLATE_NOOP("pages", "Achievements"),
             "ui.pages.joint_actions", opens=("joint_action",)),
    PageInfo("reports", QT_TRANSLATE_NOOP("pages", "Reports"), "ui.pages.reports",
             takes_reports=True),
    PageInfo("backups", QT_TRANSLATE_NOOP("pages", "Backups"), "ui.pages.backups"),
    PageInfo("exchange", QT_TRANSLATE_NOOP("pages", "Exchange"), "ui.pages.exchange"),
    PageInfo("trash", QT_TRANSLATE_NOOP("pages", "Trash"), "ui.pages.trash"),
    PageInfo("settings", QT_TRANSLATE_NOOP("pages", "Settings"), "ui.pages.settings_page"),
))

PAGE_MODULES: list[str] = [info.module_name for info in PAGES]


def page_infos() -> list[PageInfo]:
    return list(PAGES)


def page_keys() -> list[str]:
    return [info.key for info in PAGES]


def connect_unbuilt_pages(ctx: AppContext, is_built: Callable[[str], bool],
                          build: Callable[[str], QWidget]) -> None:
    """Requests for a page that does not exist yet build it and reach it.

    Connected before any page is built, so this runs before the pages' own slots. A page built
    here connects its own slots while the signal is being emitted; Qt does not call connections
    made during an emission for that emission, so the page is handed the request directly, and
    hears the later ones through its own connection.
    """
    by_kind = {kind: info for info in PAGES for kind in info.opens}
    reports = next((info for info in PAGES if info.takes_reports), None)

    def open_record(kind: str, record_id: str) -> None:
        info = by_kind.get(kind)
        if info is not None and not is_built(info.key):
            build(info.key).open_record(kind, record_id)  # type: ignore[attr-defined]

    def report(kind: str, params: dict) -> None:
        if reports is not None and not is_built(reports.key):
            build(reports.key).request(kind, params)  # type: ignore[attr-defined]

    ctx.openRecordRequested.connect(open_record)
    ctx.reportRequested.connect(report)
