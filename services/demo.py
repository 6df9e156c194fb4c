"""The demo database: loads the story in resources/demo/story.toml (the Maskati Lari halva cluster
of Lar and its province, Fars) through the services.

Everything is written through the services' session-level functions (`records.create_in`,
`activities.save_activity_in`), so the demo passes the same validation as a user's input, inside
the caller's single transaction (this module never begins or commits). The story is data; this
module only knows how its sections become records (see the file's header for the few fields it
turns into others). The data is fixed: every load writes the same records.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.entities import Cluster, Firm
from models.paths import resource_path
from services.activities import save_activity_in
from services.records import create_in

DEMO_CLUSTER_NAME = "مسقطی لاری"  # the story's own cluster: the first of its clusters
SAMPLE_NOTE = "داده نمونه"
SAMPLE_FIRM_NOTE = "داده نمونه — نام و مشخصات ساختگی است"
MANAGER_TITLE = "مدیر بنگاه"


def national_code_with_check(first_nine: str) -> str:
    """A 10-digit national code: `first_nine` plus the check digit Iran's rule (mod 11) asks for."""
    if len(first_nine) != 9 or not first_nine.isdigit():
        raise ValueError("nine digits expected")
    total = sum(int(first_nine[i]) * (10 - i) for i in range(9))
    remainder = total % 11
    check = remainder if remainder < 2 else 11 - remainder
    return first_nine + str(check)


def story() -> dict[str, Any]:
    """The story's data, as the file holds it."""
    with resource_path("resources", "demo", "story.toml").open("rb") as f:
        return tomllib.load(f)


def load_demo(session: Session) -> dict[str, int]:
    """Writes the demo story into `session` (the caller's transaction) and returns counts per kind."""
    return _Loader(session, story()).run()


def demo_loaded(session: Session) -> bool:
    """True when the demo cluster is already in the database (loading twice would duplicate it)."""
    stmt = select(func.count()).select_from(Cluster).where(
        Cluster.name == DEMO_CLUSTER_NAME, Cluster.deleted_at.is_(None))
    return bool(session.scalar(stmt))


def _records(section: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A section's records, each with the section's defaults under it."""
    defaults = section.get("defaults", {})
    return [{**defaults, **record} for record in section["records"]]


def _money(data: dict[str, Any]) -> dict[str, Any]:
    """`cost` and `subsidy_percent` (70 unless said) become the three money fields of a record."""
    percent = data.pop("subsidy_percent", 70)
    cost = data.pop("cost", None)
    if cost:
        subsidy = cost * percent // 100
        data.update(cost_total=cost, subsidy_amount=subsidy, firms_share=cost - subsidy)
    return data


class _Loader:
    def __init__(self, session: Session, data: Mapping[str, Any]) -> None:
        self.s = session
        self.story = data
        self.counts: dict[str, int] = {}
        self.clusters: dict[str, str] = {}
        self.orgs: dict[str, str] = {}
        self.people: dict[str, str] = {}  # key -> person id
        self.firms: list[str] = []  # firm ids, in the story's order
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

    def _sample(self, data: dict[str, Any]) -> dict[str, Any]:
        """`sample = true` marks invented data; `organisation` names one by its key."""
        if data.pop("sample", False):
            data.update(is_sample=True, notes=SAMPLE_NOTE)
        if "organisation" in data:
            data["organisation_id"] = self.orgs[data.pop("organisation")]
        return data

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
        for data in _records(self.story["clusters"]):
            self.clusters[data["name"]] = self.create("cluster", data)

    def _organisations(self) -> None:
        for key, data in self.story["organisations"].items():
            self.orgs[key] = self.create("organisation", self._sample(dict(data)))

    def _person(self, key: str, data: Mapping[str, Any]) -> str:
        self.people[key] = self.create("person", data)
        return self.people[key]

    def _firms_and_people(self) -> None:
        for key, data in self.story["people"].items():
            self._person(key, self._sample(dict(data)))
        for i, data in enumerate(_records(self.story["firms"])):
            manager = data.pop("manager_person", {})
            firm_id = self.create("firm", {
                "cluster_id": self.clusters[DEMO_CLUSTER_NAME], **data,
                "is_sample": True, "notes": SAMPLE_FIRM_NOTE})
            self.firms.append(firm_id)
            self.firm_people.append(self._person(f"manager{i}", self._sample({
                "full_name": data["manager"], "title": MANAGER_TITLE, **manager,
                "firm_id": firm_id, "sample": True})))
        for j, data in enumerate(self.story["staff"]):
            self.firm_people.append(self._person(f"staff{j}", self._sample({
                "full_name": data["full_name"], "title": data["title"],
                "firm_id": self.firms[data["firm"]], "sample": True})))

    # -- trainings and tours ---------------------------------------------------------------

    def _trainees(self, index: int, count: int) -> list[dict[str, Any]]:
        """`count` of the firms' people, from a start that moves with `index`; every sixth
        (counting from `index`) missed the event."""
        pool = self.firm_people
        start = (index * 5) % len(pool)
        chosen = [pool[(start + k) % len(pool)] for k in range(count)]
        return [
            {"person_id": pid, "role": "participant", "attended": (index + k) % 6 != 0}
            for k, pid in enumerate(chosen)
        ]

    def _training_cost(self, data: dict[str, Any]) -> dict[str, Any]:
        data["cost"] = data["hours"] * self.story["trainings"]["hour_cost"]
        return _money(data)

    def _trainings(self) -> None:
        for i, data in enumerate(_records(self.story["trainings"])):
            count = data.pop("trainees")
            self.activity("training", DEMO_CLUSTER_NAME, self._training_cost(data),
                          participants=self._trainees(i, count))

    def _tours(self) -> None:
        # Tours draw their groups three steps on from the courses', so they are not the same.
        for i, data in enumerate(_records(self.story["tours"])):
            count = data.pop("trainees")
            self.activity("tour", DEMO_CLUSTER_NAME, _money(data),
                          participants=self._trainees(i + 3, count))

    def _exhibitions(self) -> None:
        for data in _records(self.story["exhibitions"]):
            exhibitors = data.pop("exhibitors")
            self.activity("exhibition", DEMO_CLUSTER_NAME, _money(data), participants=[
                {"firm_id": self.firms[i], "role": "exhibitor"} for i in exhibitors])

    # -- meetings --------------------------------------------------------------------------

    def _attendance(self, present: Sequence[str], absent: Sequence[str]) -> list[dict[str, Any]]:
        groups = {"steering": self.story["meetings"]["steering"]}
        people = [k for key in present for k in groups.get(key, [key])]
        return ([{"person_id": self.people[k], "role": "attendee"} for k in people]
                + [{"person_id": self.people[k], "role": "absent"} for k in absent])

    def _resolution(self, data: Mapping[str, Any]) -> dict[str, Any]:
        row = dict(data)
        if "owner" in row:
            row["owner_person_id"] = self.people[row.pop("owner")]
        return row

    def _meeting(self, cluster: str, data: dict[str, Any]) -> None:
        participants = self._attendance(data.pop("present"), data.pop("absent", ()))
        resolutions = [self._resolution(r) for r in data.pop("resolutions", ())]
        self.activity("meeting", cluster, data, participants=participants,
                      resolutions=resolutions)

    def _meetings(self) -> None:
        for data in _records(self.story["meetings"]):
            self._meeting(DEMO_CLUSTER_NAME, data)

    # -- joint actions, action plan, indicators --------------------------------------------

    def _joint_actions(self) -> None:
        coop = [fid for fid, data in zip(self.firms, self.story["firms"]["records"], strict=True)
                if data["coop_member"]]
        for data in _records(self.story["joint_actions"]):
            firms = data.pop("firms")
            obj, _warnings = create_in(self.s, "joint_action", {
                "cluster_id": self.clusters[DEMO_CLUSTER_NAME], **_money(data)})
            self._bump("joint_action")
            # The generic service has no field for the firms; link the firms just created.
            ids = coop if firms == "coop" else [self.firms[i] for i in firms]
            obj.firms = [self.s.get(Firm, fid) for fid in ids]
        self.s.flush()

    def _action_plan(self) -> None:
        cid = self.clusters[DEMO_CLUSTER_NAME]
        for data in _records(self.story["action_plan"]):
            self.create("action_plan_item", {"cluster_id": cid, **data})

    def _indicators(self) -> None:
        cid = self.clusters[DEMO_CLUSTER_NAME]
        section = self.story["indicators"]
        first = section["first_year"]
        for indicator, values in section["values"].items():
            for year, value in enumerate(values, start=first):
                self.create("indicator_value", {
                    "cluster_id": cid, "indicator": indicator, "period_kind": "year",
                    "jalali_year": year, "value": value,
                    "note": section["baseline_note"] if year == first else None,
                })

    # -- the province's cluster in progress ------------------------------------------------

    def _neyriz(self) -> None:
        section = self.story["neyriz"]
        defaults = self.story["meetings"].get("defaults", {})
        self._meeting(section["cluster"], {**defaults, **section["meeting"]})
        self.activity("training", section["cluster"], self._training_cost(dict(section["training"])))
