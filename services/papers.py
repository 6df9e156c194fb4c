"""What the printed papers show: a meeting's minutes, a training's attendance sheet, and the
activities, firms and joint actions of a cluster's period report and profile.

Plain frozen data, read in one query each: the PDF and Word reports lay out the same facts, and
none of them holds an ORM object or opens a session of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from models.database import Database
from models.entities import Activity, Firm, JointAction, Participant, Person, Resolution
from services.errors import NotFoundError


@dataclass(frozen=True)
class PaperParticipant:
    """Someone (or a firm as such) taking part, with what a paper prints beside the name."""

    name: str  # the person's full name, or the firm's name when the firm takes part as such
    is_person: bool
    role: str
    attended: bool
    job_title: str | None  # the person's title («مدیرعامل شرکت …»)
    firm_name: str | None  # the firm the person came for (or the firm itself)
    person_firm_name: str | None  # the firm the person works at, from the person's record
    organisation_name: str | None  # the person's organisation


@dataclass(frozen=True)
class PaperResolution:
    number: int | None
    text: str
    owner_name: str | None
    owner_text: str | None
    due_date: date | None
    status: str


@dataclass(frozen=True)
class ActivityPaper:
    id: str
    kind: str
    title: str
    # when and where
    start_date: date
    end_date: date | None
    start_time: str | None
    cluster_name: str
    place: str | None
    city: str | None
    meeting_kind: str | None
    number: int | None
    agenda: str | None
    summary: str | None
    instructor: str | None
    domain: str | None
    hours: float | None
    participants: tuple[PaperParticipant, ...]
    resolutions: tuple[PaperResolution, ...]


def _participant(p: Participant) -> PaperParticipant:
    person = p.person
    return PaperParticipant(
        name=person.full_name if person else (p.firm.name if p.firm else ""),
        is_person=person is not None,
        role=p.role,
        attended=bool(p.attended),
        job_title=person.title if person else None,
        firm_name=p.firm.name if p.firm else None,
        person_firm_name=person.firm.name if person and person.firm else None,
        organisation_name=person.organisation.name if person and person.organisation else None,
    )


def activity_paper(db: Database, activity_id: str) -> ActivityPaper:
    """Everything the papers of the live activity ``activity_id`` print, in their order."""
    people = selectinload(Activity.participants).selectinload(Participant.person)
    stmt = (select(Activity).where(Activity.id == activity_id, Activity.deleted_at.is_(None))
            .options(people.selectinload(Person.organisation), people.selectinload(Person.firm),
                     selectinload(Activity.participants).selectinload(Participant.firm),
                     selectinload(Activity.resolutions).selectinload(Resolution.owner_person),
                     selectinload(Activity.cluster)))
    with db.session_factory() as session:
        a = session.scalars(stmt).one_or_none()
        if a is None:
            raise NotFoundError("این فعالیت پیدا نشد؛ شاید حذف شده باشد.")
        return ActivityPaper(
            id=a.id, kind=a.kind, title=a.title, cluster_name=a.cluster.name,
            start_date=a.start_date, end_date=a.end_date, start_time=a.start_time,
            place=a.place, city=a.city,
            meeting_kind=a.meeting_kind, number=a.number, agenda=a.agenda, summary=a.summary,
            instructor=a.instructor, domain=a.domain, hours=a.hours,
            participants=tuple(_participant(p) for p in a.participants if p.deleted_at is None),
            resolutions=tuple(
                PaperResolution(number=r.number, text=r.text,
                                owner_name=r.owner_person.full_name if r.owner_person else None,
                                owner_text=r.owner_text, due_date=r.due_date, status=r.status)
                for r in a.resolutions if r.deleted_at is None),
        )


# --- a cluster's period and profile ---------------------------------------------------------

@dataclass(frozen=True)
class PeriodActivity:
    """One activity as the period report's tables show it."""

    id: str
    kind: str
    status: str
    title: str
    start_date: date
    end_date: date | None
    number: int | None
    place: str | None
    city: str | None
    country: str | None
    domain: str | None
    instructor: str | None
    hours: float | None
    tour_kind: str | None
    destination: str | None
    scope: str | None
    meeting_kind: str | None
    outcomes: str | None
    contracts_count: int | None
    orders_amount: int | None
    leads_count: int | None


_PERIOD_COLUMNS = tuple(getattr(Activity, name) for name in PeriodActivity.__dataclass_fields__)


def period_activities(db: Database, cluster_id: str, start: date, end: date) -> list[PeriodActivity]:
    """The cluster's live activities that start in [start, end], by date, number and title."""
    stmt = select(*_PERIOD_COLUMNS).where(
        Activity.cluster_id == cluster_id, Activity.deleted_at.is_(None),
        Activity.start_date.between(start, end))
    with db.session_factory() as session:
        acts = [PeriodActivity(**row._mapping) for row in session.execute(stmt)]
    acts.sort(key=lambda a: (a.start_date, a.number or 0, a.title))
    return acts


@dataclass(frozen=True)
class JointActionLine:
    title: str
    category: str | None
    status: str | None
    achieved_on: date | None


def joint_action_lines(db: Database, cluster_id: str, *, start: date | None = None,
                       end: date | None = None) -> list[JointActionLine]:
    """The cluster's live joint actions: all of them (undated last), or for a period those
    achieved in it and the planned or running ones that have no date yet."""
    live = [JointAction.cluster_id == cluster_id, JointAction.deleted_at.is_(None)]
    stmt = select(JointAction.title, JointAction.category, JointAction.status,
                  JointAction.achieved_on)
    if start is not None and end is not None:
        stmt = stmt.where(*live, or_(
            JointAction.achieved_on.between(start, end),
            JointAction.achieved_on.is_(None) & JointAction.status.in_(("planned", "in_progress")))
        ).order_by(JointAction.achieved_on, JointAction.title)
    else:
        stmt = stmt.where(*live).order_by(JointAction.achieved_on.is_(None), JointAction.achieved_on)
    with db.session_factory() as session:
        return [JointActionLine(*row) for row in session.execute(stmt)]


@dataclass(frozen=True)
class MemberFirm:
    name: str
    manager: str | None
    city: str | None
    employees: int | None
    coop_member: bool
    joined_on: date | None


def member_firms(db: Database, cluster_id: str) -> list[MemberFirm]:
    """The cluster's live member firms by name."""
    stmt = (select(Firm.name, Firm.manager, Firm.city, Firm.employees, Firm.coop_member,
                   Firm.joined_on)
            .where(Firm.cluster_id == cluster_id, Firm.deleted_at.is_(None)).order_by(Firm.name))
    with db.session_factory() as session:
        return [MemberFirm(*row) for row in session.execute(stmt)]
