"""Register the bundled Vazirmatn TTFs with reportlab.

reportlab embeds TrueType fonts as subsets, so a report carries exactly the glyphs it uses and
prints the same on a machine that has no Persian font installed.
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from models.paths import resource_path

FONT_DIR = resource_path("resources", "fonts")

REGULAR = "Vazirmatn"
BOLD = "Vazirmatn-Bold"

_FILES = {
    REGULAR: "Vazirmatn-Regular.ttf",
    BOLD: "Vazirmatn-Bold.ttf",
}

# Reports may be built from a worker thread while the UI thread builds another one; the lock keeps
# two first calls from registering half a family each.
_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register 'Vazirmatn' and 'Vazirmatn-Bold' and their family; safe to call many times."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, filename in _FILES.items():
            path = FONT_DIR / filename
            if not path.is_file():
                raise FileNotFoundError(f"bundled font missing: {path}")
            pdfmetrics.registerFont(TTFont(name, str(path)))
        # The family mapping lets <b> inside any reportlab markup (and fontName + bold in
        # reportlab's own widgets) pick the bold face instead of faking it.
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, REGULAR)
        addMapping(REGULAR, 1, 1, BOLD)
        pdfmetrics.registerFontFamily(
            REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
        )
        _registered = True
