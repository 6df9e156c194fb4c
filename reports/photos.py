"""The photo pages of a report: an activity's images marked «در گزارش», one page per activity kind.

Photos are downscaled once into a cache in the user's data folder keyed by the attachment's
digest and the pixel size (the store is content-addressed, so a digest never names other bytes)
and every later report reads the small copy: a report with 50 phone photos decodes 50 JPEGs the
first time and none afterwards. A missing or unreadable file prints as a framed placeholder with
its name and a warning line under the grid; it never fails the report.

The grid is a reportlab ``Table`` subclass that also keeps what it shows (``PhotoGrid.cells``), so
the Word writer (reports.docx_writer) prints the same photos from the same story.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL.Image import DecompressionBombError
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, PageBreak, Table, TableStyle

from models.database import Database
from models.fsutil import replace_file
from models.paths import data_dir
from reports.common import jdate, note
from reports.fonts import BOLD, REGULAR
from reports.headings import heading
from reports.paragraph import RTLParagraph
from reports.rtl import fa_digits
from services.attachments import ReportPhoto, report_photos

log = logging.getLogger(__name__)

# Long side of the cached copy in pixels: 300 dpi over the 85 mm of a two-to-a-row photo.
CACHE_PIXELS = 1000
JPEG_QUALITY = 82
FRAME_WIDTH = 178 * mm  # A4 less the report margins (reports.template.MARGIN)
PHOTO_HEIGHT = {2: 62 * mm, 4: 34 * mm}  # room for a landscape photo, caption below
FEW = 4  # up to this many photos of a kind print two to a row, more print four to a row

KIND_TITLES = {
    "meeting": "عکس‌های جلسات",
    "training": "عکس‌های دوره‌های آموزشی",
    "tour": "عکس‌های تورها و بازدیدها",
    "exhibition": "عکس‌های نمایشگاه‌ها",
    "other": "عکس‌های سایر فعالیت‌ها",
}


def cache_dir() -> Path:
    return data_dir() / "photo-cache"


@dataclass(frozen=True)
class PhotoCell:
    """One photo as printed: the cached copy (None → placeholder) and the lines under it."""

    image: Path | None
    pixel_size: tuple[int, int]
    caption: str
    detail: str | None
    file_name: str


def cached_copy(photo: ReportPhoto, pixels: int = CACHE_PIXELS) -> tuple[Path, tuple[int, int]]:
    """The downscaled JPEG of ``photo`` and its size, made on first use.

    Raises FileNotFoundError when the attachment's file is gone; OSError, ValueError, SyntaxError
    or DecompressionBombError (PIL's errors) when it is not a readable image.
    """
    from PIL import Image as PILImage
    from PIL import ImageOps

    if not photo.path.is_file():
        # Checked even when a cached copy exists: the user must hear that the store lost a file.
        raise FileNotFoundError(photo.path)
    target = cache_dir() / photo.sha256[:2] / f"{photo.sha256}-{pixels}.jpg"
    if target.is_file():
        try:
            with PILImage.open(target) as done:
                return target, done.size
        except (OSError, ValueError, SyntaxError):
            target.unlink(missing_ok=True)  # a damaged cached copy is made again
    with PILImage.open(photo.path) as img:
        img.draft("RGB", (pixels, pixels))  # JPEG: decode at 1/2, 1/4 or 1/8 scale, much faster
        img = ImageOps.exif_transpose(img)  # phones store portrait photos sideways plus a tag
        img.thumbnail((pixels, pixels))
        if img.mode in ("RGBA", "LA", "P"):
            rgba = img.convert("RGBA")
            img = PILImage.new("RGB", rgba.size, "white")
            img.paste(rgba, mask=rgba.getchannel("A"))
        elif img.mode != "RGB":
            img = img.convert("RGB")
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
        try:
            img.save(tmp, "JPEG", quality=JPEG_QUALITY, optimize=True)
            replace_file(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
        return target, img.size


def _cells(photos: Sequence[ReportPhoto], *, with_activity: bool) -> tuple[list[PhotoCell],
                                                                            list[str]]:
    cells, warnings = [], []
    for p in photos:
        detail = f"{p.activity_title} — {jdate(p.activity_date)}" if with_activity else None
        try:
            image, size = cached_copy(p)
        except FileNotFoundError:
            log.warning("report photo missing: %s (%s)", p.file_name, p.path)
            warnings.append(f"فایل عکس «{p.file_name}» ({p.activity_title}) در پوشه پیوست‌ها "
                            "نیست؛ به جای آن کادر خالی چاپ شد. پیوست را از پشتیبان بازیابی کنید.")
            image, size = None, (0, 0)
        except (OSError, ValueError, SyntaxError, DecompressionBombError) as exc:  # bad files
            log.warning("report photo unreadable: %s: %s", p.file_name, exc)
            warnings.append(f"عکس «{p.file_name}» ({p.activity_title}) خراب است یا خوانده "
                            "نمی‌شود؛ به جای آن کادر خالی چاپ شد.")
            image, size = None, (0, 0)
        cells.append(PhotoCell(image, size, fa_digits(p.caption), detail, p.file_name))
    return cells, warnings


class PhotoGrid(Table):
    """Photos ``per_row`` to a row (the first on the right), each with its caption below."""

    def __init__(self, cells: list[PhotoCell], per_row: int) -> None:
        self.cells, self.per_row = cells, per_row
        width = FRAME_WIDTH / per_row
        box_w, box_h = width - 4 * mm, PHOTO_HEIGHT[per_row]
        small = per_row == 4
        rows = []
        for start in range(0, len(cells), per_row):
            chunk = cells[start:start + per_row]
            row: list[object] = [_cell(c, box_w, box_h, small) for c in chunk]
            row += [""] * (per_row - len(row))
            rows.append(row[::-1])  # reportlab lays columns out left to right
        super().__init__(rows, colWidths=[width] * per_row, hAlign="CENTER", style=TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ]))


def _cell(c: PhotoCell, box_w: float, box_h: float, small: bool) -> list[Flowable]:
    size = 7.5 if small else 9.0
    if c.image is not None:
        w, h = c.pixel_size
        scale = min(box_w / w, box_h / h)
        picture: Flowable = Image(str(c.image), width=w * scale, height=h * scale)
    else:
        picture = _Placeholder(box_w, box_h, c.file_name, size)
    out: list[Flowable] = [picture, RTLParagraph(c.caption, BOLD, size, alignment="center",
                                                 space_before=2)]
    if c.detail:
        out.append(RTLParagraph(c.detail, REGULAR, size - 1, alignment="center",
                                text_color="#555555"))
    return out


class _Placeholder(Flowable):
    """A framed empty box with the file's name where a photo could not be read."""

    def __init__(self, width: float, height: float, file_name: str, size: float) -> None:
        super().__init__()
        self.width, self.height = width, height
        self.label = RTLParagraph(f"عکس در دسترس نیست: {file_name}", REGULAR, size,
                                  alignment="center", text_color="#666666")

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(colors.HexColor("#9aa5b1"))
        canv.setDash(3, 2)
        canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        _, h = self.label.wrap(self.width - 8, self.height)
        self.label.drawOn(canv, 4, (self.height - h) / 2)
        canv.restoreState()


def photo_pages(db: Database, activity_ids: Sequence[str], *, with_activity: bool = True
                ) -> list[Flowable]:
    """A page per activity kind with the marked photos of these activities (nothing if none).

    ``with_activity`` adds the activity's title and date under each caption (the performance
    report lists many activities; the minutes are about one).
    """
    photos = report_photos(db, activity_ids)
    story: list[Flowable] = []
    for kind, title in KIND_TITLES.items():
        of_kind = [p for p in photos if p.activity_kind == kind]
        if not of_kind:
            continue
        cells, warnings = _cells(of_kind, with_activity=with_activity)
        story += [PageBreak(), heading(f"{title} ({fa_digits(len(cells))})", 2),
                  PhotoGrid(cells, 2 if len(cells) <= FEW else 4)]
        story += [note(w) for w in warnings]
    return story
