"""Word reports: the document.xml is right to left in every paragraph, run and table, and the text
is the stored text (logical order, unshaped). LibreOffice's rendering is in test_docx_libreoffice."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

from reports.minutes import build_minutes
from tests.reports.test_reports import CLUSTER, _activity, demo  # noqa: F401 - the fixture

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


def _xml(docx: Path, member: str) -> etree._Element:
    with zipfile.ZipFile(docx) as zf:
        return etree.fromstring(zf.read(member))


def _texts(root: etree._Element) -> str:
    return "".join(t.text or "" for t in root.iter(f"{W}t"))


@pytest.fixture(scope="module")
def minutes_docx(demo, tmp_path_factory) -> tuple[Path, str]:  # noqa: F811
    meeting = _activity(demo, "meeting")
    out = build_minutes(demo, tmp_path_factory.mktemp("docx") / "minutes.docx", meeting=meeting)
    return out, meeting


def test_every_paragraph_run_and_table_is_right_to_left(minutes_docx) -> None:
    doc = _xml(minutes_docx[0], "word/document.xml")
    paragraphs = list(doc.iter(f"{W}p"))
    assert paragraphs and all(p.find(f"{W}pPr/{W}bidi") is not None for p in paragraphs)
    runs = [r for r in doc.iter(f"{W}r") if r.find(f"{W}t") is not None]
    assert len(runs) > 50
    for r in runs:
        props = r.find(f"{W}rPr")
        assert props.find(f"{W}rtl") is not None and props.find(f"{W}cs") is not None
        fonts = props.find(f"{W}rFonts")
        assert {fonts.get(f"{W}{slot}") for slot in ("ascii", "hAnsi", "cs")} == {"Vazirmatn"}
        assert props.find(f"{W}szCs").get(f"{W}val") == props.find(f"{W}sz").get(f"{W}val")
        assert props.find(f"{W}lang").get(f"{W}bidi") == "fa-IR"
    tables = list(doc.iter(f"{W}tbl"))
    assert len(tables) >= 4  # details, present, absent/resolutions, signatures
    assert all(t.find(f"{W}tblPr/{W}bidiVisual") is not None for t in tables)
    assert doc.find(f"{W}body/{W}sectPr/{W}bidi") is not None
    # No left/right alignment: Word and LibreOffice read them differently in a bidi paragraph.
    assert {j.get(f"{W}val") for j in doc.iter(f"{W}jc")} <= {"center", "both"}


def test_text_is_stored_in_logical_order_and_unshaped(demo, minutes_docx) -> None:  # noqa: F811
    from models.entities import Activity

    docx, meeting = minutes_docx
    with demo.session_factory() as session:
        a = session.get(Activity, meeting)
        title, summary = a.title, a.summary
        resolutions = [r.text for r in a.resolutions if r.deleted_at is None]
    body = _texts(_xml(docx, "word/document.xml"))
    assert not PRESENTATION_FORMS.search(body)  # no reshaper: Word shapes the letters itself
    for expected in (title, summary, *resolutions):
        assert expected in body  # exactly as stored, characters in typing order
    assert "۱۴۰۲" in body and not re.search("[0-9]", body)  # Persian digits throughout


def test_header_footer_fields_and_font_fallback(minutes_docx) -> None:
    docx = minutes_docx[0]
    with zipfile.ZipFile(docx) as zf:
        names = zf.namelist()
    header = _xml(docx, next(n for n in names if n.startswith("word/header")))
    footer = _xml(docx, next(n for n in names if n.startswith("word/footer")))
    assert "صورتجلسه" in _texts(header) and CLUSTER in _texts(header)
    fields = [i.text.strip() for i in footer.iter(f"{W}instrText")]
    assert fields == ["PAGE", "NUMPAGES"] and "صفحه" in _texts(footer)
    fonts = _xml(docx, "word/fontTable.xml")
    vazir = next(f for f in fonts.iter(f"{W}font") if f.get(f"{W}name") == "Vazirmatn")
    assert vazir.find(f"{W}altName").get(f"{W}val") == "Tahoma"
    defaults = _xml(docx, "word/styles.xml").find(f"{W}docDefaults")
    assert defaults.find(f".//{W}rFonts").get(f"{W}cs") == "Vazirmatn"


def test_signature_rows_are_kept_together(minutes_docx) -> None:
    doc = _xml(minutes_docx[0], "word/document.xml")
    signatures = list(doc.iter(f"{W}tbl"))[-1]
    assert "امضا" not in _texts(signatures)  # the table after the heading «امضای حاضران»
    rows = list(signatures.iter(f"{W}tr"))
    assert rows and all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
    assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in signatures.iter(f"{W}p"))
    # The heading and every paragraph between it and the table (the spacer too) keep with
    # next: one plain paragraph in the chain left the heading alone at the foot of page 1.
    between = signatures.getprevious()
    while not _texts(between):
        assert between.find(f"{W}pPr/{W}keepNext") is not None, "a paragraph breaks the chain"
        between = between.getprevious()
    assert _texts(between) == "امضای حاضران"
    assert between.find(f"{W}pPr/{W}keepNext") is not None


def test_photos_in_the_word_minutes(demo, tmp_path: Path) -> None:  # noqa: F811
    from services import attachments

    meeting = _activity(demo, "meeting")
    src = tmp_path / "عکس جلسه.jpg"
    Image.new("RGB", (800, 600), "#369").save(src)
    view = attachments.add_attachment(demo, "activity", meeting, src, note="اعضای جلسه")
    attachments.set_in_report(demo, view.id, True)
    Image.new("RGB", (9, 9)).save(tmp_path / "x.png")
    lost = attachments.add_attachment(demo, "activity", meeting, tmp_path / "x.png")
    attachments.set_in_report(demo, lost.id, True)
    try:
        attachments.attachment_file(demo, lost.id).unlink()
        out = build_minutes(demo, tmp_path / "m.docx", meeting=meeting)
    finally:
        for a in (view, lost):
            attachments.set_in_report(demo, a.id, False)
    doc = _xml(out, "word/document.xml")
    assert len(list(doc.iter(f"{W}drawing"))) == 1
    body = _texts(doc)
    assert "اعضای جلسه" in body and "عکس در دسترس نیست: x.png" in body
    with zipfile.ZipFile(out) as zf:
        assert any(n.startswith("word/media/") for n in zf.namelist())


def test_a_flowable_without_a_word_form_fails_loudly(tmp_path: Path) -> None:
    from reportlab.platypus import Flowable

    from reports.template import build_report

    with pytest.raises(TypeError, match="no Word rendering"):
        build_report(tmp_path / "x.docx", [Flowable()], title="آزمون")
    assert not list(tmp_path.iterdir())  # nothing half-written left behind


def test_letterhead_and_logo_in_the_word_header_and_a_broken_logo_is_left_out(
        demo, tmp_path: Path) -> None:  # noqa: F811
    from reports.resolutions_report import build_resolutions
    from services.settings import get_setting, set_setting

    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 60), "#2a6").save(logo)
    before = {k: get_setting(demo, k) for k in ("letterhead", "logo_path")}
    try:
        set_setting(demo, "letterhead", "شرکت شهرک‌های صنعتی فارس")
        set_setting(demo, "logo_path", str(logo))
        good = build_resolutions(demo, tmp_path / "a.docx", cluster=CLUSTER)
        logo.write_bytes(b"\x89PNG broken")
        broken = build_resolutions(demo, tmp_path / "b.docx", cluster=CLUSTER)
    finally:
        for k, v in before.items():
            set_setting(demo, k, v)
    for docx, drawings in ((good, 1), (broken, 0)):
        with zipfile.ZipFile(docx) as zf:
            name = next(n for n in zf.namelist() if n.startswith("word/header"))
        header = _xml(docx, name)
        assert "شرکت شهرک‌های صنعتی فارس" in _texts(header)
        assert len(list(header.iter(f"{W}drawing"))) == drawings
