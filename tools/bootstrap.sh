#!/usr/bin/env bash
# Sets up everything Khooshe needs on this machine, idempotently:
#   1. Debian/Ubuntu system libraries for Qt (offscreen and real windows), the PDF tools
#      the tests use and LibreOffice Writer without its GUI (the tests render the Word
#      reports with it; ~12 s to install here), when we are root and they are missing;
#   2. a virtual environment in .venv with the project and its test extra.
# Sourced or run by tools/run-app.sh, tools/run-tests.sh and .ci/run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

APT_PACKAGES=(libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-render-util0 libxcb-shape0 libxcb-xkb1 poppler-utils qpdf python3-venv
  postgresql libreoffice-writer-nogui
  binutils)  # PyInstaller (tools/build-bundle.sh) reads and strips libraries with objdump and strip

if command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" = "0" ]; then
      echo "bootstrap: installing system packages: ${missing[*]}"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
      echo "bootstrap: these system packages are missing; install them with:" >&2
      echo "  sudo apt-get install ${missing[*]}" >&2
    fi
  fi
fi

PY="${PYTHON:-}"
if [ -z "$PY" ]; then
  for cand in python3.13 python3.12 python3.11 python3; do
    if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      PY="$cand"; break
    fi
  done
fi
if [ -z "$PY" ]; then
  echo "bootstrap: Python 3.11 or newer is required" >&2; exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "bootstrap: creating .venv with $PY"
  "$PY" -m venv .venv
fi
STAMP=.venv/.khooshe-installed
if [ ! -f "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ]; then
  echo "bootstrap: installing Python dependencies"
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python tools/deps.py test > .venv/requirements.txt
  .venv/bin/python -m pip install -q -r .venv/requirements.txt
  touch "$STAMP"
fi
