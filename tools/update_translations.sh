#!/usr/bin/env bash
# Regenerate the Persian catalogue after changing UI strings:
#
#     bash tools/update_translations.sh
#
# 1. pyside6-lupdate scans ui/**/*.py for tr()/translate() strings into translations/khooshe_fa.ts,
#    keeping every existing translation and dropping strings that no longer exist;
# 2. you (or a translator, with pyside6-linguist) fill the new <translation type="unfinished">
#    entries in Persian;
# 3. run this script again: pyside6-lrelease compiles the .ts into translations/khooshe_fa.qm.
# Commit both files; tests/ui/test_translations.py fails while a string lacks Persian or the .qm
# is stale.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BIN="${KHOOSHE_QT_BIN:-$ROOT/.venv/bin}"
mapfile -t SOURCES < <(find ui -name '*.py' -not -path '*/__pycache__/*' | LC_ALL=C sort)
# -locations none: line numbers would change the .ts on every unrelated edit and cause conflicts.
"$BIN/pyside6-lupdate" "${SOURCES[@]}" -ts translations/khooshe_fa.ts \
    -source-language en -target-language fa -no-obsolete -locations none
"$BIN/pyside6-lrelease" translations/khooshe_fa.ts -qm translations/khooshe_fa.qm
