"""Photos «در گزارش»: marking them, which ones a report prints, the cache, missing and damaged files."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image

from services import activities, attachments, records
from services.errors import ServiceError


def _jpeg(path: Path, size: tuple[int, int] = (2400, 1600), color: str = "#c84") -> Path:
    Image.new("RGB", size, color).save(path, "JPEG", quality=90)
    return path


@pytest.fixture
def world(db, tmp_path: Path):
    cluster = records.create(db, "cluster", {"name": "مسقطی لاری", "province": "فارس"})
    training = activities.save_activity(db, {
        "kind": "training", "cluster_id": cluster.id, "title": "دوره بسته‌بندی",
        "start_date": "1403/05/07", "status": "done", "hours": 8}).activity
    meeting = activities.save_activity(db, {
        "kind": "meeting", "cluster_id": cluster.id, "title": "کمیته راهبری",
        "start_date": "1403/05/20", "status": "done"}).activity
    return cluster, training, meeting


def _attach(db, owner_id: str, path: Path, note: str | None = None, *, mark: bool = True):
    view = attachments.add_attachment(db, "activity", owner_id, path, note=note)
    if mark:
        view = attachments.set_in_report(db, view.id, True)
    return view


def test_marking_is_stored_and_only_images_of_activities_can_be_marked(db, world, tmp_path):
    cluster, training, _ = world
    photo = _attach(db, training.id, _jpeg(tmp_path / "کلاس.jpg"), mark=False)
    assert not photo.in_report
    assert attachments.set_in_report(db, photo.id, True).in_report
    assert attachments.list_attachments(db, "activity", training.id)[0].in_report
    assert not attachments.set_in_report(db, photo.id, False).in_report

    sheet = tmp_path / "حضور.pdf"
    sheet.write_bytes(b"%PDF-1.4 not an image")
    doc = attachments.add_attachment(db, "activity", training.id, sheet)
    with pytest.raises(ServiceError, match="عکس نیست"):
        attachments.set_in_report(db, doc.id, True)
    logo = attachments.add_attachment(db, "cluster", cluster.id, _jpeg(tmp_path / "logo.jpg"))
    with pytest.raises(ServiceError, match="فعالیت"):
        attachments.set_in_report(db, logo.id, True)
    assert not any(a.in_report for a in attachments.list_attachments(db, "cluster", cluster.id))


def test_report_photos_are_the_marked_live_ones_in_activity_order(db, world, tmp_path):
    _, training, meeting = world
    first = _attach(db, meeting.id, _jpeg(tmp_path / "a.jpg", color="#111"), "میز جلسه")
    _attach(db, meeting.id, _jpeg(tmp_path / "b.jpg", color="#222"), mark=False)
    removed = _attach(db, meeting.id, _jpeg(tmp_path / "c.jpg", color="#333"))
    attachments.remove_attachment(db, removed.id)
    second = _attach(db, training.id, _jpeg(tmp_path / "کلاس درس.jpg", color="#444"))
    photos = attachments.report_photos(db, [training.id, meeting.id])
    assert [p.attachment_id for p in photos] == [second.id, first.id]
    assert [p.caption for p in photos] == ["کلاس درس", "میز جلسه"]  # the note, else the name
    assert attachments.report_photos(db, []) == []


def test_photo_pages_cache_and_placeholders(db, world, tmp_path, monkeypatch, caplog):
    from reports import photos as photo_module
    from reports.photos import PhotoGrid, cached_copy, photo_pages

    _, training, _ = world
    _attach(db, training.id, _jpeg(tmp_path / "کلاس.jpg"), "کلاس روز اول")
    png = tmp_path / "نمودار.png"
    Image.new("RGBA", (300, 900), (0, 128, 0, 128)).save(png)
    _attach(db, training.id, png)
    gone = _attach(db, training.id, _jpeg(tmp_path / "گمشده.jpg", color="#0f0"))
    attachments.attachment_file(db, gone.id).unlink()
    broken = tmp_path / "خراب.jpg"
    broken.write_bytes(_jpeg(tmp_path / "x.jpg", color="#00f").read_bytes()[:300])
    _attach(db, training.id, broken)

    story = photo_pages(db, [training.id])
    grid = next(f for f in story if isinstance(f, PhotoGrid))
    assert [c.file_name for c in grid.cells] == ["کلاس.jpg", "نمودار.png", "گمشده.jpg", "خراب.jpg"]
    assert [c.image is not None for c in grid.cells] == [True, True, False, False]
    assert grid.per_row == 2
    assert max(grid.cells[0].pixel_size) == photo_module.CACHE_PIXELS
    warnings = [f.text for f in story if type(f).__name__ == "RTLParagraph"]
    assert any("گمشده.jpg" in w and "نیست" in w for w in warnings)
    assert any("خراب.jpg" in w and "خراب" in w for w in warnings)

    # The second report reads the cached copy: the original is never opened again.
    opened: list[str] = []
    real_open = Image.open
    monkeypatch.setattr(Image, "open", lambda p, *a, **k: (opened.append(str(p)),
                                                           real_open(p, *a, **k))[1])
    photo = attachments.report_photos(db, [training.id])[0]
    path, size = cached_copy(photo)
    assert size == grid.cells[0].pixel_size and opened == [str(path)]
    assert str(photo.path) not in opened


def test_minutes_and_performance_print_the_photo_page(db, world, tmp_path):
    from reports.minutes import build_minutes
    from reports.performance import build_performance
    from tests.reports.test_reports import fold, pdf_text

    cluster, training, meeting = world
    _attach(db, meeting.id, _jpeg(tmp_path / "جلسه.jpg"), "اعضای کمیته")
    for i in range(5):  # more than FEW: four to a row
        _attach(db, training.id, _jpeg(tmp_path / f"کلاس{i}.jpg", color=f"#{i}{i}{i}"))
    gone = _attach(db, training.id, _jpeg(tmp_path / "گمشده.jpg", color="#0f0"))
    attachments.attachment_file(db, gone.id).unlink()

    minutes = build_minutes(db, tmp_path / "m.pdf", meeting=meeting.id)
    text = pdf_text(minutes)
    assert fold("عکس‌های جلسات") in text and fold("اعضای کمیته") in text
    assert int(_pages(minutes)) == 2  # the photo page is a page of its own
    from datetime import date

    perf = build_performance(db, tmp_path / "p.pdf", cluster=cluster.id,
                             start=date(2024, 3, 20), end=date(2025, 3, 20))
    text = pdf_text(perf)
    assert fold("عکس‌های دوره‌های آموزشی") in text and fold("عکس‌های جلسات") in text
    assert fold("عکس در دسترس نیست:") in text and fold("گمشده") in text  # the placeholder
    assert fold("در پوشه پیوست‌ها نیست؛ به جای آن کادر خالی چاپ شد.") in text  # the warning
    assert fold("دوره بسته‌بندی") in text


def _pages(pdf: Path) -> str:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True, text=True)
    return next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages"))


def test_a_decompression_bomb_and_a_damaged_cached_copy(db, world, tmp_path, monkeypatch):
    from reports.photos import PhotoGrid, cached_copy, photo_pages

    _, training, _ = world
    _attach(db, training.id, _jpeg(tmp_path / "بزرگ.jpg"))
    photo = attachments.report_photos(db, [training.id])[0]
    path, size = cached_copy(photo)
    path.write_bytes(b"not a jpeg any more")  # the cache damaged on disk: made again
    assert cached_copy(photo) == (path, size)

    path.unlink()
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # every photo is now a "bomb"
    story = photo_pages(db, [training.id])
    grid = next(f for f in story if isinstance(f, PhotoGrid))
    assert grid.cells[0].image is None
    assert any("بزرگ.jpg" in getattr(f, "text", "") for f in story)
