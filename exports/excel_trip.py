"""The board report's TRIP sheet. For a team: its assets by kind, how its answers to the
benchmarks are spread in each challenge (counts of each answer, never a score), and its co-led
priorities. For a provider or the portfolio: each team's assets and priorities side by side."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from openpyxl.chart import BarChart, Reference

from assessments.plan_records import PLAN_STATUSES, Plan
from assessments.portfolio import PortfolioRecords
from assessments.records import Team
from assessments.trip_analytics import rating_distribution
from assessments.trip_charts import answer_styles
from exports.excel_plans import CHART_ROWS
from exports.xlsx import HEADER_ROW, heading, put, table

if TYPE_CHECKING:
    from exports.excel import Report

PRIORITY_HEADERS = [
    "Priority",
    "Timescale",
    "Staff co-lead",
    "Co-lead who uses the service (initials)",
    "Status",
    "Agreed on",
    "Next review",
]


def trip_sheet(report: Report, team: Team | None, records: PortfolioRecords | None) -> None:
    method = report.service.definitions.trip
    if method is None:
        return
    ws = report.sheet(
        "TRIP",
        f"TRIP: {report.name}",
        "Team Recovery Implementation Plans: a conversation, so answers are counted and the "
        "team's own words kept, never turned into a score. Co-leads who use the service are "
        "named by initials only.",
    )
    last = _team(report, ws, team) if team is not None else _teams(report, ws, records)
    # Several tables: the title rows repeat, as no one header fits every page.
    report.finish(ws, None, widths={1: 34, 2: 22, 3: 26, 4: 40}, last_row=last)


def _team(report: Report, ws, team: Team) -> int:
    svc, method = report.service, report.service.definitions.trip
    names = {x.id: x.name for x in (*method.asset_kinds, *method.asset_holders)}
    assets = svc.assets(team.id)
    row = heading(ws, HEADER_ROW, "Assets")
    kinds = Counter(a.kind for a in assets)
    row = table(ws, ["Kind", "How many"], [[k.name, kinds[k.id]] for k in method.asset_kinds], row)
    rows = [[names[a.kind], names[a.holder], a.held_by, a.what] for a in assets]
    row = table(ws, ["Kind", "Held among", "Held by (role or initials)", "What"], rows, row + 1)
    rounds = [r for r in svc.trip_rounds(team.id) if not r.practice]
    row = heading(ws, row + 1, "How the answers are spread")
    if not rounds:
        put(ws, row, 1, "This team has not held a TRIP round yet.")
        row += 1
    else:
        latest = rounds[0]
        bset = svc.definitions.benchmark_set(latest.framework)
        frame = rating_distribution(
            svc.definitions.framework(bset.framework),
            bset,
            svc.definitions.scales[bset.scale],
            {sid: r.rating for sid, r in svc.trip_ratings(latest.id).items()},
        )
        put(ws, row, 1, f"The round of {latest.held_on:%d %B %Y}, on {bset.title}.")
        frame["Challenge"] = [
            f"{n}. {c}" for n, c in zip(frame["No."], frame["Challenge"], strict=True)
        ]
        frame = frame.drop(columns="No.")
        start = row + 1
        row = table(ws, list(frame.columns), frame.to_numpy().tolist(), start)
        row = _spread_chart(ws, start, row, list(frame.columns[1:]))
    row = heading(ws, row + 1, "Co-led priorities")
    return table(
        ws, PRIORITY_HEADERS, [_priority(report, p) for p in svc.trip_priorities(team.id)], row
    )


def _spread_chart(ws, header: int, end: int, answers: list[str]) -> int:
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "bar", "stacked", 100
    chart.title = "Statements given each answer, challenge by challenge"
    chart.x_axis.title, chart.y_axis.title = "Challenge", "Statements"
    chart.y_axis.majorUnit, chart.y_axis.scaling.min = 1, 0
    chart.x_axis.scaling.orientation = "maxMin"  # the first challenge on top, as on screen
    chart.y_axis.delete = chart.x_axis.delete = False
    data = Reference(ws, min_col=2, max_col=1 + len(answers), min_row=header, max_row=end - 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=header + 1, max_row=end - 1))
    styles = answer_styles(answers)  # the screen's colours, and a border to tell pale ones apart
    for series, answer in zip(chart.series, answers, strict=True):
        series.graphicalProperties.solidFill = styles[answer].colour.lstrip("#")
        series.graphicalProperties.line.solidFill = "425563"
    chart.width, chart.height = 24, 11
    ws.add_chart(chart, f"A{end + 1}")
    return end + CHART_ROWS + 6


def _teams(report: Report, ws, records: PortfolioRecords | None) -> int:
    svc, method = report.service, report.service.definitions.trip
    if records is None or records.teams.empty:
        put(ws, HEADER_ROW, 1, "No team to show.")
        return HEADER_ROW
    row = heading(ws, HEADER_ROW, "Assets and priorities, team by team")
    many = report.scope.kind == "portfolio"  # teams of several providers: say whose
    summary, priorities = [], []
    for team in records.teams.itertuples(index=False):
        kinds = Counter(a.kind for a in svc.assets(team.team_id))
        mine = [p for p in svc.trip_priorities(team.team_id) if p.open]
        where = [team.Team, team.Provider][: 1 + many]
        summary.append([*where, *(kinds[k.id] for k in method.asset_kinds), len(mine)])
        priorities += [[team.Team, *_priority(report, p)] for p in mine]
    counts = [*(k.name for k in method.asset_kinds), "Open TRIP priorities"]
    headers = ["Team", "Provider"][: 1 + many] + counts
    row = table(ws, headers, summary, row)
    row = heading(ws, row + 1, "Open co-led priorities")
    return table(ws, ["Team", *PRIORITY_HEADERS], priorities, row)


def _priority(report: Report, plan: Plan) -> list[object]:
    svc, method = report.service, report.service.definitions.trip
    timescales = {t.id: t.name for t in method.timescales}
    in_force = svc.plan_in_force(plan.id)
    content = (in_force or plan.latest).content
    return [
        content.title or svc.priority_name(plan.framework, plan.challenge_id, "", True),
        timescales.get(content.timescale or "", ""),
        ", ".join(p for p in (content.staff_lead.name, content.staff_lead.role) if p),
        content.person_lead_initials,
        PLAN_STATUSES[plan.status],
        in_force.signed_on if in_force else "Not agreed yet",
        svc.next_review_due(plan),
    ]
