"""The domain's tables (DESIGN §1), one mapped class per record kind.

Activities use single-table inheritance: every kind shares one table, so the activities list can
sort, filter and page 100k rows with one indexed query, while each kind still has its own class
and fields (a meeting's agenda, a training's hours, an exhibition's scope).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship
from sqlalchemy.sql import false, text

from models.base import Base, RecordMixin, utcnow

LIVE = "deleted_at IS NULL"


class Cluster(RecordMixin, Base):
    __tablename__ = "cluster"

    name: Mapped[str] = mapped_column(String(200), index=True)
    product: Mapped[str | None] = mapped_column(String(200))
    province: Mapped[str | None] = mapped_column(String(100), index=True)
    county: Mapped[str | None] = mapped_column(String(100))
    city: Mapped[str | None] = mapped_column(String(100))
    phase: Mapped[str | None] = mapped_column(String(40))
    standing: Mapped[str | None] = mapped_column(String(40))
    programme_start: Mapped[date | None] = mapped_column(Date)
    programme_end: Mapped[date | None] = mapped_column(Date)
    contract_no: Mapped[str | None] = mapped_column(String(100))
    contract_date: Mapped[date | None] = mapped_column(Date)
    employer: Mapped[str | None] = mapped_column(String(200))
    supervisor: Mapped[str | None] = mapped_column(String(200))
    agent_name: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)


class Organisation(RecordMixin, Base):
    __tablename__ = "organisation"

    name: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str | None] = mapped_column(String(40))
    contact: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    city: Mapped[str | None] = mapped_column(String(100))
    notes: Mapped[str | None] = mapped_column(Text)
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)


class Firm(RecordMixin, Base):
    __tablename__ = "firm"

    cluster_id: Mapped[str | None] = mapped_column(ForeignKey("cluster.id"), index=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    national_id: Mapped[str | None] = mapped_column(String(11))
    manager: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    city: Mapped[str | None] = mapped_column(String(100))
    employees: Mapped[int | None] = mapped_column(Integer)
    products: Mapped[str | None] = mapped_column(Text)
    joined_on: Mapped[date | None] = mapped_column(Date)
    coop_member: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text)
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)

    cluster: Mapped[Cluster | None] = relationship()


class Person(RecordMixin, Base):
    __tablename__ = "person"

    full_name: Mapped[str] = mapped_column(String(200), index=True)
    title: Mapped[str | None] = mapped_column(String(200))
    organisation_id: Mapped[str | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    firm_id: Mapped[str | None] = mapped_column(ForeignKey("firm.id"), index=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    national_code: Mapped[str | None] = mapped_column(String(10))
    notes: Mapped[str | None] = mapped_column(Text)
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)

    organisation: Mapped[Organisation | None] = relationship()
    firm: Mapped[Firm | None] = relationship()


class Activity(RecordMixin, Base):
    """Any logged activity; `kind` selects the subclass (meeting, training, tour, exhibition, other)."""

    __tablename__ = "activity"
    __table_args__ = (
        Index("ix_activity_cluster_start", "cluster_id", "start_date"),
        Index("ix_activity_kind_start", "kind", "start_date"),
        # The activities list reads every live id in display order: covering partial indexes
        # make that an index-only scan (100k ids: 220 ms -> 30 ms; a deep OFFSET page 3 ms).
        Index("ix_activity_live_start", "start_date", "id", sqlite_where=text(LIVE),
              postgresql_where=text(LIVE)),
        Index("ix_activity_live_title", "title", "id", sqlite_where=text(LIVE),
              postgresql_where=text(LIVE)),
    )

    kind: Mapped[str] = mapped_column(String(20))
    cluster_id: Mapped[str] = mapped_column(ForeignKey("cluster.id"), index=True)
    title: Mapped[str] = mapped_column(String(500), index=True)
    status: Mapped[str] = mapped_column(String(20), default="done")
    start_date: Mapped[date] = mapped_column(Date, index=True)
    end_date: Mapped[date | None] = mapped_column(Date)
    start_time: Mapped[str | None] = mapped_column(String(5))  # "HH:MM", Latin digits
    place: Mapped[str | None] = mapped_column(String(300))
    city: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    # Money in whole rials; the programme's subsidy and the firms' own share.
    cost_total: Mapped[int | None] = mapped_column(BigInteger)
    subsidy_amount: Mapped[int | None] = mapped_column(BigInteger)
    firms_share: Mapped[int | None] = mapped_column(BigInteger)

    # meeting
    meeting_kind: Mapped[str | None] = mapped_column(String(40))
    number: Mapped[int | None] = mapped_column(Integer)
    agenda: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)
    # training
    domain: Mapped[str | None] = mapped_column(String(40))
    instructor: Mapped[str | None] = mapped_column(String(200))
    hours: Mapped[float | None] = mapped_column(Float)
    evaluation: Mapped[str | None] = mapped_column(Text)
    evaluation_score: Mapped[float | None] = mapped_column(Float)
    # tour
    tour_kind: Mapped[str | None] = mapped_column(String(40))
    destination: Mapped[str | None] = mapped_column(String(300))
    # exhibition
    scope: Mapped[str | None] = mapped_column(String(20))
    booth: Mapped[str | None] = mapped_column(String(200))
    outcomes: Mapped[str | None] = mapped_column(Text)
    contracts_count: Mapped[int | None] = mapped_column(Integer)
    orders_amount: Mapped[int | None] = mapped_column(BigInteger)
    leads_count: Mapped[int | None] = mapped_column(Integer)
    support_amount: Mapped[int | None] = mapped_column(BigInteger)

    cluster: Mapped[Cluster] = relationship()
    participants: Mapped[list[Participant]] = relationship(
        back_populates="activity", cascade="all, delete-orphan", order_by="Participant.position"
    )
    resolutions: Mapped[list[Resolution]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Resolution.number"
    )

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - declarative directive
        return {"polymorphic_on": "kind", "polymorphic_identity": "other",
                "version_id_col": cls.version}


class Meeting(Activity):
    __mapper_args__ = {"polymorphic_identity": "meeting"}


class Training(Activity):
    __mapper_args__ = {"polymorphic_identity": "training"}


class Tour(Activity):
    __mapper_args__ = {"polymorphic_identity": "tour"}


class Exhibition(Activity):
    __mapper_args__ = {"polymorphic_identity": "exhibition"}


ACTIVITY_CLASSES: dict[str, type[Activity]] = {
    "meeting": Meeting,
    "training": Training,
    "tour": Tour,
    "exhibition": Exhibition,
    "other": Activity,
}


class Participant(RecordMixin, Base):
    """A person or firm linked to an activity: present/absent at a meeting, trainee, firm sent."""

    __tablename__ = "participant"

    activity_id: Mapped[str] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"), index=True)
    firm_id: Mapped[str | None] = mapped_column(ForeignKey("firm.id"), index=True)
    role: Mapped[str] = mapped_column(String(20), default="participant")
    attended: Mapped[bool] = mapped_column(Boolean, default=True)
    # Hours actually attended; None means the whole course (for person-hours).
    hours: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str | None] = mapped_column(String(500))
    position: Mapped[int] = mapped_column(Integer, default=0)

    activity: Mapped[Activity] = relationship(back_populates="participants")
    person: Mapped[Person | None] = relationship()
    firm: Mapped[Firm | None] = relationship()


class Resolution(RecordMixin, Base):
    """مصوبه: a decision of a meeting, followed up until done or cancelled."""

    __tablename__ = "resolution"
    __table_args__ = (Index("ix_resolution_status_due", "status", "due_date"),)

    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer, default=1)
    text: Mapped[str] = mapped_column(Text)
    owner_person_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"), index=True)
    owner_text: Mapped[str | None] = mapped_column(String(300))
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open")
    done_date: Mapped[date | None] = mapped_column(Date)
    followup_notes: Mapped[str | None] = mapped_column(Text)

    meeting: Mapped[Activity] = relationship(back_populates="resolutions")
    owner_person: Mapped[Person | None] = relationship()


class JointActionFirm(Base):
    __tablename__ = "joint_action_firm"

    joint_action_id: Mapped[str] = mapped_column(
        ForeignKey("joint_action.id", ondelete="CASCADE"), primary_key=True
    )
    firm_id: Mapped[str] = mapped_column(ForeignKey("firm.id"), primary_key=True, index=True)


class JointAction(RecordMixin, Base):
    """اقدام مشترک / دستاورد: a cooperative, a brand, a standard, a customs code, an award…"""

    __tablename__ = "joint_action"

    cluster_id: Mapped[str] = mapped_column(ForeignKey("cluster.id"), index=True)
    category: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(20), default="planned")
    achieved_on: Mapped[date | None] = mapped_column(Date)
    description: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[str | None] = mapped_column(Text)
    cost_total: Mapped[int | None] = mapped_column(BigInteger)
    subsidy_amount: Mapped[int | None] = mapped_column(BigInteger)
    firms_share: Mapped[int | None] = mapped_column(BigInteger)

    cluster: Mapped[Cluster] = relationship()
    firms: Mapped[list[Firm]] = relationship(secondary="joint_action_firm")


class ActionPlanItem(RecordMixin, Base):
    """A line of the joint action plan: target vs. baseline, actual computed where countable."""

    __tablename__ = "action_plan_item"

    cluster_id: Mapped[str] = mapped_column(ForeignKey("cluster.id"), index=True)
    action: Mapped[str] = mapped_column(String(500))
    indicator: Mapped[str] = mapped_column(String(300))
    metric: Mapped[str | None] = mapped_column(String(40))  # a PLAN_METRICS code, or typed-in
    baseline: Mapped[float | None] = mapped_column(Float)
    target: Mapped[float | None] = mapped_column(Float)
    manual_actual: Mapped[float | None] = mapped_column(Float)
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    owner: Mapped[str | None] = mapped_column(String(300))
    budget: Mapped[int | None] = mapped_column(BigInteger)
    notes: Mapped[str | None] = mapped_column(Text)

    cluster: Mapped[Cluster] = relationship()


class IndicatorValue(RecordMixin, Base):
    """A measured figure (sales, exports, employment) for a cluster or one firm in a Jalali period."""

    __tablename__ = "indicator_value"

    cluster_id: Mapped[str] = mapped_column(ForeignKey("cluster.id"), index=True)
    firm_id: Mapped[str | None] = mapped_column(ForeignKey("firm.id"), index=True)
    indicator: Mapped[str] = mapped_column(String(40))
    period_kind: Mapped[str] = mapped_column(String(10))  # year | quarter | month
    jalali_year: Mapped[int] = mapped_column(Integer)
    period_number: Mapped[int | None] = mapped_column(Integer)  # quarter or month number
    value: Mapped[float] = mapped_column(Float)
    note: Mapped[str | None] = mapped_column(String(500))


class Attachment(RecordMixin, Base):
    """A file attached to a record; the bytes live in the content-addressed store beside the DB."""

    __tablename__ = "attachment"
    __table_args__ = (Index("ix_attachment_owner", "owner_kind", "owner_id"),)

    owner_kind: Mapped[str] = mapped_column(String(40))
    owner_id: Mapped[str] = mapped_column(String(36))
    file_name: Mapped[str] = mapped_column(String(300))
    mime_type: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    note: Mapped[str | None] = mapped_column(String(500))
    # «در گزارش»: an image the minutes and the performance report print (reports.photos).
    in_report: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Setting(Base):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class ExchangeState(Base):
    """What the last imported exchange package said about a record, per sending installation.

    `base_updated_at` is the record's `updated_at` in that package: a later package whose stamp
    equals it brings nothing new, and a local stamp that differs from it means the record was
    also changed here since (both changed = a conflict, listed in the import report).
    """

    __tablename__ = "exchange_state"

    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    origin: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    base_updated_at: Mapped[datetime] = mapped_column(DateTime)
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SearchDoc(Base):
    """One row per searchable record: folded text for FTS5 plus what a result line shows.

    The FTS5 table `search_fts` (created by the migration, external content = this table) is
    kept in step by triggers, so the data layer only ever writes plain rows here.
    """

    __tablename__ = "search_doc"

    rowid: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    cluster_id: Mapped[str | None] = mapped_column(String(36), index=True)
    display_title: Mapped[str] = mapped_column(Text)
    display_detail: Mapped[str | None] = mapped_column(Text)
    sort_date: Mapped[date | None] = mapped_column(Date)
    title_key: Mapped[str] = mapped_column(Text)
    body_key: Mapped[str] = mapped_column(Text)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
