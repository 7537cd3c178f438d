"""The Template A summary of a round: the paper's table on screen, the agreed stages, the spread
of every group's views (a phone vote of fewer than 5 voters said as only that, never counted),
and the methodology's advice on which challenges to take up early."""

from __future__ import annotations

import streamlit as st

from assessments.analytics.small_groups import SUPPRESSED
from assessments.analytics.template_a import (
    early_attention,
    hidden_views,
    template_a_table,
    views_table,
)
from assessments.charts.template_a import agreed_stages_figure, views_overview_figure
from pages.kit import chart, context, printable, round_parts, routes, terms, ui
from pages.template_a import moderation_part

ui.start_page()
svc = ui.service()
round_ = context.current_round(svc)
fw = svc.definitions.framework(round_.framework)
records = svc.workshop.challenge_records(round_.id)

st.title("Template A summary", help=terms.explain("template-a", "stage", "priority"))
st.caption(ui.as_text(round_parts.label(svc, round_)))
round_parts.practice_banner(round_)
decided = sum(r.answer.decided for r in records.values())
if decided < len(records):
    st.info(
        f"{decided} of {len(records)} challenges are decided so far; the rest show as not decided."
    )

table = template_a_table(fw, records)
# The paper's table, as printed: every comment in full, a dash where no priority was given.
ui.table(
    table.assign(Priority=table["Priority"].astype("string").fillna("—")),
    hide_index=True,
)

moderation_part.show(svc, round_, fw, records)

advice = early_attention(fw, records)
if advice is not None:
    named = " and ".join(f"{c.number} ({c.short_title})" for c in advice.missing)
    st.info(
        f"Challenge{'s' if len(advice.missing) > 1 else ''} {named} "
        f"{'are' if len(advice.missing) > 1 else 'is'} not among the top {advice.at_most_open} "
        f"priorities. {advice.why}",
        icon=":material/lightbulb:",
    )

agreed, spread = printable.tabs(["Agreed stages", "Spread of views"])
with agreed:
    chart.show(agreed_stages_figure(table), "agreed", {"displayModeBar": False})
    with st.expander("As a table"):
        ui.table(table[["No.", "Challenge", "Stage"]], hide_index=True)
with spread:
    views = views_table(fw, svc.definitions.stakeholder_groups, records)
    hidden = hidden_views(fw, svc.definitions.stakeholder_groups, records)
    if views.empty and hidden.empty:
        st.info("No group's views were counted in this round.")
    elif not views.empty:
        chart.show(views_overview_figure(views), "views", {"displayModeBar": False})
        with st.expander("As a table"):
            printable.dataframe(
                views.drop(columns=["challenge_id", "group_id"], errors="ignore"), hide_index=True
            )
    if not hidden.empty:
        st.markdown(
            f"**Voted by phone, {SUPPRESSED} in the group:** the phones' votes are anonymous, so "
            "these groups' counts are not shown here or in any report, nor added in above."
        )
        ui.table(hidden, hide_index=True)

st.page_link(
    routes.WORKSHOP.path,
    label="Back to the workshop",
    icon=":material/co_present:",
    query_params={"round": str(round_.id)},
)
