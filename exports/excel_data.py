"""The board report's tidy data sheets for analysts: one row per observation, one column per
variable, the header in the first row, ids beside the words so a pivot table or a script can
join them. Stages are whole numbers (1-3) or empty, never averaged.

A provider's or team's own report carries its group views in full; the portfolio's carries the
agreed stages only, so no small group's count leaves the tool beside other providers' teams.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assessments.plan_records import Plan
from assessments.portfolio import PortfolioRecords
from assessments.progress import measure_frame
from assessments.records import TEMPLATE_A, Organisation, Team
from exports.excel_plans import plan_name
from exports.xlsx import table

if TYPE_CHECKING:
    from exports.excel import Report

STAGE_HEADERS = ["Provider", "Team", "Round id", "Held on", "Status", "Framework"]
STAGE_HEADERS += ["Challenge id", "No.", "Stage", "Not agreed", "Priority"]


def data_sheets(
    report: Report, team: Team | None, org: Organisation | None, records: PortfolioRecords | None
) -> None:
    if report.scope.kind == "portfolio":
        _portfolio_stages(report, records)
        return
    svc = report.service
    rounds = [
        r
        for r in svc.rounds(org.id, team.id if team else None)
        if not r.practice and r.kind == TEMPLATE_A
    ]
    teams = {t.id: t.name for t in svc.teams(org.id, include_archived=True)}
    stages, views = [], []
    for r in sorted(rounds, key=lambda r: (r.held_on, r.id)):
        fw = svc.definitions.framework(r.framework)
        numbers = {c.id: c.number for c in fw.challenges}
        where = [org.name, teams.get(r.team_id, "(whole provider)"), r.id, r.held_on]
        for cid, record in svc.challenge_records(r.id).items():
            a = record.answer
            agreed = [a.agreed_stage, "yes" if a.not_agreed else "", a.priority]
            stages.append([*where, r.status, r.framework, cid, numbers.get(cid), *agreed])
            for v in a.views:
                views += [[*where, cid, v.group, answer, n] for answer, n in v.counts.items() if n]
    _data(report, "Data stages", STAGE_HEADERS, stages)
    headers = ["Provider", "Team", "Round id", "Held on", "Challenge id", "Group id", "Answer"]
    _data(report, "Data views", [*headers, "People"], views)
    plans = svc.plans(org.id, team.id if team else None)
    if team is not None:
        plans += svc.trip_priorities(team.id)
    _measures(report, plans)
    if team is not None:
        _trip(report, team)


def _portfolio_stages(report: Report, records: PortfolioRecords | None) -> None:
    rows = []
    if records is not None and not records.teams.empty:
        teams = records.teams.set_index("team_id")
        rounds = records.rounds.set_index(["team_id", "role"])
        for s in records.stages.itertuples(index=False):
            team, held = teams.loc[s.team_id], rounds.loc[(s.team_id, s.role)]
            stage = None if str(s.stage) == "<NA>" else int(s.stage)
            where = [team["Provider"], team["Team"], team["Type"], team["Locality"], s.role]
            agreed = [stage, "yes" if s.not_agreed else ""]
            rows.append([*where, held["Held on"], held["framework"], s.challenge_id, *agreed])
    headers = ["Provider", "Team", "Team type", "Locality", "Round", "Held on", "Framework"]
    _data(report, "Data stages", [*headers, "Challenge id", "Stage", "Not agreed"], rows)


def _measures(report: Report, plans: list[Plan]) -> None:
    svc = report.service
    rows = []
    for plan in plans:
        content = (svc.plan_in_force(plan.id) or plan.latest).content
        measurements = svc.measurements(plan.id)
        for goal in content.goals:
            if goal.measure is None:
                continue
            for point in measure_frame(goal, measurements).itertuples(index=False):
                what = [plan.id, plan_name(svc, plan), goal.key, goal.statement]
                measure = [goal.measure.name, goal.measure.unit]
                target = [goal.target, goal.target_on]
                rows.append([*what, *measure, point.Date, point.Value, point.Source, *target])
    headers = ["Plan id", "Priority", "Goal key", "Goal", "Measure", "Unit", "Date", "Value"]
    _data(report, "Data measures", [*headers, "Source", "Target", "Target date"], rows)


def _trip(report: Report, team: Team) -> None:
    svc = report.service
    rows = []
    for r in sorted(svc.trip_rounds(team.id), key=lambda r: (r.held_on, r.id)):
        if r.practice:
            continue
        bset = svc.definitions.benchmark_set(r.framework)
        labels = {v.value: v.label for v in svc.definitions.scales[bset.scale].values}
        for sid, rated in svc.trip_ratings(r.id).items():
            group = bset.group_of(sid)
            value = rated.rating.value
            answer = labels.get(value, "") if value else "Not talked through"
            where = [team.name, r.id, r.held_on, r.framework]
            rows.append([*where, group.challenge if group else None, sid, value, answer])
    headers = ["Team", "Round id", "Held on", "Benchmark set", "Challenge id", "Statement id"]
    _data(report, "Data TRIP", [*headers, "Answer id", "Answer"], rows)


def _data(report: Report, name: str, headers: list[str], rows: list[list[object]]) -> None:
    ws = report.book.create_sheet(report.sheet_name(name))
    table(ws, headers, rows, start_row=1)
    report.finish(ws, header_row=1)
