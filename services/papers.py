"""What the printed papers of one activity show: a meeting's minutes, a training's attendance sheet.

One read, plain frozen data: the PDF reports and any other format (DOCX…) lay out the same facts,
and none of them holds an ORM object or opens a session of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models.database import Database
from models.entities import Activity, Participant, Person, Resolution
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
