"""The board report, reopened with openpyxl as an analyst or a board secretary would find it:
its sheets in order, Template A as on paper, a Template B per priority, native charts, print
settings, and no cell that could run as a formula."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.chart import BarChart, LineChart

from assessments import store
from assessments.records import Answer
from assessments.service import Service
from exports.__main__ import main as exports_main
from exports.board_report import ReportScope, ScopeError, book, build_report, report_filename
from exports.board_report.sheet import Report
from tests.demo_store import load_demo_copy

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)  # the service fixture's today
RISKY = ('=HYPERLINK("http://x")', "+44 20 7946 0000", "-2 since May", "@SUM(A1)", "=1+1")


@pytest.fixture
def demo(service):
    load_demo_copy(service, teams=3, rounds=2, today=TODAY)
    return service


def workbook(service, scope: str):
    return load_workbook(io.BytesIO(build_report(service, ReportScope.parse(scope))))


def first_team(service):
    return service.providers.teams()[0]


def test_a_teams_report_has_its_sheets_in_the_order_a_board_reads(demo):
    team = first_team(demo)
    book = workbook(demo, f"team:{team.id}")
    names = book.sheetnames
    assert names[:2] == ["Summary", "Template A"]
    template_b = [n for n in names if n.startswith("B ")]
    open_plans = [p for p in demo.plans.plans(team.organisation_id, team.id) if p.open]
    assert len(template_b) == len(open_plans) >= 1
    assert names[2 + len(template_b) :] == [
        "Progress",
        "TRIP",
        "Measures",
        "Data stages",
        "Data views",
        "Data measures",
        "Data TRIP",
    ]
    summary = [c.value for row in book["Summary"].iter_rows() for c in row if c.value]
    assert f"Recovery report: {team.name}" in summary[0]
    assert "The position in brief" in summary and "What moved since last time" in summary


def test_template_a_ticks_the_agreed_stage_like_the_paper_form(demo):
    team = first_team(demo)
    latest = next(
        r for r in demo.rounds.rounds(team.organisation_id, team.id) if r.status == "agreed"
    )
    records = demo.workshop.challenge_records(latest.id)
    ws = workbook(demo, f"team:{team.id}")["Template A"]
    assert ws["A2"].value.startswith("The team's own view on Template A, never compared")
    header = [c.value for c in ws[4]]
    assert header[:5] == [
        "No.",
        "Challenge",
        "Stage 1: Engagement",
        "Stage 2: Development",
        "Stage 3: Transformation",
    ]
    for row in ws.iter_rows(min_row=5, values_only=True):
        number, ticks = row[0], row[2:5]
        challenge = next(
            c for c in demo.definitions.framework(latest.framework).challenges if c.number == number
        )
        answer = records[challenge.id].answer
        expected = [("✓" if answer.agreed_stage == n else None) for n in (1, 2, 3)]
        assert [t or None for t in ticks] == expected
        if answer.not_agreed:
            assert row[-1].startswith("Not agreed")


def test_each_priority_has_a_template_b_with_status_in_words(demo):
    team = first_team(demo)
    book = workbook(demo, f"team:{team.id}")
    ws = book[next(n for n in book.sheetnames if n.startswith("B "))]
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    texts = [str(c.value) for c in cells]
    assert texts[0].startswith("Template B: ")
    assert "signed on" in texts[1] and "(commissioner)" in texts[1]
    for part in ("SMART goals", "Actions", "Reviews", "Commissioner lead", "Provider lead"):
        assert part in texts
    actions = texts.index("Status now")
    statuses = {"Not started", "On track", "At risk", "Overdue", "Done", "Dropped"}
    assert any(t in statuses for t in texts[actions:])
    assert not any(t.startswith(("✔", "➜", "⚠")) for t in texts)  # words, not symbols


def test_progress_has_native_charts_of_stages_and_measures(demo):
    team = first_team(demo)
    ws = workbook(demo, f"team:{team.id}")["Progress"]
    kinds = [type(chart) for chart in ws._charts]
    assert BarChart in kinds and LineChart in kinds
    bar = next(chart for chart in ws._charts if isinstance(chart, BarChart))
    assert bar.grouping == "stacked"  # counts of challenges at each stage, never a mean


def test_every_sheet_is_print_ready(demo):
    team = first_team(demo)
    book = workbook(demo, f"team:{team.id}")
    for ws in book:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0
        assert team.name in ws.oddHeader.left.text
        assert ws.oddFooter.right.text == "Page &P of &N"
        assert ws.print_area, ws.title
    ta = book["Template A"]
    assert ta.print_title_rows == "$4:$4" and ta.freeze_panes == "A5"
    assert book["Data stages"].print_title_rows == "$1:$1"
    # A sheet of several tables repeats its title rows, as no one table's header fits all.
    assert book["Summary"].print_title_rows == "$1:$2" and book["Summary"].freeze_panes == "A3"
    assert ta["A1"].font.name == "Arial" and ta["A1"].font.sz == 16
    assert ta["B5"].font.name == "Arial" and ta["B5"].font.sz == 11
    assert ta.column_dimensions["B"].width >= 30  # fitted, not Excel's default of 8.43


def test_user_text_that_looks_like_a_formula_is_stored_as_text(service, actor):
    org = service.providers.create_organisation(actor, "Formula Demo Trust (fictional)")
    team = service.providers.create_team(actor, org.id, "=cmd|' /C calc'!A0", "cmht", "@North")
    challenges = service.definitions.framework("imroc-challenges@2010").challenges
    service.workshop.create_round(
        actor,
        org.id,
        framework="imroc-challenges@2010",
        held_on=date(2026, 9, 1),
        facilitator="+Recovery lead",
        team_id=team.id,
        status="agreed",
        answers={
            c.id: Answer(agreed_stage=1, comments=text)
            for c, text in zip(challenges, RISKY, strict=False)
        },
    )
    for scope in (f"team:{team.id}", f"org:{org.id}", "portfolio"):
        book = workbook(service, scope)
        cells = [c for ws in book for row in ws.iter_rows() for c in row if c.value is not None]
        assert not [c.coordinate for c in cells if c.data_type == "f"], scope
        found = {c.value: c for c in cells if isinstance(c.value, str)}
        if scope.startswith("team"):
            for text in RISKY:
                assert found[text].data_type == "s" and found[text].quotePrefix, text
        assert found["=cmd|' /C calc'!A0"].data_type == "s", scope


def test_a_providers_report_is_its_own_round_and_its_teams_by_trip_never_a_team_league(demo):
    org = demo.providers.organisations()[0]
    book = workbook(demo, f"org:{org.id}")
    # Template A is the provider's own round, never one of its teams'.
    own = [r for r in demo.rounds.rounds(org.id) if r.team_id is None and r.status == "agreed"]
    assert f"{own[0].held_on:%d %B %Y}" in book["Template A"]["A2"].value
    progress = book["Progress"]
    assert progress["A4"].value == "Round held on"
    held = [row[0] for row in progress.iter_rows(min_row=5, max_col=1, values_only=True)]
    held = [h.date() if h else None for h in held[: len(own) + 1]]  # Excel keeps date-times
    assert held == [*(r.held_on for r in reversed(own)), None]
    # Its teams are seen by their TRIP; no sheet sets them side by side on Template A stages.
    assert "Teams by TRIP" in book.sheetnames and "Comparison" not in book.sheetnames


def test_the_portfolio_report_compares_providers_with_a_conditional_fill(demo):
    book = workbook(demo, "portfolio")
    ws = book["Comparison"]
    header = [c.value for c in ws[4]]
    assert header[:4] == ["Provider", "Kind", "Rating", "Latest round"]
    assert header[-1] == "Moderated differently on"
    stages = {
        v
        for row in ws.iter_rows(
            min_row=5, min_col=header.index("Latest round") + 2, max_col=len(header) - 1,
            values_only=True,
        )
        for v in row
    }  # fmt: skip
    assert stages <= {
        "1 Engagement",
        "2 Development",
        "3 Transformation",
        "Not agreed",
        "Not recorded",
        "Not moderated",
    }
    rules = [rule for cf in ws.conditional_formatting for rule in cf.rules]
    assert len(rules) == 4 and all(rule.dxf.fill is not None for rule in rules)
    assert ws.freeze_panes == "D5"  # the provider and its rating stay in view


def test_the_portfolio_report_keeps_small_group_counts_out(demo):
    book = workbook(demo, "portfolio")
    assert book.sheetnames[0] == "Summary" and book.sheetnames[-1] == "Data stages"
    assert "Comparison" in book.sheetnames
    data = book["Data stages"]
    assert [c.value for c in data[1]][:5] == ["Provider", "Kind", "Round", "Held on", "Framework"]
    summary = [c.value for row in book["Summary"].iter_rows() for c in row if c.value]
    assert "Movement since each provider's baseline" in summary


def test_scopes_and_file_names(demo):
    assert ReportScope.parse("team:12") == ReportScope("team", 12)
    assert ReportScope.parse(" portfolio ") == ReportScope("portfolio")
    for bad in ("team", "org:x", "teams:1", ""):
        with pytest.raises(ScopeError, match="give team:ID, org:ID"):
            ReportScope.parse(bad)
    with pytest.raises(ScopeError, match="No report for team:999"):
        build_report(demo, ReportScope("team", 999))
    name = report_filename("Ward 1/2: Café <Nord> \\ ..", date(2026, 12, 2))
    assert name == "recovery-report-ward-1-2-cafe-nord-2026-12-02.xlsx"
    assert report_filename("///", date(2026, 12, 2)) == "recovery-report-scope-2026-12-02.xlsx"


def test_progress_is_reported_while_the_workbook_is_built(demo):
    said = []
    build_report(demo, ReportScope("portfolio"), progress=lambda share, what: said.append(share))
    assert said == sorted(said) and said[0] > 0 and said[-1] == 1.0


def test_text_starting_with_a_tab_or_carriage_return_is_text_too():
    report = Report("Scope", TODAY)
    sheet = report.sheet("Texts")
    texts = ("\tcmd", "\rcmd", "=A1", "plain")
    for n, text in enumerate(texts, 1):
        sheet.put(n, 1, text)
    ws = load_workbook(io.BytesIO(book.write(report)))["Texts"]
    for n, text in enumerate(texts, 1):
        cell = ws.cell(row=n, column=1)
        # XML reads a lone carriage return back as a line end: still text, never run.
        assert cell.data_type == "s" and cell.value == text.replace("\r", "\n")
        assert cell.quotePrefix == (text != "plain")


def test_the_command_line_writes_the_report_and_says_what_it_wrote(
    tmp_path, definitions, monkeypatch, capsys
):
    url = f"sqlite:///{tmp_path / 'recovery.db'}"
    service = Service(store.open_store(url), definitions, today=lambda: TODAY)
    load_demo_copy(service, teams=2, rounds=2, today=TODAY)
    team = first_team(service)
    service.engine.dispose()

    # The command itself, in a process of its own.
    out = tmp_path / "board.xlsx"
    env = {**os.environ, "RECOVERY_DATABASE_URL": url}
    command = [sys.executable, "-m", "exports", "report", "--scope", f"team:{team.id}"]
    done = subprocess.run(
        [*command, "--out", str(out)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Wrote {out}") and "Summary, Template A" in done.stdout
    assert load_workbook(out).sheetnames[0] == "Summary"
    # Its refusals: the exit code and the words are main's, asked in this process.
    monkeypatch.setenv("RECOVERY_DATABASE_URL", url)
    assert exports_main(["report", "--scope", "team", "--out", str(out)]) == 2
    refused = capsys.readouterr().err
    assert "give team:ID, org:ID" in refused and "Traceback" not in refused
    assert exports_main(["report", "--scope", "org:99", "--out", str(out)]) == 2
    assert "No report for org:99" in capsys.readouterr().err


def test_a_long_name_full_of_ampersands_fits_excels_255_character_headers(service, actor):
    name = ("Trust & Partners " * 12)[:200].strip()
    org = service.providers.create_organisation(actor, name)
    for ws in workbook(service, f"org:{org.id}"):
        header, footer = str(ws.oddHeader), str(ws.oddFooter)
        assert len(header) <= 255 and len(footer) <= 255, ws.title
        assert ws.oddHeader.left.text.startswith("Trust && Partners") and "…" in header
