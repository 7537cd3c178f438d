"""The measures page's forms: one period's figure, or "not available" with why, kept as typed
across pages (`kit.stored_form`) and saved over the version read, so a figure someone else saved
meanwhile is shown beside yours, never overwritten; and a CSV file of many figures, checked
by the same rules and saved all or nothing, with a template to fill in."""

from __future__ import annotations

from datetime import date

import streamlit as st

from assessments.analytics import trip_status
from assessments.records import Actor, Organisation, Team
from assessments.records.measures import MeasureValue, Period, PeriodKind
from assessments.records.portfolio import PortfolioFilters
from assessments.rules.errors import ServiceError
from assessments.rules.measures import COLUMNS, OPTIONAL, template_csv
from framework.model import Indicator
from pages.kit import ui
from pages.kit.stored_form import StoredForm

FIELDS = ("status", "value", "reason", "target", "note")
FIGURE, GAP = "figure", "not-available"
STATUSES = {FIGURE: "A figure", GAP: "Not available"}
PERIODS_OFFERED = {PeriodKind.MONTH: 36, PeriodKind.QUARTER: 12}


def record_form(
    svc, actor: Actor, provider: Organisation, team: Team | None, indicator: Indicator,
    kind: PeriodKind, values: list[MeasureValue],
) -> None:  # fmt: skip
    st.header("Record a figure", anchor=False)
    periods = _periods(svc.today(), kind)
    by_start = {v.period.start: v for v in values if v.period.kind == kind}
    starts = [p.start.isoformat() for p in periods]
    labels = {p.start.isoformat(): p.label for p in periods}
    chosen = st.selectbox(
        "Period", starts, index=min(1, len(starts) - 1), format_func=labels.get,
        key=f"measure:period:{kind.value}",
    )  # fmt: skip
    period = Period(date.fromisoformat(chosen), kind)
    st.caption(_period_state(period, by_start.get(period.start)))
    team_id = team.id if team else None
    record = (provider.id, team_id, indicator.id, kind.value, chosen)
    form = StoredForm("measure", FIELDS)
    stored = by_start.get(period.start)
    earlier = [
        v.target
        for v in values
        if v.period.kind == kind and v.period < period and v.target is not None
    ]
    version, shown = _fields(stored, earlier[-1] if earlier else None)
    if indicator.id == trip_status.INDICATOR and team is None:
        # This tool counts it from its own TRIP records: offered as today's figure, never saved
        # until someone saves it.
        filters = PortfolioFilters(framework="", providers=(provider.id,))
        today = trip_status.current_trips(svc.trip_status.teams_by_trip(filters))
        st.caption(f"From this tool's TRIP records today: {today.sentence}.")
        if stored is None:
            shown["value"] = str(today.current)

    def save(version: int) -> tuple[int, dict]:
        typed = form.typed()
        common = {"target": typed["target"], "note": typed["note"], "team_id": team_id}
        if typed["status"] == FIGURE:
            saved = svc.measures.record_value(
                actor, provider.id, indicator.id, period, version, value=typed["value"], **common
            )
            said = f"{saved.value:,.10g}"
        else:
            saved = svc.measures.record_not_available(
                actor, provider.id, indicator.id, period, version, reason=typed["reason"], **common
            )
            said = "not available"
        ui.tell("measure:told", f"Saved {period.label}: {said}.")
        return _fields(saved, None)

    def fresh() -> tuple[int, dict]:
        now = svc.measures.measure_values(provider.id, team_id=team_id, indicator_id=indicator.id)
        found = next((v for v in now if v.period == period), None)
        return _fields(found, None)

    with form.showing(record, version, shown), st.container(border=True, key="measure-form"):
        st.radio(
            "What is there to record?", list(STATUSES), format_func=STATUSES.get,
            horizontal=True, **form.bind("status"),
        )  # fmt: skip
        row = st.container(horizontal=True)
        row.text_input(f"Figure ({indicator.unit})", **form.bind("value"))
        row.text_input("Target for this period", **form.bind("target"))
        st.text_input(
            "Why it is not available (when it is not)",
            help="Such as 'not collected this month' or 'the system was changed'.",
            max_chars=400,
            **form.bind("reason"),
        )
        st.text_area("Note", help=ui.NO_NAMES, height=68, **form.bind("note"))
        ui.save_button(form, f"Save {period.label}", "measure:save", save, fresh)


def csv_import(svc, actor: Actor, provider: Organisation) -> None:
    with st.expander("Import many figures from a CSV file", icon=":material/upload_file:"):
        st.caption(
            f"One row per figure, with the columns {', '.join((*COLUMNS, *OPTIONAL))}. Leave team "
            "empty for the provider as a whole; give the indicator's id (on The framework page); "
            "the period as its first month (2026-04), month or quarter; either the value or why "
            "it is not available. Every row is checked first: if any is wrong, nothing is saved "
            "and each problem is listed by line. A row for a period already recorded replaces it."
        )
        st.download_button(
            "Download a CSV template",
            template_csv(),
            file_name="measures-template.csv",
            mime="text/csv",
            icon=":material/download:",
            key="measure:template",
        )
        upload = st.file_uploader("CSV file", type=["csv"], key="measure:upload")

        def import_file() -> None:
            if upload is None:
                raise ServiceError("Choose a CSV file first.", "file")
            count = svc.measures.import_csv(actor, provider.id, upload.getvalue())
            ui.tell(
                "measure:told",
                f"Imported {count.rows} row(s) from {upload.name}: {count.added} new, "
                f"{count.replaced} replaced, {count.unchanged} unchanged.",
            )

        ui.submit("Import the file", "measure:import", import_file, icon=":material/upload:")


def _fields(value: MeasureValue | None, target: float | None) -> tuple[int, dict]:
    """The form's fields for a stored value (its version), or for none yet (version 0, with
    the last target before it offered)."""
    if value is None:
        shown = {"status": FIGURE, "value": "", "reason": "", "note": ""}
        return 0, {**shown, "target": _number(target)}
    return value.version, {
        "status": FIGURE if value.available else GAP,
        "value": _number(value.value),
        "reason": value.reason,
        "target": _number(value.target),
        "note": value.note,
    }


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.10g}"


def _periods(today: date, kind: PeriodKind) -> list[Period]:
    """The periods begun by today, newest first: the current one, then back."""
    months = 1 if kind == PeriodKind.MONTH else 3
    month = (today.month - 1) // months * months + 1
    start = Period(date(today.year, month, 1), kind)
    found = []
    for _ in range(PERIODS_OFFERED[kind]):
        found.append(start)
        back = start.start.month - 1 - months
        start = Period(date(start.start.year + back // 12, back % 12 + 1, 1), kind)
    return found


def _period_state(period: Period, found: MeasureValue | None) -> str:
    """What is stored for the period, in words: told beside the form, not in the choice's
    label (a label changed by a save can stay on screen as it was)."""
    if found is None:
        return f"Nothing recorded yet for {period.label}."
    said = f"{found.value:,.10g}" if found.available else "not available"
    by = f" by {ui.as_text(found.recorded_by)}" if found.recorded_by else ""
    when = f" on {found.updated_at:%d %b %Y}" if found.updated_at else ""
    return f"{period.label} is recorded as {said}{by}{when}; a save here changes it."
