"""Figure 4: the period performance report over ~1,000 activities vs two peers drawing the same.

The database gives every cluster about 1,000 activities (``common.clusters_for``); the cluster
closest to 1,000 is reported over its whole date range. Runs in a child process
(``python -m benchmarks.report DB RUNS``), since the Qt peer needs a QGuiApplication.

* report: ``reports.performance.build_performance`` end to end (queries, Persian shaping, layout,
  charts, the PDF written and fsynced). The shaping caches of reports.rtl are cleared before
  every run: a user builds a report once, cold.
* Latin peer: reportlab drawing the same headings and tables (captured from the report while it
  was built), every Persian letter replaced by a Latin one, plain ``Table`` cells in Helvetica:
  no shaping, no bidi, no wrapping — what the tables cost reportlab itself.
* Qt peer: the same content as an RTL HTML document (Vazirmatn) in ``QTextDocument``, printed to
  a ``QPdfWriter`` — the obvious alternative engine, with real shaping by HarfBuzz.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import unicodedata
from html import escape
from pathlib import Path

from benchmarks.common import Figure, Settings, run_child

LATIN_RATIO = 2.0


def _latin(text: str) -> str:
    out = []
    for ch in str(text):
        if ch.isascii():
            out.append(ch)
        elif ch.isdigit():
            out.append(str(unicodedata.digit(ch, 0)))
        elif ch == "\u200c":
            continue
        elif ch.isspace():
            out.append(" ")
        else:
            out.append(chr(97 + ord(ch) % 26))
    return "".join(out)


def _capture(db, cluster_id: str, start, end, out: Path) -> list[tuple]:  # noqa: ANN001
    """Builds the report once and returns its headings and tables in order.

    The report's helpers are wrapped in every module that holds them (the activity tables are
    made in reports.sections since the clean-up; wrapping reports.performance alone captured
    almost nothing and the Latin and Qt baselines shrank to a near-empty document).
    """
    import reports.performance as perf
    import reports.sections as sections

    story: list[tuple] = []

    def table(original):  # noqa: ANN001, ANN202
        def wrapped(header, rows, percents, **kw):  # noqa: ANN001, ANN202
            story.append(("table", list(header), [list(r) for r in rows], list(percents)))
            return original(header, rows, percents, **kw)
        return wrapped

    def key_value_table(original):  # noqa: ANN001, ANN202
        def wrapped(pairs, **kw):  # noqa: ANN001, ANN202
            story.append(("table", ["", ""], [[v, k] for k, v in pairs], [62, 38]))
            return original(pairs, **kw)
        return wrapped

    def heading(original):  # noqa: ANN001, ANN202
        def wrapped(text, level=1):  # noqa: ANN001, ANN202
            story.append(("heading", text, level))
            return original(text, level)
        return wrapped

    wrappers = {"table": table, "key_value_table": key_value_table, "heading": heading}
    saved = [(module, name, getattr(module, name)) for module in (perf, sections)
             for name in wrappers if hasattr(module, name)]
    for module, name, original in saved:
        setattr(module, name, wrappers[name](original))
    try:
        perf.build_performance(db, out, cluster=cluster_id, start=start, end=end, as_of=end)
    finally:
        for module, name, original in saved:
            setattr(module, name, original)
    return story


def captured_rows(story: list[tuple]) -> int:
    """Table rows in a captured story: the baselines must draw what the report drew."""
    return sum(len(item[2]) for item in story if item[0] == "table")


def _latin_pdf(story: list[tuple], out: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(str(out), pagesize=A4)
    flow = []
    for item in story:
        if item[0] == "heading":
            flow.append(Paragraph(escape(_latin(item[1])), styles[f"Heading{item[2]}"]))
            continue
        _, header, rows, percents = item
        total = sum(percents)
        widths = [doc.width * p / total for p in percents]
        data = [[_latin(h) for h in header]] + [[_latin(c) for c in row] for row in rows]
        flow.append(Table(data, colWidths=widths, repeatRows=1, style=TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), "Helvetica"),
            ("FONTSIZE", (0, 0), (-1, -1), 8.5),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
        ])))
    doc.build(flow)


def _qt_pdf(story: list[tuple], out: Path, font_family: str) -> None:
    from PySide6.QtGui import QFont, QPageSize, QPdfWriter, QTextDocument

    parts = [f'<html dir="rtl"><body style="font-family:\'{font_family}\'; font-size:8.5pt">']
    for item in story:
        if item[0] == "heading":
            level = min(3, int(item[2]))
            parts.append(f"<h{level}>{escape(item[1])}</h{level}>")
            continue
        _, header, rows, percents = item
        total = sum(percents)
        parts.append('<table border="1" cellspacing="0" cellpadding="2" width="100%"><tr>')
        parts += [f'<th width="{p * 100 / total:.1f}%">{escape(h)}</th>'
                  for h, p in zip(header, percents, strict=True)]
        parts.append("</tr>")
        for row in rows:
            cells = "".join(f"<td>{escape(str(c)).replace(chr(10), '<br>')}</td>" for c in row)
            parts.append(f"<tr>{cells}</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    writer = QPdfWriter(str(out))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(300)
    doc = QTextDocument()
    doc.setDefaultFont(QFont(font_family, 9))
    doc.setHtml("".join(parts))
    doc.print_(writer)


def _child(db_path: str, runs: int) -> None:
    from PySide6.QtGui import QFontDatabase, QGuiApplication

    import reports.rtl as rtl
    from benchmarks.common import ROOT, emit, median_time, report_cluster
    from models.migrate import open_database
    from reports.performance import build_performance

    app = QGuiApplication(["bench"])
    family = "Vazirmatn"
    for ttf in sorted((ROOT / "resources" / "fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(ttf))
        if font_id >= 0:
            family = QFontDatabase.applicationFontFamilies(font_id)[0]
    db = open_database(db_path)
    cluster_id, n_acts, start, end = report_cluster(db)
    work = Path(tempfile.mkdtemp(prefix="khooshe-bench-report-"))
    story = _capture(db, cluster_id, start, end, work / "capture.pdf")
    if captured_rows(story) < n_acts:
        raise SystemExit(f"report benchmark: captured {captured_rows(story)} table rows for "
                         f"{n_acts} activities; the capture no longer sees the report's tables")

    report_s, report_runs = median_time(
        lambda: build_performance(db, work / "report.pdf", cluster=cluster_id, start=start,
                                  end=end, as_of=end), runs, setup=rtl.clear_caches)
    latin_s, latin_runs = median_time(lambda: _latin_pdf(story, work / "latin.pdf"), runs)
    qt_s, qt_runs = median_time(lambda: _qt_pdf(story, work / "qt.pdf", family), runs)
    rows = sum(len(item[2]) for item in story if item[0] == "table")
    emit({"activities": n_acts, "table_rows": rows, "report_s": report_runs,
          "latin_s": latin_runs, "qt_s": qt_runs,
          "median": [report_s, latin_s, qt_s],
          "sizes": {p.name: p.stat().st_size for p in work.glob("*.pdf")}})
    db.dispose()
    del app


def run(settings: Settings, databases: dict[int, str]) -> list[Figure]:
    runs = settings.reps(1, 3)
    figures = []
    for scale, db in databases.items():
        started = time.monotonic()
        _, r = run_child(["-m", "benchmarks.report", db, json.dumps(runs)], settings.work_dir)
        report_s, latin_s, qt_s = r["median"]
        common = {"activities": r["activities"], "table_rows": r["table_rows"],
                  "report_s": r["report_s"], "child_wall_s": round(time.monotonic() - started, 1)}
        figures.append(Figure(
            key="report_vs_latin", label=f"report ({r['activities']} activities)", scale=scale,
            value=report_s * 1000, unit="ms", baseline=latin_s * 1000,
            baseline_label="reportlab Latin Table", target=f"≤ {LATIN_RATIO:g}× Latin",
            met=report_s <= LATIN_RATIO * latin_s, runs=runs,
            details={**common, "latin_s": r["latin_s"]}))
        figures.append(Figure(
            key="report_vs_qt", label=f"report ({r['activities']} activities)", scale=scale,
            value=report_s * 1000, unit="ms", baseline=qt_s * 1000,
            baseline_label="QTextDocument→QPdfWriter", target="< Qt peer",
            met=report_s < qt_s, runs=runs, details={**common, "qt_s": r["qt_s"]}))
    return figures


if __name__ == "__main__":
    _child(sys.argv[1], json.loads(sys.argv[2]))
