"""Issue #6, done: two laptops (different clusters, records edited on both sides) send packages
to an office PostgreSQL database; the province report lists every cluster with its figures,
every conflict is listed, re-importing changes nothing, a hostile package is refused."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

import cli.commands as commands
from models.entities import Activity, ExchangeState, Firm
from models.migrate import open_database
from services import activities, exchange, records, stats


@pytest.fixture
def run(capsys):
    def _run(*argv: str) -> tuple[int, str, str]:
        code = commands.run([str(a) for a in argv])
        out = capsys.readouterr()
        return code, out.out, out.err

    return _run


def _laptop(path: Path, agent: str, cluster_name: str, product: str) -> dict[str, str]:
    db = open_database(str(path))
    try:
        exchange.set_agent_name(db, agent)
        cluster = records.create(db, "cluster", {"name": cluster_name, "province": "فارس",
                                                 "product": product, "standing": "in_progress"})
        firms = [records.create(db, "firm", {"name": f"کارگاه {product} {i}",
                                             "cluster_id": cluster.id}) for i in range(3)]
        training = activities.save_activity(db, {
            "kind": "training", "cluster_id": cluster.id, "title": f"آموزش {product}",
            "start_date": "1404/07/05", "hours": 6, "domain": "technical"},
            participants=[{"firm_id": f.id} for f in firms])
        activities.save_activity(db, {"kind": "exhibition", "cluster_id": cluster.id,
                                      "title": f"نمایشگاه {product}", "start_date": "1404/08/01",
                                      "scope": "international", "country": "امارات"})
        joint = records.create(db, "joint_action", {"cluster_id": cluster.id,
                                                    "category": "cooperative",
                                                    "title": f"تعاونی {product}",
                                                    "status": "done"})
        return {"cluster": cluster.id, "firm0": firms[0].id, "firm1": firms[1].id,
                "training": training.id, "joint": joint.id}
    finally:
        db.dispose()


def _office_state(url: str) -> tuple:
    db = open_database(url)
    try:
        with db.session_factory() as s:
            counts = tuple(int(s.scalar(select(func.count()).select_from(m)))
                           for m in (Firm, Activity, ExchangeState))
            stamps = tuple(s.execute(text(
                "SELECT id, updated_at, version FROM firm ORDER BY id")).all())
            docs = int(s.scalar(text("SELECT count(*) FROM search_doc")))
        return counts, stamps, docs
    finally:
        db.dispose()


def _pdf_text(pdf: Path) -> str:
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw).replace("\u200c", ""))


def test_two_laptops_to_the_office_postgresql(run, pg_url, tmp_path) -> None:
    lar, meymand = tmp_path / "lar.db", tmp_path / "meymand.db"
    a = _laptop(lar, "عامل لار", "خوشه حلوای مسقطی لار", "حلوا")
    b = _laptop(meymand, "عامل میمند", "خوشه گلاب میمند", "گلاب")
    secret = tmp_path / "pw.txt"
    secret.write_text("رمز دفتر\n", encoding="utf-8")

    # Round 1: both laptops send everything; the office database is created and migrated on use.
    for db_path, name in ((lar, "lar1"), (meymand, "mey1")):
        code, out, err = run("exchange-export", "--db", db_path, "--out", tmp_path / f"{name}.kxp",
                             "--password-file", secret)
        assert code == 0, err
    for name in ("lar1", "mey1"):
        code, out, err = run("exchange-import", tmp_path / f"{name}.kxp", "--db", pg_url,
                             "--password-file", secret)
        assert code == 0, err
        assert "تعارضی نبود" in out

    # Edits on both sides: the office corrects firms while the agents keep working.
    office = open_database(pg_url)
    try:
        records.update(office, "firm", a["firm0"], {"phone": "071-5222"})
        records.update(office, "firm", b["firm0"], {"manager": "دفتر استان"})
        records.update(office, "firm", b["firm1"], {"city": "میمند"})  # only the office
    finally:
        office.dispose()
    for db_path, ids, agent_edit in ((lar, a, {"manager": "رضا"}), (meymand, b, {"employees": 9})):
        db = open_database(str(db_path))
        try:
            records.update(db, "firm", ids["firm0"], agent_edit)  # newer: the agent's wins
            records.delete(db, "joint_action", ids["joint"])  # travels as a tombstone
            records.create(db, "firm", {"name": "کارگاه تازه", "cluster_id": ids["cluster"]})
        finally:
            db.dispose()

    code, out, err = run("exchange-export", "--db", lar, "--out", tmp_path / "lar2.kxp",
                         "--cluster", "خوشه حلوای مسقطی لار", "--since", "۱۴۰۴/۰۷/۰۱",
                         "--password-file", secret)
    assert code == 0, err
    code, out, err = run("exchange-export", "--db", meymand, "--out", tmp_path / "mey2.kxp",
                         "--password-file", secret)
    assert code == 0, err

    # A dry run shows the conflict and writes nothing.
    before = _office_state(pg_url)
    code, out, err = run("exchange-import", tmp_path / "lar2.kxp", "--db", pg_url, "--dry-run",
                         "--password-file", secret)
    assert code == 0, err
    assert "پیش‌نمایش" in out and "کارگاه حلوا 0" in out
    assert _office_state(pg_url) == before

    conflicts = []
    for name in ("lar2", "mey2"):
        code, out, err = run("exchange-import", tmp_path / f"{name}.kxp", "--db", pg_url,
                             "--password-file", secret)
        assert code == 0, err
        conflicts.append(out)
    assert "تعارض‌ها (۱)" in conflicts[0] and "کارگاه حلوا 0" in conflicts[0]
    assert "تعارض‌ها (۱)" in conflicts[1] and "کارگاه گلاب 0" in conflicts[1]
    assert "ماند: نسخه بسته" in conflicts[0]

    office = open_database(pg_url)
    try:
        assert records.get(office, "firm", a["firm0"])["manager"] == "رضا"
        assert records.get(office, "firm", b["firm0"])["employees"] == 9
        assert records.get(office, "firm", b["firm1"])["city"] == "میمند"  # office edit kept
        assert records.list_records(office, "joint_action") == []
        overview = {c.name: c for c in stats.province_overview(office, "فارس")}
        assert set(overview) == {"خوشه حلوای مسقطی لار", "خوشه گلاب میمند"}
        for c in overview.values():
            assert (c.firms, c.trainings, c.exhibitions, c.joint_actions_done) == (4, 1, 1, 0)
        origins = {v["origin"] for v in records.list_records(office, "cluster")}
        assert len(origins) == 2 and exchange.installation_id(office) not in origins
    finally:
        office.dispose()

    # Re-importing changes nothing.
    before = _office_state(pg_url)
    for name in ("lar1", "mey1", "lar2", "mey2"):
        code, out, err = run("exchange-import", tmp_path / f"{name}.kxp", "--db", pg_url,
                             "--password-file", secret)
        assert code == 0, err
        assert "چیزی تغییر نکرد" in out and "تعارضی نبود" in out
    assert _office_state(pg_url) == before

    # The province report lists every cluster with its figures.
    pdf = tmp_path / "province.pdf"
    code, out, err = run("report", "province", "--province", "فارس", "--db", pg_url,
                         "--out", pdf)
    assert code == 0, err
    assert pdf.stat().st_size > 1000
    if shutil.which("pdftotext"):
        body = _pdf_text(pdf)
        for name in ("خوشهحلوایمسقطیلار", "خوشهگلابمیمند"):
            assert name in body
        assert "۴" in body

    # A hostile package is refused with nothing written.
    hostile = tmp_path / "hostile.kxp"
    with zipfile.ZipFile(tmp_path / "plain.kxp", "w") as zf:
        zf.writestr("../../etc/cron.d/evil", b"* * * * * root rm -rf /")
    shutil.copy(tmp_path / "plain.kxp", hostile)
    code, out, err = run("exchange-import", hostile, "--db", pg_url)
    assert code != 0 and "پذیرفته نشد" in err
    assert _office_state(pg_url) == before
