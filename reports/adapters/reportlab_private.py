"""reportlab internals: the canvas's document, a TrueType font's subset codes, the frame state.

- ``canvas_doc``: ``Canvas._doc``, the PDF document object that ``TTFont.splitString`` and
  ``getSubsetInternalName`` take (they are public and documented with a ``doc`` argument, but
  the canvas has no public accessor for it; reportlab's own text objects read ``canv._doc``).
- ``subset_codes``: ``font.state[doc].assignments``, the character → code map that
  ``splitString`` fills; the table encoder turns it into one C charmap. Public way:
  ``font.splitString(text, doc)``.
- ``frame_room``: while a frame lays a flowable out it sets ``flowable._frame``; the frame's
  ``_atTop`` and ``_aH`` say whether anything is above the flowable and how tall an empty frame
  is. Public way: none, so the callers fall back to what they did before (``None``).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable


def canvas_doc(canv: Canvas) -> object:
    return canv._doc


def subset_codes(font: TTFont, doc: object) -> dict[int, int] | None:
    """The codes of the characters ``font`` has encoded so far in ``doc``, or None."""
    try:
        codes = font.state[doc].assignments  # type: ignore[attr-defined]
    except (AttributeError, KeyError, TypeError):
        return None
    return codes if isinstance(codes, dict) else None


@dataclass(frozen=True, slots=True)
class FrameRoom:
    at_top: bool  # nothing has been placed above in this frame
    height: float  # the height an empty frame offers


def frame_room(flowable: Flowable) -> FrameRoom | None:
    """The frame ``flowable`` is being laid out in, while reportlab asks it to wrap or split."""
    frame = getattr(flowable, "_frame", None)
    try:
        return FrameRoom(bool(frame._atTop), float(frame._aH))  # type: ignore[union-attr]
    except (AttributeError, TypeError, ValueError):
        return None


def lend_frame(parent: Flowable, child: Flowable) -> None:
    """Give ``child`` the frame of ``parent`` for a split asked on its behalf (as Frame.split does)."""
    frame = getattr(parent, "_frame", None)
    if frame is not None:
        child._frame = frame  # type: ignore[attr-defined]


def take_frame_back(child: Flowable) -> None:
    if hasattr(child, "_frame"):
        del child._frame  # type: ignore[attr-defined]
