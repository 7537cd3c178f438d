"""The board report's first sheets: Summary (the position in brief, what moved since last
time, what is overdue, what the reviews learned), Template A laid out like the methodology's
form, and Comparison of providers (their own and moderated ratings) with a conditional fill.
Pure: report data in, sheets out."""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from assessments.analytics import portfolio as pa
from assessments.analytics.template_a import moderation_table, stage_number, template_a_table
from assessments.charts.portfolio import NOT_AGREED_STYLE
from assessments.charts.template_a import STYLES
from assessments.queries.report_data import BoardReportData, PlanRecords, RoundRecords
from assessments.records.portfolio import PortfolioRecords
from exports.board_report.charts import Bars, stacked_bars
from exports.board_report.sheet import HEADER_ROW, Report, Sheet

TICK = "✓"


def summary_sheet(report: Report, data: BoardReportData) -> None:
    ws = report.sheet(
        "Summary",
        f"Recovery report: {report.name}",
        f"Made on {report.today:%d %B %Y} from the records in this tool. Stages are "
        "1 Engagement, 2 Development, 3 Transformation; they are counted, never averaged.",
    )
    row = HEADER_ROW
    if data.scope.kind == "portfolio":
        row = _portfolio_position(ws, row, data, data.portfolio)
    else:
        row = _position(ws, row, data, data.agreed_rounds)
        plans = (*data.plans, *data.trip_priorities)
        row = _overdue(ws, row + 1, data, plans)
        row = _learned(ws, row + 1, plans)
    # Several small tables: the title rows repeat, as none of their headers is the page's.
    ws.finish(header_row=None, widths={1: 40})


def _position(ws: Sheet, row: int, data: BoardReportData, rounds: tuple[RoundRecords, ...]) -> int:
    row = ws.heading(row, "The position in brief")
    if not rounds:
        ws.put(row, 1, "No agreed Template A round yet.")
        return row + 1
    latest = rounds[0].round
    fw = data.definitions.framework(latest.framework)
    now = template_a_table(fw, rounds[0].records)
    ws.put(row, 1, f"Latest agreed round: {latest.held_on:%d %B %Y}, {latest.people} people.")
    counts = now["Stage"].value_counts(sort=False)
    row = ws.table(["Stage", "Challenges"], [[s, int(n)] for s, n in counts.items()], row + 1)
    row = ws.heading(row + 1, "What moved since last time")
    earlier = [r for r in rounds[1:] if r.round.framework == latest.framework]
    if not earlier:
        ws.put(row, 1, "This is the first agreed round: nothing to compare yet.")
        return row + 1
    before = template_a_table(fw, earlier[0].records)
    ws.put(row, 1, f"Compared with the round of {earlier[0].round.held_on:%d %B %Y}.")
    rows = [
        [f"{no}. {name}", was, is_, _moved(was, is_)]
        for no, name, was, is_ in zip(
            now["No."], now["Challenge"], before["Stage"], now["Stage"], strict=True
        )
    ]
    return ws.table(["Challenge", "Then", "Now", "Movement"], rows, row + 1)


def _moved(was: str, now: str) -> str:
    then_n, now_n = stage_number(str(was)), stage_number(str(now))
    if then_n is None or now_n is None:
        return pa.CANNOT_TELL
    return pa.MOVED_ON if now_n > then_n else pa.MOVED_BACK if now_n < then_n else pa.NOT_MOVED


def _overdue(ws: Sheet, row: int, data: BoardReportData, plans: tuple[PlanRecords, ...]) -> int:
    row = ws.heading(row, "Overdue")
    rows = [[p.name, item] for p in plans for item in p.overdue(data.today)]
    if not rows:
        ws.put(row, 1, "Nothing is overdue.")
        return row + 1
    return ws.table(["Priority", "What is overdue"], rows, row)


def _learned(ws: Sheet, row: int, plans: tuple[PlanRecords, ...], most: int = 10) -> int:
    row = ws.heading(row, "What the reviews learned")
    found = [
        (review.held_on, plan.name, review.learned.strip())
        for plan in plans
        for review in plan.reviews
        if review.learned.strip()
    ]
    if not found:
        ws.put(row, 1, "No review has recorded what it learned yet.")
        return row + 1
    found.sort(key=lambda f: f[0], reverse=True)
    rows = [[name, held, text] for held, name, text in found[:most]]
    return ws.table(["Priority", "Review held on", "What we learned"], rows, row)


def _portfolio_position(
    ws: Sheet, row: int, data: BoardReportData, records: PortfolioRecords | None
) -> int:
    row = ws.heading(row, "The position in brief")
    if records is None or records.providers.empty:
        ws.put(row, 1, "No provider has an agreed provider-wide Template A round yet.")
        return row + 1
    fw = data.definitions.framework(records.filters.framework)
    ws.put(
        row,
        1,
        f"{len(records.providers)} providers, each at its latest agreed provider-wide "
        f"Template A round; only records of {fw.title} are compared. Teams are never compared "
        "on Template A: see Teams by TRIP.",
    )
    counts = pa.stage_counts(fw, records).drop(columns="No.")
    counts["Challenge"] = [pa.challenge_label(fw, c) for c in counts.index]
    row = ws.table(list(counts.columns), counts.to_numpy().tolist(), row + 1)
    row = ws.heading(row + 1, "Movement since each provider's baseline")
    moves = pa.movement_counts(fw, pa.movement(fw, records))
    row = ws.table(list(moves.columns), moves.to_numpy().tolist(), row)
    row = ws.heading(row + 1, "Needs attention: overdue reviews and goals off track")
    flagged = pa.needs_attention(records)
    if flagged.empty:
        ws.put(row, 1, "Nothing overdue or off track.")
        return row + 1
    return ws.table(list(flagged.columns), flagged.to_numpy().tolist(), row)


# --- Template A --------------------------------------------------------------------------------


def template_a_sheet(report: Report, data: BoardReportData) -> None:
    agreed = data.agreed_rounds
    if not agreed:
        ws = report.sheet("Template A", "Template A", "No agreed Template A round yet.")
        ws.finish()
        return
    round_, records = agreed[0].round, agreed[0].records
    fw = data.definitions.framework(round_.framework)
    frame = template_a_table(fw, records)
    ws = report.sheet(
        "Template A",
        f"Template A: {report.name}",
        (
            "The team's own view on Template A, never compared with others. "
            if round_.own_view
            else ""
        )
        + f"Agreed at the round of {round_.held_on:%d %B %Y}, facilitated by {round_.facilitator}; "
        f"{round_.people} people took part; {fw.title}.",
    )
    stages = {s.number: f"Stage {s.number}: {s.name}" for s in fw.stages or ()}
    headers = ["No.", "Challenge", *stages.values(), "Priority for action (1-10)", "Comments"]
    rows = []
    for r in frame.itertuples(index=False):
        stage = stage_number(r.Stage)
        ticks = [TICK if stage == n else "" for n in stages]
        # No tick: the comments say why, leading with "Not agreed: ..." when the room said so.
        said = r.Comments.startswith(str(r.Stage))
        comments = r.Comments if stage is not None or said else f"{r.Stage}. {r.Comments}"
        priority = None if r.Priority is None or str(r.Priority) == "<NA>" else r.Priority
        rows.append([int(r[0]), r.Challenge, *ticks, priority, comments.strip(". ")])
    end = ws.table(headers, rows)
    moderated = moderation_table(fw, records)
    if not moderated.empty:  # beside the provider's own rating, never in its place
        start = ws.heading(end + 1, "Moderated ratings, beside the provider's own")
        ws.table(list(moderated.columns), moderated.values.tolist(), start)
    ticks = dict.fromkeys(range(3, 3 + len(stages)), 14)  # headers wrap over two lines
    ws.finish(widths={1: 5, 2: 40, **ticks, len(headers) - 1: 12, len(headers): 50})


# --- Comparison --------------------------------------------------------------------------------


def comparison_sheet(report: Report, data: BoardReportData, records: PortfolioRecords) -> None:
    fw = data.definitions.framework(records.filters.framework)
    frame = pa.heat_map(fw, records)
    ws = report.sheet(
        "Comparison",
        "Providers and challenges",
        f"Each provider's own stage in its latest agreed provider-wide round ({fw.title}), and "
        "under it any moderated stage; the fill repeats the words: light blue 1, blue 2, dark "
        "blue 3, grey not agreed. Teams are never compared on Template A.",
    )
    headers = list(frame.columns)
    end = ws.table(headers, frame.to_numpy().tolist())
    first = get_column_letter(headers.index("Latest round") + 2)
    last = get_column_letter(len(headers) - 1)  # the last column names differences
    cells = f"{first}{HEADER_ROW + 1}:{last}{max(end - 1, HEADER_ROW + 1)}"
    top = f"{first}{HEADER_ROW + 1}"
    for starts, style in (
        ("1", STYLES["Stage 1"]),
        ("2", STYLES["Stage 2"]),
        ("3", STYLES["Stage 3"]),
        ("Not agreed", NOT_AGREED_STYLE),
    ):
        rule = FormulaRule(
            formula=[f'LEFT({top},{len(starts)})="{starts}"'],
            fill=PatternFill("solid", bgColor=style.colour.lstrip("#")),
            font=Font(color=style.text_colour.lstrip("#")),
        )
        ws.rules.append((cells, rule))
    # As narrow as "Not moderated" allows: the whole grid prints one page wide, so every unit
    # of width spared makes its words larger.
    stage_widths = {n: 13 for n in range(headers.index("Latest round") + 2, len(headers))}
    ws.finish(widths={1: 24, 2: 13, 3: 10, **stage_widths, len(headers): 13})
    ws.freeze = f"D{HEADER_ROW + 1}"  # the provider and its rating stay in view


STAGES_CHART_ROWS = 25  # rows the chart of 11 cm covers, with a row to spare


def stage_counts_sheet(report: Report, data: BoardReportData, records: PortfolioRecords) -> None:
    """Beside Comparison: per challenge, how many providers are at each stage, in a table and
    a native stacked bar chart of it (the counts on the bars, the stages named in the legend;
    the colours are the screen's, but the words and numbers carry the meaning)."""
    fw = data.definitions.framework(records.filters.framework)
    ws = report.sheet(
        "Stages by challenge",
        "Providers at each stage, challenge by challenge",
        f"How many providers are at each stage of each challenge in their latest agreed "
        f"provider-wide round ({fw.title}), on their own rating: counted, never averaged nor "
        "ranked. Each bar is a challenge; each part of it a stage, with its count written on it.",
    )
    counts = pa.stage_counts(fw, records).drop(columns=["No.", "Challenge"])
    stages = list(counts.columns)
    rows = [
        [pa.challenge_label(fw, c), *(int(n) for n in values)]
        for c, values in zip(counts.index, counts.to_numpy().tolist(), strict=True)
    ]
    end = ws.table(["Challenge", *stages], rows)
    styles = [*(STYLES[f"Stage {n}"] for n in pa.stage_names(fw)), NOT_AGREED_STYLE]
    fills = [s.colour for s in styles] + ["#FFFFFF"]  # not recorded: an outline alone
    labels = [s.text_colour for s in styles] + ["#212B32"]
    most = len(records.providers)  # a bar of every provider fills the axis
    bars = Bars(
        "Providers at each stage", "Challenge", "Providers", fills, labels, height=11, most=most
    )
    ws.chart(lambda sheet: stacked_bars(sheet, HEADER_ROW, end, len(stages), bars), f"A{end + 1}")
    ws.keep(HEADER_ROW, end + 1)  # the table and the chart under it on one page
    widths = {1: 54, **dict.fromkeys(range(2, len(stages) + 2), 15)}
    ws.finish(widths=widths, last_row=end + STAGES_CHART_ROWS, last_column=len(stages) + 1)
