"""The measures commissioners contract on, for one provider or one of its services (a team):
an indicator's figures period by period against their targets, with the gaps shown as gaps,
as an XmR chart in the "Making Data Count" style and as a table; for those who record them, a
form for one period and a CSV file for many. The provider, team, indicator and kind of period
live in the URL, so a refresh or a shared link opens the same series."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from assessments.analytics.xmr import (
    NOT_RECORDED,
    RECORDED,
    XMR_MIN_POINTS,
    series_frame,
    signal_sentences,
)
from assessments.charts.xmr import xmr_figure
from assessments.records.measures import NOT_AVAILABLE, PeriodKind
from assessments.rules.permissions import Do
from pages.kit import chart, context, printable, terms, ui
from pages.kit.recorder import who_is_recording
from pages.portfolio import measures_parts as parts

CHART = {"displayModeBar": False}
KINDS = {PeriodKind.MONTH.value: "Months", PeriodKind.QUARTER.value: "Quarters"}

ui.start_page()
svc = ui.service()
st.title("Measures", help=terms.explain("indicator", "spc"))
st.caption(
    "The figures a contract names, period by period, for a provider or one of its services. "
    "NHS England's commissioner guidance for adult community mental health rehabilitation "
    "services (2025) asks for clear performance indicators in contracts, for figures watched "
    "over time, and for missing data to be raised as a finding: so a figure that is not "
    "available is recorded as such, with why, and shown as a gap, never as a zero."
)
where, scope = st.columns(2)  # side by side: the chart comes sooner on a projector
with where:
    provider = context.current_provider(svc)
with scope:
    team = context.current_team(svc, provider)
indicators = {i.id: i for i in svc.definitions.indicators}
ids = list(indicators)
left, right = st.columns([3, 1], vertical_alignment="bottom")
chosen = left.selectbox(
    "Indicator",
    ids,
    index=ids.index(context.url_choice("indicator", ids, ids[0])),
    format_func=lambda i: f"{indicators[i].name} ({indicators[i].unit})",
    key="measure:indicator",
)
context.keep_in_url("indicator", chosen)
indicator = indicators[chosen]
with right:
    kind = PeriodKind(context.url_segments("Periods", KINDS, "periods", "measure:kind", "visible"))
better = {"higher": "higher is better", "lower": "lower is better"}.get(
    indicator.direction.value, "watched for change: neither way is better in itself"
)
st.caption(
    f"{ui.as_text(indicator.description or indicator.name)} Unit: {ui.as_text(indicator.unit)}; "
    f"{better}. Data source: {ui.as_text(indicator.data_source)}."
)

team_id = team.id if team else None
place = team.name if team else provider.name
values = svc.measures.measure_values(provider.id, team_id=team_id, indicator_id=indicator.id)
frame = series_frame(values, kind, indicator.direction.value)
ui.show_told("measure:told")

chart_tab, table_tab = printable.tabs(["XmR chart", "Table"])
with chart_tab:
    figures = int((frame["Status"] == RECORDED).sum())
    fig = xmr_figure(frame, f"{indicator.name}: {place}", indicator.unit)
    chart.show(fig, "measure:chart", CHART)
    if figures and figures < XMR_MIN_POINTS:
        st.caption(
            f"Process limits need {XMR_MIN_POINTS} figures; until then the chart shows the "
            "figures against the target only."
        )
    elif figures:
        said = signal_sentences(frame)
        st.markdown(
            "**Signals:** " + ("; ".join(said) + "." if said else "none: common variation only.")
        )
        st.caption(
            "Points inside the process limits vary as they always have; a point outside them, "
            "a run of 7 on one side of the mean, or 7 rising or falling in a row, is a signal "
            "worth asking about. Its shape and the legend say whether it is good news."
        )
with table_tab:
    if frame.empty:
        st.info(f"No {KINDS[kind].lower()} recorded yet for this indicator at {ui.as_text(place)}.")
    else:

        def figure_text(row) -> str:
            if row["Status"] == RECORDED:
                return f"{row['Value']:,.10g}"
            if row["Status"] == NOT_RECORDED:
                return "Not recorded"
            return f"{NOT_AVAILABLE}: {row['Reason']}"

        shown = pd.DataFrame(
            {
                "Period": frame["Period"].str.replace(" ", "\u00a0"),  # one line each
                "Figure": frame.apply(figure_text, axis=1),
                "Target": ["" if math.isnan(t) else f"{t:,.10g}" for t in frame["Target"]],
                "Signal": frame["Signal"],
                "Note": frame["Note"],
            }
        )
        if not frame["Note"].astype(bool).any():
            shown = shown.drop(columns="Note")
        ui.table(shown, hide_index=True)

actor = who_is_recording() if svc.may(Do.RECORD_MEASURES) else None
if actor is not None:
    parts.record_form(svc, actor, provider, team, indicator, kind, values)
    parts.csv_import(svc, actor, provider)
