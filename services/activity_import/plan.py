"""From rows to the records they mean: every cell checked, duplicates found, nothing written.

The same plan serves the preview (in a read-only session) and the import itself, where it is
made again inside the writing transaction so that what is written is what the database holds then.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import vocab
from models.entities import Activity, Cluster
from persian.digits import to_latin_digits, to_persian_digits
from persian.fold import name_key
from persian.jalali import JalaliDateError
from services.activity_import.dates import gregorian_note, parse_date_cell, parse_time_cell
from services.activity_import.fields import (
    ABSENT,
    ACTIVITY_FIELDS,
    CLUSTER,
    FIRMS,
    KIND,
    MEETING_ROW,
    OWNER,
    PARTICIPANTS,
    RESOLUTION_FIELDS,
    ROW_KEY,
    ImportField,
    auto_match,
    column_index,
    field_label,
    kind_of,
)
from services.activity_import.people import MAX_NAME, MAX_NAMES_PER_CELL, Directory, split_names
from services.activity_import.preview import Duplicate, Preview, Problem
from services.activity_import.reader import ColumnMapping, Progress, Sheet, Workbook
from services.errors import ServiceError, ValidationError
from services.schema import FieldSpec, RecordSpec, spec
from services.validation import clean_record

_KINDS_TEXT = "، ".join(vocab.ACTIVITY_KINDS[k] for k in ("meeting", "training", "tour", "exhibition"))


@dataclass
class PlannedActivity:
    sheet: str
    row: int
    values: dict[str, Any]
    participants: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, key, role)
    resolutions: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Plan:
    preview: Preview
    activities: list[PlannedActivity]
    directory: Directory


@dataclass
class _Meeting:
    """A meeting row the resolutions sheet may point at."""

    sheet: str
    row: int
    kind: str | None
    planned: PlannedActivity | None  # None: the row has a problem or is a skipped duplicate
    duplicate: bool


@dataclass
class _State:
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    planned: list[PlannedActivity] = field(default_factory=list)
    meetings: dict[str, list[_Meeting]] = field(default_factory=dict)
    skipped_resolutions: int = 0
    # An activity sheet was not read at all (a missing column): its meetings cannot be found.
    unread_sheet: bool = False


def _cell(cells: Sequence[Any], index: int | None) -> Any:
    if index is None or index >= len(cells):
        return None
    value = cells[index]
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _row_key(value: Any) -> str:
    """A row reference as text: 12, 12.0, '۱۲' and ' 12 ' are one key."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return to_latin_digits(str(value)).strip()


def _as_text(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _choice(field_spec: FieldSpec, value: Any) -> Any:
    """A choice typed as its Persian label or code, compared folded (کمیته راهبري finds its code)."""
    assert field_spec.choices is not None
    key = name_key(str(value))
    for code, label in field_spec.choices.items():
        if key in (name_key(code), name_key(label)):
            return code
    return str(value)


class _RowReader:
    """Reads the cells of one row for one record spec, collecting problems and date notes."""

    def __init__(self, state: _State, sheet: Sheet, row: int, columns: dict[str, int],
                 headers: dict[str, str]) -> None:
        self.state, self.sheet, self.row = state, sheet, row
        self.columns, self.headers = columns, headers
        self.failed = False
        self.reported: set[str] = set()  # a field's cell was refused: no second message for it

    def problem(self, field_name: str | None, message: str) -> None:
        self.reported.add(field_name or "")
        column = self.headers.get(field_name or "")  # None: the file has no such column
        self.state.problems.append(Problem(self.sheet.name, self.row, column, message))
        self.failed = True

    def value(self, cells: Sequence[Any], field_spec: FieldSpec) -> Any:
        raw = _cell(cells, self.columns.get(field_spec.name))
        if raw is None:
            return None
        if field_spec.type == "date":
            try:
                parsed = parse_date_cell(raw)
            except JalaliDateError as exc:
                self.problem(field_spec.name, f"«{field_spec.label}»: {exc.message}")
                return None
            if parsed is not None and parsed.gregorian:
                self.state.notes.append(Problem(self.sheet.name, self.row,
                                                self.headers.get(field_spec.name),
                                                gregorian_note(parsed)))
            return parsed.value if parsed else None
        if field_spec.type == "time":
            return parse_time_cell(raw)
        if field_spec.type == "choice":
            return _choice(field_spec, raw)
        if field_spec.type in ("text", "longtext"):
            return _as_text(raw)
        if isinstance(raw, float) and raw.is_integer() and field_spec.type in ("int", "money"):
            return int(raw)
        return raw

    def clean(self, record_spec: RecordSpec, data: dict[str, Any],
              activity_kind: str | None = None) -> dict[str, Any] | None:
        try:
            return clean_record(record_spec, data, session=None, activity_kind=activity_kind)
        except ValidationError as exc:
            for error in exc.errors:
                if error.field not in self.reported:
                    self.problem(error.field, error.message)
            return None


def _columns(sheet: Sheet, chosen: Mapping[str, str], fields: Sequence[ImportField]
             ) -> tuple[dict[str, int], dict[str, str]]:
    """field → column index (and header) in this sheet.

    The chosen header where the sheet has it; otherwise the sheet's own header that matches
    the field by name (a workbook may have Persian headers in one sheet and English in another).
    A field chosen as "" (the user said «none») is not read at all.
    """
    columns: dict[str, int] = {}
    for name, header in chosen.items():
        index = column_index(sheet.headers, header)
        if index is not None:
            columns[name] = index
    taken = set(columns.values())
    free = [h if i not in taken else "" for i, h in enumerate(sheet.headers)]
    rest = [f for f in fields if f.name not in columns and chosen.get(f.name) != ""]
    for name, header in auto_match(rest, free).items():
        columns[name] = free.index(header)
    return columns, {name: sheet.headers[index] for name, index in columns.items()}


class _Planner:
    def __init__(self, session: Session, workbook: Workbook, mapping: ColumnMapping,
                 cluster_id: str | None, progress: Progress | None) -> None:
        self.session, self.workbook, self.mapping = session, workbook, mapping
        self.progress = progress
        self.state = _State()
        self.directory = Directory.load(session)
        self.clusters = {name_key(name or ""): cid for cid, name in session.execute(
            select(Cluster.id, Cluster.name).where(Cluster.deleted_at.is_(None)))}
        self.default_cluster = self._default_cluster(cluster_id)
        self.activity_spec = spec("activity")
        self.resolution_spec = spec("resolution")
        self.seen: dict[tuple[str, str, date, str], int] = {}
        self.done = 0

    def _default_cluster(self, cluster_id: str | None) -> str | None:
        if cluster_id is not None:
            if cluster_id not in self.clusters.values():
                raise ServiceError("خوشه انتخاب‌شده پیدا نشد یا در سطل بازیافت است.")
            return cluster_id
        ids = set(self.clusters.values())
        return next(iter(ids)) if len(ids) == 1 else None

    def _tick(self) -> None:
        self.done += 1
        if self.progress is not None and self.done % 200 == 0:
            self.progress(int(80 * self.done / max(1, self.workbook.row_count)),
                          f"بررسی ردیف‌ها ({to_persian_digits(str(self.done))})…")

    # -- activities -------------------------------------------------------------------------
    def _why_unreadable(self, sheet: Sheet, columns: Mapping[str, int]) -> str | None:
        """Why no row of this activity sheet can be read (a column it needs is missing and
        nothing stands in for it), said so the user knows what to change; None when it can."""
        for required in ("title", "start_date"):
            if required not in columns:
                label = field_label(ACTIVITY_FIELDS, required)
                return (f"ستون «{label}» در این برگه پیدا نشد؛ در گام نگاشت ستون‌ها ستون آن را "
                        f"انتخاب کنید یا عنوان ستون را «{label}» بگذارید.")
        if KIND not in columns and sheet.kind is None:
            return ("نوع فعالیت‌های این برگه معلوم نیست؛ نام برگه را «جلسات»، «دوره‌های آموزشی»، "
                    "«تورها» یا «نمایشگاه‌ها» بگذارید یا ستون «نوع فعالیت» را به آن بیفزایید.")
        if CLUSTER not in columns and self.default_cluster is None:
            return ("خوشه این فعالیت‌ها معلوم نیست؛ خوشه را هنگام ورود انتخاب کنید (در فرمان: "
                    "--cluster) یا ستون «خوشه» را به برگه بیفزایید.")
        return None

    def activity_sheet(self, sheet: Sheet, existing: set[tuple[str, str, date, str]]) -> None:
        columns, headers = _columns(sheet, self.mapping.activity, ACTIVITY_FIELDS)
        unreadable = self._why_unreadable(sheet, columns)
        if unreadable is not None:
            self.state.problems.append(Problem(sheet.name, None, None, unreadable))
            self.state.unread_sheet = True
            return
        for row, cells in sheet.rows:
            self._tick()
            reader = _RowReader(self.state, sheet, row, columns, headers)
            planned, kind = self._activity_row(reader, sheet, cells, existing)
            key = _row_key(_cell(cells, columns.get(ROW_KEY)) or row)
            duplicate = planned is None and not reader.failed
            self.state.meetings.setdefault(key, []).append(
                _Meeting(sheet.name, row, kind, planned, duplicate))

    def _kind(self, reader: _RowReader, sheet: Sheet, cells: Sequence[Any]) -> str | None:
        typed = _cell(cells, reader.columns.get(KIND))
        if typed is not None:
            kind = kind_of(typed)
            if kind is None:
                reader.problem(KIND, f"نوع فعالیت «{typed}» شناخته نیست؛ یکی از این‌ها را بنویسید: "
                                     f"{_KINDS_TEXT}.")
            return kind
        if sheet.kind is None:
            reader.problem(KIND, "نوع فعالیت این ردیف معلوم نیست؛ ستون «نوع فعالیت» را پر کنید یا "
                                 "نام برگه را «جلسات»، «دوره‌های آموزشی»، «تورها» یا «نمایشگاه‌ها» "
                                 "بگذارید.")
        return sheet.kind

    def _cluster(self, reader: _RowReader, cells: Sequence[Any]) -> str | None:
        typed = _cell(cells, reader.columns.get(CLUSTER))
        if typed is not None:
            found = self.clusters.get(name_key(str(typed)))
            if found is None:
                reader.problem(CLUSTER, f"خوشه «{typed}» در برنامه نیست؛ نخست آن خوشه را ثبت "
                                        "کنید یا نام آن را درست بنویسید.")
            return found
        if self.default_cluster is None:
            reader.problem(CLUSTER, "خوشه این ردیف معلوم نیست؛ خوشه را هنگام ورود انتخاب کنید "
                                    "(در فرمان: --cluster) یا ستون «خوشه» را پر کنید.")
        return self.default_cluster

    def _activity_row(self, reader: _RowReader, sheet: Sheet, cells: Sequence[Any],
                      existing: set[tuple[str, str, date, str]]
                      ) -> tuple[PlannedActivity | None, str | None]:
        kind = self._kind(reader, sheet, cells)
        cluster_id = self._cluster(reader, cells)
        data: dict[str, Any] = {"kind": kind, "cluster_id": cluster_id}
        for field_spec in self.activity_spec.fields:
            if field_spec.name in ("kind", "cluster_id") or field_spec.name not in reader.columns:
                continue
            if kind is not None and not field_spec.applies_to(kind):
                continue
            data[field_spec.name] = reader.value(cells, field_spec)
        names = {role: split_names(_cell(cells, reader.columns.get(role)))
                 for role in (PARTICIPANTS, FIRMS, ABSENT)}
        for role, found in names.items():
            if len(found) > MAX_NAMES_PER_CELL:
                reader.problem(role, f"این خانه {to_persian_digits(str(len(found)))} نام دارد؛ "
                                     f"بیش از {to_persian_digits(str(MAX_NAMES_PER_CELL))} نام در "
                                     "یک خانه پذیرفته نیست.")
                continue
            for name in found:
                if len(name) > MAX_NAME:
                    reader.problem(role, f"نام «{name[:40]}…» بیش از {to_persian_digits(str(MAX_NAME))} "
                                         "نویسه است؛ نام‌ها را با ویرگول (،) از هم جدا کنید.")
        if reader.failed or kind is None or cluster_id is None:
            # Still list the row's other problems; kind and cluster were reported already.
            reader.clean(self.activity_spec, {**data, "kind": kind or "other",
                                              "cluster_id": cluster_id or "-"}, kind)
            return None, kind
        values = reader.clean(self.activity_spec, data, kind)
        if values is None:
            return None, kind
        dup_key = (cluster_id, kind, values["start_date"], name_key(values["title"]))
        if dup_key in self.seen or dup_key in existing:
            self.state.duplicates.append(Duplicate(sheet.name, reader.row, kind, values["title"],
                                                   values["start_date"], self.seen.get(dup_key)))
            return None, kind
        self.seen[dup_key] = reader.row
        planned = PlannedActivity(sheet.name, reader.row, values)
        default_role = "attendee" if kind == "meeting" else "participant"
        for name in names[PARTICIPANTS]:
            planned.participants.append((*self.directory.someone(name), default_role))
        for name in names[FIRMS]:
            role = "exhibitor" if kind == "exhibition" else default_role
            planned.participants.append((*self.directory.firm(name, cluster_id), role))
        if kind == "meeting":
            for name in names[ABSENT]:
                planned.participants.append((*self.directory.someone(name), "absent"))
        self.state.planned.append(planned)
        return planned, kind

    # -- resolutions ------------------------------------------------------------------------
    def resolution_sheet(self, sheet: Sheet) -> None:
        columns, headers = _columns(sheet, self.mapping.resolution, RESOLUTION_FIELDS)
        for required in (MEETING_ROW, "text"):
            if required not in columns:
                label = field_label(RESOLUTION_FIELDS, required)
                self.state.problems.append(Problem(
                    sheet.name, None, None,
                    f"ستون «{label}» در برگه مصوبات پیدا نشد؛ در گام نگاشت ستون‌ها آن را "
                    "انتخاب کنید."))
                return
        for row, cells in sheet.rows:
            self._tick()
            reader = _RowReader(self.state, sheet, row, columns, headers)
            self._resolution_row(reader, cells)

    def _meeting_of(self, reader: _RowReader, cells: Sequence[Any]) -> _Meeting | None:
        ref = _cell(cells, reader.columns[MEETING_ROW])
        if ref is None:
            reader.problem(MEETING_ROW, "ردیف جلسه این مصوبه خالی است؛ شماره ردیف جلسه را در "
                                        "برگه جلسات بنویسید.")
            return None
        key = _row_key(ref)
        found = self.state.meetings.get(key, [])
        shown = to_persian_digits(key)
        if not found:
            if self.state.unread_sheet:
                return None  # the sheet holding it was refused as a whole, said so already
            reader.problem(MEETING_ROW, f"جلسه‌ای با ردیف «{shown}» در برگه‌های فعالیت‌ها نیست.")
            return None
        meetings = [m for m in found if m.kind in ("meeting", None)]
        if not meetings:
            reader.problem(MEETING_ROW, f"ردیف «{shown}» جلسه نیست؛ فقط جلسه‌ها مصوبه دارند.")
            return None
        if len(meetings) > 1:
            reader.problem(MEETING_ROW, f"ردیف «{shown}» در چند برگه جلسه هست؛ به هر جلسه ستون "
                                        "«ردیف» یکتا بدهید و همان را اینجا بنویسید.")
            return None
        return meetings[0]

    def _resolution_row(self, reader: _RowReader, cells: Sequence[Any]) -> None:
        meeting = self._meeting_of(reader, cells)
        data: dict[str, Any] = {"meeting_id": "-"}  # the real id is known only when written
        for field_spec in self.resolution_spec.fields:
            if field_spec.name in reader.columns:
                data[field_spec.name] = reader.value(cells, field_spec)
        owner = _cell(cells, reader.columns.get(OWNER))
        if owner is not None:
            data["owner_text"] = " ".join(str(owner).split())
        values = reader.clean(self.resolution_spec, data)
        if meeting is None or values is None:
            return
        if meeting.duplicate:
            self.state.skipped_resolutions += 1
            return
        if meeting.planned is None:
            return  # the meeting's own row has a problem, listed already
        values["owner_person_id"] = self.directory.existing_person(values.get("owner_text") or "")
        values.pop("meeting_id")
        values["number"] = values.get("number") or len(meeting.planned.resolutions) + 1
        meeting.planned.resolutions.append(values)

    # -- the whole workbook -----------------------------------------------------------------
    def existing_keys(self) -> set[tuple[str, str, date, str]]:
        """(cluster, kind, date, folded title) of the database's activities in the file's dates."""
        days: list[date] = []
        for sheet in self.workbook.sheets_of("activities"):
            index = _columns(sheet, self.mapping.activity, ACTIVITY_FIELDS)[0].get("start_date")
            for _row, cells in sheet.rows:
                try:
                    parsed = parse_date_cell(_cell(cells, index))
                except JalaliDateError:
                    continue
                if parsed is not None:
                    days.append(parsed.value)
        if not days:
            return set()
        rows = self.session.execute(
            select(Activity.cluster_id, Activity.kind, Activity.start_date, Activity.title)
            .where(Activity.deleted_at.is_(None),
                   Activity.start_date.between(min(days), max(days))))
        return {(c, k, d, name_key(t or "")) for c, k, d, t in rows}

    def run(self) -> Plan:
        existing = self.existing_keys()
        for sheet in self.workbook.sheets_of("activities"):
            self.activity_sheet(sheet, existing)
        for sheet in self.workbook.sheets_of("resolutions"):
            self.resolution_sheet(sheet)
        state = self.state
        counts = {kind: 0 for kind in vocab.ACTIVITY_KINDS}
        for planned in state.planned:
            counts[planned.values["kind"]] += 1
        preview = Preview(
            counts={k: v for k, v in counts.items() if v},
            resolutions=sum(len(p.resolutions) for p in state.planned),
            participants=sum(len(p.participants) for p in state.planned),
            new_people=tuple(self.directory.new_people.values()),
            new_firms=tuple(name for name, _cluster in self.directory.new_firms.values()),
            duplicates=tuple(state.duplicates),
            skipped_resolutions=state.skipped_resolutions,
            problems=tuple(state.problems),
            notes=tuple(state.notes),
            ignored_sheets=self.workbook.ignored,
        )
        return Plan(preview, state.planned, self.directory)


def build_plan(session: Session, workbook: Workbook, mapping: ColumnMapping, *,
               cluster_id: str | None = None, progress: Progress | None = None) -> Plan:
    return _Planner(session, workbook, mapping, cluster_id, progress).run()
