"""Headings that are never left alone at the foot of a page.

Apart from reports.template so that the Word writer (reports.docx_writer), which the template
calls for a ``.docx`` path, can recognise a heading without importing the template back.
"""

from __future__ import annotations

from reportlab.platypus import ActionFlowable, Flowable, PageBreak, Spacer

from reports.adapters.reportlab_private import frame_room, lend_frame, take_frame_back
from reports.fonts import BOLD
from reports.paragraph import RTLParagraph


class Heading(RTLParagraph):
    """A heading that moves to the next page unless a few body lines fit below it.

    In a story the heading is glued to what follows it (``WithNext``); the reserve is for a
    heading that ends a story or sits inside another flowable.
    """

    def __init__(self, text: str, size: float, reserve: float) -> None:
        super().__init__(
            text, BOLD, size, size * 1.6, "right", space_before=size * 0.6, space_after=size * 0.3
        )
        self.reserve = reserve


class WithNext(Flowable):
    """A heading (and the spacers after it) kept on the page of the first piece of what follows.

    reportlab's ``keepWithNext`` would glue the heading to the whole of a long table and push
    both to a new page, leaving half a page blank. This asks the next flowable to split in the
    room left below the heading: when a first piece fits (a table's header and first row, a
    paragraph's first line) the heading stays and that piece follows it; when nothing fits (a
    chart, a signature block, a row that must not be cut) the heading moves with it to the next
    page. It never draws itself: it always splits into its parts.
    """

    def __init__(self, heads: list[Flowable], body: Flowable) -> None:
        super().__init__()
        self.heads = heads
        self.body = body
        for head in heads:
            if isinstance(head, Heading):
                head.reserve = 0.0  # glued: the body's own first piece is the reserve
        self.spaceBefore = heads[0].getSpaceBefore()

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return availWidth, availHeight + 1  # never placed whole: the frame asks split()

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        used = 0.0
        for i, head in enumerate(self.heads):
            _, h = head.wrap(availWidth, availHeight)
            used += h + head.getSpaceAfter() + (head.getSpaceBefore() if i else 0.0)
        room = availHeight - used - self.body.getSpaceBefore()
        _, body_h = self.body.wrap(availWidth, max(room, 0.0))
        if body_h <= room + 1e-6:
            return [*self.heads, self.body]
        pieces: list[Flowable] = []
        if room > 0:
            lend_frame(self, self.body)
            try:
                pieces = self.body.split(availWidth, room)
            finally:
                take_frame_back(self.body)
        if pieces:
            return [*self.heads, *pieces]
        frame = frame_room(self)
        if frame is None or frame.at_top:
            # Already on a fresh page (or no frame to ask): nothing better to wait for.
            return [*self.heads, self.body]
        return []


def keep_headings_with_next(story: list[Flowable]) -> list[Flowable]:
    """Every heading of ``story`` glued to the flowable after it (spacers in between).

    Built from the end, so a heading followed by a subheading is glued to the pair.
    """
    out: list[Flowable] = []
    for item in reversed(story):
        if isinstance(item, Heading):
            heads: list[Flowable] = [item]
            while out and isinstance(out[-1], Spacer):
                heads.append(out.pop())
            if out and not isinstance(out[-1], ActionFlowable | PageBreak):
                out.append(WithNext(heads, out.pop()))
                continue
            out.extend(reversed(heads[1:]))
        out.append(item)
    out.reverse()
    return out


def heading(text: str, level: int = 1) -> RTLParagraph:
    """A bold heading that is never left alone at the bottom of a page."""
    size = {1: 15.0, 2: 12.5, 3: 11.0}.get(level, 11.0)
    return Heading(text, size, reserve=36.0)
