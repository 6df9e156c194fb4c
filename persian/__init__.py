"""Persian text, digits and Jalali dates (DESIGN §3). Pure Python: no Qt, no database.

The package offers the public names of its modules, each module's ``__all__``, so what is
public is written down once, beside the code that defines it. They are loaded when first asked
for (PEP 562): importing ``persian.digits`` alone must not load the Jalali calendar and
jdatetime, a sixth of the time of ``main.py check`` on a small database (issue 15).
"""

from __future__ import annotations

import importlib
from types import ModuleType

_MODULES = ("digits", "fold", "jalali")


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{name}")


def __getattr__(name: str) -> object:
    if name == "__all__":
        return [n for m in _MODULES for n in _module(m).__all__]
    for mod in _MODULES:
        module = _module(mod)
        if name in module.__all__:
            return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
