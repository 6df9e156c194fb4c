"""Renders the two steps of «ورود از اکسل» to PNG for the user guide (works offscreen).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/import_screenshots.py docs/screenshots

On a fresh demo database, with the tests' history workbook (one bad row, one duplicate, two
Gregorian date cells), so the preview shows every kind of line it has.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(out: Path) -> int:
    from models.migrate import open_database
    from services.demo import load_demo
    from services.stats import busiest_cluster_id
    from tests.activity_workbooks import history_workbook
    from ui.app_setup import create_application
    from ui.context import AppContext
    from ui.import_dialog import ImportDialog
    from ui.settings_store import UiSettings

    app = create_application(["khooshe-screenshots"], language="fa")
    work = Path(tempfile.mkdtemp(prefix="khooshe-shots-"))
    db = open_database(str(work / "demo.db"))
    with db.session_factory.begin() as session:
        load_demo(session)
    ctx = AppContext(db, UiSettings(work / "ui.ini"))
    ctx.set_cluster_id(busiest_cluster_id(db))
    dialog = ImportDialog(ctx)
    dialog.resize(900, 700)
    dialog.show()

    def settle(done) -> None:  # noqa: ANN001
        deadline = time.monotonic() + 30
        while not done() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        for _ in range(5):
            app.processEvents()

    dialog.load(history_workbook(work / "history.xlsx"))
    settle(lambda: dialog.workbook is not None)
    out.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(out / "import-mapping.png"))
    dialog.show_preview()
    settle(lambda: dialog.preview is not None)
    dialog.grab().save(str(out / "import-preview.png"))
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))
