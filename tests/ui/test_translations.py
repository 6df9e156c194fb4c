"""Every UI string has a finished Persian translation, and the committed .qm matches the .ts.

Fix a failure with `bash tools/update_translations.sh`, translate the new entries in
translations/khooshe_fa.ts, then run the script again to recompile the .qm.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "translations" / "khooshe_fa.ts"
QM = ROOT / "translations" / "khooshe_fa.qm"
PLACEHOLDER = re.compile(r"\{\w*\}")
PERSIAN = re.compile(r"[\u0600-\u06ff]")
LATIN = re.compile(r"[A-Za-z]")


def _tool(name: str) -> str:
    beside_python = Path(sys.executable).parent / name
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} not found; install pyside6-essentials into the venv")
    return found


def _ui_sources() -> list[str]:
    return sorted(
        str(p.relative_to(ROOT)) for p in ROOT.glob("ui/**/*.py") if "__pycache__" not in p.parts
    )


def test_every_ui_string_has_a_finished_persian_translation(tmp_path: Path) -> None:
    scratch = tmp_path / "khooshe_fa.ts"
    shutil.copyfile(TS, scratch)
    # Same options as tools/update_translations.sh, but into a copy: the test never edits files.
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *_ui_sources(),
            "-ts",
            str(scratch),
            "-source-language",
            "en",
            "-target-language",
            "fa",
            "-no-obsolete",
            "-locations",
            "none",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    problems: list[str] = []
    for context in ET.parse(scratch).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            text = (translation.text or "") if translation is not None else ""
            kind = translation.get("type") if translation is not None else "missing"
            where = f"{name}: {source!r}"
            if kind in ("unfinished", "missing") or not text.strip():
                problems.append(f"untranslated   {where}")
            elif sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
                problems.append(f"placeholders   {where} -> {text!r}")
            elif LATIN.search(text) and not PERSIAN.search(text):
                # An English copy pasted as the "translation" would pass the checks above.
                problems.append(f"not Persian    {where} -> {text!r}")
    assert not problems, "Run tools/update_translations.sh and translate:\n" + "\n".join(problems)


def test_committed_qm_matches_the_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "khooshe_fa.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), str(TS), "-qm", str(fresh)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    assert QM.exists(), "translations/khooshe_fa.qm is missing"
    assert fresh.read_bytes() == QM.read_bytes(), (
        "translations/khooshe_fa.qm is stale: run tools/update_translations.sh and commit it"
    )
