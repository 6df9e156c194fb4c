"""Every report kind's text copies back as typed: strings typed into the records' fields."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from persian.jalali import parse_period
from tests.reports.test_pdf import fold

# What agents type, each a trap for a text layer made from the glyphs alone.
TYPED = [
    "نشست (کمیته راهبری) در شیراز",   # brackets (drawn mirrored)
    "«مسقطی‌سازان لار»",               # guillemets and ZWNJ
    "خانهٔ صنعت",                       # U+0654
    "ISO 9001 در سال",                 # Persian/Latin boundary
    "2106.90 برای",                     # Persian/number boundary
    "۱۲٫۵ درصد",                        # Persian decimal separator
    "Gulfood دبی",
    "+98 71 5222 3344",                 # a phone
    "info@maskati-lar.ir",              # an e-mail
    "a < b & c > d",                    # a Latin-first title, markup characters
]
CLUSTER = "مسقطی لاری"


@pytest.fixture(scope="module")
def typed_db(tmp_path_factory: pytest.TempPathFactory):
    from models.entities import Activity, Cluster, JointAction, Participant, Person, Resolution
    from models.migrate import open_database
    from services.demo import load_demo

    database = open_database(str(tmp_path_factory.mktemp("typed") / "demo.db"))
    with database.session_factory.begin() as session:
        load_demo(session)
    lines = "\n".join(TYPED)
    with database.session_factory.begin() as session:
        cluster = session.scalars(select(Cluster).where(Cluster.name == CLUSTER)).one()
        cluster.description = lines
        cluster.product = TYPED[-1]
        others = session.scalars(select(Cluster).where(
            Cluster.province == cluster.province, Cluster.id != cluster.id)).all()
        assert len(others) >= len(TYPED) - 1
        for c, typed in zip(others, TYPED[:-1], strict=False):
            c.name = typed
        for i, ja in enumerate(session.scalars(select(JointAction).where(
                JointAction.cluster_id == cluster.id))):
            ja.title = TYPED[i % len(TYPED)]
        for r in session.scalars(select(Resolution)):
            r.text = lines
        meeting = session.scalars(select(Activity).where(
            Activity.kind == "meeting", Activity.cluster_id == cluster.id).order_by(
            Activity.start_date.desc())).first()
        meeting.agenda = lines
        training = session.scalars(select(Activity).where(
            Activity.kind == "training", Activity.cluster_id == cluster.id)).first()
        people = session.scalars(select(Person).join(Participant).where(
            Participant.activity_id == training.id)).all()
        assert len(people) >= len(TYPED)
        for person, typed in zip(people, TYPED, strict=False):
            person.full_name = typed
        ids = {"meeting": meeting.id, "training": training.id, "province": cluster.province}
    yield database, ids
    database.dispose()


def _build(kind: str, db, ids: dict[str, str], out: Path) -> Path:  # noqa: ANN001
    from reports.registry import REPORTS

    period = parse_period("1402", "1405")
    params = {"performance": {"cluster": CLUSTER, "start": period.start, "end": period.end},
              "minutes": {"meeting": ids["meeting"]},
              "attendance": {"training": ids["training"]},
              "resolutions": {"cluster": CLUSTER, "as_of": date(2026, 12, 1)},
              "profile": {"cluster": CLUSTER},
              "province": {"province": ids["province"]}}[kind]
    return REPORTS[kind].builder(db, out, **params)


@pytest.mark.parametrize("kind", ["performance", "minutes", "attendance", "resolutions",
                                  "profile", "province"])
def test_typed_strings_copy_back_exactly(typed_db, tmp_path: Path, kind: str) -> None:
    db, ids = typed_db
    out = _build(kind, db, ids, tmp_path / f"{kind}.pdf")
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True,
                         text=True, check=True).stdout
    # (A string wrapped in a narrow cell reads as its lines one after the other.)
    text = fold(raw)
    missing = [s for s in TYPED if fold(s) not in text]
    assert not missing, kind
    # The paper carries no developer figures (the build time is said by the command line only).
    assert "زمان ساخت" not in text and "ثانیه" not in text
