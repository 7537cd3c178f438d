"""The board report's TRIP sheet. For a team: its assets by kind, how its answers to the
benchmarks are spread in each challenge (counts of each answer, never a score), and its co-led
priorities. For a provider or the portfolio: each team's assets and priorities side by side.
Pure: report data in, a sheet out."""

from __future__ import annotations

from collections import Counter

from assessments.analytics.trip import rating_distribution
from assessments.charts.trip import answer_styles
from assessments.queries.report_data import BoardReportData, PlanRecords
from assessments.records.plans import PLAN_STATUSES
from exports.board_report.charts import Bars, stacked_bars
from exports.board_report.plans import CHART_ROWS
from exports.board_report.sheet import HEADER_ROW, Report, Sheet

PRIORITY_HEADERS = [
    "Priority",
    "Timescale",
    "Staff co-lead",
    "Co-lead who uses the service (initials)",
    "Status",
    "Agreed on",
    "Next review",
]


def trip_sheet(report: Report, data: BoardReportData) -> None:
    if data.definitions.trip is None:
        return
    ws = report.sheet(
        "TRIP",
        f"TRIP: {report.name}",
        "Team Recovery Implementation Plans: a conversation, so answers are counted and the "
        "team's own words kept, never turned into a score. Co-leads who use the service are "
        "named by initials only.",
    )
    last = _team(ws, data) if data.team is not None else _teams(ws, data)
    # Several tables: the title rows repeat, as no one header fits every page.
    ws.finish(None, widths={1: 34, 2: 22, 3: 26, 4: 40}, last_row=last)


def _team(ws: Sheet, data: BoardReportData) -> int:
    definitions = data.definitions
    method = definitions.trip
    names = {x.id: x.name for x in (*method.asset_kinds, *method.asset_holders)}
    assets = data.assets
    row = ws.heading(HEADER_ROW, "Assets")
    kinds = Counter(a.kind for a in assets)
    row = ws.table(["Kind", "How many"], [[k.name, kinds[k.id]] for k in method.asset_kinds], row)
    rows = [[names[a.kind], names[a.holder], a.held_by, a.what] for a in assets]
    row = ws.table(["Kind", "Held among", "Held by (role or initials)", "What"], rows, row + 1)
    rounds = [r for r in data.trip_rounds if not r.round.practice]
    row = ws.heading(row + 1, "How the answers are spread")
    if not rounds:
        ws.put(row, 1, "This team has not held a TRIP round yet.")
        row += 1
    else:
        latest = rounds[0]
        bset = definitions.benchmark_set(latest.round.framework)
        frame = rating_distribution(
            definitions.framework(bset.framework),
            bset,
            definitions.scales[bset.scale],
            {sid: r.rating for sid, r in latest.ratings.items()},
        )
        ws.put(row, 1, f"The round of {latest.round.held_on:%d %B %Y}, on {bset.title}.")
        frame["Challenge"] = [
            f"{n}. {c}" for n, c in zip(frame["No."], frame["Challenge"], strict=True)
        ]
        frame = frame.drop(columns="No.")
        start = row + 1
        row = ws.table(list(frame.columns), frame.to_numpy().tolist(), start)
        row = _spread_chart(ws, start, row, list(frame.columns[1:]))
    row = ws.heading(row + 1, "Co-led priorities")
    return ws.table(PRIORITY_HEADERS, [_priority(data, p) for p in data.trip_priorities], row)


def _spread_chart(ws: Sheet, header: int, end: int, answers: list[str]) -> int:
    styles = answer_styles(answers)  # the screen's colours, and a border for pale ones
    bars = Bars(
        "Statements given each answer, challenge by challenge",
        "Challenge",
        "Statements",
        [styles[answer].colour for answer in answers],
        width=24,
        height=11,
    )
    ws.chart(lambda sheet: stacked_bars(sheet, header, end, len(answers), bars), f"A{end + 1}")
    ws.keep(header, end + 1)  # the table and the chart under it on one page
    return end + CHART_ROWS + 6


def _teams(ws: Sheet, data: BoardReportData) -> int:
    method = data.definitions.trip
    if not data.team_trips:
        ws.put(HEADER_ROW, 1, "No team to show.")
        return HEADER_ROW
    row = ws.heading(HEADER_ROW, "Assets and priorities, team by team")
    many = data.scope.kind == "portfolio"  # teams of several providers: say whose
    summary, priorities = [], []
    for team in data.team_trips:
        where = [team.team, team.provider][: 1 + many]
        counts = (team.asset_counts.get(k.id, 0) for k in method.asset_kinds)
        summary.append([*where, *counts, len(team.open_priorities)])
        priorities += [[team.team, *_priority(data, p)] for p in team.open_priorities]
    counts = [*(k.name for k in method.asset_kinds), "Open TRIP priorities"]
    headers = ["Team", "Provider"][: 1 + many] + counts
    row = ws.table(headers, summary, row)
    row = ws.heading(row + 1, "Open co-led priorities")
    return ws.table(["Team", *PRIORITY_HEADERS], priorities, row)


def _priority(data: BoardReportData, plan: PlanRecords) -> list[object]:
    timescales = {t.id: t.name for t in data.definitions.trip.timescales}
    in_force = plan.in_force
    content = plan.content
    return [
        content.title or plan.subject,
        timescales.get(content.timescale or "", ""),
        ", ".join(p for p in (content.staff_lead.name, content.staff_lead.role) if p),
        content.person_lead_initials,
        PLAN_STATUSES[plan.plan.status],
        in_force.signed_on if in_force else "Not agreed yet",
        plan.next_review_due,
    ]
