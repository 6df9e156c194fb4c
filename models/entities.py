"""The domain's tables (DESIGN §1), one mapped class per record kind.

Activities use single-table inheritance: every kind shares one table, so the activities list can
sort, filter and page 100k rows with one indexed query, while each kind still has its own class
and fields (a meeting's agenda, a training's hours, an exhibition's scope).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    Index,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship
from sqlalchemy.sql import false, text

from models.base import Base, RecordMixin, utcnow

LIVE = "deleted_at IS NULL"

# Column kinds the tables repeat, said once (SQLAlchemy 2's Annotated columns); a column whose
# Python type says it all (date, float, int, bool, datetime) takes SQLAlchemy's default type for it.
# Money is whole rials, which outgrow a 32-bit integer.
Money = Annotated[int, mapped_column(BigInteger)]
LongText = Annotated[str, mapped_column(Text)]


class Cluster(RecordMixin, Base):
    __tablename__ = "cluster"

    name: Mapped[str] = mapped_column(String(200), index=True)
    product: Mapped[str | None] = mapped_column(String(200))
    province: Mapped[str | None] = mapped_column(String(100), index=True)
    county: Mapped[str | None] = mapped_column(String(100))
    city: Mapped[str | None] = mapped_column(String(100))
    phase: Mapped[str | None] = mapped_column(String(40))
    standing: Mapped[str | None] = mapped_column(String(40))
    programme_start: Mapped[date | None]
    programme_end: Mapped[date | None]
    contract_no: Mapped[str | None] = mapped_column(String(100))
    contract_date: Mapped[date | None]
    employer: Mapped[str | None] = mapped_column(String(200))
    supervisor: Mapped[str | None] = mapped_column(String(200))
    agent_name: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[LongText | None]


class Organisation(RecordMixin, Base):
    __tablename__ = "organisation"

    name: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str | None] = mapped_column(String(40))
    contact: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    city: Mapped[str | None] = mapped_column(String(100))
    notes: Mapped[LongText | None]
    is_sample: Mapped[bool] = mapped_column(default=False)


class Firm(RecordMixin, Base):
    __tablename__ = "firm"

    cluster_id: Mapped[str | None] = mapped_column(ForeignKey("cluster.id"), index=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    national_id: Mapped[str | None] = mapped_column(String(11))
    manager: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    city: Mapped[str | None] = mapped_column(String(100))
    employees: Mapped[int | None]
    products: Mapped[LongText | None]
    joined_on: Mapped[date | None]
    coop_member: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[LongText | None]
    is_sample: Mapped[bool] = mapped_column(default=False)

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
    notes: Mapped[LongText | None]
    is_sample: Mapped[bool] = mapped_column(default=False)

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
    start_date: Mapped[date] = mapped_column(index=True)
    end_date: Mapped[date | None]
    start_time: Mapped[str | None] = mapped_column(String(5))  # "HH:MM", Latin digits
    place: Mapped[str | None] = mapped_column(String(300))
    city: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[LongText | None]
    # Money in whole rials; the programme's subsidy and the firms' own share.
    cost_total: Mapped[Money | None]
    subsidy_amount: Mapped[Money | None]
    firms_share: Mapped[Money | None]

    # meeting
    meeting_kind: Mapped[str | None] = mapped_column(String(40))
    number: Mapped[int | None]
    agenda: Mapped[LongText | None]
    summary: Mapped[LongText | None]
    # training
    domain: Mapped[str | None] = mapped_column(String(40))
    instructor: Mapped[str | None] = mapped_column(String(200))
    hours: Mapped[float | None]
    evaluation: Mapped[LongText | None]
    evaluation_score: Mapped[float | None]
    # tour
    tour_kind: Mapped[str | None] = mapped_column(String(40))
    destination: Mapped[str | None] = mapped_column(String(300))
    # exhibition
    scope: Mapped[str | None] = mapped_column(String(20))
    booth: Mapped[str | None] = mapped_column(String(200))
    outcomes: Mapped[LongText | None]
    contracts_count: Mapped[int | None]
    orders_amount: Mapped[Money | None]
    leads_count: Mapped[int | None]
    support_amount: Mapped[Money | None]

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
    attended: Mapped[bool] = mapped_column(default=True)
    # Hours actually attended; None means the whole course (for person-hours).
    hours: Mapped[float | None]
    note: Mapped[str | None] = mapped_column(String(500))
    position: Mapped[int] = mapped_column(default=0)

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
    number: Mapped[int] = mapped_column(default=1)
    text: Mapped[LongText]
    owner_person_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"), index=True)
    owner_text: Mapped[str | None] = mapped_column(String(300))
    due_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default="open")
    done_date: Mapped[date | None]
    followup_notes: Mapped[LongText | None]

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
    achieved_on: Mapped[date | None]
    description: Mapped[LongText | None]
    evidence: Mapped[LongText | None]
    cost_total: Mapped[Money | None]
    subsidy_amount: Mapped[Money | None]
    firms_share: Mapped[Money | None]

    cluster: Mapped[Cluster] = relationship()
    firms: Mapped[list[Firm]] = relationship(secondary="joint_action_firm")


class ActionPlanItem(RecordMixin, Base):
    """A line of the joint action plan: target vs. baseline, actual computed where countable."""

    __tablename__ = "action_plan_item"

    cluster_id: Mapped[str] = mapped_column(ForeignKey("cluster.id"), index=True)
    action: Mapped[str] = mapped_column(String(500))
    indicator: Mapped[str] = mapped_column(String(300))
    metric: Mapped[str | None] = mapped_column(String(40))  # a PLAN_METRICS code, or typed-in
    baseline: Mapped[float | None]
    target: Mapped[float | None]
    manual_actual: Mapped[float | None]
    period_start: Mapped[date | None]
    period_end: Mapped[date | None]
    owner: Mapped[str | None] = mapped_column(String(300))
    budget: Mapped[Money | None]
    notes: Mapped[LongText | None]

    cluster: Mapped[Cluster] = relationship()


class IndicatorValue(RecordMixin, Base):
    """A measured figure (sales, exports, employment) for a cluster or one firm in a Jalali period."""

    __tablename__ = "indicator_value"

    cluster_id: Mapped[str] = mapped_column(ForeignKey("cluster.id"), index=True)
    firm_id: Mapped[str | None] = mapped_column(ForeignKey("firm.id"), index=True)
    indicator: Mapped[str] = mapped_column(String(40))
    period_kind: Mapped[str] = mapped_column(String(10))  # year | quarter | month
    jalali_year: Mapped[int]
    period_number: Mapped[int | None]  # quarter or month number
    value: Mapped[float]
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
    in_report: Mapped[bool] = mapped_column(default=False, server_default=false())


class Setting(Base):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[LongText]  # JSON
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


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
    base_updated_at: Mapped[datetime]
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)


class SearchDoc(Base):
    """One row per searchable record: folded text for FTS5 plus what a result line shows.

    On SQLite the FTS5 tables `search_fts` and `search_fts_title` (created by the migrations,
    holding their own copy of the keys, sharing this table's rowids) are written by
    models.search_index beside each row: no triggers, since a trigger cannot write to a virtual
    table while trusted_schema is OFF.
    """

    __tablename__ = "search_doc"

    rowid: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    record_id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    cluster_id: Mapped[str | None] = mapped_column(String(36), index=True)
    display_title: Mapped[LongText]
    display_detail: Mapped[LongText | None]
    sort_date: Mapped[date | None]
    title_key: Mapped[LongText]
    body_key: Mapped[LongText]
    deleted: Mapped[bool] = mapped_column(default=False)
