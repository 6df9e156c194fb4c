"""`search` prints each hit's short id (what `report … --meeting` accepts) and a count line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cli import commands
from persian.digits import to_persian_digits


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("search") / "demo.db"
    assert commands.run(["demo", "--db", str(path)]) == 0
    return path


def _search(demo_path: Path, capsys, *args: str) -> list[str]:
    capsys.readouterr()
    assert commands.run(["search", *args, "--db", str(demo_path)]) == 0
    return capsys.readouterr().out.splitlines()


def test_hits_end_with_a_short_id_and_a_count_line(demo_path: Path, capsys) -> None:
    *hits, count = _search(demo_path, capsys, "کمیته راهبری", "--limit", "500")
    assert hits and count == f"{to_persian_digits(str(len(hits)))} نتیجه."
    for line in hits:
        assert re.fullmatch(r"[0-9a-f]{8}[0-9a-f-]*", line.split("\t")[-1]), line
        assert len(line.split("\t")[-1]) < 36


def test_a_cut_list_says_there_is_more(demo_path: Path, capsys) -> None:
    *hits, count = _search(demo_path, capsys, "کمیته راهبری", "--limit", "2")
    assert len(hits) == 2
    assert count.startswith("۲ نتیجهٔ نخست") and "--limit" in count


def test_the_short_id_search_prints_names_the_meeting_for_its_minutes(demo_path: Path, capsys,
                                                                     tmp_path: Path) -> None:
    *hits, _ = _search(demo_path, capsys, "کمیته راهبری خوشه (۷)")
    meeting = next(line for line in hits if line.startswith("فعالیت\t"))
    short = meeting.split("\t")[-1]
    out = tmp_path / "m.pdf"
    assert commands.run(["report", "minutes", "--meeting", short, "--db", str(demo_path),
                         "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
