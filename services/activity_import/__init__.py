"""Importing the history of a programme from Excel: meetings, trainings, tours, exhibitions.

One user action in four steps, each its own module: read the workbook (`reader`, with the firm
import's limits), map its columns to fields (`fields`, remembered choices applied by
`default_mapping`), parse and check every row into a plan with its preview (`dates`, `people`,
`plan`, `preview`), and write the plan whole after a verified backup (`write`). `template` writes
a workbook with the expected headers.
"""

from __future__ import annotations

from services.activity_import.fields import ACTIVITY_FIELDS, RESOLUTION_FIELDS, ImportField
from services.activity_import.preview import (
    Duplicate,
    ImportResult,
    Preview,
    Problem,
    nothing_new_message,
)
from services.activity_import.reader import ColumnMapping, Workbook, default_mapping, read_workbook
from services.activity_import.template import write_template
from services.activity_import.write import ImportRefused, preview_import, run_import

__all__ = [
    "ACTIVITY_FIELDS",
    "RESOLUTION_FIELDS",
    "ColumnMapping",
    "Duplicate",
    "ImportField",
    "ImportRefused",
    "ImportResult",
    "Preview",
    "Problem",
    "Workbook",
    "default_mapping",
    "nothing_new_message",
    "preview_import",
    "read_workbook",
    "run_import",
    "write_template",
]
