"""Issue 11 item 6: one thousands formatter («٬», never a Latin comma) and money with its unit."""

from __future__ import annotations

import re
from pathlib import Path

from persian.digits import fa_money, fa_number

ROOT = Path(__file__).resolve().parents[2]


def test_thousands_use_the_persian_separator_and_money_says_rial():
    assert fa_number(1234567) == "۱٬۲۳۴٬۵۶۷"
    assert "," not in fa_number(1234567.5)
    assert fa_money(1200000) == "۱٬۲۰۰٬۰۰۰ ریال"
    assert fa_money(None) == "—"


def test_no_module_formats_thousands_by_itself():
    """f"{n:,}" and format(n, ",") give a Latin comma; every figure goes through fa_number."""
    pattern = re.compile(r"""\{[^{}\s]+:[^{}\s]*,[^{}\s]*\}|format\([^()]*,\s*["'][^"']*,""")
    offenders = []
    for package in ("ui", "reports", "cli", "services"):
        for path in (ROOT / package).rglob("*.py"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if pattern.search(line) and "fa_number" not in line:
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []
