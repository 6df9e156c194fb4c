#!/usr/bin/env bash
# Builds Khooshe as a self-contained program: a PyInstaller one-folder bundle in dist/khooshe/
# (run dist/khooshe/khooshe, no Python needed) and dist/khooshe-<version>-linux-<arch>.tar.gz.
#
#     bash tools/build-bundle.sh
#
# Installs the `bundle` extra (PyInstaller) into .venv first. The .qm translations are compiled
# from the .ts so a stale catalogue is never shipped.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash tools/bootstrap.sh
if ! .venv/bin/python -c 'import PyInstaller' 2>/dev/null; then
  .venv/bin/python tools/deps.py bundle > .venv/bundle-requirements.txt
  .venv/bin/python -m pip install -q -r .venv/bundle-requirements.txt
fi
start=$(date +%s)
.venv/bin/pyside6-lrelease -silent translations/khooshe_fa.ts -qm translations/khooshe_fa.qm
.venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/khooshe.spec
version="$(.venv/bin/python -c 'import tomllib;print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')"
archive="dist/khooshe-${version}-linux-$(uname -m).tar.gz"
tar -C dist -czf "$archive" khooshe
echo "build-bundle: dist/khooshe/ ($(du -sh dist/khooshe | cut -f1)) and $archive ($(du -sh "$archive" | cut -f1)) in $(( $(date +%s) - start )) s"
