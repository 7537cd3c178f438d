"""The board report's tidy data sheets for analysts: one row per observation, one column per
variable, the header in the first row, ids beside the words so a pivot table or a script can
join them. Stages are whole numbers (1-3) or empty, never averaged.

Group views (how many people of each stakeholder group saw each stage) are small numbers: a
team's report carries its own in full, a provider's report its own provider-wide rounds' (each
team's stay in that team's report), and the portfolio's none, so no small group's count leaves
the tool beside other teams. A phone vote of fewer than 5 voters is one row whose Answer is
"fewer than 5 (by phone)" and whose People is empty: the phones' votes are anonymous, and a
count of 2 would say how each of the 2 voted (a hand count, made in the open room, is exact).
Every team's agreed stages are in Data stages.
"""

from __future__ import annotations

from assessments.analytics.progress import measure_frame
from assessments.analytics.small_groups import shown
from assessments.queries.report_data import BoardReportData
from assessments.records import TEMPLATE_A
from exports.board_report.sheet import Report

STAGE_HEADERS = ["Provider", "Team", "Round id", "Held on", "Status", "Framework"]
STAGE_HEADERS += ["Challenge id", "No.", "Stage", "Not agreed", "Priority"]


def data_sheets(report: Report, data: BoardReportData) -> None:
    if data.scope.kind == "portfolio":
        _portfolio_stages(report, data)
        return
    org = data.organisation
    rounds = [r for r in data.rounds if not r.round.practice and r.round.kind == TEMPLATE_A]
    stages, views = [], []
    for r in sorted(rounds, key=lambda r: (r.round.held_on, r.round.id)):
        round_ = r.round
        fw = data.definitions.frameworks.get(round_.framework)
        numbers = {c.id: c.number for c in fw.challenges} if fw else {}
        team = data.team_names.get(round_.team_id, "(whole provider)")
        where = [org.name, team, round_.id, round_.held_on]
        for cid, record in r.records.items():
            a = record.answer
            agreed = [a.agreed_stage, "yes" if a.not_agreed else "", a.priority]
            stages.append([*where, round_.status, round_.framework, cid, numbers.get(cid), *agreed])
            for v in a.views:
                seen = shown(v)
                if seen.suppressed:  # a phone vote of fewer than 5: said, never counted
                    views.append([*where, cid, v.group, seen.text, None])
                    continue
                views += [[*where, cid, v.group, answer, n] for answer, n in v.counts.items() if n]
    _data(report, "Data stages", STAGE_HEADERS, stages)
    headers = ["Provider", "Team", "Round id", "Held on", "Challenge id", "Group id", "Answer"]
    _data(report, "Data views", [*headers, "People"], views)
    _measures(report, data)
    if data.team is not None:
        _trip(report, data)


def _portfolio_stages(report: Report, data: BoardReportData) -> None:
    rows = []
    records = data.portfolio
    if records is not None and not records.providers.empty:
        providers = {
            p.provider_id: [p.Provider, p.Kind] for p in records.providers.itertuples(index=False)
        }
        held = {
            (r.provider_id, r.role): [r[2], r.framework]  # "Held on", the round's framework
            for r in records.rounds.itertuples(index=False)
        }
        for s in records.stages.itertuples(index=False):
            stage = None if str(s.stage) == "<NA>" else int(s.stage)
            moderated = None if str(s.moderated) == "<NA>" else int(s.moderated)
            when, framework = held[(s.provider_id, s.role)]
            where = [*providers[s.provider_id], s.role, when, framework]
            rows.append([*where, s.challenge_id, stage, "yes" if s.not_agreed else "", moderated])
    headers = ["Provider", "Kind", "Round", "Held on", "Framework", "Challenge id", "Stage"]
    _data(report, "Data stages", [*headers, "Not agreed", "Moderated stage"], rows)


def _measures(report: Report, data: BoardReportData) -> None:
    rows = []
    for plan in (*data.plans, *data.trip_priorities):
        for goal in plan.content.goals:
            if goal.measure is None:
                continue
            for point in measure_frame(goal, plan.measurements).itertuples(index=False):
                what = [plan.plan.id, plan.name, goal.key, goal.statement]
                measure = [goal.measure.name, goal.measure.unit]
                target = [goal.target, goal.target_on]
                rows.append([*what, *measure, point.Date, point.Value, point.Source, *target])
    headers = ["Plan id", "Priority", "Goal key", "Goal", "Measure", "Unit", "Date", "Value"]
    _data(report, "Data measures", [*headers, "Source", "Target", "Target date"], rows)


def _trip(report: Report, data: BoardReportData) -> None:
    definitions, team = data.definitions, data.team
    rows = []
    for r in sorted(data.trip_rounds, key=lambda r: (r.round.held_on, r.round.id)):
        if r.round.practice:
            continue
        bset = definitions.benchmark_set(r.round.framework)
        labels = {v.value: v.label for v in definitions.scales[bset.scale].values}
        for sid, rated in r.ratings.items():
            group = bset.group_of(sid)
            value = rated.rating.value
            answer = labels.get(value, "") if value else "Not talked through"
            where = [team.name, r.round.id, r.round.held_on, r.round.framework]
            rows.append([*where, group.challenge if group else None, sid, value, answer])
    headers = ["Team", "Round id", "Held on", "Benchmark set", "Challenge id", "Statement id"]
    _data(report, "Data TRIP", [*headers, "Answer id", "Answer"], rows)


def _data(report: Report, name: str, headers: list[str], rows: list[list[object]]) -> None:
    ws = report.sheet(name)
    ws.table(headers, rows, start_row=1)
    ws.finish(header_row=1)
