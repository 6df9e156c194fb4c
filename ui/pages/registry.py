"""The pages of the main window, in navigation order.

Each entry names a module in ui/pages that defines `PAGE_KEY`, `PAGE_TITLE` (English source text,
translated through tr) and `create_page(ctx: AppContext) -> QWidget`. A page is listed only when its
feature is really there: no placeholders.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

PAGE_MODULES: list[str] = [
    # (filled as pages land, in this order)
    "ui.pages.dashboard",
    "ui.pages.clusters",
    "ui.pages.activities",
    "ui.pages.followup",
    "ui.pages.directory",
    "ui.pages.action_plan",
    "ui.pages.joint_actions",
    "ui.pages.reports",
    "ui.pages.backups",
    "ui.pages.exchange",
    "ui.pages.trash",
    "ui.pages.settings_page",
]


@dataclass(frozen=True)
class PageInfo:
    key: str
    title: str
    module: Any
    shortcut: str | None = None


def page_infos() -> list[PageInfo]:
    infos = []
    for name in PAGE_MODULES:
        module = importlib.import_module(name)
        infos.append(PageInfo(module.PAGE_KEY, module.PAGE_TITLE, module,
                              getattr(module, "PAGE_SHORTCUT", None)))
    return infos
