"""services.backup.crc: the CRC-32 of a concatenation from its pieces' CRCs, as zlib computes it."""

from __future__ import annotations

import os
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from services.backup.crc import crc32_combine


def test_crc32_combine_matches_zlib() -> None:
    for n1, n2 in [(0, 0), (1, 1), (5, 4096), (4096, 4096), (123, 77777), (0, 9), (9, 0)]:
        a, b = os.urandom(n1), os.urandom(n2)
        assert crc32_combine(zlib.crc32(a), zlib.crc32(b), n2) == zlib.crc32(a + b)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.binary(max_size=3000), min_size=1, max_size=8))
def test_folding_many_pieces_gives_the_crc_of_the_whole(pieces: list[bytes]) -> None:
    # The backup folds every 4 MiB piece's CRC in order, starting from 0 (the empty prefix).
    crc = 0
    for piece in pieces:
        crc = crc32_combine(crc, zlib.crc32(piece), len(piece))
    assert crc == zlib.crc32(b"".join(pieces))


def test_a_long_second_piece_uses_every_power_of_two() -> None:
    # len2 with many bits set walks the x^(2^k) table past its first entries.
    b = os.urandom(3 * 1024 * 1024 + 12345)
    a = b"khooshe"
    assert crc32_combine(zlib.crc32(a), zlib.crc32(b), len(b)) == zlib.crc32(a + b)
