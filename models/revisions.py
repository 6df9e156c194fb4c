"""The migration graph read from the migration files alone: which revisions exist, which is the
head. No SQLAlchemy and no alembic, so a command that only compares a file's revision with
them (`check`) starts in a fraction of the time (models.migrate re-exports both).
"""

from __future__ import annotations

import re
from functools import lru_cache

from models.paths import resource_path

MIGRATIONS_DIR = resource_path("models", "migrations")

_REVISION_RE = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN_RE = re.compile(r"^down_revision\s*=\s*(?:['\"]([^'\"]+)['\"]|None)", re.MULTILINE)


@lru_cache(maxsize=1)
def _revision_graph() -> tuple[frozenset[str], str]:
    """(every revision, the head) read from the migration files' own `revision =` lines.

    Opening an up-to-date database is the common case; answering it without importing alembic
    (0.3–0.5 s) keeps start-up short. tests/models checks this agrees with alembic's own view.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        rev, down = _REVISION_RE.search(text), _DOWN_RE.search(text)
        if rev:
            revisions.add(rev.group(1))
        if down and down.group(1):
            parents.add(down.group(1))
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"expected one migration head, found {sorted(heads)}")
    return frozenset(revisions), heads.pop()


def head_revision() -> str:
    return _revision_graph()[1]


def known_revisions() -> set[str]:
    return set(_revision_graph()[0])
