"""Background reads while the GUI thread collects garbage (run by test_jobs.py in a child process).

The old crash: a garbage collection in one thread finalized a cursor that a worker had made on
a connection another worker was using. Here many jobs read through the services (and some fail
mid-read, leaving a traceback full of sessions, results and an unfinished cursor), objects made
in the workers sit in reference cycles, and the GUI thread forces a collection between events.
Exit code 0 and «ok» on the last line: no crash.
"""

from __future__ import annotations

import gc
import sqlite3
import sys
import time
from pathlib import Path


def main(folder: str, rounds: int) -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication(["gc-stress"])
    from models.migrate import open_database
    from services import activities, records, search
    from services.activities import ActivityFilter
    from services.demo import load_demo
    from ui import worker

    db = open_database(str(Path(folder) / "stress.db"))
    with db.session_factory.begin() as session:
        load_demo(session)
    raw_path = str(db.path)

    def read(n: int):  # noqa: ANN202
        def job(_progress):  # noqa: ANN001, ANN202
            flt = ActivityFilter()
            kept = [activities.count_activities(db, flt),
                    activities.activity_id_view(db, flt, sort="title", descending=bool(n % 2)),
                    activities.activity_row_page(db, flt, limit=64, offset=n % 5),
                    records.list_records(db, "firm"), search.search(db, "خوشه")]
            kept.append(kept)  # a cycle of what this worker made, left for any collector
            if n % 3 == 0:
                # Fail in the middle of reading: an open cursor on a pooled connection and a
                # session in the traceback's frames.
                with db.session_factory() as s:
                    conn = s.connection().connection.driver_connection
                    cursor = conn.execute("SELECT id FROM activity")
                    cursor.fetchone()
                    own = sqlite3.connect(raw_path)
                    own.execute("SELECT count(*) FROM firm").fetchone()
                    loop = [cursor, own, s]
                    loop.append(loop)
                    raise LookupError(n)
            return len(kept)
        return job

    failures = 0
    for _round in range(rounds):
        jobs = [worker.run_in_background(read(n), lane=worker.READS if n % 2 else worker.WORK)
                for n in range(12)]
        deadline = time.monotonic() + 60
        while not all(j._outcome.settled.is_set() for j in jobs):
            assert gc.isenabled(), "the collector was switched off while workers ran"
            gc.collect()
            app.processEvents()
            # A full collection holds the GIL; without a pause the workers barely run and a
            # round's length depends on the scheduler (minutes in a loaded suite). The GUI
            # thread still collects hundreds of times while the workers hold live cursors.
            time.sleep(0.001)
            if time.monotonic() > deadline:
                print("timed out")
                return 2
        for j in jobs:
            try:
                j.result()
            except LookupError:
                failures += 1
        app.processEvents()
        gc.collect()
    worker.wait_for_all()
    app.processEvents()
    db.dispose()
    print(f"failures {failures}")
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
