"""The board report: one Excel workbook for a team, a provider, or the whole portfolio, built
from the records and the methodology, returned as bytes.

Sheets, in the order a board reads them: Summary (the position in brief, what moved since last
time, what is overdue, what reviews learned); Template A laid out like the methodology's form;
one Template B per open priority; Progress with native charts; TRIP; Comparison of teams; and
tidy long-format data sheets for analysts. Each sheet prints landscape, one page wide, with its
header row repeated (see `xlsx.py`). Values only, never formulas; no user text can run.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from assessments import portfolio_analytics as pa
from assessments.analytics import stage_number, template_a_table
from assessments.charts import STYLES
from assessments.portfolio import PortfolioFilters, PortfolioRecords
from assessments.portfolio_charts import NOT_AGREED_STYLE
from assessments.records import Organisation, Round, Team
from assessments.service import Service
from assessments.writes import ServiceError
from exports import excel_data, excel_plans, excel_trip
from exports.file_names import file_name
from exports.xlsx import HEADER_ROW, fit_columns, heading, print_ready, put, sheet_name, table
from exports.xlsx import title as sheet_title

Progress = Callable[[float, str], None]  # share done (0..1), what is being written
TICK = "✓"


class ScopeError(ValueError):
    """A scope the report cannot be built for, in words."""


@dataclass(frozen=True)
class ReportScope:
    kind: Literal["team", "org", "portfolio"]
    id: int | None = None

    @classmethod
    def parse(cls, text: str) -> ReportScope:
        """ "team:ID", "org:ID" or "portfolio"."""
        match = re.fullmatch(r"(team|org):(\d+)|(portfolio)", text.strip())
        if not match:
            raise ScopeError(
                f"'{text}' is not a scope: give team:ID, org:ID (a provider) or portfolio."
            )
        if match.group(3):
            return cls("portfolio")
        return cls(match.group(1), int(match.group(2)))  # type: ignore[arg-type]

    def __str__(self) -> str:
        return self.kind if self.id is None else f"{self.kind}:{self.id}"


@dataclass
class Report:
    """What every sheet builder needs: the service, the scope, its name, today, the book."""

    service: Service
    scope: ReportScope
    name: str
    today: date
    book: Workbook = field(default_factory=Workbook)
    names: set[str] = field(default_factory=set)

    def sheet_name(self, name: str) -> str:
        return sheet_name(name, self.names)

    def sheet(self, name: str, heading_text: str, subtitle: str) -> Worksheet:
        ws = self.book.create_sheet(self.sheet_name(name))
        sheet_title(ws, heading_text, subtitle)
        return ws

    def finish(
        self,
        ws: Worksheet,
        header_row: int | None = HEADER_ROW,
        widths: dict[int, int] | None = None,
        last_row: int | None = None,
        last_column: int | None = None,
    ) -> None:
        """Fit the columns and set up printing; `last_row` and `last_column` take the print
        area past the written cells, over charts drawn below or beside them."""
        fit_columns(ws, widths)
        print_ready(ws, self.name, self.today, header_row, last_row, last_column)


def build_report(
    service: Service,
    scope: ReportScope,
    progress: Progress | None = None,
    filters: PortfolioFilters | None = None,
) -> bytes:
    """The workbook for `scope` as .xlsx bytes. A portfolio report compares the teams
    `filters` choose (by default every team, on the most used framework version). Raises
    ScopeError for a team or provider that does not exist."""
    say = progress or (lambda share, what: None)
    team, org = _scope_records(service, scope)
    name = _scope_name(scope, team, org)
    report = Report(service, scope, name, service.today())
    report.book.remove(report.book.active)
    say(0.05, "Reading the records")
    records = _portfolio(service, scope, org, filters)
    steps: list[tuple[str, Callable[[], None]]] = [
        ("Summary", lambda: summary_sheet(report, team, org, records)),
    ]
    if scope.kind != "portfolio":
        rounds = own_rounds(service, org, team)
        agreed = [r for r in rounds if r.status == "agreed"]
        plans = [p for p in service.plans(org.id, team.id if team else None) if p.open]
        steps += [
            ("Template A", lambda: template_a_sheet(report, agreed[0] if agreed else None)),
            ("Template B", lambda: excel_plans.template_b_sheets(report, plans)),
            ("Progress", lambda: excel_plans.progress_sheet(report, rounds, plans)),
        ]
    steps += [("TRIP", lambda: excel_trip.trip_sheet(report, team, records))]
    if scope.kind != "team" and records is not None:
        steps.append(("Comparison", lambda: comparison_sheet(report, records)))
    steps.append(("Data", lambda: excel_data.data_sheets(report, team, org, records)))
    for n, (what, step) in enumerate(steps):
        say(0.1 + 0.8 * n / len(steps), f"Writing {what}")
        step()
    say(0.95, "Saving the workbook")
    out = io.BytesIO()
    report.book.save(out)
    say(1.0, "Done")
    return out.getvalue()


def report_filename(name: str, made_on: date) -> str:
    return file_name("recovery-report", name, made_on, "xlsx")


# --- Summary ---------------------------------------------------------------------------------


def summary_sheet(
    report: Report, team: Team | None, org: Organisation, records: PortfolioRecords | None
) -> None:
    svc = report.service
    ws = report.sheet(
        "Summary",
        f"Recovery report: {report.name}",
        f"Made on {report.today:%d %B %Y} from the records in this tool. Stages are "
        "1 Engagement, 2 Development, 3 Transformation; they are counted, never averaged.",
    )
    row = HEADER_ROW
    if report.scope.kind == "portfolio":
        row = _portfolio_position(ws, row, svc, records)
    else:
        rounds = [r for r in own_rounds(svc, org, team) if r.status == "agreed"]
        row = _position(ws, row, svc, rounds)
        plans = svc.plans(org.id, team.id if team else None)
        if team is not None:
            plans += svc.trip_priorities(team.id)
        row = _overdue(ws, row + 1, svc, plans)
        row = _learned(ws, row + 1, svc, plans)
    # Several small tables: the title rows repeat, as none of their headers is the page's.
    report.finish(ws, header_row=None, widths={1: 40})


def _position(ws: Worksheet, row: int, svc: Service, rounds: list[Round]) -> int:
    row = heading(ws, row, "The position in brief")
    if not rounds:
        put(ws, row, 1, "No agreed Template A round yet.")
        return row + 1
    latest = rounds[0]
    fw = svc.definitions.framework(latest.framework)
    now = template_a_table(fw, svc.challenge_records(latest.id))
    put(ws, row, 1, f"Latest agreed round: {latest.held_on:%d %B %Y}, {latest.people} people.")
    counts = now["Stage"].value_counts(sort=False)
    row = table(ws, ["Stage", "Challenges"], [[s, int(n)] for s, n in counts.items()], row + 1)
    row = heading(ws, row + 1, "What moved since last time")
    earlier = [r for r in rounds[1:] if r.framework == latest.framework]
    if not earlier:
        put(ws, row, 1, "This is the first agreed round: nothing to compare yet.")
        return row + 1
    before = template_a_table(fw, svc.challenge_records(earlier[0].id))
    put(ws, row, 1, f"Compared with the round of {earlier[0].held_on:%d %B %Y}.")
    rows = [
        [f"{no}. {name}", was, is_, _moved(was, is_)]
        for no, name, was, is_ in zip(
            now["No."], now["Challenge"], before["Stage"], now["Stage"], strict=True
        )
    ]
    return table(ws, ["Challenge", "Then", "Now", "Movement"], rows, row + 1)


def _moved(was: str, now: str) -> str:
    then_n, now_n = stage_number(str(was)), stage_number(str(now))
    if then_n is None or now_n is None:
        return pa.CANNOT_TELL
    return pa.MOVED_ON if now_n > then_n else pa.MOVED_BACK if now_n < then_n else pa.NOT_MOVED


def _overdue(ws: Worksheet, row: int, svc: Service, plans) -> int:
    row = heading(ws, row, "Overdue")
    due = svc.due_items(plans)
    if not due:
        put(ws, row, 1, "Nothing is overdue.")
        return row + 1
    names = {p.id: excel_plans.plan_name(svc, p) for p in plans}
    rows = [[names[pid], item] for pid, items in due.items() for item in items]
    return table(ws, ["Priority", "What is overdue"], rows, row)


def _learned(ws: Worksheet, row: int, svc: Service, plans, most: int = 10) -> int:
    row = heading(ws, row, "What the reviews learned")
    found = [
        (review.held_on, excel_plans.plan_name(svc, plan), review.learned.strip())
        for plan in plans
        for review in svc.reviews(plan.id)
        if review.learned.strip()
    ]
    if not found:
        put(ws, row, 1, "No review has recorded what it learned yet.")
        return row + 1
    found.sort(key=lambda f: f[0], reverse=True)
    rows = [[name, held, text] for held, name, text in found[:most]]
    return table(ws, ["Priority", "Review held on", "What we learned"], rows, row)


def _portfolio_position(
    ws: Worksheet, row: int, svc: Service, records: PortfolioRecords | None
) -> int:
    row = heading(ws, row, "The position in brief")
    if records is None or records.teams.empty:
        put(ws, row, 1, "No team has an agreed Template A round yet.")
        return row + 1
    fw = svc.definitions.framework(records.filters.framework)
    providers = records.teams["provider_id"].nunique()
    put(
        ws,
        row,
        1,
        f"{len(records.teams)} teams from {providers} providers, each at its latest agreed "
        f"Template A round; only records of {fw.title} are compared.",
    )
    counts = pa.stage_counts(fw, records).drop(columns="No.")
    counts["Challenge"] = [pa.challenge_label(fw, c) for c in counts.index]
    row = table(ws, list(counts.columns), counts.to_numpy().tolist(), row + 1)
    row = heading(ws, row + 1, "Movement since each team's baseline")
    moves = pa.movement_counts(fw, pa.movement(fw, records))
    row = table(ws, list(moves.columns), moves.to_numpy().tolist(), row)
    row = heading(ws, row + 1, "Needs attention: overdue reviews and goals off track")
    flagged = pa.needs_attention(records)
    if flagged.empty:
        put(ws, row, 1, "Nothing overdue or off track.")
        return row + 1
    return table(ws, list(flagged.columns), flagged.to_numpy().tolist(), row)


# --- Template A --------------------------------------------------------------------------------


def template_a_sheet(report: Report, round_: Round | None) -> None:
    svc = report.service
    if round_ is None:
        ws = report.sheet("Template A", "Template A", "No agreed Template A round yet.")
        report.finish(ws)
        return
    fw = svc.definitions.framework(round_.framework)
    frame = template_a_table(fw, svc.challenge_records(round_.id))
    ws = report.sheet(
        "Template A",
        f"Template A: {report.name}",
        f"Agreed at the round of {round_.held_on:%d %B %Y}, facilitated by {round_.facilitator}; "
        f"{round_.people} people took part; {fw.title}.",
    )
    stages = {s.number: f"Stage {s.number}: {s.name}" for s in fw.stages or ()}
    headers = ["No.", "Challenge", *stages.values(), "Priority for action (1-10)", "Comments"]
    rows = []
    for _, r in frame.iterrows():
        stage = stage_number(r["Stage"])
        ticks = [TICK if stage == n else "" for n in stages]
        comments = r["Comments"] if stage is not None else f"{r['Stage']}. {r['Comments']}"
        priority = None if r["Priority"] is None or str(r["Priority"]) == "<NA>" else r["Priority"]
        rows.append([int(r["No."]), r["Challenge"], *ticks, priority, comments.strip(". ")])
    table(ws, headers, rows)
    ticks = dict.fromkeys(range(3, 3 + len(stages)), 14)  # headers wrap over two lines
    report.finish(ws, widths={1: 5, 2: 40, **ticks, len(headers) - 1: 12, len(headers): 50})


# --- Comparison --------------------------------------------------------------------------------


def comparison_sheet(report: Report, records: PortfolioRecords) -> None:
    fw = report.service.definitions.framework(records.filters.framework)
    # A provider's report needs no provider column; the locality is in the data sheet.
    dropped = ["Locality"] + (["Provider"] if report.scope.kind == "org" else [])
    frame = pa.heat_map(fw, records).drop(columns=dropped)
    ws = report.sheet(
        "Comparison",
        "Teams and challenges",
        f"Each team's stage in its latest agreed round ({fw.title}); the fill repeats the "
        "words: light blue 1, blue 2, dark blue 3, grey not agreed.",
    )
    headers = list(frame.columns)
    end = table(ws, headers, frame.to_numpy().tolist())
    first = get_column_letter(headers.index("Latest round") + 2)
    last = get_column_letter(len(headers))
    cells = f"{first}{HEADER_ROW + 1}:{last}{max(end - 1, HEADER_ROW + 1)}"
    top = f"{first}{HEADER_ROW + 1}"
    for starts, style in (
        ("1", STYLES["Stage 1"]),
        ("2", STYLES["Stage 2"]),
        ("3", STYLES["Stage 3"]),
        ("Not agreed", NOT_AGREED_STYLE),
    ):
        ws.conditional_formatting.add(
            cells,
            FormulaRule(
                formula=[f'LEFT({top},{len(starts)})="{starts}"'],
                fill=PatternFill("solid", bgColor=style.colour.lstrip("#")),
                font=Font(color=style.text_colour.lstrip("#")),
            ),
        )
    stage_widths = {n: 17 for n in range(headers.index("Latest round") + 2, len(headers) + 1)}
    report.finish(ws, widths={1: 34, **stage_widths})
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=2).coordinate  # the team stays in view


# --- the scope ---------------------------------------------------------------------------------


def _scope_records(service: Service, scope: ReportScope) -> tuple[Team | None, Organisation]:
    try:
        if scope.kind == "team":
            team = service.team(scope.id)
            return team, service.organisation(team.organisation_id)
        if scope.kind == "org":
            return None, service.organisation(scope.id)
    except ServiceError as exc:
        raise ScopeError(f"No report for {scope}: {exc.message}") from exc
    return None, None  # type: ignore[return-value]


def own_rounds(service: Service, org: Organisation, team: Team | None) -> list[Round]:
    """The scope's own Template A rounds, newest first: a provider's report is about the
    provider as a whole; its teams' rounds are in Comparison and the data sheets."""
    team_id = team.id if team else None
    return [r for r in service.rounds(org.id, team_id) if r.team_id == team_id]


def _scope_name(scope: ReportScope, team: Team | None, org: Organisation | None) -> str:
    if team is not None:
        return f"{team.name}, {org.name}"
    return org.name if org is not None else "All providers and teams"


def _portfolio(
    service: Service,
    scope: ReportScope,
    org: Organisation | None,
    filters: PortfolioFilters | None,
) -> PortfolioRecords | None:
    """The teams compared: the provider's own for a provider, the filters' for a portfolio."""
    if scope.kind == "team":
        return None
    choices = service.portfolio_choices()
    if not choices.frameworks:
        return None
    chosen = filters or PortfolioFilters(framework=choices.frameworks[0])
    if org is not None:
        chosen = PortfolioFilters(framework=chosen.framework, providers=(org.id,))
    return service.portfolio(chosen)
