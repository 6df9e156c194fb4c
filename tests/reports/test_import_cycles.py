"""reports/ has no import loop (the template calls the Word writer, which once imported it back)."""

from __future__ import annotations

import ast
from pathlib import Path

REPORTS = Path(__file__).resolve().parents[2] / "reports"


def _imports() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in REPORTS.rglob("*.py"):
        name = ".".join(("reports", *path.relative_to(REPORTS).with_suffix("").parts))
        name = name.removesuffix(".__init__")
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):  # lazy imports too
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                deps.add(node.module)
            elif isinstance(node, ast.Import):
                deps.update(alias.name for alias in node.names)
        graph[name] = deps
    return {m: {d for d in deps if d in graph} for m, deps in graph.items()}


def test_no_module_of_reports_imports_itself_back() -> None:
    graph = _imports()

    def reaches(start: str) -> set[str]:
        seen: set[str] = set()
        todo = list(graph[start])
        while todo:
            m = todo.pop()
            if m not in seen:
                seen.add(m)
                todo.extend(graph[m])
        return seen

    assert [m for m in graph if m in reaches(m)] == []
