"""Figure 3: folded search — median and p95 over 50 queries vs a naive LIKE scan of the same rows.

The queries mix common and rare words, names, several words, prefixes typed half-way, Arabic
letters (ي ك ة) and other spellings (no ZWNJ, Persian digits) that folding must absorb. Each query
runs several times and counts with its median; the figure is the median (and p95) over queries.

The baseline is what one would write without an index: ``LIKE '%query%'`` over activity title and
description, firm names and person names, through raw sqlite3, fetching every match (a ranked
answer needs them all). It finds less — no folding — and it is still what the index must beat.
"""

from __future__ import annotations

import sqlite3

from benchmarks.common import Figure, Settings, median, percentile, timed

MEDIAN_MS = 20.0
LIKE_FRACTION = 1 / 3

QUERIES: tuple[str, ...] = (
    # common words, one per topic/city/product family
    "بسته‌بندی", "شیراز", "بازاریابی", "کیفیت", "مدیریت", "استاندارد", "برندسازی", "بهره‌وری",
    "فروش", "صادرات", "تهران", "مرودشت", "درباره", "نوآوری", "زنجیره",
    # rare words and names
    "نی‌ریز", "اقلید", "آباده", "یاسر", "پریسا", "سفال", "زعفران", "گلاب", "قیمت‌گذاری",
    "الهام بهرامی",
    # several words
    "کنترل کیفیت", "مدیریت مالی شیراز", "ایمنی غذایی", "فروش اینترنتی لار",
    "صادرات به کشورهای همسایه", "علی رضایی", "کارگاه فرش دستباف", "منابع انسانی",
    # prefixes typed half-way
    "بسته", "مدیر", "بازار", "استان", "کازر",
    # Arabic letters and other spellings
    "مديريت مالي", "كنترل كيفيت", "ايمني غذايي", "زارعي", "كاظمي",
    "بستهبندی", "نی ریز", "قيمت گذاری", "رب گوجه فرنگی",
    # digits in any script, and a word nobody wrote
    "۱۲۳۴", "٤٥٦", "ناموجود",
)

assert len(QUERIES) == 50, len(QUERIES)

LIKE_SQL = (
    "SELECT 'activity', id FROM activity WHERE title LIKE :p OR description LIKE :p "
    "UNION ALL SELECT 'firm', id FROM firm WHERE name LIKE :p "
    "UNION ALL SELECT 'person', id FROM person WHERE full_name LIKE :p"
)


def measure(db_path: str, passes: int) -> dict[str, object]:
    from models.migrate import open_database
    from services.search import search

    db = open_database(db_path)
    raw = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        search(db, "گرم‌کردن")  # warm-up: first connection, statement caches
        per_query, per_like, hits = [], [], {}
        for q in QUERIES:
            found = search(db, q)
            hits[q] = len(found)
            per_query.append(median([timed(lambda q=q: search(db, q)) for _ in range(passes)]))
            pattern = f"%{q}%"
            per_like.append(median([
                timed(lambda p=pattern: raw.execute(LIKE_SQL, {"p": p}).fetchall())
                for _ in range(passes)]))
    finally:
        raw.close()
        db.dispose()
    return {"search_s": per_query, "like_s": per_like, "hits": hits}


def run(settings: Settings, databases: dict[int, str]) -> list[Figure]:
    passes = settings.reps(3, 7)
    figures = []
    for scale, db in databases.items():
        r = measure(db, passes)
        med = median(r["search_s"]) * 1000
        p95 = percentile(r["search_s"], 95) * 1000
        like_med = median(r["like_s"]) * 1000
        figures.append(Figure(
            key="search_median", label="search: median of 50 queries", scale=scale, value=med,
            unit="ms", baseline=like_med, baseline_label="LIKE '%q%' scan",
            target=f"≤ {MEDIAN_MS:g} ms and ≤ ⅓ LIKE",
            met=med <= MEDIAN_MS and med <= LIKE_FRACTION * like_med, runs=passes * len(QUERIES),
            details={"p95_ms": round(p95, 2),
                     "slowest": sorted(
                         ((round(t * 1000, 2), q) for t, q in zip(r["search_s"], QUERIES,
                                                                 strict=True)), reverse=True)[:5],
                     "hits_zero": [q for q, n in r["hits"].items() if n == 0]}))
        figures.append(Figure(
            key="search_p95", label="search: p95 of 50 queries", scale=scale, value=p95,
            unit="ms", baseline=percentile(r["like_s"], 95) * 1000,
            baseline_label="LIKE '%q%' scan p95", runs=passes * len(QUERIES)))
    return figures
