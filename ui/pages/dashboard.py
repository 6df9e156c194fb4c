"""پیشخوان: a cluster's headline figures for one Jalali year, activities per month, what is next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
)
from PySide6.QtCore import (
    QCoreApplication,
    QLocale,
    QMargins,
    QPointF,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGraphicsSimpleTextItem,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.english import people_label
from models.figures import ClusterSummary, DefaultYear
from models.vocab import ACTIVITY_KINDS
from persian.digits import fa_num, fa_number, latin_for_people, people_digits
from persian.jalali import format_jalali, month_names, to_jalali, year_period
from ui.cluster_combo import ClusterCombo
from ui.context import AppContext
from ui.page import Page
from ui.page_parts import EmptyState, default_year_note, read_only_rows, title_bar
from ui.table_columns import fit_columns

if TYPE_CHECKING:
    from datetime import date

    from models.quick_reader import StartFigures

# The services (and SQLAlchemy with them) are imported where the page first asks them: the
# start page's first fill may come from models.quick_reader, read before they are loaded.

ACCENT = "#2e6f62"
ALERT = "#b3261e"


class FigureCard(QFrame):
    """A big number with a caption and an optional detail line; clickable when asked."""

    clicked = Signal()

    def __init__(self, caption: str, *, clickable: bool = False, alert: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureCard")
        self._clickable = clickable
        color = ALERT if alert else ACCENT
        self.setStyleSheet(
            "#figureCard { background: white; border: 1px solid #d9ddd9; border-radius: 6px; }"
            + (f"#figureCard:hover {{ border-color: {color}; }}" if clickable else ""))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("color: #4a5350;")
        self.value = QLabel("۰")
        font = QFont(self.value.font())
        font.setPointSize(font.pointSize() + 10)
        font.setBold(True)
        self.value.setFont(font)
        self.value.setStyleSheet(f"color: {color};")
        self.detail = QLabel("")
        self.detail.setStyleSheet("color: #4a5350;")
        self.detail.setWordWrap(True)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)
        if clickable:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setToolTip(QCoreApplication.translate("Dashboard", "Open the follow-up page"))

    def set(self, value: str, detail: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._clickable and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class DashboardPage(Page):
    key = "dashboard"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 first: StartFigures | None = None) -> None:
        """`first`: the figures of the first fill, already read (the app's start); every later
        fill asks the services."""
        super().__init__(ctx, parent)
        self.summary: ClusterSummary | None = None
        self._first = first
        self.setObjectName("dashboardPage")
        outer = QVBoxLayout(self)

        self.cluster_combo = ClusterCombo(
            ctx, self, clusters=None if first is None else [(c.id, c.name) for c in first.clusters])
        self.year_combo = QComboBox(self)
        self.year_combo.setObjectName("yearCombo")
        top = title_bar(self.tr("Dashboard"), QLabel(self.tr("Cluster:")), self.cluster_combo,
                        QLabel(self.tr("Year:")), self.year_combo)
        outer.addLayout(top)
        # Says why the year is not this year's (services.periods.default_year).
        self.year_note = QLabel(self)
        self.year_note.setObjectName("yearNote")
        self.year_note.setStyleSheet("color: #4a5350;")
        self.year_note.hide()
        outer.addWidget(self.year_note)

        grid = QGridLayout()
        grid.setSpacing(8)
        self.cards: dict[str, FigureCard] = {}
        specs = [
            ("meetings", self.tr("Meetings held"), False, False),
            ("trainings", self.tr("Training courses"), False, False),
            ("tours", self.tr("Tours and visits"), False, False),
            ("exhibitions", self.tr("Exhibitions"), False, False),
            ("joint_actions", self.tr("Joint actions done"), False, False),
            ("open_resolutions", self.tr("Open resolutions"), True, False),
            ("overdue_resolutions", self.tr("Overdue resolutions"), True, True),
            ("member_firms", self.tr("Member firms"), False, False),
        ]
        for i, (key, caption, clickable, alert) in enumerate(specs):
            card = FigureCard(caption, clickable=clickable, alert=alert)
            card.setObjectName("figureCard")
            card.setProperty("figure", key)
            if clickable:
                card.clicked.connect(lambda: ctx.showPageRequested.emit("followup"))
            self.cards[key] = card
            grid.addWidget(card, i // 4, i % 4)
        outer.addLayout(grid)

        bottom = QHBoxLayout()
        self.chart = QChart()
        self.chart.setLocalizeNumbers(True)
        self.chart.setLocale(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
                             if latin_for_people() else
                             QLocale(QLocale.Language.Persian, QLocale.Country.Iran))
        self.chart.legend().hide()
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        # Month names drawn by the page under the bars: QtCharts cuts a category label well
        # before it fills its category («اردیبه...» with 35 px of text in a 53 px category).
        self._month_labels: list[QGraphicsSimpleTextItem] = []
        self._month_series: QBarSeries | None = None
        self.chart.plotAreaChanged.connect(self._place_month_labels)
        self.chart.setBackgroundRoundness(4)
        self.chart_view = QChartView(self.chart, self)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(260)
        bottom.addWidget(self.chart_view, 5)
        self.chart_empty = EmptyState(self.chart_view, "", self.tr("New activity"),
                                      self._new_activity)

        side = QVBoxLayout()
        side.setAlignment(Qt.AlignmentFlag.AlignTop)
        upcoming_title = QLabel(self.tr("Next planned activities"))
        upcoming_title.setStyleSheet("font-weight: bold;")
        side.addWidget(upcoming_title)
        self.upcoming = QTableWidget(0, 3, self)
        self.upcoming.setObjectName("upcomingTable")
        self.upcoming.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Kind"), self.tr("Title")])
        read_only_rows(self.upcoming)
        self.upcoming.cellDoubleClicked.connect(self._open_upcoming)
        side.addWidget(self.upcoming, 1)
        self.upcoming_empty = QLabel(self.tr("Nothing is planned from today on."))
        self.upcoming_empty.setStyleSheet("color: #4a5350;")
        side.addWidget(self.upcoming_empty)
        side.addStretch(1)
        bottom.addLayout(side, 2)
        outer.addLayout(bottom, 1)

        self._fill_years()
        self.cluster_combo.currentIndexChanged.connect(self._cluster_picked)
        self.year_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        ctx.dataChanged.connect(lambda _kind: self.refresh())
        self.refresh()

    # -- years --------------------------------------------------------------------------------
    def _first_for(self, cluster_id: str | None) -> StartFigures | None:
        """The figures read before the page was built, while they are of what it shows."""
        first = self._first
        return first if first is not None and first.cluster_id == cluster_id else None

    def _opening(self, cluster_id: str | None) -> DefaultYear:
        first = self._first_for(cluster_id)
        if first is not None:
            return first.opening
        from services.periods import default_year

        return default_year(self.ctx.db, cluster_id)

    def _programme(self, cluster_id: str) -> tuple[date | None, date | None]:
        first = self._first_for(cluster_id)
        if first is not None:
            row = first.cluster(cluster_id)
            return (row.programme_start, row.programme_end) if row else (None, None)
        from services import records
        from services.errors import NotFoundError

        try:
            cluster = records.get(self.ctx.db, "cluster", cluster_id)
        except NotFoundError:
            return None, None
        return cluster.get("programme_start"), cluster.get("programme_end")

    def _fill_years(self) -> None:
        cid = self.cluster_combo.cluster_id()
        opening = self._opening(cid)
        current, default = opening.current, opening.year
        first, last = min(current - 3, default), current
        self.year_note.setText(default_year_note(opening))
        self.year_note.setVisible(not opening.is_current)
        if cid:
            start, end = self._programme(cid)
            if start:
                first = min(first, to_jalali(start)[0])
            if end:
                last = max(last, to_jalali(end)[0])
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in range(last, first - 1, -1):
            self.year_combo.addItem(people_digits(str(year)), year)
        self.year_combo.setCurrentIndex(max(self.year_combo.findData(default), 0))
        self.year_combo.blockSignals(False)

    def _cluster_picked(self, _index: int) -> None:
        year = self.year_combo.currentData()
        self._fill_years()
        if year is not None and self.year_combo.findData(year) >= 0:
            self.year_combo.setCurrentIndex(self.year_combo.findData(year))
        self.refresh()

    def set_year(self, year: int) -> None:
        index = self.year_combo.findData(year)
        if index < 0:
            self.year_combo.addItem(people_digits(str(year)), year)
            index = self.year_combo.count() - 1
        self.year_combo.setCurrentIndex(index)

    # -- figures ------------------------------------------------------------------------------
    def refresh(self) -> None:
        cid = self.cluster_combo.cluster_id()
        year = self.year_combo.currentData()
        first = self._first_for(cid)
        self._first = None  # read once: every later fill is the services'
        if cid is None or year is None:
            self.summary = None
            for card in self.cards.values():
                card.set("—")
            self._fill_chart({}, year)
            self._fill_upcoming([])
            self.chart_empty.set_text(self.tr("There is no cluster yet: add one on the Clusters page."))
            if self.chart_empty.button is not None:
                self.chart_empty.button.hide()
            self.chart_empty.set_empty(cid is None)
            return
        period = year_period(year)
        if first is not None and first.summary is not None and \
                (first.summary.start, first.summary.end) == (period.start, period.end):
            s, upcoming = first.summary, first.upcoming
        else:
            from services import stats

            s = stats.cluster_summary(self.ctx.db, cid, period.start, period.end)
            upcoming = stats.upcoming_activities(self.ctx.db, cid)
        self.summary = s
        c = self.cards
        c["meetings"].set(fa_number(s.meetings))
        c["trainings"].set(fa_number(s.trainings), self.tr(
            "{participants} participants · {hours} person-hours").format(
            participants=fa_number(s.training_participants), hours=fa_num(s.person_hours)))
        c["tours"].set(fa_number(s.tours), self.tr("{n} participants").format(
            n=fa_number(s.tour_participants)))
        c["exhibitions"].set(fa_number(s.exhibitions), self.tr(
            "domestic {domestic} · international {international}").format(
            domestic=fa_number(s.exhibitions_domestic),
            international=fa_number(s.exhibitions_international)))
        c["joint_actions"].set(fa_number(s.joint_actions_done))
        c["open_resolutions"].set(fa_number(s.open_resolutions),
                                  self.tr("all years; click to follow up"))
        c["overdue_resolutions"].set(fa_number(s.overdue_resolutions),
                                     self.tr("past their due date"))
        c["member_firms"].set(fa_number(s.member_firms))
        self._fill_chart(s.per_month, year)
        self._fill_upcoming(upcoming)
        self.chart_empty.set_text(self.tr(
            "No activity of this cluster is recorded in %1. Record one with “New activity”.")
            .replace("%1", people_digits(str(year))))
        if self.chart_empty.button is not None:
            self.chart_empty.button.show()
        self.chart_empty.set_empty(not any(s.per_month.values()))

    def _new_activity(self) -> None:
        # The window's own action: the same form and defaults as the toolbar's «New activity».
        action = getattr(self.window(), "new_activity_action", None)
        if action is not None:
            action.trigger()

    def _set_month_labels(self, names: list[str], font: QFont, series: QBarSeries) -> None:
        for item in self._month_labels:
            if item.scene() is not None:
                item.scene().removeItem(item)
        self._month_labels = []
        for name in names:
            item = QGraphicsSimpleTextItem(name, self.chart)
            item.setFont(font)
            item.setBrush(QColor("#1f2624"))
            item.setData(0, name)
            self._month_labels.append(item)
        self._month_series = series
        self._place_month_labels(self.chart.plotArea())

    def _place_month_labels(self, plot_area: QRectF) -> None:
        """Each month's name centred under its bar; elided only when a category is too narrow."""
        series = self._month_series
        if series is None or not self._month_labels or plot_area.width() <= 0:
            return
        width = plot_area.width() / len(self._month_labels)
        for index, item in enumerate(self._month_labels):
            metrics = QFontMetrics(item.font())
            text = metrics.elidedText(item.data(0), Qt.TextElideMode.ElideRight, int(width) - 2)
            item.setText(text)
            centre = self.chart.mapToPosition(QPointF(index, 0), series)
            item.setPos(centre.x() - metrics.horizontalAdvance(text) / 2, plot_area.bottom() + 6)

    def month_label_texts(self) -> list[str]:
        """The month names as drawn under the bars (for tests)."""
        return [item.text() for item in self._month_labels]

    def figure_text(self, key: str) -> str:
        return self.cards[key].value.text()

    def _fill_chart(self, per_month: dict[tuple[int, int], int], year: int | None) -> None:
        chart = self.chart
        self._month_series = None  # removeAllSeries deletes it
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        title = self.tr("Activities held per month")
        if year is not None:
            title += " — " + people_digits(str(year))
        chart.setTitle(title)
        bar_set = QBarSet(self.tr("Activities"))
        bar_set.setColor(QColor(ACCENT))
        bar_set.setLabelColor(QColor("#1f2624"))
        # Right-to-left reading: Farvardin on the right, Esfand on the left.
        months = list(range(12, 0, -1))
        if self.layoutDirection() == Qt.LayoutDirection.LeftToRight:
            months.reverse()
        values = [per_month.get((year, m), 0) if year else 0 for m in months]
        bar_set.append([float(v) for v in values])
        series = QBarSeries()
        series.append(bar_set)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([month_names()[m - 1] for m in months])
        small = QFont(self.font())
        small.setPointSize(max(small.pointSize() - 1, 7))
        axis_x.setLabelsFont(small)
        # The axis keeps its labels' height (room for ours) but paints them transparent.
        axis_x.setLabelsColor(QColor(0, 0, 0, 0))
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        self._set_month_labels([month_names()[m - 1] for m in months], small, series)
        # A category axis with Persian numerals: QValueAxis labels vanish once the chart
        # localizes numbers, and unlocalized they would be Latin.
        axis_y = QCategoryAxis()
        top = max(values + [1]) + 1
        step = max(1, -(-top // 5))
        axis_y.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        axis_y.setStartValue(0)
        for value in range(0, top + 1, step):
            axis_y.append(fa_number(value), value)
        axis_y.setRange(0, top)
        axis_y.setLabelsFont(small)
        side = (Qt.AlignmentFlag.AlignRight if self.layoutDirection() ==
                Qt.LayoutDirection.RightToLeft else Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(axis_y, side)
        series.attachAxis(axis_y)
        self.chart_categories = [month_names()[m - 1] for m in months]

    def _fill_upcoming(self, rows: list[tuple[str, str, str, object]]) -> None:
        self.upcoming.setRowCount(0)
        for rid, kind, title, start in rows:
            r = self.upcoming.rowCount()
            self.upcoming.insertRow(r)
            for col, text in enumerate((format_jalali(start), people_label(ACTIVITY_KINDS.get(kind, kind)),
                                        title)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, rid)
                self.upcoming.setItem(r, col, item)
        fit_columns(self.upcoming, main=2)
        self.upcoming_empty.setVisible(not rows)
        self.upcoming.setVisible(bool(rows))

    def _open_upcoming(self, row: int, _col: int) -> None:
        item = self.upcoming.item(row, 0)
        if item is not None:
            self.ctx.openRecordRequested.emit("activity", item.data(Qt.ItemDataRole.UserRole))


def create_page(ctx: AppContext) -> QWidget:
    # The launcher's start-up figures (models.quick_reader), handed over once.
    first = getattr(ctx, "start_figures", None)
    ctx.start_figures = None  # type: ignore[attr-defined]
    return DashboardPage(ctx, first=first)
