"""Opening the app's database as the app does: the checks, the recovery of a damaged file from
its own backup (the dialog), the first start's demo, the cluster it opens on. The launcher calls it once the window is on
screen (ui/launcher.py), and again when a late start-up check fails."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from models.health import EarlyCheck
from ui.context import AppContext
from ui.errors import show_error

if TYPE_CHECKING:
    from models.errors import DatabaseDamagedError
    from services.workspace import Workspace


def choose_start_cluster(ctx: AppContext) -> None:
    """The cluster the window opens on: the remembered one if this database has it."""
    if ctx.cluster_id is None or not _cluster_exists(ctx):
        # The remembered cluster may belong to another database (--db elsewhere): start fresh.
        ctx.set_cluster_id(None)
        _pick_busiest_cluster(ctx)


def _cluster_exists(ctx: AppContext) -> bool:
    from services import records
    from services.errors import NotFoundError

    try:
        records.get(ctx.db, "cluster", ctx.cluster_id or "")
    except NotFoundError:
        return False
    return True


def _pick_busiest_cluster(ctx: AppContext) -> None:
    """With no cluster chosen yet, start on the one with the most activities (the demo's)."""
    from services.stats import busiest_cluster_id

    best = busiest_cluster_id(ctx.db)
    if best is not None:
        ctx.set_cluster_id(best)


class StartFailed(Exception):
    """The database could not be opened; the user was told. ``code`` is the exit status."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Opened:
    database: Workspace
    demo_added: bool = False  # the first start's demo went in
    recovered: bool = False  # the file failed its check: this is its backup or an empty one


def open_app_database(db: str | None, *, first_run: bool, parent: QWidget | None,
                      headless: bool, early_check: EarlyCheck | None = None) -> Opened:
    """Open (check, recover, migrate) the database as the app does.

    Raises ``StartFailed`` after telling the user (a dialog over ``parent``, or stderr when
    headless).
    """
    from models.errors import DatabaseDamagedError, DataLayerError
    from services.workspace import open_workspace

    recovered = False
    try:
        try:
            # With the check still running, the file is opened now and the start page filled;
            # writes wait for the check (Startup watches it and recovers if it fails).
            database = open_workspace(db, early_check=early_check,
                                      defer_check=early_check is not None)
        except DatabaseDamagedError as exc:
            if headless:
                raise
            database = recover_damaged(db, exc, parent)
            if database is None:
                raise StartFailed(2) from exc
            recovered = True
        demo_added = database.load_demo_once() if first_run else False
    except DataLayerError as exc:
        if headless:
            print(exc.message, file=sys.stderr)
        else:
            show_error(parent, exc.message, exc.details)
        raise StartFailed(2) from exc
    return Opened(database, demo_added, recovered)


def recover_damaged(db: str | None, error: DatabaseDamagedError,
                     parent: QWidget | None = None) -> Workspace | None:
    """The database failed its check at start: set it aside, offer its newest whole backup."""
    from PySide6.QtWidgets import QMessageBox

    from persian.digits import fa_number
    from persian.jalali import format_jalali_datetime
    from services import workspace

    location = workspace.locate(db)
    if location.path is None:
        show_error(parent, error.message, error.details)
        return None
    recovery = workspace.set_aside(location)
    text = QCoreApplication.translate("Launcher", "The database was damaged. It was not changed: it was set aside as\n%1"
              ).replace("%1", str(recovery.damaged_copy))
    box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("Launcher", "Damaged database"), text,
                      parent=parent)
    restore_button = None
    if recovery.backup is not None:
        when = recovery.backup.created_at
        from datetime import UTC

        local = when.replace(tzinfo=UTC).astimezone() if when else None
        box.setInformativeText(QCoreApplication.translate(
            "Launcher", "The newest whole backup is from %1. Restore it?").replace(
            "%1", format_jalali_datetime(local) if local else recovery.backup.path.name))
        restore_button = box.addButton(QCoreApplication.translate("Launcher", "Restore the backup"),
                                       QMessageBox.ButtonRole.AcceptRole)
    else:
        text = QCoreApplication.translate(
            "Launcher", "No whole backup was found in %1. You can start with an empty database; "
            "the damaged file stays where it is.").replace("%1", str(recovery.backup_dir))
        if recovery.others:
            # Backups of another database (a demo beside the real one) are never offered.
            text += "\n" + QCoreApplication.translate(
                "Launcher", "The %1 other backups in that folder are of other databases and "
                "cannot restore this one.").replace("%1", fa_number(recovery.others))
        box.setInformativeText(text)
    empty_button = box.addButton(QCoreApplication.translate("Launcher", "Start with an empty database"),
                                 QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QCoreApplication.translate("Launcher", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if restore_button is not None and clicked is restore_button:
        try:
            return workspace.restore_and_open(location, recovery.backup.path)
        except Exception as exc:  # noqa: BLE001 - shown to the user, nothing else to do here
            show_error(parent, getattr(exc, "message", str(exc)))
            return None
    if clicked is empty_button:
        return workspace.open_workspace(location)
    return None
