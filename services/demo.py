"""The demo database: the story of the Maskati Lari halva cluster of Lar and its province (Fars).

Everything is written through the services' session-level functions (`records.create_in`,
`activities.save_activity_in`), so the demo passes the same validation as a user's input, inside
the caller's single transaction (this module never begins or commits).

The story is told as facts in the project's own words. Public figures and institutions are named
as in the news; every firm, manager, staff member and instructor is invented and marked as sample
data (`is_sample`, with a note saying so). The data is fixed: every load writes the same records.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.entities import Cluster, Firm
from services.activities import save_activity_in
from services.records import create_in

DEMO_CLUSTER_NAME = "مسقطی لاری"
PROVINCE = "فارس"
EMPLOYER = "شرکت شهرک‌های صنعتی فارس"
AGENT = "محمد علی جمشیدی"
CEO = "عباس برنهاد"
DEPUTY = "کامران رحیمی"  # invented: the deputy for small industries
SUPERVISOR = "داریوش کمالی"  # invented: the programme's supervisor

SAMPLE_NOTE = "داده نمونه"
SAMPLE_FIRM_NOTE = "داده نمونه — نام و مشخصات ساختگی است"

MEETING_TIME = "10:00"
TRAINING_RATE = 12_000_000  # rials per course hour (instructor, hall, material)


def national_code_with_check(first_nine: str) -> str:
    """A 10-digit national code: `first_nine` plus the check digit Iran's rule (mod 11) asks for."""
    if len(first_nine) != 9 or not first_nine.isdigit():
        raise ValueError("nine digits expected")
    total = sum(int(first_nine[i]) * (10 - i) for i in range(9))
    remainder = total % 11
    check = remainder if remainder < 2 else 11 - remainder
    return first_nine + str(check)


def _split(cost: int, subsidy_percent: int = 70) -> dict[str, int]:
    subsidy = cost * subsidy_percent // 100
    return {"cost_total": cost, "subsidy_amount": subsidy, "firms_share": cost - subsidy}


# ---------------------------------------------------------------------------------------------
# Clusters of the province and their standing

_CLUSTERS: tuple[dict[str, Any], ...] = (
    {
        "name": DEMO_CLUSTER_NAME, "product": "حلوای مسقطی", "county": "لارستان", "city": "لار",
        "phase": "exit", "standing": "near_developed",
        "programme_start": "1402/01/15", "programme_end": "1404/12/29",
        "contract_no": "۱۴۰۲/ص‌ک/۰۱۷", "contract_date": "1402/01/10",
        "employer": EMPLOYER, "supervisor": f"مهندس {SUPERVISOR}", "agent_name": AGENT,
        "description": (
            "خوشه تولیدکنندگان حلوای مسقطی شهر لار. برنامه سه‌ساله توسعه خوشه‌ای از بهار ۱۴۰۲ "
            "با حمایت شرکت شهرک‌های صنعتی فارس اجرا شد: آموزش، تورها، اعزام به نمایشگاه‌های "
            "داخلی و خارجی، تعاونی مشترک، کد گمرکی، پیش‌نویس استاندارد ملی و مرکز نوآوری. "
            "خوشه در ۱۴۰۴ خوشه برتر کشور شناخته شد و در آستانه توسعه‌یافتگی است."
        ),
    },
    {"name": "گلاب و عرقیات گیاهی میمند", "product": "گلاب و عرقیات گیاهی",
     "county": "فیروزآباد", "city": "میمند", "phase": "exit", "standing": "developed"},
    {"name": "سنگ شمال استان فارس", "product": "سنگ‌های ساختمانی و تزئینی",
     "county": "آباده", "city": "آباده", "phase": "exit", "standing": "developed"},
    {"name": "ترشیجات، شوریجات و رب گوجه‌فرنگی", "product": "ترشی، شور و رب گوجه‌فرنگی",
     "county": "مرودشت", "city": "مرودشت", "phase": "exit", "standing": "developed"},
    {"name": "فرش دستباف", "product": "فرش و گلیم دستباف",
     "county": "شیراز", "city": "شیراز", "phase": "exit", "standing": "developed"},
    {"name": "خرما", "product": "خرما و فرآورده‌های آن",
     "county": "جهرم", "city": "جهرم", "phase": "exit", "standing": "developed"},
    {"name": "گیاهان دارویی", "product": "گیاهان دارویی و عرقیات",
     "county": "کازرون", "city": "کازرون", "phase": "exit", "standing": "developed"},
    {"name": "سنگ نیریز", "product": "سنگ‌های تزئینی (مرمریت و گرانیت)",
     "county": "نی‌ریز", "city": "نی‌ریز", "phase": "implementation", "standing": "in_progress",
     "programme_start": "1403/07/01", "programme_end": "1406/06/31", "employer": EMPLOYER,
     "description": "خوشه فرآوری سنگ‌های تزئینی نی‌ریز؛ برنامه توسعه خوشه‌ای در حال اجراست."},
    {"name": "سازندگان تجهیزات صنایع نفت، گاز و پتروشیمی",
     "product": "قطعات و تجهیزات صنایع نفت، گاز و پتروشیمی",
     "county": "شیراز", "city": "شیراز", "phase": "identification", "standing": "planned",
     "employer": EMPLOYER,
     "description": "خوشه تازه‌ای که راه‌اندازی آن در دستور کار شرکت شهرک‌های صنعتی فارس است."},
    {"name": "سازه‌های فولادی", "product": "سازه‌ها و اسکلت‌های فولادی",
     "county": "مرودشت", "city": "مرودشت", "phase": "identification", "standing": "planned",
     "employer": EMPLOYER,
     "description": "خوشه تازه‌ای که راه‌اندازی آن در دستور کار شرکت شهرک‌های صنعتی فارس است."},
)

# ---------------------------------------------------------------------------------------------
# Organisations: key -> fields

_ORGANISATIONS: dict[str, dict[str, Any]] = {
    "employer": {"name": EMPLOYER, "kind": "government", "city": "شیراز"},
    "small_ind": {"name": "معاونت صنایع کوچک شرکت شهرک‌های صنعتی فارس", "kind": "government",
                  "city": "شیراز"},
    "standard": {"name": "سازمان ملی استاندارد ایران", "kind": "government", "city": "تهران"},
    "university": {"name": "دانشگاه شیراز", "kind": "university", "city": "شیراز"},
    "bank": {"name": "بانک توسعه تعاون، شعبه لار", "kind": "bank", "city": "لار"},
    "chamber": {"name": "اتاق بازرگانی شیراز", "kind": "chamber", "city": "شیراز"},
    "association": {"name": "انجمن صنفی تولیدکنندگان حلوا و شیرینی سنتی لار",
                    "kind": "association", "city": "لار", "is_sample": True,
                    "notes": SAMPLE_NOTE},
    "coop": {"name": "شرکت تعاونی مسقطی‌سازان لار", "kind": "cooperative", "city": "لار",
             "notes": "تعاونی مشترک بنگاه‌های خوشه مسقطی لاری، تشکیل‌شده در ۱۴۰۲."},
}

# ---------------------------------------------------------------------------------------------
# Member firms of the Maskati Lari cluster (all invented): name, manager, employees, coop member,
# national id (or None), joined (Jalali), products

_FIRMS: tuple[tuple[str, str, int, bool, str | None, str, str], ...] = (
    ("شیرینی‌سرای نخل لار", "علی‌اصغر نیک‌پور", 32, True, "10861000011", "1402/02/10",
     "حلوای مسقطی زعفرانی، گلاب و هل"),
    ("حلوای مسقطی خورشید لار", "حسین کرمی", 18, True, "10861000022", "1402/02/10",
     "حلوای مسقطی در بسته‌بندی هدیه"),
    ("کارگاه مسقطی‌پزی گلشن", "فاطمه رستگار", 7, True, None, "1402/02/18",
     "حلوای مسقطی سنتی"),
    ("شیرینی‌سرای قیصریه لار", "محمود بهزادی", 25, True, "10861000044", "1402/02/18",
     "حلوای مسقطی، شیرینی‌های محلی لار"),
    ("صنایع غذایی نوبر جنوب", "زهرا امیری", 68, True, "10861000055", "1402/03/01",
     "حلوای مسقطی صادراتی، بسته‌بندی تک‌نفره"),
    ("مسقطی‌پزی خانواده بهاری", "عبدالله صالحی", 9, False, None, "1402/03/01",
     "حلوای مسقطی گلاب"),
    ("شیرینی‌سرای ستاره لارستان", "مریم فرهادی", 12, True, "10861000077", "1402/03/12",
     "حلوای مسقطی و کلمپه"),
    ("کارگاه حلوای مسقطی زعفران", "رضا نوروزی", 6, False, None, "1402/03/12",
     "حلوای مسقطی زعفرانی"),
    ("صنایع شیرینی پارس لار", "سکینه دهقان", 55, True, "10861000099", "1402/04/05",
     "حلوای مسقطی، حلوای کنجدی، شیرینی خشک"),
    ("مسقطی‌سرای باغ نشاط", "جواد کشاورز", 14, True, None, "1402/04/05",
     "حلوای مسقطی با طعم‌های تازه (پسته، نارگیل، کاکائو)"),
    ("شیرینی‌سرای کاروان لار", "احمد فتحی", 4, False, None, "1402/04/20",
     "حلوای مسقطی سنتی"),
    ("مسقطی‌پزی آبان", "لیلا حسینی‌نژاد", 22, False, "10861000112", "1402/05/02",
     "حلوای مسقطی و باسلوق"),
    ("شیرینی‌سرای شهر قدیم لار", "یوسف انصاری", 11, False, None, "1402/05/02",
     "حلوای مسقطی و شیرینی محلی"),
    ("تولیدی مسقطی سپیده لار", "نرگس آذرپور", 3, False, None, "1402/06/15",
     "حلوای مسقطی خانگی"),
)

# Staff of member firms (invented): name, title, firm index
_STAFF: tuple[tuple[str, str, int], ...] = (
    ("کاظم رنجبر", "مسئول فنی تولید", 0),
    ("سمیه یزدانی", "مسئول کنترل کیفیت", 4),
    ("امید خسروی", "کارشناس فروش", 8),
    ("پریسا جعفری", "کارشناس بازرگانی خارجی", 4),
)


def load_demo(session: Session) -> dict[str, int]:
    """Writes the demo story into `session` (the caller's transaction) and returns counts per kind."""
    return _Loader(session).run()


def demo_loaded(session: Session) -> bool:
    """True when the demo cluster is already in the database (loading twice would duplicate it)."""
    stmt = select(func.count()).select_from(Cluster).where(
        Cluster.name == DEMO_CLUSTER_NAME, Cluster.deleted_at.is_(None))
    return bool(session.scalar(stmt))


class _Loader:
    def __init__(self, session: Session) -> None:
        self.s = session
        self.counts: dict[str, int] = {}
        self.clusters: dict[str, str] = {}
        self.orgs: dict[str, str] = {}
        self.people: dict[str, str] = {}  # key -> person id
        self.firms: list[str] = []  # firm ids, in _FIRMS order
        self.firm_people: list[str] = []  # person ids of managers and staff

    # -- helpers ---------------------------------------------------------------------------

    def _bump(self, kind: str, n: int = 1) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + n

    def create(self, kind: str, data: Mapping[str, Any]) -> str:
        obj, _warnings = create_in(self.s, kind, data)
        self._bump(kind)
        return obj.id

    def activity(self, kind: str, cluster: str, data: Mapping[str, Any],
                 participants: Sequence[Mapping[str, Any]] = (),
                 resolutions: Sequence[Mapping[str, Any]] = ()) -> str:
        payload = {"kind": kind, "cluster_id": self.clusters[cluster], "status": "done", **data}
        detail = save_activity_in(self.s, payload, participants=list(participants),
                                  resolutions=list(resolutions) if kind == "meeting" else None)
        self._bump(kind)
        self._bump("activity")
        self._bump("participant", len(detail.participants))
        self._bump("resolution", len(detail.resolutions))
        return detail.activity.id

    def run(self) -> dict[str, int]:
        self._clusters()
        self._organisations()
        self._firms_and_people()
        self._trainings()
        self._tours()
        self._exhibitions()
        self._meetings()
        self._joint_actions()
        self._action_plan()
        self._indicators()
        self._neyriz()
        self.s.flush()
        return dict(self.counts)

    # -- records ---------------------------------------------------------------------------

    def _clusters(self) -> None:
        for data in _CLUSTERS:
            self.clusters[data["name"]] = self.create("cluster", {"province": PROVINCE, **data})

    def _organisations(self) -> None:
        for key, data in _ORGANISATIONS.items():
            self.orgs[key] = self.create("organisation", data)

    def _person(self, key: str, data: Mapping[str, Any]) -> str:
        self.people[key] = self.create("person", data)
        return self.people[key]

    def _firms_and_people(self) -> None:
        lar = DEMO_CLUSTER_NAME
        self._person("ceo", {"full_name": CEO, "title": f"مدیرعامل {EMPLOYER}",
                             "organisation_id": self.orgs["employer"]})
        self._person("deputy", {"full_name": DEPUTY, "title": "معاون صنایع کوچک",
                                "organisation_id": self.orgs["small_ind"], "is_sample": True,
                                "notes": SAMPLE_NOTE})
        self._person("agent", {"full_name": AGENT, "title": "عامل توسعه خوشه مسقطی لاری"})
        self._person("supervisor", {
            "full_name": SUPERVISOR, "title": "ناظر برنامه توسعه خوشه‌ای",
            "organisation_id": self.orgs["small_ind"], "is_sample": True, "notes": SAMPLE_NOTE})
        self._person("expert_small", {
            "full_name": "الهام شریفی", "title": "کارشناس خوشه‌ها، معاونت صنایع کوچک",
            "organisation_id": self.orgs["small_ind"], "is_sample": True, "notes": SAMPLE_NOTE})
        self._person("prof", {
            "full_name": "سعید مهرآیین", "title": "عضو هیئت علمی گروه علوم و صنایع غذایی",
            "organisation_id": self.orgs["university"], "is_sample": True, "notes": SAMPLE_NOTE,
            "national_code": national_code_with_check("228104573")})
        self._person("quality", {
            "full_name": "نسرین قاسمی", "title": "کارشناس ارشد استاندارد و کیفیت",
            "organisation_id": self.orgs["standard"], "is_sample": True, "notes": SAMPLE_NOTE,
            "national_code": national_code_with_check("229307416")})
        self._person("export", {
            "full_name": "بهرام ستوده", "title": "مشاور صادرات، اتاق بازرگانی شیراز",
            "organisation_id": self.orgs["chamber"], "is_sample": True, "notes": SAMPLE_NOTE})
        self._person("banker", {
            "full_name": "حمید رضوانی", "title": "رئیس شعبه بانک توسعه تعاون لار",
            "organisation_id": self.orgs["bank"], "is_sample": True, "notes": SAMPLE_NOTE})
        for i, (name, manager, employees, coop, nid, joined, products) in enumerate(_FIRMS):
            data: dict[str, Any] = {
                "name": name, "cluster_id": self.clusters[lar], "manager": manager, "city": "لار",
                "employees": employees, "products": products, "joined_on": joined,
                "coop_member": coop, "is_sample": True, "notes": SAMPLE_FIRM_NOTE,
            }
            if nid:
                data["national_id"] = nid
            firm_id = self.create("firm", data)
            self.firms.append(firm_id)
            title = "مدیرعامل شرکت تعاونی مسقطی‌سازان لار و مدیر بنگاه" if i == 0 else "مدیر بنگاه"
            person: dict[str, Any] = {"full_name": manager, "title": title, "firm_id": firm_id,
                                      "is_sample": True, "notes": SAMPLE_NOTE}
            if i == 0:
                person["organisation_id"] = self.orgs["coop"]
                person["national_code"] = national_code_with_check("248516039")
            self.firm_people.append(self._person(f"manager{i}", person))
        for j, (name, title, firm_index) in enumerate(_STAFF):
            self.firm_people.append(self._person(f"staff{j}", {
                "full_name": name, "title": title, "firm_id": self.firms[firm_index],
                "is_sample": True, "notes": SAMPLE_NOTE}))

    # -- trainings -------------------------------------------------------------------------

    def _trainees(self, index: int, count: int) -> list[dict[str, Any]]:
        pool = self.firm_people
        start = (index * 5) % len(pool)
        chosen = [pool[(start + k) % len(pool)] for k in range(count)]
        return [
            {"person_id": pid, "role": "participant", "attended": (index + k) % 6 != 0}
            for k, pid in enumerate(chosen)
        ]

    def _trainings(self) -> None:
        # title, domain, instructor, hours, start, end, participants, score, place
        courses = (
            ("اصول بهداشت و ایمنی مواد غذایی در تولید حلوا", "technical", "دکتر سعید مهرآیین",
             16, "1402/04/10", "1402/04/12", 14, 4.5),
            ("مدیریت کسب‌وکارهای کوچک و خانوادگی", "managerial", "دکتر مینا افشار",
             24, "1402/06/05", "1402/06/08", 12, 4.2),
            ("آشنایی با فرایند صادرات و مقررات گمرکی", "export", "بهرام ستوده",
             20, "1402/08/14", "1402/08/16", 11, 4.4),
            ("بازاریابی و فروش محصولات سنتی", "marketing", "مهندس آرش توکلی",
             16, "1402/10/03", "1402/10/04", 13, 4.1),
            ("فناوری تولید و افزایش ماندگاری حلوای مسقطی", "technical", "دکتر سعید مهرآیین",
             32, "1403/01/25", "1403/01/30", 10, 4.7),
            ("سیستم مدیریت کیفیت و ایمنی غذا (HACCP)", "quality", "نسرین قاسمی",
             24, "1403/03/05", "1403/03/07", 9, 4.3),
            ("حسابداری و مدیریت مالی بنگاه‌های کوچک", "financial", "مهندس رضا صدری",
             20, "1403/05/12", "1403/05/14", 8, 3.9),
            ("بازاریابی دیجیتال و فروش برخط", "marketing", "مهندس آرش توکلی",
             12, "1403/07/20", "1403/07/21", 15, 4.6),
            ("شناخت بازارهای هدف صادراتی در کشورهای حاشیه خلیج فارس", "export", "بهرام ستوده",
             16, "1403/09/18", "1403/09/19", 9, 4.4),
            ("طراحی بسته‌بندی و برچسب‌گذاری صادراتی", "technical", "مهندس شیرین کاظمی",
             20, "1403/11/08", "1403/11/10", 7, 4.5),
            ("رهبری و کار گروهی در تعاونی‌ها", "managerial", "دکتر مینا افشار",
             8, "1404/02/15", "1404/02/15", 6, 4.0),
            ("مذاکره تجاری و قراردادهای بین‌المللی", "export", "بهرام ستوده",
             16, "1404/06/10", "1404/06/11", 10, 4.2),
        )
        for i, (title, domain, instructor, hours, start, end, n, score) in enumerate(courses):
            self.activity("training", DEMO_CLUSTER_NAME, {
                "title": title, "domain": domain, "instructor": instructor, "hours": hours,
                "start_date": start, "end_date": end, "start_time": "08:30",
                "place": "لار، سالن آموزش شهرک صنعتی لار", "city": "لار", "country": "ایران",
                "evaluation": "ارزیابی پایان دوره با پرسش‌نامه شرکت‌کنندگان (امتیاز از ۵).",
                "evaluation_score": score, **_split(hours * TRAINING_RATE),
            }, participants=self._trainees(i, n))

    # -- tours -----------------------------------------------------------------------------

    def _tours(self) -> None:
        tours = (
            ("بازدید از واحدهای تولیدی شهرک صنعتی بزرگ شیراز", "industrial",
             "شهرک صنعتی بزرگ شیراز", "شیراز", "1402/09/20", "1402/09/20", 11, 180_000_000),
            ("بازدید از کارخانه‌های حلوا و شیرینی یزد", "industrial",
             "کارخانه‌های حلوا ارده و شیرینی سنتی یزد", "یزد", "1403/02/08", "1403/02/10", 12,
             420_000_000),
            ("بازدید از کارخانه‌های سوهان قم", "industrial",
             "واحدهای تولید سوهان و شیرینی قم", "قم", "1403/10/14", "1403/10/16", 9,
             390_000_000),
            ("بازدید آموزشی از مرکز نوآوری و شتاب‌دهنده صنایع غذایی", "educational",
             "مرکز نوآوری صنایع غذایی، پارک فناوری پردیس", "تهران", "1404/03/20", "1404/03/22",
             8, 510_000_000),
        )
        for i, (title, kind, destination, city, start, end, n, cost) in enumerate(tours):
            self.activity("tour", DEMO_CLUSTER_NAME, {
                "title": title, "tour_kind": kind, "destination": destination, "city": city,
                "country": "ایران", "start_date": start, "end_date": end,
                "description": "تور گروهی مدیران و کارشناسان بنگاه‌های عضو خوشه.",
                **_split(cost, 60),
            }, participants=self._trainees(i + 3, n))

    # -- exhibitions -----------------------------------------------------------------------

    def _exhibitions(self) -> None:
        f = self.firms
        shows = (
            {"title": "نمایشگاه بین‌المللی غذا و نوشیدنی گلفود دبی", "city": "دبی",
             "country": "امارات متحده عربی", "scope": "international",
             "start_date": "1402/11/30", "end_date": "1402/12/04",
             "place": "مرکز تجارت جهانی دبی", "booth": "غرفه مشترک خوشه در پاویون ایران",
             "outcomes": "آشنایی با خریداران عمده منطقه و نخستین سفارش صادراتی تعاونی خوشه.",
             "contracts_count": 2, "orders_amount": 9_500_000_000, "leads_count": 34,
             "support_amount": 1_400_000_000, **_split(2_000_000_000),
             "_firms": (f[0], f[1], f[4], f[8])},
            {"title": "نمایشگاه بین‌المللی صنایع غذایی تهران", "city": "تهران",
             "country": "ایران", "scope": "international",
             "start_date": "1403/03/27", "end_date": "1403/03/30",
             "place": "محل دائمی نمایشگاه‌های بین‌المللی تهران",
             "booth": "غرفه مشترک خوشه مسقطی لاری، سالن ۳۸",
             "outcomes": "قرارداد با دو پخش‌کننده سراسری و معرفی بسته‌بندی‌های تازه.",
             "contracts_count": 3, "orders_amount": 14_200_000_000, "leads_count": 51,
             "support_amount": 630_000_000, **_split(900_000_000),
             "_firms": (f[0], f[3], f[6], f[9], f[11])},
            {"title": "نمایشگاه بین‌المللی غذای استانبول", "city": "استانبول",
             "country": "ترکیه", "scope": "international",
             "start_date": "1403/06/14", "end_date": "1403/06/17",
             "place": "مرکز نمایشگاهی استانبول", "booth": "غرفه مشترک تعاونی مسقطی‌سازان لار",
             "outcomes": "مذاکره با واردکنندگان ترکیه و عراق؛ ارسال نمونه برای دو خریدار.",
             "contracts_count": 1, "orders_amount": 6_800_000_000, "leads_count": 27,
             "support_amount": 1_260_000_000, **_split(1_800_000_000),
             "_firms": (f[1], f[4], f[8])},
            {"title": "نمایشگاه صنایع غذایی و شیرینی مشهد", "city": "مشهد",
             "country": "ایران", "scope": "domestic",
             "start_date": "1404/05/05", "end_date": "1404/05/08",
             "place": "نمایشگاه بین‌المللی مشهد", "booth": "غرفه خوشه مسقطی لاری، سالن ۴",
             "outcomes": "ورود به بازار سوغات زائران و قرارداد با فروشگاه‌های زنجیره‌ای.",
             "contracts_count": 4, "orders_amount": 11_300_000_000, "leads_count": 46,
             "support_amount": 490_000_000, **_split(700_000_000),
             "_firms": (f[2], f[5], f[7], f[9], f[10], f[12])},
        )
        for show in shows:
            data = {k: v for k, v in show.items() if not k.startswith("_")}
            self.activity("exhibition", DEMO_CLUSTER_NAME, data, participants=[
                {"firm_id": firm_id, "role": "exhibitor"} for firm_id in show["_firms"]])

    # -- meetings --------------------------------------------------------------------------

    def _attendance(self, present: Sequence[str], absent: Sequence[str] = ()) -> list[dict[str, Any]]:
        return ([{"person_id": self.people[k], "role": "attendee"} for k in present]
                + [{"person_id": self.people[k], "role": "absent"} for k in absent])

    def _meetings(self) -> None:  # noqa: PLR0915 - one story, told in order
        p = self.people
        steering = ("agent", "manager0", "manager1", "manager3", "manager4", "manager8", "prof")
        lar_hall = "لار، سالن جلسات شهرک صنعتی لار"
        shiraz_office = "شیراز، ساختمان شرکت شهرک‌های صنعتی فارس"
        meetings: list[tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]] = [
            ({"title": "نشست آغاز برنامه با فعالان و ذی‌نفعان خوشه", "meeting_kind": "stakeholders",
              "start_date": "1402/01/28", "place": lar_hall, "city": "لار",
              "agenda": "معرفی برنامه توسعه خوشه‌ای و عامل توسعه؛ گردآوری انتظارات بنگاه‌ها",
              "summary": "عامل توسعه مراحل برنامه سه‌ساله را شرح داد و بنگاه‌ها مشکلات تأمین "
                         "مواد اولیه، بسته‌بندی و فروش را مطرح کردند."},
             self._attendance(("agent", "expert_small", "manager0", "manager1", "manager2",
                               "manager3", "manager4", "manager5", "manager8", "banker"),
                              ("manager10",)),
             [{"text": "معرفی یک نماینده از هر بنگاه برای عضویت در کمیته راهبری خوشه",
               "owner_text": "بنگاه‌های عضو", "due_date": "1402/02/20", "status": "done",
               "done_date": "1402/02/18"}]),
            ({"title": "جلسه کمیته راهبری خوشه (۱)", "meeting_kind": "steering", "number": 1,
              "start_date": "1402/02/25", "place": lar_hall, "city": "لار",
              "agenda": "تشکیل کمیته راهبری؛ برنامه مطالعه شناختی خوشه",
              "summary": "اعضای کمیته تعیین شدند و زمان‌بندی مطالعه شناختی تصویب شد."},
             self._attendance(steering),
             [{"text": "تکمیل پرسش‌نامه مطالعه شناختی از سوی همه بنگاه‌های عضو",
               "owner_person_id": p["agent"], "due_date": "1402/04/15", "status": "done",
               "done_date": "1402/04/10"},
              {"text": "تشکیل کارگروه بررسی تأسیس شرکت تعاونی خوشه",
               "owner_person_id": p["manager0"], "due_date": "1402/05/31", "status": "done",
               "done_date": "1402/05/20"}]),
            ({"title": "ارائه گزارش مطالعه شناختی به کارگزار", "meeting_kind": "employer",
              "start_date": "1402/05/10", "place": shiraz_office, "city": "شیراز",
              "agenda": "گزارش مطالعه شناختی؛ نقاط قوت و ضعف خوشه؛ پیشنهاد محورهای برنامه اقدام",
              "summary": "یافته‌های مطالعه شناختی ارائه شد؛ کارگزار بر بازارهای صادراتی و "
                         "کیفیت محصول به‌عنوان محورهای اصلی تأکید کرد."},
             self._attendance(("agent", "deputy", "supervisor", "expert_small")),
             [{"text": "ارسال نسخه نهایی گزارش مطالعه شناختی به معاونت صنایع کوچک",
               "owner_person_id": p["agent"], "due_date": "1402/05/31", "status": "done",
               "done_date": "1402/05/25"}]),
            ({"title": "جلسه کمیته راهبری خوشه (۲)", "meeting_kind": "steering", "number": 2,
              "start_date": "1402/07/18", "place": lar_hall, "city": "لار",
              "agenda": "تصویب برنامه اقدام مشترک خوشه؛ ثبت شرکت تعاونی",
              "summary": "برنامه اقدام مشترک با محورهای آموزش، بازار، کیفیت و همکاری تصویب شد."},
             self._attendance(("agent", "manager0", "manager1", "manager4", "manager8", "prof"),
                              ("manager3",)),
             [{"text": "ثبت شرکت تعاونی مسقطی‌سازان لار با عضویت بنگاه‌های داوطلب",
               "owner_person_id": p["manager0"], "due_date": "1402/08/30", "status": "done",
               "done_date": "1402/08/20"},
              {"text": "تهیه تقویم آموزشی سال اول برنامه", "owner_person_id": p["agent"],
               "due_date": "1402/08/15", "status": "done", "done_date": "1402/08/01"}]),
            ({"title": "جلسه کمیته راهبری خوشه (۳)", "meeting_kind": "steering", "number": 3,
              "start_date": "1402/11/05", "place": lar_hall, "city": "لار",
              "agenda": "آمادگی برای حضور در نمایشگاه گلفود دبی؛ گزارش دوره‌های آموزشی",
              "summary": "چهار بنگاه برای اعزام به دبی برگزیده شدند و غرفه مشترک تصویب شد."},
             self._attendance(steering),
             [{"text": "انتخاب بنگاه‌های اعزامی به نمایشگاه گلفود دبی",
               "owner_person_id": p["agent"], "due_date": "1402/11/15", "status": "done",
               "done_date": "1402/11/12"},
              {"text": "طراحی و ساخت غرفه مشترک خوشه", "owner_text": "شرکت تعاونی مسقطی‌سازان لار",
               "due_date": "1402/11/25", "status": "done", "done_date": "1402/11/24"}]),
            ({"title": "جلسه پایش شش‌ماهه با ناظر برنامه", "meeting_kind": "monitoring",
              "start_date": "1403/02/20", "place": lar_hall, "city": "لار",
              "agenda": "پایش پیشرفت برنامه اقدام مشترک در سال اول",
              "summary": "ناظر پیشرفت آموزش و نمایشگاه‌ها را مطلوب دانست و پیگیری کد گمرکی را "
                         "خواست."},
             self._attendance(("agent", "supervisor", "manager0", "manager4")),
             [{"text": "تکمیل پرونده اخذ کد گمرکی اختصاصی حلوای مسقطی",
               "owner_person_id": p["manager0"], "due_date": "1403/07/30", "status": "done",
               "done_date": "1403/07/25"},
              {"text": "راه‌اندازی سامانه مشترک ثبت فروش بنگاه‌ها",
               "owner_person_id": p["agent"], "due_date": "1403/06/31", "status": "cancelled",
               "followup_notes": "به‌دلیل نبود بودجه و استقبال کم بنگاه‌ها لغو شد."}]),
            ({"title": "جلسه کمیته راهبری خوشه (۴)", "meeting_kind": "steering", "number": 4,
              "start_date": "1403/05/15", "place": lar_hall, "city": "لار",
              "agenda": "تدوین استاندارد ملی حلوای مسقطی؛ حضور در نمایشگاه استانبول",
              "summary": "مقرر شد کارگروه استاندارد با همکاری دانشگاه شیراز تشکیل شود."},
             self._attendance(("agent", "manager0", "manager1", "manager3", "manager4", "prof"),
                              ("manager8",)),
             [{"text": "تشکیل کارگروه تدوین استاندارد با همکاری دانشگاه شیراز",
               "owner_person_id": p["prof"], "due_date": "1403/06/31", "status": "done",
               "done_date": "1403/06/20"},
              {"text": "برنامه‌ریزی اعزام سه بنگاه به نمایشگاه غذای استانبول",
               "owner_person_id": p["agent"], "due_date": "1403/06/05", "status": "done",
               "done_date": "1403/06/01"}]),
            ({"title": "نشست ذی‌نفعان درباره استاندارد و تأمین مالی", "meeting_kind": "stakeholders",
              "start_date": "1403/09/12", "place": "شیراز، اتاق بازرگانی شیراز", "city": "شیراز",
              "agenda": "پیش‌نویس استاندارد ملی مسقطی لاری؛ خط اعتباری برای خرید مشترک",
              "summary": "کارشناس استاندارد نکات پیش‌نویس را گفت و بانک شرایط تسهیلات "
                         "سرمایه در گردش تعاونی را شرح داد."},
             self._attendance(("agent", "quality", "prof", "banker", "export", "manager0"),
                              ("deputy",)),
             [{"text": "ارسال پیش‌نویس استاندارد ملی مسقطی لاری به سازمان ملی استاندارد",
               "owner_person_id": p["prof"], "due_date": "1404/08/30", "status": "done",
               "done_date": "1404/08/15"},
              {"text": "معرفی خط اعتباری بانک برای خرید مشترک مواد اولیه تعاونی",
               "owner_person_id": p["banker"], "due_date": "1404/06/31", "status": "in_progress",
               "followup_notes": "پرونده تسهیلات در کمیته اعتباری بانک است."}]),
            ({"title": "جلسه کمیته راهبری خوشه (۵)", "meeting_kind": "steering", "number": 5,
              "start_date": "1403/12/10", "place": lar_hall, "city": "لار",
              "agenda": "مرور سال دوم برنامه؛ نامزدی خوشه برتر کشور؛ خرید مشترک",
              "summary": "گزارش سال دوم مرور شد و تصمیم به شرکت در ارزیابی خوشه برتر گرفته شد."},
             self._attendance(steering),
             [{"text": "تهیه پرونده خوشه برای ارزیابی خوشه برتر کشور",
               "owner_person_id": p["agent"], "due_date": "1404/02/31", "status": "done",
               "done_date": "1404/02/25"},
              {"text": "خرید مشترک شکر و روغن برای بنگاه‌های عضو تعاونی",
               "owner_text": "شرکت تعاونی مسقطی‌سازان لار", "due_date": "1404/09/30",
               "status": "open"}]),
            ({"title": "جلسه پایش میانی با معاونت صنایع کوچک", "meeting_kind": "monitoring",
              "start_date": "1404/03/05", "place": shiraz_office, "city": "شیراز",
              "agenda": "ارزیابی میانی شاخص‌های برنامه؛ به‌روزرسانی آمار فروش و صادرات",
              "summary": "شاخص‌های آموزش و نمایشگاه از هدف گذشته‌اند؛ آمار صادرات باید "
                         "به‌روز شود."},
             self._attendance(("agent", "supervisor", "expert_small")),
             [{"text": "به‌روزرسانی آمار فروش، صادرات و اشتغال بنگاه‌ها",
               "owner_person_id": p["agent"], "due_date": "1404/04/15", "status": "done",
               "done_date": "1404/04/12"}]),
            ({"title": "جلسه کمیته راهبری خوشه (۶)", "meeting_kind": "steering", "number": 6,
              "start_date": "1404/05/20", "place": lar_hall, "city": "لار",
              "agenda": "گزارش کسب عنوان خوشه برتر کشور؛ مرکز نوآوری خوشه؛ برند مشترک",
              "summary": "اعضا کسب عنوان خوشه برتر را گزارش کردند و مقدمات مرکز نوآوری بررسی شد."},
             self._attendance(("agent", "manager0", "manager3", "manager4", "manager8", "prof"),
                              ("manager1",)),
             [{"text": "تأمین فضای مرکز نوآوری خوشه در شهرک صنعتی لار",
               "owner_person_id": p["deputy"], "due_date": "1405/02/31", "status": "in_progress",
               "followup_notes": "مکاتبه با شهرک صنعتی لار انجام شده است."},
              {"text": "ثبت نشان جمعی «مسقطی لاری» به نام تعاونی",
               "owner_person_id": p["manager0"], "due_date": "1405/06/31", "status": "open"}]),
            ({"title": "نشست مدیرعامل شرکت شهرک‌های صنعتی فارس با عامل توسعه خوشه مسقطی لاری",
              "meeting_kind": "employer", "start_date": "1404/10/06", "place": shiraz_office,
              "city": "شیراز",
              "agenda": "۱. بررسی روند اجرای برنامه توسعه خوشه‌ای\n"
                        "۲. مرور دستاوردهای خوشه مسقطی لاری\n"
                        "۳. قدردانی از کسب عنوان خوشه برتر کشور",
              "summary": "عامل توسعه گزارش سه سال اجرای برنامه را ارائه کرد: دوره‌های آموزشی، "
                         "تورها، اعزام به چهار نمایشگاه، تعاونی، کد گمرکی، پیش‌نویس استاندارد "
                         "ملی و مقدمات مرکز نوآوری. مدیرعامل، توسعه خوشه‌ای را از مأموریت‌های "
                         "اصلی شرکت دانست، کسب عنوان خوشه برتر را به فعالان خوشه تبریک گفت و "
                         "از عامل توسعه قدردانی کرد."},
             self._attendance(("ceo", "deputy", "agent", "expert_small")),
             [{"text": "تدوین طرح تفصیلی و برنامه عملیاتی مرکز نوآوری خوشه مسقطی لاری",
               "owner_person_id": p["agent"], "due_date": "1405/03/31", "status": "in_progress",
               "followup_notes": "پیش‌نویس طرح آماده و برای نظرخواهی فرستاده شد."},
              {"text": "پیگیری تصویب استاندارد ملی مسقطی لاری در سازمان ملی استاندارد",
               "owner_person_id": p["deputy"], "due_date": "1405/10/15", "status": "open"},
              {"text": "تهیه گزارش نهایی برنامه و مستندسازی تجربه خوشه",
               "owner_person_id": p["agent"], "due_date": "1405/01/31", "status": "done",
               "done_date": "1405/01/25"}]),
            ({"title": "جلسه کمیته راهبری خوشه (۷)", "meeting_kind": "steering", "number": 7,
              "start_date": "1404/12/15", "place": lar_hall, "city": "لار",
              "agenda": "برنامه خروج عامل توسعه؛ واگذاری دبیرخانه خوشه به تعاونی",
              "summary": "برنامه خروج عامل مرور شد و تعاونی مسئولیت پیگیری اقدامات پس از "
                         "برنامه را پذیرفت."},
             self._attendance(steering, ("banker",)),
             [{"text": "واگذاری دبیرخانه و بایگانی خوشه به شرکت تعاونی مسقطی‌سازان لار",
               "owner_person_id": p["manager0"], "due_date": "1405/11/30", "status": "open"},
              {"text": "برگزاری دوره آموزشی بازارهای صادراتی عراق و عمان",
               "owner_text": "شرکت تعاونی مسقطی‌سازان لار", "due_date": "1405/10/15",
               "status": "open"}]),
        ]
        for data, attendance, resolutions in meetings:
            self.activity("meeting", DEMO_CLUSTER_NAME, {"start_time": MEETING_TIME, **data},
                          participants=attendance, resolutions=resolutions)

    # -- joint actions, action plan, indicators --------------------------------------------

    def _joint_actions(self) -> None:
        coop_firms = [fid for fid, row in zip(self.firms, _FIRMS, strict=True) if row[3]]
        f = self.firms
        actions = (
            ("cooperative", "تشکیل شرکت تعاونی مسقطی‌سازان لار", "done", "1402/08/20",
             "تعاونی مشترک بنگاه‌های خوشه برای خرید، فروش و صادرات مشترک ثبت شد.",
             "آگهی ثبت در روزنامه رسمی؛ اساسنامه و صورتجلسه مجمع مؤسسان", coop_firms, 0),
            ("customs_code", "اخذ کد گمرکی اختصاصی حلوای مسقطی لاری", "done", "1403/07/25",
             "کد تعرفه گمرکی ویژه حلوای مسقطی گرفته شد تا صادرات آن جداگانه ثبت شود.",
             "نامه گمرک جمهوری اسلامی ایران درباره کد اختصاصی", coop_firms, 0),
            ("standard", "تدوین پیش‌نویس استاندارد ملی مسقطی لاری", "in_progress", "1404/08/15",
             "پیش‌نویس با همکاری دانشگاه شیراز تهیه و به سازمان ملی استاندارد فرستاده شد؛ "
             "تصویب آن در جریان است.",
             "متن پیش‌نویس و نامه ارسال به سازمان ملی استاندارد ایران",
             [f[0], f[4], f[8]], 350_000_000),
            ("packaging", "تنوع‌بخشی به طعم و بسته‌بندی", "done", "1403/04/30",
             "طعم‌های تازه و بسته‌بندی تک‌نفره و هدیه برای بازار سوغات و صادرات طراحی شد.",
             "نمونه بسته‌بندی‌ها و فاکتور چاپ", [f[0], f[1], f[4], f[9]], 600_000_000),
            ("brand", "برندسازی مشترک مسقطی لاری", "done", "1404/03/15",
             "نشان و هویت بصری مشترک خوشه طراحی شد و بنگاه‌ها آن را روی بسته‌بندی به کار بردند.",
             "کتابچه هویت بصری برند مشترک", coop_firms, 450_000_000),
            ("innovation_center", "تأسیس مرکز نوآوری خوشه مسقطی لاری", "in_progress",
             "1404/09/20",
             "مرکزی برای تحقیق و توسعه فرمولاسیون، فرایند تولید و بسته‌بندی نوآورانه با "
             "همکاری دانشگاه؛ تفاهم‌نامه تأسیس امضا شده و طرح تفصیلی در دست تهیه است.",
             "تفاهم‌نامه همکاری شرکت شهرک‌های صنعتی فارس، دانشگاه شیراز و تعاونی",
             [f[0], f[4], f[8]], 0),
            ("award", "انتخاب به‌عنوان خوشه برتر کشور در روز ملی صنعت و معدن", "done",
             "1404/04/10",
             "خوشه مسقطی لاری در آیین روز ملی صنعت و معدن خوشه برگزیده کشور شناخته شد.",
             "لوح تقدیر خوشه برتر کشور", [], 0),
        )
        for category, title, status, achieved, description, evidence, firms, cost in actions:
            data: dict[str, Any] = {
                "cluster_id": self.clusters[DEMO_CLUSTER_NAME], "category": category,
                "title": title, "status": status, "achieved_on": achieved,
                "description": description, "evidence": evidence,
            }
            if cost:
                data.update(_split(cost, 50))
            obj, _warnings = create_in(self.s, "joint_action", data)
            self._bump("joint_action")
            # The generic service has no field for the firms; link the firms just created.
            obj.firms = [self.s.get(Firm, fid) for fid in firms]
        self.s.flush()

    def _action_plan(self) -> None:
        cid = self.clusters[DEMO_CLUSTER_NAME]
        period = {"period_start": "1402/01/01", "period_end": "1404/12/29"}
        items = (
            {"action": "برگزاری دوره‌های آموزشی تخصصی", "indicator": "تعداد دوره‌های آموزشی",
             "metric": "trainings_held", "baseline": 0, "target": 10, "owner": "عامل توسعه",
             "budget": 3_000_000_000},
            {"action": "توانمندسازی نیروی انسانی بنگاه‌ها", "indicator": "نفر-ساعت آموزش",
             "metric": "training_person_hours", "baseline": 0, "target": 1500,
             "owner": "عامل توسعه"},
            {"action": "حضور در نمایشگاه‌های تخصصی", "indicator": "تعداد نمایشگاه‌ها",
             "metric": "exhibitions_attended", "baseline": 0, "target": 4,
             "owner": "عامل توسعه و تعاونی", "budget": 5_400_000_000},
            {"action": "حضور در نمایشگاه‌های بین‌المللی", "indicator": "نمایشگاه‌های بین‌المللی",
             "metric": "international_exhibitions", "baseline": 0, "target": 2,
             "owner": "تعاونی مسقطی‌سازان لار"},
            {"action": "اجرای اقدامات مشترک", "indicator": "اقدامات مشترک انجام‌شده",
             "metric": "joint_actions_done", "baseline": 0, "target": 5, "owner": "کمیته راهبری"},
            {"action": "برگزاری جلسات کمیته راهبری و پایش", "indicator": "تعداد جلسات",
             "metric": "meetings_held", "baseline": 0, "target": 12, "owner": "عامل توسعه"},
            {"action": "افزایش صادرات حلوای مسقطی", "indicator": "صادرات سالانه خوشه (دلار)",
             "baseline": 120_000, "target": 400_000, "manual_actual": 450_000,
             "owner": "تعاونی مسقطی‌سازان لار",
             "notes": "از آمار گمرک و اظهارنامه‌های صادراتی بنگاه‌ها."},
            {"action": "افزایش اشتغال در بنگاه‌های خوشه", "indicator": "اشتغال خوشه (نفر)",
             "baseline": 245, "target": 290, "manual_actual": 298, "owner": "بنگاه‌های عضو"},
        )
        for item in items:
            self.create("action_plan_item", {"cluster_id": cid, **period, **item})

    def _indicators(self) -> None:
        cid = self.clusters[DEMO_CLUSTER_NAME]
        series = {
            "sales": (620e9, 880e9, 1_250e9, 1_760e9),
            "exports": (120_000, 180_000, 310_000, 450_000),
            "employment": (245, 262, 281, 298),
        }
        for indicator, values in series.items():
            for year, value in zip(range(1401, 1405), values, strict=True):
                self.create("indicator_value", {
                    "cluster_id": cid, "indicator": indicator, "period_kind": "year",
                    "jalali_year": year, "value": value,
                    "note": "سال پایه (مطالعه شناختی)" if year == 1401 else None,
                })

    # -- the province's cluster in progress ------------------------------------------------

    def _neyriz(self) -> None:
        name = "سنگ نیریز"
        self.activity("meeting", name, {
            "title": "نشست آغاز برنامه با فعالان خوشه سنگ نیریز", "meeting_kind": "stakeholders",
            "start_date": "1403/08/15", "start_time": MEETING_TIME,
            "place": "نی‌ریز، فرمانداری", "city": "نی‌ریز",
            "agenda": "معرفی برنامه توسعه خوشه‌ای؛ مشکلات استخراج و فرآوری سنگ",
            "summary": "فعالان خوشه نیاز به آموزش فنی برش و صیقل و بازاریابی را مطرح کردند.",
        }, participants=self._attendance(("expert_small",)), resolutions=[
            {"text": "انجام مطالعه شناختی خوشه سنگ نیریز", "owner_text": "عامل توسعه خوشه",
             "due_date": "1404/03/31", "status": "done", "done_date": "1404/03/20"},
            {"text": "تشکیل کمیته راهبری خوشه سنگ نیریز", "owner_text": "عامل توسعه خوشه",
             "due_date": "1405/10/30", "status": "open"},
        ])
        self.activity("training", name, {
            "title": "فناوری‌های نوین برش و صیقل سنگ‌های تزئینی", "domain": "technical",
            "instructor": "مهندس فرزاد عباسیان", "hours": 24, "start_date": "1404/04/20",
            "end_date": "1404/04/22", "place": "نی‌ریز، شهرک صنعتی", "city": "نی‌ریز",
            "country": "ایران", **_split(24 * TRAINING_RATE),
        })
