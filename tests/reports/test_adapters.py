"""Each library internal the report engine reads gives what the library's public API gives.

A failure here after upgrading reportlab or arabic-reshaper names the adapter to update
(reports/adapters/), instead of a report going wrong.
"""

from __future__ import annotations

import random

from arabic_reshaper import ArabicReshaper
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

import reports.rtl as rtl
from reports.adapters.reportlab_private import canvas_doc, frame_room, subset_codes
from reports.adapters.reshaper_private import letter_forms, special_pattern
from reports.fonts import REGULAR, register_fonts
from reports.table_text import Encoder
from reports.template import build_pdf

register_fonts()

_WORD_LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیۀءآأؤئإةىيك"


def _public_reshaper() -> ArabicReshaper:
    return ArabicReshaper(configuration={
        "delete_harakat": False, "support_ligatures": True, "ARABIC LIGATURE ALLAH": False,
        "RIAL SIGN": False})


def test_reshaper_private_fast_joining_is_arabic_reshapers_reshape() -> None:
    assert letter_forms(rtl._RESHAPER), "no letter table: the fast joining is off"
    assert special_pattern(rtl._RESHAPER) is not None, "no harakat/ligature pattern"
    public = _public_reshaper()
    rng = random.Random(135)
    plain = 0
    for _ in range(3000):
        word = "".join(rng.choice(_WORD_LETTERS) for _ in range(rng.randint(1, 9)))
        if rtl._PLAIN_WORD is not None and not rtl._PLAIN_WORD.search(word):
            plain += 1
            assert rtl._join_letters(word) == public.reshape(word), word
    assert plain > 1000  # the fast path was the one compared


def test_reshaper_private_frozen_configuration_keeps_every_option() -> None:
    public = _public_reshaper().configuration
    frozen = rtl._RESHAPER.configuration
    for key in public:
        assert frozen.get(key) == public.get(key), key


def test_reportlab_private_subset_codes_give_split_strings_codes() -> None:
    font = pdfmetrics.getFont(REGULAR)
    fast, public = Canvas("a.pdf"), Canvas("b.pdf")
    encoder = Encoder(font, canvas_doc(fast))
    text = rtl.shape_line("گزارش عملکرد دوره‌ای خوشه مسقطی لاری ISO 9001")
    assert encoder.split(text) == font.splitString(text, canvas_doc(public))
    assert subset_codes(font, canvas_doc(fast)), "no subset codes: every string takes splitString"
    assert encoder.split(text) == font.splitString(text, canvas_doc(public))


def test_reportlab_private_frame_room_is_known_while_laid_out(tmp_path) -> None:  # noqa: ANN001
    seen = []

    class Probe(Flowable):
        def wrap(self, aw: float, ah: float) -> tuple[float, float]:
            seen.append(frame_room(self))
            return aw, 10

        def draw(self) -> None:
            pass

    build_pdf(tmp_path / "probe.pdf", [Probe()], title="آزمون")
    assert seen and seen[0] is not None
    assert seen[0].at_top and seen[0].height > 500
    assert frame_room(Probe()) is None
