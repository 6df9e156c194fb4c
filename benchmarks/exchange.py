"""Figure 6: exchange import (records from another agent's Khooshe) — not built yet."""

from __future__ import annotations

from benchmarks.common import Figure, Settings


def run(settings: Settings, databases: dict[int, str]) -> list[Figure]:
    return [Figure(key="exchange_import", label="exchange import", scale=None, value=None,
                   unit="ms", note="n/a (not built)")]
