"""The board report's Template B sheets, one per open priority, and its Progress sheet with
native Excel charts: the challenges at each stage round by round, and each measured goal
against its target over real dates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.axis import DateAxis

from assessments.analytics import template_a_table
from assessments.plan_records import ACTION_STATUSES, GOAL_OUTCOMES, PLAN_STATUSES, Plan
from assessments.progress import goal_progress, measure_frame
from assessments.records import Round
from assessments.service import Service
from exports.xlsx import HEADER_ROW, heading, put, table

if TYPE_CHECKING:
    from exports.excel import Report

CHART_ROWS = 17  # rows a chart of 7.5 cm covers, with a row to spare
CHART_END = 11  # the last column a measure's chart, drawn from column F, covers
LINE_COLOURS = ("005EB8", "DA291C")  # NHS Blue for what was measured, NHS Red for the target


def plan_name(svc: Service, plan: Plan) -> str:
    return svc.priority_name(
        plan.framework, plan.challenge_id, plan.latest.content.title, plan.trip
    )


def template_b_sheets(report: Report, plans: list[Plan]) -> None:
    svc = report.service
    if not plans:
        ws = report.sheet("Template B", "Template B", "No open priority in this scope.")
        report.finish(ws)
        return
    for plan in plans:
        template_b_sheet(report, plan, plan_name(svc, plan))


def template_b_sheet(report: Report, plan: Plan, name: str) -> None:
    svc = report.service
    in_force = svc.plan_in_force(plan.id)
    version = in_force or plan.latest
    content = version.content
    signed = (
        f"Version {version.number}, signed on {version.signed_on:%d %B %Y} by "
        f"{version.signed_by_commissioner} (commissioner) and {version.signed_by_provider} "
        "(provider lead)."
        if in_force
        else "A draft, not signed yet."
    )
    ws = report.sheet(
        f"B {name}",
        f"Template B: {name}",
        f"{report.name}. {PLAN_STATUSES[plan.status]}. {signed}",
    )
    stage_words = "Not agreed"
    if content.current_stage is not None:
        stage_words = _stage_name(svc, plan.framework, content.current_stage)
    reviews = svc.reviews(plan.id)
    due = svc.next_review_due(plan)
    row = table(
        ws,
        ["Template B", "As agreed"],
        [
            ["Current stage", stage_words],
            ["Description", content.description],
            ["Evidence sources", content.evidence_sources],
            ["Commissioner lead", _lead(content.commissioner_lead)],
            ["Provider lead", _lead(content.provider_lead)],
            ["Signed on", version.signed_on if in_force else "Not signed yet"],
            ["Next review due", due if due else "Not set"],
            ["Reviews so far", len(reviews)],
        ],
    )
    measurements = svc.measurements(plan.id)
    row = heading(ws, row + 1, "SMART goals")
    goals = [
        [
            g.statement,
            f"{g.measure.name} ({g.measure.unit})" if g.measure else "",
            _figure(g.baseline, "on", g.baseline_on),
            _figure(g.target, "by", g.target_on),
            g.owner,
            goal_progress(g, measurements, report.today),
        ]
        for g in content.goals
    ]
    goals = [[n, *g] for n, g in enumerate(goals, 1)]
    headers = ["No.", "Goal", "Measure", "Baseline", "Target", "Owner", "Progress"]
    row = table(ws, headers, goals, row)
    statuses = svc.action_statuses(plan)
    row = heading(ws, row + 1, "Actions")
    actions = [
        [n, a.what, a.who, a.by_when, ACTION_STATUSES[statuses.get(a.key, a.status)][1]]
        for n, a in enumerate(content.actions, 1)
    ]
    row = table(ws, ["No.", "What", "Who", "By when", "Status now"], actions, row)
    row = heading(ws, row + 1, "Reviews")
    numbers = {g.key: n for n, g in enumerate(content.goals, 1)}  # as the goals table lists them
    rows = [
        [
            r.held_on,
            _stage_name(svc, plan.framework, r.stage) if r.stage else "Not re-rated",
            r.learned,
            "; ".join(
                f"Goal {numbers.get(k, '?')}: {GOAL_OUTCOMES[o]}"
                for k, o in r.goal_outcomes.items()
            ),
            r.next_review_on,
        ]
        for r in reviews
    ]
    table(ws, ["Held on", "Stage", "What we learned", "Goals", "Next review"], rows, row)
    # Several tables: the title rows repeat, as no one header fits every page.
    report.finish(ws, None, widths={1: 24, 2: 40, 3: 26, 4: 22, 5: 22, 6: 20, 7: 14})


def progress_sheet(report: Report, rounds: list[Round], plans: list[Plan]) -> None:
    svc = report.service
    ws = report.sheet(
        "Progress",
        f"Progress: {report.name}",
        "Counts of challenges at each stage in each agreed round (never an average), and each "
        "measured goal against its target, on the dates the figures were taken.",
    )
    agreed = [r for r in reversed(rounds) if r.status == "agreed"]
    row = HEADER_ROW
    if agreed:
        latest = agreed[-1].framework
        row = _stages_over_time(ws, row, svc, [r for r in agreed if r.framework == latest])
    else:
        put(ws, row, 1, "No agreed Template A round yet.")
        row += 1
    for plan in plans:
        content = (svc.plan_in_force(plan.id) or plan.latest).content
        measurements = svc.measurements(plan.id)
        for goal in content.goals:
            frame = measure_frame(goal, measurements)
            if goal.measure is None or len(frame) < 2:
                continue  # one point is not a line: the Template B sheet lists it
            row = _measure_over_time(
                ws, row + 1, f"{plan_name(svc, plan)}: {goal.statement}", goal.measure.unit, frame
            )
    # Tables of different shapes: the title rows repeat, as no one header fits every page.
    report.finish(ws, None, dict.fromkeys(range(1, 7), 16), last_row=row, last_column=CHART_END)


def _stages_over_time(ws, row: int, svc: Service, rounds: list[Round]) -> int:
    fw = svc.definitions.framework(rounds[0].framework)
    stage_texts = list(template_a_table(fw, {})["Stage"].cat.categories)
    rows = []
    for r in rounds:
        counts = template_a_table(fw, svc.challenge_records(r.id))["Stage"].value_counts()
        rows.append([r.held_on, *(int(counts.get(text, 0)) for text in stage_texts)])
    end = table(ws, ["Round held on", *stage_texts], rows, row)
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "col", "stacked", 100
    chart.title = "Challenges at each stage, round by round"
    chart.y_axis.title, chart.x_axis.title = "Challenges", "Round"
    chart.y_axis.majorUnit, chart.y_axis.scaling.min = 1, 0
    chart.y_axis.delete = chart.x_axis.delete = False
    data = Reference(ws, min_col=2, max_col=1 + len(stage_texts), min_row=row, max_row=end - 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=row + 1, max_row=end - 1))
    colours = ["41B6E6", "005EB8", "003087", "AEB7BD", "FFFFFF"]
    for series, colour in zip(chart.series, colours, strict=False):
        series.graphicalProperties.solidFill = colour
        series.graphicalProperties.line.solidFill = "425563"
    chart.width, chart.height = 22, 7.5
    ws.add_chart(chart, f"A{end + 1}")
    return end + CHART_ROWS


def _measure_over_time(ws, row: int, name: str, unit: str, frame) -> int:
    row = heading(ws, row, name)
    rows = frame[["Date", "Value", "Source", "Target"]].to_numpy().tolist()
    end = table(ws, ["Date", f"Value ({unit})", "Source", "Target"], rows, row)
    chart = LineChart()  # untitled: the heading above its table names the goal in full
    chart.legend.position = "b"
    chart.y_axis.title = unit
    chart.x_axis = DateAxis(crossAx=100)
    chart.x_axis.number_format, chart.x_axis.majorTimeUnit = "mm/yyyy", "months"
    chart.x_axis.majorUnit = 3  # a label a quarter: monthly figures would crowd the axis
    chart.y_axis.delete = chart.x_axis.delete = False
    for column in (2, 4):
        chart.add_data(
            Reference(ws, min_col=column, min_row=row, max_row=end - 1), titles_from_data=True
        )
    chart.set_categories(Reference(ws, min_col=1, min_row=row + 1, max_row=end - 1))
    for series, colour in zip(chart.series, LINE_COLOURS, strict=True):
        series.graphicalProperties.line.solidFill = colour
        series.graphicalProperties.line.width = 28575  # 2.25 pt
        series.marker.symbol = "circle"
    chart.series[1].graphicalProperties.line.dashStyle = "dash"  # the target: dashed, not only red
    chart.series[1].marker.symbol = "none"
    chart.width, chart.height = 18, 7.5
    ws.add_chart(chart, f"F{row}")  # beside its table, so a goal takes half a page, not two
    return max(end, row + CHART_ROWS)


def _stage_name(svc: Service, framework: str, stage: int) -> str:
    fw = svc.definitions.frameworks.get(framework)
    names = {s.number: s.name for s in (fw.stages or ()) if fw} if fw else {}
    return f"{stage} {names[stage]}" if stage in names else f"Stage {stage}"


def _figure(value: float | None, word: str, when) -> str:
    if value is None:
        return ""
    return f"{value:g} {word} {when:%d/%m/%Y}" if when else f"{value:g}"


def _lead(lead) -> str:
    return ", ".join(part for part in (lead.name, lead.role) if part)
