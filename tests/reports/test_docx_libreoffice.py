"""Every report kind as Word, rendered by a real program: LibreOffice turns each .docx into a PDF
(one soffice run for all of them) and the PDF's text holds the record's strings in logical order.

Skipped, with the reason, where LibreOffice is not installed (tools/bootstrap.sh installs
libreoffice-writer-nogui).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from reports.registry import REPORTS
from services.followup import list_resolutions
from tests.reports.test_reports import CLUSTER, PERIOD, _activity, demo  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]


def _words(text: str) -> list[str]:
    """The words of ``text``, NFKC-folded, without ZWNJ, bidi controls and punctuation: pdftotext
    puts the spaces around an embedded left-to-right run (a date, a figure) on either side of
    its direction marks. Ligatures are spelt one way: LibreOffice's PDF maps a ligature glyph to
    its letters in visual order (لا comes out as ال, الله as هللا), which pdftotext keeps."""
    text = unicodedata.normalize("NFKC", text).replace("\u200c", "")
    text = text.replace("الله", "هللا").replace("لا", "ال")
    return re.findall(r"\w+", text)


WINDOW = 40  # words: a cell's wrapped lines come out between its neighbours' lines


def _in_order(words: list[str], expected: list[str]) -> bool:
    """``expected`` occurs in ``words`` word after word, each within WINDOW of the one before
    (table cells wrap, and pdftotext gives a row's lines across its cells)."""
    for start in (i for i, w in enumerate(words) if w == expected[0]):
        at, ok = start, True
        for word in expected[1:]:
            nxt = next((j for j in range(at + 1, min(len(words), at + 1 + WINDOW))
                        if words[j] == word), None)
            if nxt is None:
                ok = False
                break
            at = nxt
        if ok:
            return True
    return False


@pytest.fixture(scope="module")
def rendered(demo, tmp_path_factory) -> dict[str, tuple[list[str], str]]:  # noqa: F811
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: the Word reports are not rendered; "
                    "install libreoffice-writer-nogui (tools/bootstrap.sh does)")
    from services import attachments

    training = _activity(demo, "training", status="done")
    photo = tmp_path_factory.mktemp("photo") / "کلاس.jpg"
    Image.new("RGB", (1200, 800), "#468").save(photo)
    view = attachments.add_attachment(demo, "activity", training, photo, note="کارگاه عملی")
    attachments.set_in_report(demo, view.id, True)

    out = tmp_path_factory.mktemp("word")
    params = {
        "performance": {"cluster": CLUSTER, "start": PERIOD.start, "end": PERIOD.end},
        "minutes": {"meeting": _activity(demo, "meeting")},
        "attendance": {"training": training},
        "resolutions": {"cluster": CLUSTER},
        "profile": {"cluster": CLUSTER},
        "province": {"province": "فارس"},
    }
    try:
        for kind, info in REPORTS.items():
            info.builder(demo, out / f"{kind}.docx", **params[kind])
    finally:
        attachments.set_in_report(demo, view.id, False)
    # Vazirmatn from resources/fonts, as a user who installed it has it; a private profile.
    home = tmp_path_factory.mktemp("home")
    shutil.copytree(ROOT / "resources" / "fonts", home / ".fonts")
    env = dict(os.environ, HOME=str(home))
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{home}/lo",
                    "--convert-to", "pdf", "--outdir", str(out / "pdf"),
                    *sorted(str(p) for p in out.glob("*.docx"))],
                   check=True, capture_output=True, env=env, timeout=300)
    texts = {}
    for kind in REPORTS:
        pdf = out / "pdf" / f"{kind}.pdf"
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                              check=True).stdout.decode()
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                               check=True).stdout
        texts[kind] = (_words(text), fonts)
    return texts


def _has(rendered_words: list[str], *strings: str) -> list[str]:
    """The strings the rendered text lacks (each word in logical order, words in order)."""
    return [s for s in strings if s and not _in_order(rendered_words, _words(s))]


def test_every_kind_renders_in_vazirmatn(rendered) -> None:
    assert set(rendered) == set(REPORTS)
    for kind, (_, fonts) in rendered.items():
        assert "Vazirmatn" in fonts, kind


def test_minutes_hold_the_meeting(demo, rendered) -> None:  # noqa: F811
    from models.entities import Activity
    from persian.jalali import format_jalali_long

    with demo.session_factory() as session:
        a = session.get(Activity, _activity(demo, "meeting"))
        strings = [a.title, format_jalali_long(a.start_date), a.summary, a.place]
        strings += [p.person.full_name for p in a.participants if p.person]
        strings += [r.text for r in a.resolutions if r.deleted_at is None]
    text = rendered["minutes"][0]
    assert _has(text, *strings) == []
    assert _has(text, "امضای حاضران", "صفحه") == []


def test_attendance_sheet_holds_every_trainee(demo, rendered) -> None:  # noqa: F811
    from models.entities import Activity

    with demo.session_factory() as session:
        a = session.get(Activity, _activity(demo, "training", status="done"))
        strings = [a.title] + [p.person.full_name for p in a.participants
                               if p.person and p.role != "instructor"]
    assert _has(rendered["attendance"][0], *strings) == []


def test_performance_report_holds_the_period_and_its_photo(demo, rendered) -> None:  # noqa: F811
    from models.entities import Activity, Cluster

    with demo.session_factory() as session:
        titles = list(session.scalars(select(Activity.title).join(Cluster).where(
            Cluster.name == CLUSTER, Activity.deleted_at.is_(None),
            Activity.kind.in_(("training", "exhibition")), Activity.status == "done",
            Activity.start_date.between(PERIOD.start, PERIOD.end))))
    text = rendered["performance"][0]
    assert len(titles) > 5 and _has(text, *titles) == []
    assert _has(text, PERIOD.label, "عکس‌های دوره‌های آموزشی", "کارگاه عملی") == []


def test_resolutions_profile_and_province(demo, rendered) -> None:  # noqa: F811
    from models.entities import Cluster, Firm

    open_ones = [r.text for r in list_resolutions(demo, only_open=True)
                 if r.cluster_name == CLUSTER]
    with demo.session_factory() as session:
        firms = list(session.scalars(select(Firm.name).join(Cluster).where(
            Cluster.name == CLUSTER, Firm.deleted_at.is_(None))))
        clusters = list(session.scalars(select(Cluster.name).where(Cluster.province == "فارس")))
    assert open_ones and _has(rendered["resolutions"][0], *open_ones) == []
    assert firms and _has(rendered["profile"][0], *firms) == []
    assert len(clusters) > 2 and _has(rendered["province"][0], *clusters) == []
