"""A report as run, to a workbook: a sheet per section in the user's language (codes by
their words, money and shares as numbers), its chart as a native Excel chart, and a sheet
saying what was run, for which range, within which scope, by whom and when."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.logic.kit.fields import Label
from app.logic.kit.report_book import BookChart, BookColumn, BookSheet, write_book
from app.logic.reports.model import Report, Section, Table

KIND = {"month": "text"}  # a month "2026-05" stays text: the chart's categories

WORDS = {
    "about": Label("About this report", "报表说明"), "report": Label("Report", "报表"),
    "range": Label("Range", "期间"), "as_of": Label("As of", "截至"),
    "owner": Label("Salesperson", "销售员"), "team": Label("Team", "团队"),
    "province": Label("Province", "省份"), "by": Label("Breakdown", "分类"),
    "top": Label("Rows", "行数"), "scope": Label("Records", "数据范围"),
    "made_by": Label("Run by", "制表人"), "made_at": Label("Run at", "制表时间"),
    "rule": Label("How it is computed", "计算口径"),
    "own": Label("Own records", "本人记录"), "team_scope": Label("Team's records", "团队记录"),
    "all": Label("All records", "全部记录"), "none": Label("No rows", "无数据"),
}


def note(report: Report, language: str) -> str:
    """The range (or the day) a report covers, as its sheets say under their titles."""
    params, period = report.params, report.definition.period
    if period in ("today",):
        return f"{WORDS['as_of'].text(language)} {params.as_of}"
    if period == "none":
        return ""
    return f"{WORDS['range'].text(language)}: {params.start} – {params.end}"


def sheets(report: Report, language: str) -> list[BookSheet]:
    return [_sheet(report, table, language) for table in report.tables]


def _sheet(report: Report, table: Table, language: str) -> BookSheet:
    section = table.section
    columns = [BookColumn(c.label.text(language), KIND.get(c.kind, c.kind))
               for c in section.columns]
    rows = [tuple(c.shown(v, language) for c, v in zip(section.columns, row, strict=True))
            for row in table.rows]
    return BookSheet(section.title.text(language), section.title.text(language),
                     note(report, language), columns, rows, _chart(section, language))


def _chart(section: Section, language: str) -> BookChart | None:
    chart = section.chart
    if chart is None:
        return None
    values = tuple(section.index(v) for v in chart.values)
    percent = all(section.columns[v].kind == "percent" for v in values)
    return BookChart(chart.kind, section.title.text(language), section.index(chart.category),
                     values, chart.limit, percent)


def about(report: Report, language: str) -> list[tuple[str, str]]:
    def t(key: str) -> str:
        return WORDS[key].text(language)

    params = report.params
    pairs = [(t("report"), report.definition.title.text(language))]
    if report.definition.period in ("year", "month"):
        pairs.append((t("range"), f"{params.start} – {params.end}"))
    if report.definition.period == "today":
        pairs.append((t("as_of"), str(params.as_of)))
    for key in ("owner", "team", "province", "by", "top"):
        value: Any = getattr(params, key)
        if value not in (None, ""):
            pairs.append((t(key), str(value)))
    scope_key = "team_scope" if report.scope == "team" else report.scope
    pairs.append((t("scope"), WORDS[scope_key].text(language) if scope_key in WORDS
                  else report.scope))
    pairs.append((t("made_by"), report.made_by))
    pairs.append((t("made_at"), report.made_at.astimezone().strftime("%Y-%m-%d %H:%M")))
    pairs.append((t("rule"), report.definition.about.text(language)))
    return pairs


def write_report(report: Report, path: str | os.PathLike[str], language: str = "en",
                 progress: Callable[[int], bool] | None = None) -> Path:
    write_book(path, sheets(report, language), about_title=WORDS["about"].text(language),
               about=about(report, language), progress=progress)
    return Path(path)
