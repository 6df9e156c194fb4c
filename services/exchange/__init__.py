"""Exchange packages: an agent's laptop sends its records to the provincial office (issue #6).

A package (`.kxp`) is one zip, optionally encrypted as a whole with a password
(services.backup.crypto), holding:

* `manifest.json` — format, version, the sending installation (`origin`, `agent_name`), the
  scope (cluster, since), record counts, and the sha256 and size of every other member;
* `records.json`  — `{"records": {kind: [row, …]}, "links": {"joint_action_firm": [[ja, firm]]},
  "children": {activity_id: {"participants": [id…], "resolutions": [id…]}}}`; a row holds every
  column of the record (dates and stamps as ISO text) except the local `version`;
* `files/<sha256>` — the attachments' bytes.

Import merges by UUID. Per record and sending installation, `exchange_state.base_updated_at`
remembers the stamp of the last imported copy: an incoming stamp equal to it brings nothing new;
a local stamp equal to it means the record was not changed here, so the incoming copy simply
replaces it; when both changed, that is a conflict: the newer change (updated_at) wins and the
conflict is listed in the report. Deletions travel as tombstones (deleted_at). Importing the same
package again changes nothing, and is recognised without planning each record: the records
digest of every applied package is remembered per sender (exchange_state, kind
`package-digest`), and since a record's base stamp only moves forward, those very records can
only be unchanged (`plan.already_applied_report`; `import_file` also skips re-validating them).
Everything is checked before anything is written: a hostile or
broken package is refused whole, in well under two seconds, with the database untouched; then,
on SQLite, a backup is made, and the import runs as one transaction through the ORM (so the
search index follows).

The package, by job: `export` writes a package, `read` checks a file, `validate` checks each
record, `plan` works out what an import changes, `merge` writes it; `identity` is who sends.
The rest of the code imports only this module.
"""

from __future__ import annotations

from services.exchange.common import SUFFIX, ExchangeError, kind_label
from services.exchange.export import ExportResult, export_package
from services.exchange.identity import (
    agent_name,
    agent_setting_key,
    installation_id,
    set_agent_name,
)
from services.exchange.merge import applied_check, conflict_lines, import_file, import_package
from services.exchange.plan import Conflict, ImportReport, KindCounts
from services.exchange.read import Package, open_package

__all__ = ["SUFFIX", "Conflict", "ExchangeError", "ExportResult", "ImportReport", "KindCounts",
           "Package", "agent_name", "agent_setting_key", "applied_check", "conflict_lines", "export_package",
           "import_file", "import_package", "installation_id", "kind_label", "open_package",
           "set_agent_name"]
