"""Reading a package's records runs without Python's automatic collector, which is left as the
caller had it (on for the command line, off in the desktop app, where ui.gui_gc collects)."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from services.exchange import read


@pytest.mark.parametrize("on_before", [True, False])
def test_records_are_parsed_with_the_collector_off_and_its_state_kept(
        demo_package: Path, monkeypatch: pytest.MonkeyPatch, on_before: bool) -> None:
    seen = []
    loads = json.loads

    def watched(raw, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        seen.append(gc.isenabled())
        return loads(raw, *args, **kwargs)

    monkeypatch.setattr(read.json, "loads", watched)
    was = gc.isenabled()
    (gc.enable if on_before else gc.disable)()
    try:
        with read.open_package(demo_package) as package:
            assert package.records["activity"]
            assert gc.isenabled() is on_before
        assert gc.isenabled() is on_before
    finally:
        (gc.enable if was else gc.disable)()
    # The manifest is read before; the records (the big one) with the collector off.
    assert seen[-1] is False


def test_the_collector_comes_back_after_a_refused_record(demo_package: Path,
                                                         tmp_path: Path) -> None:
    """A record refused while the collector is off (its checks run there) switches it on again."""
    import hashlib
    import zipfile

    with zipfile.ZipFile(demo_package) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        body = json.loads(zf.read("records.json"))
    body["records"]["activity"][0]["start_date"] = "not a date"
    raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
    manifest["members"]["records.json"] = {"sha256": hashlib.sha256(raw).hexdigest(),
                                           "size": len(raw)}
    bad = tmp_path / "bad.kxp"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        zf.writestr("records.json", raw)
    was = gc.isenabled()
    gc.enable()
    try:
        with pytest.raises(read.ExchangeError) as refused, read.open_package(bad):
            pass
        assert refused.value.code == "exchange_invalid_record"
        assert gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()


@pytest.mark.parametrize("fails", [False, True])
def test_an_import_writes_with_the_collector_off_and_switches_it_on_again(
        demo_package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fails: bool) -> None:
    """A first import's rows, search rows and driver tuples are acyclic too: the collector
    stays off through the write, and comes back after it, whether the import worked or not."""
    from models.migrate import open_database
    from services.exchange import import_file, merge

    seen = []
    write = merge.write_plan

    def watched(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        seen.append(gc.isenabled())
        if fails:
            raise LookupError("stop")
        return write(*args, **kwargs)

    monkeypatch.setattr(merge, "write_plan", watched)
    office = open_database(str(tmp_path / "office.db"))
    was = gc.isenabled()
    gc.enable()
    try:
        if fails:
            with pytest.raises(LookupError):
                import_file(office, demo_package)
        else:
            assert import_file(office, demo_package).changed > 0
        assert gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()
        office.dispose()
    assert seen == [False]
