#!/usr/bin/env bash
# Starts Khooshe on the default database (created with the demo story if there is none yet).
# Extra arguments go to main.py, e.g. `bash tools/run-app.sh --db /tmp/k.db`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/tools/bootstrap.sh"
exec "$ROOT/.venv/bin/python" "$ROOT/main.py" "$@"
