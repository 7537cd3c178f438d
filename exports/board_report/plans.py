"""The board report's Template B sheets, one per open priority, and its Progress sheet with
native Excel charts: the challenges at each stage round by round, and each measured goal
against its target over real dates. Pure: report data in, sheets out."""

from __future__ import annotations

from openpyxl.chart import LineChart, Reference
from openpyxl.chart.axis import DateAxis

from assessments.analytics.progress import goal_progress, measure_frame
from assessments.analytics.template_a import template_a_table
from assessments.queries.report_data import BoardReportData, PlanRecords, RoundRecords
from assessments.records.plans import (
    ACTION_STATUSES,
    GOAL_OUTCOMES,
    PLAN_STATUSES,
    STAGE_BY_HAND,
)
from assessments.records.stories import consent_text
from exports.board_report.charts import Bars, stacked_bars
from exports.board_report.sheet import HEADER_ROW, Report, Sheet
from framework.loader import Definitions

CHART_ROWS = 17  # rows a chart of 7.5 cm covers, with a row to spare
CHART_END = 11  # the last column a measure's chart, drawn from column F, covers
LINE_COLOURS = ("005EB8", "DA291C")  # NHS Blue for what was measured, NHS Red for the target


def template_b_sheets(report: Report, data: BoardReportData) -> None:
    plans = [p for p in data.plans if p.plan.open]
    if not plans:
        ws = report.sheet("Template B", "Template B", "No open priority in this scope.")
        ws.finish()
        return
    for plan in plans:
        template_b_sheet(report, data, plan)


def template_b_sheet(report: Report, data: BoardReportData, plan: PlanRecords) -> None:
    in_force = plan.in_force
    version = in_force or plan.plan.latest
    content = version.content
    signed = (
        f"Version {version.number}, signed on {version.signed_on:%d %B %Y} by "
        f"{version.signed_by_commissioner} (commissioner) and {version.signed_by_provider} "
        "(provider lead)."
        if in_force
        else "A draft, not signed yet."
    )
    ws = report.sheet(
        f"B {plan.name}",
        f"Template B: {plan.name}",
        f"{report.name}. {PLAN_STATUSES[plan.plan.status]}. {signed}",
    )
    framework = plan.plan.framework
    stage_words = "Not agreed"
    if content.current_stage is not None:
        stage_words = stage_name(data.definitions, framework, content.current_stage)
        if content.current_stage_by_hand:
            stage_words += f" {STAGE_BY_HAND}"
    due = plan.next_review_due
    row = ws.table(
        ["Template B", "As agreed"],
        [
            ["Current stage", stage_words],
            ["Description", content.description],
            ["Evidence sources", content.evidence_sources],
            ["Commissioner lead", _lead(content.commissioner_lead)],
            ["Provider lead", _lead(content.provider_lead)],
            ["Tied to a contract", str(content.contract) or "No"],
            ["Signed on", version.signed_on if in_force else "Not signed yet"],
            ["Next review due", due if due else "Not set"],
            ["Reviews so far", len(plan.reviews)],
        ],
    )
    row = ws.heading(row + 1, "SMART goals")
    goals = [
        [
            g.statement,
            f"{g.measure.name} ({g.measure.unit})" if g.measure else "",
            _figure(g.baseline, "on", g.baseline_on),
            _figure(g.target, "by", g.target_on),
            g.owner,
            goal_progress(g, plan.measurements, report.today),
        ]
        for g in content.goals
    ]
    goals = [[n, *g] for n, g in enumerate(goals, 1)]
    headers = ["No.", "Goal", "Measure", "Baseline", "Target", "Owner", "Progress"]
    row = ws.table(headers, goals, row)
    statuses = plan.action_statuses
    row = ws.heading(row + 1, "Actions")
    actions = [
        [n, a.what, a.who, a.by_when, ACTION_STATUSES[statuses.get(a.key, a.status)][1]]
        for n, a in enumerate(content.actions, 1)
    ]
    row = ws.table(["No.", "What", "Who", "By when", "Status now"], actions, row)
    row = ws.heading(row + 1, "Reviews")
    numbers = {g.key: n for n, g in enumerate(content.goals, 1)}  # as the goals table lists them
    rows = [
        [
            r.held_on,
            stage_name(data.definitions, framework, r.stage) if r.stage else "Not re-rated",
            r.learned,
            "; ".join(
                f"Goal {numbers.get(k, '?')}: {GOAL_OUTCOMES[o]}"
                for k, o in r.goal_outcomes.items()
            ),
            r.next_review_on,
        ]
        for r in plan.reviews
    ]
    row = ws.table(["Held on", "Stage", "What we learned", "Goals", "Next review"], rows, row)
    row = ws.heading(row + 1, "Success stories (those with consent to share in board reports)")
    told = [[s.told_on, s.text, consent_text(s.consent)] for s in plan.stories]
    ws.table(["Told on", "Story", "Consent"], told, row)
    # Several tables: the title rows repeat, as no one header fits every page.
    ws.finish(None, widths={1: 24, 2: 40, 3: 26, 4: 22, 5: 22, 6: 20, 7: 14})


def progress_sheet(report: Report, data: BoardReportData) -> None:
    ws = report.sheet(
        "Progress",
        f"Progress: {report.name}",
        "Counts of challenges at each stage in each agreed round (never an average), and each "
        "measured goal against its target, on the dates the figures were taken.",
    )
    agreed = list(reversed(data.agreed_rounds))
    row = HEADER_ROW
    if agreed:
        latest = agreed[-1].round.framework
        same = [r for r in agreed if r.round.framework == latest]
        row = _stages_over_time(ws, row, data.definitions, same)
    else:
        ws.put(row, 1, "No agreed Template A round yet.")
        row += 1
    for plan in (p for p in data.plans if p.plan.open):
        for goal in plan.content.goals:
            frame = measure_frame(goal, plan.measurements)
            if goal.measure is None or len(frame) < 2:
                continue  # one point is not a line: the Template B sheet lists it
            name = f"{plan.name}: {goal.statement}"
            row = _measure_over_time(ws, row + 1, name, goal.measure.unit, frame)
    # Tables of different shapes: the title rows repeat, as no one header fits every page.
    ws.finish(None, dict.fromkeys(range(1, 7), 16), last_row=row, last_column=CHART_END)


def _stages_over_time(
    ws: Sheet, row: int, definitions: Definitions, rounds: list[RoundRecords]
) -> int:
    fw = definitions.framework(rounds[0].round.framework)
    stage_texts = list(template_a_table(fw, {})["Stage"].cat.categories)
    rows = []
    for r in rounds:
        counts = template_a_table(fw, r.records)["Stage"].value_counts()
        rows.append([r.round.held_on, *(int(counts.get(text, 0)) for text in stage_texts)])
    end = ws.table(["Round held on", *stage_texts], rows, row)

    bars = Bars(
        "Challenges at each stage, round by round",
        "Round",
        "Challenges",
        ["41B6E6", "005EB8", "003087", "AEB7BD", "FFFFFF"],
        across=False,
    )
    count = len(stage_texts)
    ws.chart(lambda sheet: stacked_bars(sheet, row, end, count, bars), f"A{end + 1}")
    ws.keep(row, end + 1)  # the table and the chart under it on one page
    return end + CHART_ROWS


def _measure_over_time(ws: Sheet, row: int, name: str, unit: str, frame) -> int:
    first, row = row, ws.heading(row, name)
    rows = frame[["Date", "Value", "Source", "Target"]].to_numpy().tolist()
    end = ws.table(["Date", f"Value ({unit})", "Source", "Target"], rows, row)
    ws.keep(first, end - 1)  # the heading, its table and the chart beside it on one page

    def chart(sheet) -> LineChart:
        made = LineChart()  # untitled: the heading above its table names the goal in full
        made.legend.position = "b"
        made.y_axis.title = unit
        made.x_axis = DateAxis(crossAx=100)
        made.x_axis.number_format, made.x_axis.majorTimeUnit = "mm/yyyy", "months"
        made.x_axis.majorUnit = 3  # a label a quarter: monthly figures would crowd the axis
        made.y_axis.delete = made.x_axis.delete = False
        for column in (2, 4):
            made.add_data(
                Reference(sheet, min_col=column, min_row=row, max_row=end - 1),
                titles_from_data=True,
            )
        made.set_categories(Reference(sheet, min_col=1, min_row=row + 1, max_row=end - 1))
        for series, colour in zip(made.series, LINE_COLOURS, strict=True):
            series.graphicalProperties.line.solidFill = colour
            series.graphicalProperties.line.width = 28575  # 2.25 pt
            series.marker.symbol = "circle"
            series.smooth = False  # straight from figure to figure: a curve overshoots them
        made.series[1].graphicalProperties.line.dashStyle = "dash"  # the target: not only red
        made.series[1].marker.symbol = "none"
        made.width, made.height = 18, 7.5
        return made

    ws.chart(chart, f"F{row}")  # beside its table, so a goal takes half a page, not two
    return max(end, row + CHART_ROWS)


def stage_name(definitions: Definitions, framework: str, stage: int) -> str:
    fw = definitions.frameworks.get(framework)
    names = {s.number: s.name for s in (fw.stages or ())} if fw else {}
    return f"{stage} {names[stage]}" if stage in names else f"Stage {stage}"


def _figure(value: float | None, word: str, when) -> str:
    if value is None:
        return ""
    return f"{value:g} {word} {when:%d/%m/%Y}" if when else f"{value:g}"


def _lead(lead) -> str:
    return ", ".join(part for part in (lead.name, lead.role) if part)
