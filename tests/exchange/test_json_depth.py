"""The nesting guard run before json.loads, against the depth of what json.loads reads."""

from __future__ import annotations

import json
import random

from services.exchange.read import json_depth_ok

_TRICKY = ['', '"', '\\', '\\"', '"\\', '[', ']', '{', '}', '[[{"', '\\\\"]', 'a\\u0022b',
           'گلاب «کاشان»', '\u200c', '\\n', '/', ' ', '\x00', '\\\\\\"[']


def _depth(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


def _random_value(rng: random.Random, depth: int) -> object:
    roll = rng.random()
    if depth <= 0 or roll < 0.3:
        return rng.choice([*_TRICKY, 1, 2.5, None, True, *(rng.choice(_TRICKY) * 3,)])
    if roll < 0.65:
        return [_random_value(rng, depth - 1) for _ in range(rng.randint(0, 3))]
    return {rng.choice(_TRICKY) + str(i): _random_value(rng, depth - 1)
            for i in range(rng.randint(0, 3))}


def test_the_guard_counts_brackets_outside_strings_only() -> None:
    rng = random.Random(15)
    for _ in range(3000):
        value = _random_value(rng, rng.randint(0, 9))
        for ascii_only in (True, False):
            raw = json.dumps(value, ensure_ascii=ascii_only).encode()
            for limit in (0, 3, 6):
                assert json_depth_ok(raw, limit) == (_depth(value) <= limit), raw


def test_deep_and_unbalanced_texts_are_refused() -> None:
    assert not json_depth_ok(b"[" * 200_000 + b"]" * 200_000)
    assert not json_depth_ok(b'{"a": [1, 2')
    assert not json_depth_ok(b'["\\\\"]]')  # the escaped backslash does not escape the quote
    assert json_depth_ok(b'["\\"]]"]')  # the escaped quote does
