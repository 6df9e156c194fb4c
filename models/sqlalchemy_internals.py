"""Every use of SQLAlchemy's private API, each with the public way next to it.

models.fast_query runs compiled statements on the DB-API cursor itself (a list read of 100k rows
in a fraction of the time). For that it needs two things SQLAlchemy keeps private:

* a statement's cache key (`_generate_cache_key`), so a compiled statement is reused for every
  statement of the same shape, as SQLAlchemy does when it executes; without one, every read
  compiles again (slower, the same SQL);
* the compiled statement's bind processors (`_bind_processors`: date → ISO text and the like),
  so values are bound exactly as SQLAlchemy would bind them; the public way builds the same map
  from each bound parameter's type (`TypeEngine.dialect_impl(dialect).bind_processor`).

tests/models/test_sqlalchemy_internals.py compares each fast answer with the public one, so a
SQLAlchemy upgrade that changes either fails there, by name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Select
from sqlalchemy.sql.compiler import Compiled

Processor = Callable[[Any], Any]


def cache_key(stmt: Select) -> Any | None:
    """The statement's cache key (`.key` and `.bindparams`), or None when there is none."""
    generate = getattr(stmt, "_generate_cache_key", None)
    return generate() if generate is not None else None


def bind_processors(compiled: Compiled) -> Mapping[str, Any]:
    """Bound-parameter name → the function SQLAlchemy applies to its value before binding."""
    processors = getattr(compiled, "_bind_processors", None)
    if isinstance(processors, Mapping):
        return processors
    return public_bind_processors(compiled)


def public_bind_processors(compiled: Compiled) -> dict[str, Processor]:
    """The same map built through the public type API (slower: built on every call)."""
    dialect = compiled.dialect
    literal = getattr(compiled, "literal_execute_params", ())
    found: dict[str, Processor] = {}
    for bind, name in compiled.bind_names.items():
        if bind in literal:
            continue
        process = bind.type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            found[name] = process
    return found
