"""Realistic synthetic Persian data at a given scale, identical for the same seed.

    python -m benchmarks.generate --db /tmp/100k.db --activities 100000 [--seed 7]

Rows go in with bulk inserts (the per-record service path would take many minutes at 100k) and
the search index is rebuilt once at the end through the same code the app uses.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import insert

from models import search_index
from models.base import utcnow
from models.entities import Activity, Cluster, Firm, Participant, Person, Resolution
from models.migrate import open_database

FIRST = ["علی", "محمد", "حسین", "رضا", "مهدی", "زهرا", "فاطمه", "مریم", "سارا", "نرگس", "امیر",
         "حمید", "سعید", "لیلا", "مینا", "کاظم", "جواد", "پریسا", "الهام", "یاسر"]
LAST = ["رضایی", "محمدی", "حسینی", "احمدی", "کریمی", "جمشیدی", "صادقی", "موسوی", "نوروزی",
        "قاسمی", "رحیمی", "کاظمی", "شریفی", "طاهری", "بهرامی", "زارعی", "فرهادی", "سلیمانی"]
PRODUCTS = ["حلوای مسقطی", "گلاب", "سنگ تزئینی", "فرش دستباف", "خرما", "ترشی", "رب گوجه‌فرنگی",
            "گیاهان دارویی", "تجهیزات نفت", "سازه فولادی", "کلوچه", "زعفران", "چرم", "سفال"]
CITIES = ["شیراز", "لار", "مرودشت", "نی‌ریز", "فسا", "کازرون", "جهرم", "داراب", "آباده", "اقلید",
          "تهران", "مشهد", "اصفهان", "یزد", "تبریز"]
TOPICS = ["بسته‌بندی", "بازاریابی صادراتی", "مدیریت مالی", "کنترل کیفیت", "استاندارد ملی",
          "برندسازی", "فروش اینترنتی", "ایمنی غذایی", "بهره‌وری", "نوآوری در محصول",
          "مدیریت منابع انسانی", "قیمت‌گذاری", "زنجیره تأمین", "صادرات به کشورهای همسایه"]
KINDS = ["meeting", "training", "tour", "exhibition", "other"]
KIND_WEIGHTS = [35, 30, 10, 10, 15]
# executemany needs every row to carry the same columns.
ACTIVITY_KEYS = ("id", "kind", "cluster_id", "title", "status", "start_date", "end_date", "city",
                 "description", "cost_total", "hours", "domain", "instructor", "meeting_kind",
                 "agenda", "scope", "created_at", "updated_at")


def _id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def generate(db_path: str, activities: int, *, seed: int = 7, clusters: int | None = None,
             progress: bool = True) -> dict[str, int]:
    rng = random.Random(seed)
    database = open_database(db_path)
    n_clusters = clusters or max(5, activities // 2000)
    n_firms = max(20, activities // 20)
    n_people = max(40, activities // 10)
    now = utcnow()
    stamp = {"created_at": now, "updated_at": now}
    start = time.monotonic()
    with database.session_factory.begin() as session:
        conn = session.connection()
        cluster_ids = [_id(rng) for _ in range(n_clusters)]
        conn.execute(insert(Cluster), [
            {"id": cid, "name": f"خوشه {rng.choice(PRODUCTS)} {rng.choice(CITIES)} {i + 1}",
             "province": "فارس", "city": rng.choice(CITIES), "product": rng.choice(PRODUCTS),
             "standing": rng.choice(["planned", "in_progress", "near_developed", "developed"]),
             **stamp} for i, cid in enumerate(cluster_ids)])
        firm_ids = [_id(rng) for _ in range(n_firms)]
        conn.execute(insert(Firm), [
            {"id": fid, "name": f"کارگاه {rng.choice(PRODUCTS)} {rng.choice(LAST)} {i + 1}",
             "cluster_id": rng.choice(cluster_ids), "city": rng.choice(CITIES),
             "employees": rng.randint(2, 140), "is_sample": True, "coop_member": False, **stamp}
            for i, fid in enumerate(firm_ids)])
        person_ids = [_id(rng) for _ in range(n_people)]
        conn.execute(insert(Person), [
            {"id": pid, "full_name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
             "firm_id": rng.choice(firm_ids), "is_sample": True, **stamp} for pid in person_ids])
        base = date(2023, 3, 21)
        batch: list[dict] = []
        parts: list[dict] = []
        resolutions: list[dict] = []
        for i in range(activities):
            kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
            day = base + timedelta(days=rng.randint(0, 3 * 365))
            topic = rng.choice(TOPICS)
            aid = _id(rng)
            row = {"id": aid, "kind": kind, "cluster_id": rng.choice(cluster_ids),
                   "title": f"{topic} — {rng.choice(CITIES)} {i + 1}", "status": "done",
                   "start_date": day, "end_date": day + timedelta(days=rng.randint(0, 3)),
                   "city": rng.choice(CITIES), "description": f"درباره {topic} و {rng.choice(TOPICS)}",
                   "cost_total": rng.randint(0, 500) * 1_000_000, **stamp}
            if kind == "training":
                row |= {"hours": float(rng.randint(4, 40)), "domain": rng.choice(
                    ["technical", "managerial", "export", "marketing", "financial"]),
                    "instructor": f"{rng.choice(FIRST)} {rng.choice(LAST)}"}
            elif kind == "meeting":
                row |= {"meeting_kind": rng.choice(["steering", "stakeholders", "monitoring"]),
                        "agenda": f"بررسی {topic}"}
            elif kind == "exhibition":
                row |= {"scope": rng.choice(["domestic", "international"])}
            batch.append({key: row.get(key) for key in ACTIVITY_KEYS})
            for position in range(rng.randint(2, 6)):
                parts.append({"id": _id(rng), "activity_id": aid, "person_id": rng.choice(person_ids),
                              "role": "attendee" if kind == "meeting" else "participant",
                              "attended": True, "position": position, **stamp})
            if kind == "meeting" and rng.random() < 0.5:
                resolutions.append({"id": _id(rng), "meeting_id": aid, "number": 1,
                                    "text": f"پیگیری {topic}", "status": rng.choice(
                                        ["open", "done", "in_progress"]),
                                    "due_date": day + timedelta(days=30), **stamp})
            if len(batch) >= 5000:
                conn.execute(insert(Activity), batch)
                conn.execute(insert(Participant), parts)
                batch, parts = [], []
                if progress:
                    print(f"  {i + 1} activities…", file=sys.stderr, flush=True)
        if batch:
            conn.execute(insert(Activity), batch)
        if parts:
            conn.execute(insert(Participant), parts)
        for chunk in range(0, len(resolutions), 5000):
            conn.execute(insert(Resolution), resolutions[chunk : chunk + 5000])
        indexed = search_index.rebuild(session)
    database.dispose()
    if progress:
        print(f"generated in {time.monotonic() - start:.1f} s; {indexed} search rows",
              file=sys.stderr)
    return {"clusters": n_clusters, "firms": n_firms, "people": n_people,
            "activities": activities, "resolutions": len(resolutions)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--activities", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--clusters", type=int, default=None,
                        help="how many clusters (default: activities / 2000, at least 5)")
    args = parser.parse_args(argv)
    if Path(args.db).exists():
        parser.error(f"{args.db} exists; give a new path")
    print(generate(args.db, args.activities, seed=args.seed, clusters=args.clusters))
    return 0


if __name__ == "__main__":
    sys.exit(main())
