"""The attachments list of an activity: its photos carry a «در گزارش» tick box, stored at once."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt

from services import activities, attachments, records
from ui.attachments_widget import AttachmentsWidget


def _world(db, tmp_path: Path):  # noqa: ANN001, ANN202
    cluster = records.create(db, "cluster", {"name": "مسقطی لاری", "province": "فارس"})
    training = activities.save_activity(db, {
        "kind": "training", "cluster_id": cluster.id, "title": "دوره بسته‌بندی",
        "start_date": "1403/05/07"}).activity
    photo = tmp_path / "کلاس.jpg"
    Image.new("RGB", (40, 30), "#357").save(photo)
    sheet = tmp_path / "حضور.pdf"
    sheet.write_bytes(b"%PDF-1.4")
    return cluster, training, photo, sheet


def test_ticking_a_photo_marks_it_for_the_report(qtbot, db, tmp_path: Path) -> None:
    _, training, photo, sheet = _world(db, tmp_path)
    widget = AttachmentsWidget(db, "activity", training.id)
    qtbot.addWidget(widget)
    assert widget.add_file(photo) and widget.add_file(sheet)
    image_item, pdf_item = widget.list.item(0), widget.list.item(1)
    assert image_item.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert image_item.checkState() == Qt.CheckState.Unchecked
    assert not pdf_item.flags() & Qt.ItemFlag.ItemIsUserCheckable  # not a photo
    changes: list[int] = []
    widget.changed.connect(lambda: changes.append(1))
    image_item.setCheckState(Qt.CheckState.Checked)
    stored = {a.file_name: a.in_report for a in
              attachments.list_attachments(db, "activity", training.id)}
    assert stored == {"کلاس.jpg": True, "حضور.pdf": False} and changes == [1]
    widget.refresh()  # what is stored shows again after a reload
    assert widget.list.item(0).checkState() == Qt.CheckState.Checked
    assert "performance" not in widget.note.text()  # the hint is in Persian
    assert "گزارش" in widget.note.text()


def test_other_records_photos_have_no_tick_box(qtbot, db, tmp_path: Path) -> None:
    cluster, _, photo, _ = _world(db, tmp_path)
    widget = AttachmentsWidget(db, "cluster", cluster.id)
    qtbot.addWidget(widget)
    assert widget.add_file(photo)
    assert not widget.list.item(0).flags() & Qt.ItemFlag.ItemIsUserCheckable
