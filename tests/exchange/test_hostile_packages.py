"""Hostile or broken packages are refused fast (< 2 s), naming the problem, writing nothing."""

from __future__ import annotations

import hashlib
import json
import stat
import time
import zipfile
from pathlib import Path

import pytest

from models.migrate import open_database
from services import exchange, records
from services.exchange import ExchangeError
from services.exchange import read as exchange_read


@pytest.fixture
def parts(tmp_path: Path) -> dict[str, bytes]:
    """The members of a genuine package, to be tampered with."""
    laptop = open_database(str(tmp_path / "laptop" / "l.db"))
    try:
        cluster = records.create(laptop, "cluster", {"name": "خوشه سنگ", "province": "فارس"})
        records.create(laptop, "firm", {"name": "کارگاه سنگ", "cluster_id": cluster.id})
        exchange.export_package(laptop, tmp_path / "good.kxp")
    finally:
        laptop.dispose()
    with zipfile.ZipFile(tmp_path / "good.kxp") as zf:
        return {name: zf.read(name) for name in zf.namelist()}


@pytest.fixture
def office(tmp_path: Path):
    path = tmp_path / "office" / "office.db"
    database = open_database(str(path))
    yield database
    database.dispose()


def _snapshot(office) -> tuple:
    folder = office.path.parent
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                   if not p.name.endswith(("-wal", "-shm")))
    with office.engine.connect() as conn:
        from sqlalchemy import func, select

        from models.entities import Cluster, ExchangeState, Firm, SearchDoc

        counts = tuple(conn.execute(select(func.count()).select_from(m)).scalar()
                       for m in (Cluster, Firm, ExchangeState, SearchDoc))
    return files, counts


def _manifest_for(members: dict[str, bytes]) -> bytes:
    manifest = json.loads(members["manifest.json"])
    manifest["members"] = {name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                           for name, data in members.items() if name != "manifest.json"}
    return json.dumps(manifest).encode()


def _write(path: Path, entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for info, data in entries:
            zf.writestr(info, data)
    return path


def _refused(office, package: Path, code: str | None = None, text: str | None = None) -> None:
    before = _snapshot(office)
    start = time.monotonic()
    with pytest.raises(ExchangeError) as info:
        exchange.import_file(office, package)
    elapsed = time.monotonic() - start
    assert elapsed < 2.0, elapsed
    if code:
        assert info.value.code == code, info.value.message
    if text:
        assert text in info.value.message
    assert "پذیرفته نشد" in info.value.message or "خوشه نیست" in info.value.message
    assert _snapshot(office) == before  # no rows, no backup, no attachment folder


def test_a_genuine_package_is_accepted(office, parts, tmp_path) -> None:
    package = _write(tmp_path / "ok.kxp", list(parts.items()))
    assert exchange.import_file(office, package).counts["firm"].new == 1


@pytest.mark.parametrize("name", ["../evil.json", "files/../../evil", "/etc/passwd",
                                  "C:/Windows/evil", "files\\..\\evil", "./records.json"])
def test_unsafe_member_paths(office, parts, tmp_path, name) -> None:
    package = _write(tmp_path / "p.kxp", [*parts.items(), (name, b"x")])
    _refused(office, package, "exchange_unsafe_path")


def test_symlink_member(office, parts, tmp_path) -> None:
    info = zipfile.ZipInfo("files/" + "a" * 64)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    info.create_system = 3
    package = _write(tmp_path / "p.kxp", [*parts.items(), (info, b"/etc/passwd")])
    _refused(office, package, "exchange_unsafe_path")


def test_decompression_bomb_by_ratio(office, parts, tmp_path) -> None:
    bomb = b"\0" * (64 << 20)
    package = _write(tmp_path / "p.kxp", [*parts.items(),
                                          ("files/" + hashlib.sha256(bomb).hexdigest(), bomb)])
    assert package.stat().st_size < 1 << 20
    _refused(office, package, "exchange_bomb")


def test_total_size_cap(office, parts, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(exchange_read, "MAX_TOTAL_BYTES", 1000)
    package = _write(tmp_path / "p.kxp", list(parts.items()))
    _refused(office, package, "exchange_bomb")


def test_entry_count_cap(office, parts, tmp_path) -> None:
    entries = [*parts.items()] + [(f"files/{i:064x}", b"") for i in range(20_001)]
    package = _write(tmp_path / "p.kxp", entries)
    _refused(office, package, "exchange_too_many")


def test_deeply_nested_json(office, parts, tmp_path) -> None:
    deep = b"[" * 200_000 + b"]" * 200_000
    members = dict(parts, **{"records.json": deep})
    members["manifest.json"] = _manifest_for(members)
    _refused(office, _write(tmp_path / "p.kxp", list(members.items())), "exchange_json_depth")


def test_nested_json_inside_a_record(office, parts, tmp_path) -> None:
    body = json.loads(parts["records.json"])
    body["records"]["firm"][0]["notes"] = {"a": [[[[[["deep"]]]]]]}
    members = dict(parts, **{"records.json": json.dumps(body).encode()})
    members["manifest.json"] = _manifest_for(members)
    _refused(office, _write(tmp_path / "p.kxp", list(members.items())), "exchange_json_depth")


def test_huge_json_is_refused_before_parsing(office, parts, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(exchange_read, "MAX_RECORDS_BYTES", 100)
    _refused(office, _write(tmp_path / "p.kxp", list(parts.items())), "exchange_too_big")


def test_checksum_mismatch(office, parts, tmp_path) -> None:
    tampered = parts["records.json"].replace("کارگاه سنگ".encode(), "کارگاه سنج".encode())
    members = dict(parts, **{"records.json": tampered})
    _refused(office, _write(tmp_path / "p.kxp", list(members.items())), "exchange_checksum")


def test_unlisted_member_is_a_manifest_mismatch(office, parts, tmp_path) -> None:
    data = b"extra"
    members = dict(parts, **{"files/" + hashlib.sha256(data).hexdigest(): data})
    _refused(office, _write(tmp_path / "p.kxp", list(members.items())),
             "exchange_manifest_mismatch")


def test_attachment_bytes_not_matching_their_name(office, parts, tmp_path) -> None:
    members = dict(parts, **{"files/" + "b" * 64: b"not that"})
    members["manifest.json"] = _manifest_for(members)
    _refused(office, _write(tmp_path / "p.kxp", list(members.items())), "exchange_checksum")


def test_invalid_record_is_named(office, parts, tmp_path) -> None:
    body = json.loads(parts["records.json"])
    body["records"]["firm"][0]["national_id"] = "123"
    members = dict(parts, **{"records.json": json.dumps(body, ensure_ascii=False).encode()})
    members["manifest.json"] = _manifest_for(members)
    _refused(office, _write(tmp_path / "p.kxp", list(members.items())),
             "exchange_invalid_record", "کارگاه سنگ")


def test_reference_to_nothing_refuses_the_whole_package(office, parts, tmp_path) -> None:
    body = json.loads(parts["records.json"])
    body["records"]["firm"][0]["cluster_id"] = "00000000-0000-4000-8000-000000000000"
    members = dict(parts, **{"records.json": json.dumps(body, ensure_ascii=False).encode()})
    members["manifest.json"] = _manifest_for(members)
    _refused(office, _write(tmp_path / "p.kxp", list(members.items())),
             "exchange_invalid_record", "کارگاه سنگ")


def test_wrong_types_and_unknown_fields(office, parts, tmp_path) -> None:
    for mutate in (lambda r: r.update(employees="many"), lambda r: r.update(secret=1),
                   lambda r: r.update(id="../../x"), lambda r: r.update(updated_at=None)):
        body = json.loads(parts["records.json"])
        mutate(body["records"]["firm"][0])
        members = dict(parts, **{"records.json": json.dumps(body, ensure_ascii=False).encode()})
        members["manifest.json"] = _manifest_for(members)
        _refused(office, _write(tmp_path / "p.kxp", list(members.items())),
                 "exchange_invalid_record")


@pytest.mark.parametrize("content", [b"", b"not a zip at all", b"PK\x03\x04broken",
                                     b"SQLite format 3\x00" + b"\0" * 100])
def test_foreign_and_truncated_files(office, tmp_path, content) -> None:
    path = tmp_path / "p.kxp"
    path.write_bytes(content)
    _refused(office, path)


def test_other_zip_without_manifest(office, tmp_path) -> None:
    _refused(office, _write(tmp_path / "p.kxp", [("records.json", b"{}")]), "exchange_foreign")


def test_newer_format(office, parts, tmp_path) -> None:
    manifest = json.loads(parts["manifest.json"])
    manifest["format_version"] = 99
    members = dict(parts, **{"manifest.json": json.dumps(manifest).encode()})
    _refused(office, _write(tmp_path / "p.kxp", list(members.items())), "exchange_too_new")


def test_truncated_encrypted_package(office, tmp_path) -> None:
    laptop = open_database(str(tmp_path / "l2" / "l.db"))
    try:
        records.create(laptop, "cluster", {"name": "خوشه"})
        exchange.export_package(laptop, tmp_path / "e.kxp", password="pw")
    finally:
        laptop.dispose()
    data = (tmp_path / "e.kxp").read_bytes()
    (tmp_path / "e.kxp").write_bytes(data[: len(data) // 2])
    before = _snapshot(office)
    with pytest.raises(ExchangeError):
        exchange.import_file(office, tmp_path / "e.kxp", password="pw")
    assert _snapshot(office) == before
