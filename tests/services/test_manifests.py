"""services.manifests: the format check a backup and an exchange package share."""

from __future__ import annotations

import pytest

from services.manifests import Refusal, format_version


class Refused(Exception):
    def __init__(self, why: Refusal) -> None:
        super().__init__(why)
        self.why = why


@pytest.mark.parametrize(("manifest", "why"), [
    ([], "foreign"),
    ({"format_version": 1}, "foreign"),
    ({"format": "other", "format_version": 1}, "foreign"),
    ({"format": "f"}, "tampered"),
    ({"format": "f", "format_version": "2"}, "tampered"),
    ({"format": "f", "format_version": 2.0}, "tampered"),
    ({"format": "f", "format_version": 4}, "too_new"),
    # Foreign before tampered before too new: the first that applies is the one said.
    ({"format": "other", "format_version": "x"}, "foreign"),
])
def test_a_manifest_is_refused_for_the_first_reason_that_applies(manifest, why):
    with pytest.raises(Refused) as caught:
        format_version(manifest, "f", 3, Refused)
    assert caught.value.why == why


@pytest.mark.parametrize("version", [1, 3])
def test_a_known_version_is_returned(version):
    assert format_version({"format": "f", "format_version": version}, "f", 3, Refused) == version
