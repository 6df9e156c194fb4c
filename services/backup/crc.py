"""CRC-32 of a concatenation from the pieces' CRCs (zlib's crc32_combine, which Python lacks)."""

from __future__ import annotations

# zlib's crc32_combine, which Python does not expose: the CRC-32 of A+B from crc(A), crc(B) and
# len(B), so the pieces' CRCs (which the zip format needs) can be computed in parallel too.
_CRC_POLY = 0xEDB88320


def _crc_multmodp(a: int, b: int) -> int:
    """a * b modulo the CRC-32 polynomial (bit-reflected, as in zlib)."""
    m = 1 << 31
    p = 0
    while True:
        if a & m:
            p ^= b
            if (a & (m - 1)) == 0:
                return p
        m >>= 1
        b = (b >> 1) ^ _CRC_POLY if b & 1 else b >> 1


_CRC_X2N = [1 << 30]  # x^(2^k) modulo the polynomial, k = 0..31
for _ in range(31):
    _CRC_X2N.append(_crc_multmodp(_CRC_X2N[-1], _CRC_X2N[-1]))


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    p = 1 << 31  # x^0
    n, k = len2, 3  # x^(8 * len2): one byte is 2^3 bits
    while n:
        if n & 1:
            p = _crc_multmodp(_CRC_X2N[k & 31], p)
        n >>= 1
        k += 1
    return _crc_multmodp(p, crc1) ^ crc2

