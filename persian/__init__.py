"""Persian text, digits and Jalali dates (DESIGN §3). Pure Python: no Qt, no database.

The package offers the public names of its modules, each module's ``__all__``, so what is
public is written down once, beside the code that defines it.
"""

from . import digits as _digits
from . import fold as _fold
from . import jalali as _jalali
from .digits import *  # noqa: F403
from .fold import *  # noqa: F403
from .jalali import *  # noqa: F403

__all__ = [*_digits.__all__, *_fold.__all__, *_jalali.__all__]
