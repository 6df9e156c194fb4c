"""«در گزارش» on attachments travels in exchange packages, and packages made before it existed
(no in_report in their attachment rows) still import, unmarked."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from PIL import Image

from services import attachments, exchange
from tests.exchange.test_exchange import _seed, laptop  # noqa: F401 - laptop: fixture


def _photo(db, owner: str, tmp_path: Path):  # noqa: ANN001, ANN202
    source = tmp_path / "غرفه.jpg"
    Image.new("RGB", (64, 48), "#a52").save(source)
    return attachments.add_attachment(db, "activity", owner, source)


def test_the_mark_travels_and_a_later_change_of_it_too(laptop, db, tmp_path) -> None:  # noqa: F811
    ids = _seed(laptop)
    view = attachments.set_in_report(laptop, _photo(laptop, ids["training"], tmp_path).id, True)
    exchange.export_package(laptop, tmp_path / "1.kxp")
    exchange.import_file(db, tmp_path / "1.kxp")
    assert attachments.list_attachments(db, "activity", ids["training"])[0].in_report
    assert [p.attachment_id for p in attachments.report_photos(db, [ids["training"]])] == [
        view.id]

    attachments.set_in_report(laptop, view.id, False)
    exchange.export_package(laptop, tmp_path / "2.kxp")
    report = exchange.import_file(db, tmp_path / "2.kxp")
    assert report.changed == 1
    assert not attachments.list_attachments(db, "activity", ids["training"])[0].in_report


def test_a_package_from_before_the_mark_imports_unmarked(laptop, db, tmp_path) -> None:  # noqa: F811
    ids = _seed(laptop)
    attachments.set_in_report(laptop, _photo(laptop, ids["meeting"], tmp_path).id, True)
    exchange.export_package(laptop, tmp_path / "new.kxp")
    old = tmp_path / "old.kxp"
    with zipfile.ZipFile(tmp_path / "new.kxp") as src, zipfile.ZipFile(old, "w") as dst:
        payload = json.loads(src.read("records.json"))
        for row in payload["records"]["attachment"]:
            del row["in_report"]
        raw = json.dumps(payload, ensure_ascii=False).encode()
        manifest = json.loads(src.read("manifest.json"))
        manifest["members"]["records.json"] = {"sha256": hashlib.sha256(raw).hexdigest(),
                                               "size": len(raw)}
        for info in src.infolist():
            if info.filename not in ("records.json", "manifest.json"):
                dst.writestr(info.filename, src.read(info))
        dst.writestr("records.json", raw)
        dst.writestr("manifest.json", json.dumps(manifest))
    exchange.import_file(db, old)
    (stored,) = attachments.list_attachments(db, "activity", ids["meeting"])
    assert stored.in_report is False
