"""ui.page.Page: a page class names its entry in ui.pages.registry, checked when it is defined."""

from __future__ import annotations

import pytest

from ui.page import Page
from ui.pages.registry import page_keys


def test_a_page_whose_key_the_registry_does_not_list_is_refused_when_defined():
    with pytest.raises(TypeError, match="no_such_page"):
        class Stray(Page):
            key = "no_such_page"

    with pytest.raises(TypeError, match="None"):
        class Keyless(Page):
            pass


def test_a_page_of_a_page_keeps_its_key():
    from ui.pages.trash import TrashPage

    class Narrower(TrashPage):  # as a test or a variant might
        pass

    assert Narrower.key == TrashPage.key == "trash" and "trash" in page_keys()
