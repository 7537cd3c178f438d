"""The commissioner's portfolio: many teams side by side. Filters narrow the teams; one view at
a time shows where each team stands, how many are at each stage, who moved since their
baseline, the common priorities, what needs attention, a team beside its peers, and how the
groups saw each challenge. The filters and the view live in the URL, so a link or a refresh
shows the same picture. Stages are counted, never averaged, and no team gets a score."""

from __future__ import annotations

import streamlit as st

from assessments.analytics import portfolio as pa
from assessments.charts.portfolio import peers_figure, stage_counts_figure, stage_marks
from assessments.records.portfolio import PortfolioFilters, PortfolioRecords
from pages.kit import context, routes, ui
from pages.portfolio.filters_in_url import keep_dates_in_url, keep_in_url, url_dates, url_list

VIEWS = {
    "heat-map": "Heat map",
    "stages": "Stages",
    "movement": "Movement",
    "priorities": "Priorities",
    "attention": "Needs attention",
    "peers": "Team beside peers",
    "groups": "Groups' views",
}
CHART = {"displayModeBar": False}
SHOWN_NAMES = 8  # teams named in a sentence before "and N more"

ui.start_page()
svc = ui.service()
defs = svc.definitions
st.title("Portfolio")
st.caption(
    "Compare teams across providers: where each stands on the challenges, who has moved since "
    "their baseline, and where help is needed. Only agreed Template A rounds count; stages are "
    "counted, never averaged, and no team gets a score."
)
choices = ui.kept(svc.portfolio.portfolio_choices)
if not choices.frameworks:
    st.info(
        "No team has an agreed Template A round yet, so there is nothing to compare. Rounds "
        "count here once their status is agreed; practice rounds never do."
    )
    st.stop()


def one_provider(records: PortfolioRecords) -> dict:
    """Hide the Provider column when every team shown has the same one: the sentence above
    the view names it, and the room goes to what differs."""
    return {"Provider": None} if records.teams["provider_id"].nunique() == 1 else {}


def named(teams: list[str]) -> str:
    more = len(teams) - SHOWN_NAMES
    return ", ".join(teams[:SHOWN_NAMES]) + (f" and {more} more" if more > 0 else "")


def choose_version() -> tuple[str, bool]:
    left, right = st.columns(2, vertical_alignment="bottom")
    framework = left.selectbox(
        "Framework version",
        list(choices.frameworks),
        index=list(choices.frameworks).index(
            context.url_choice("framework", list(choices.frameworks), choices.frameworks[0])
        ),
        format_func=lambda ref: defs.framework(ref).title,
        key="pf-framework",
        on_change=keep_in_url,
        args=("framework",),
    )
    others = [
        ref for ref in svc.portfolio.compared_versions(framework) if ref in choices.frameworks
    ]
    mapped = right.checkbox(
        "Also compare records made with "
        + (" and ".join(defs.framework(r).title for r in others) or "other versions")
        + ", through the version mapping",
        value=st.query_params.get("mapped") == "yes" and bool(others),
        disabled=not others,
        help="Each challenge of one version is matched to the same challenge of the other, as "
        "the framework files map them.",
        key="pf-mapped",
        on_change=lambda: st.query_params.update(
            mapped="yes" if st.session_state["pf-mapped"] else "no"
        ),
    )
    return framework, mapped


def filters() -> PortfolioFilters:
    type_names = {t.id: t.name for t in defs.team_types}
    with st.container(border=True):
        left, middle, right = st.columns([3, 2, 2])
        providers = left.multiselect(
            "Providers",
            list(choices.providers),
            default=url_list("providers", list(choices.providers)),
            format_func=choices.providers.get,
            placeholder="Every provider",
            key="pf-providers",
            on_change=keep_in_url,
            args=("providers",),
        )
        localities = middle.multiselect(
            "Localities",
            list(choices.localities),
            default=url_list("localities", list(choices.localities)),
            placeholder="Every locality",
            key="pf-localities",
            on_change=keep_in_url,
            args=("localities",),
        )
        held = right.date_input(
            "Rounds held between",
            value=url_dates(choices.first_held, choices.last_held),
            min_value=choices.first_held,
            max_value=choices.last_held,
            format="DD/MM/YYYY",
            key="pf-held",
            on_change=keep_dates_in_url,
        )
        types = st.pills(
            "Team types (none chosen: every type)",
            list(choices.team_types),
            default=url_list("types", list(choices.team_types)),
            format_func=lambda t: ui.as_text(type_names[t]),  # pills read markdown
            selection_mode="multi",
            key="pf-types",
            on_change=keep_in_url,
            args=("types",),
        )
        # One version recorded: nothing to choose, and the sentence below names it.
        framework, mapped = choices.frameworks[0], False
        if len(choices.frameworks) > 1:
            framework, mapped = choose_version()
    start, end = held if len(held) == 2 else (choices.first_held, choices.last_held)
    return PortfolioFilters(
        framework=framework,
        mapped=mapped,
        providers=tuple(providers),
        team_types=tuple(types),
        localities=tuple(localities),
        held_from=start,
        held_to=end,
    )


def what_is_compared(records: PortfolioRecords) -> None:
    fw = defs.framework(records.filters.framework)
    providers = records.teams["provider_id"].nunique()
    teams = len(records.teams)
    only = f" ({ui.as_text(records.teams['Provider'].iloc[0])})" if providers == 1 else ""
    st.markdown(
        f"**{teams} team{'s' * (teams != 1)}** from **{providers} "
        f"provider{'s' * (providers != 1)}**{only}, each at its latest agreed Template A round "
        f"held between {ui.day(records.filters.held_from)} and {ui.day(records.filters.held_to)}"
        f". Only records of *{ui.as_text(fw.title)}* are compared; practice rounds and drafts "
        "are left out."
    )
    for ref in records.mapped_from:
        st.info(
            f"Records made with *{ui.as_text(defs.framework(ref).title)}* are included through "
            "the version mapping: each of its challenges is shown as the same challenge of "
            f"*{ui.as_text(fw.title)}*.",
            icon=":material/compare_arrows:",
        )
    if records.without_rounds:
        st.caption(
            f"Not shown, with no agreed round of this version in these dates: "
            f"{named(list(records.without_rounds))}."
        )


def heat_map(records: PortfolioRecords, fw) -> None:
    frame = pa.heat_map(fw, records)
    stage_columns = [pa.challenge_label(fw, c.id) for c in fw.challenges]
    # The stages first, beside the team's name: the rest of the row is for finding a team.
    frame = frame[["Team", *stage_columns, "Provider", "Type", "Locality", "Latest round"]]
    left, right = st.columns([2, 3], vertical_alignment="bottom")
    by = left.selectbox(
        "Sort by",
        ["Team", *stage_columns, "Provider", "Type", "Latest round"],
        format_func=lambda c: f"Stage on {c}, lowest first" if c in stage_columns else c,
        key="pf-sort",
    )
    if by in stage_columns:
        rank = {text: n for n, text in enumerate(pa.stage_texts(fw))}
        frame = frame.sort_values(by, key=lambda s: s.map(rank), kind="stable")
    else:
        frame = frame.sort_values(by, kind="stable")
    right.caption(
        "Each cell names the team's stage in its latest agreed round; hover over a number for "
        "its challenge. Select a team's row to open its Template A summary."
    )
    marks = stage_marks(pa.stage_texts(fw))
    st.caption("Key: " + " · ".join(f"**{ui.as_text(m.label)}**" for m in marks))
    # Each stage cell keeps its text as its value and is drawn as a tag in its stage's colour,
    # saying the stage in dots and words: no cell-by-cell styling is sent.
    challenge_columns = {
        label: st.column_config.MultiselectColumn(
            str(c.number),
            help=label,
            width=180,
            options=[m.text for m in marks],
            color=[m.colour for m in marks],
            format_func={m.text: m.label for m in marks}.get,
        )
        for label, c in zip(stage_columns, fw.challenges, strict=True)
    }
    chosen = st.dataframe(
        frame,
        hide_index=True,
        height=min(38 + 35 * len(frame), 640),
        on_select="rerun",
        selection_mode="single-row",
        key="pf-heat",
        column_config={
            "Team": st.column_config.TextColumn(pinned=True),
            "Latest round": st.column_config.DateColumn(format="DD/MM/YYYY"),
            **challenge_columns,
        },
    )
    rows = chosen.selection.rows
    if rows:
        team_id = frame.index[rows[0]]
        latest = records.rounds[(records.rounds["team_id"] == team_id)].iloc[-1]
        st.switch_page(routes.SUMMARY.path, query_params={"round": str(latest["round_id"])})


def stages(records: PortfolioRecords, fw) -> None:
    counts = pa.stage_counts(fw, records)
    st.plotly_chart(stage_counts_figure(counts, pa.stage_texts(fw)), config=CHART, key="pf-sc")
    with st.expander("As a table"):
        st.dataframe(counts, hide_index=True)


def movement(records: PortfolioRecords, fw) -> None:
    moves = pa.movement(fw, records)
    challenge = st.pills(
        "Challenge",
        [c.id for c in fw.challenges],
        format_func=lambda c: ui.as_text(pa.challenge_label(fw, c)),
        key="pf-move-challenge",
    )
    st.caption(
        "Each team's baseline is its first agreed round in these dates; its movement is from "
        "there to its latest. A team with one round is not reviewed yet."
    )
    if challenge is None:
        st.dataframe(pa.movement_counts(fw, moves), hide_index=True)
        return
    mine = moves[moves["challenge_id"] == challenge]
    st.subheader(pa.challenge_label(fw, challenge), anchor=False)
    st.markdown(" · ".join(f"**{m}**: {int((mine['Movement'] == m).sum())}" for m in pa.MOVEMENTS))
    shown = ["Team", "Provider", "Type", "Baseline", "Baseline held on", "Latest", "Latest held on"]
    for m in pa.MOVEMENTS:
        teams = mine[mine["Movement"] == m]
        if teams.empty:
            continue
        st.markdown(f"#### {m} ({len(teams)} team{'s' * (len(teams) != 1)})")
        # A team not reviewed has no baseline round: its Baseline says so in words, and the
        # date column it would leave empty (shown as "None") is left out.
        blank = [c for c in ("Baseline held on", "Latest held on") if teams[c].isna().all()]
        st.dataframe(
            teams[[c for c in shown if c not in blank]],
            hide_index=True,
            column_config={
                "Baseline held on": st.column_config.DateColumn(format="DD/MM/YYYY"),
                "Latest held on": st.column_config.DateColumn(format="DD/MM/YYYY"),
                **one_provider(records),
            },
        )


def priorities(records: PortfolioRecords, fw) -> None:
    common = pa.common_priorities(fw, records)
    st.caption(
        "Open priorities of these teams, by challenge: Template B priorities, and TRIP "
        "priorities under the challenge their benchmark statement belongs to."
    )
    if common.empty:
        st.info("None of these teams has an open priority.")
        return
    st.dataframe(common, hide_index=True)
    tied = pa.contracted(records)
    if not tied.empty:
        st.markdown(f"**Tied to a contract** ({len(tied)} of these priorities)")
        st.dataframe(tied, hide_index=True, column_config=one_provider(records))


def attention(records: PortfolioRecords) -> None:
    flagged = pa.needs_attention(records)
    overdue = int((flagged["Review overdue"] == "Yes").sum())
    off = int((flagged["Goals off track"] != "").sum())
    st.markdown(
        f"**{overdue}** open priorit{'ies' if overdue != 1 else 'y'} with an overdue review; "
        f"**{off}** with a goal off track."
    )
    if flagged.empty:
        st.success("Nothing overdue or off track among these teams.")
        return
    st.dataframe(
        flagged,
        hide_index=True,
        column_config={
            "Review due": st.column_config.DateColumn(format="DD/MM/YYYY"),
            **one_provider(records),
        },
    )


def peers(records: PortfolioRecords, fw) -> None:
    teams = records.teams
    labels = dict(
        zip(teams["team_id"], teams["Team"] + " (" + teams["Provider"] + ")", strict=True)
    )
    wanted = st.query_params.get("team", "")
    ids = list(labels)
    team_id = st.selectbox(
        "Team",
        ids,
        index=next((n for n, t in enumerate(ids) if str(t) == wanted), 0),
        format_func=labels.get,
        key="pf-peer-team",
        on_change=lambda: st.query_params.update(team=str(st.session_state["pf-peer-team"])),
    )
    kind = teams.set_index("team_id").at[team_id, "Type"]
    others = int((teams["Type"] == kind).sum()) - 1
    if others == 0:
        st.info(f"No other {kind.lower()} team is in these filters to compare with.")
        return
    st.caption(f"Beside the {others} other {kind.lower()} team{'s' * (others != 1)} shown.")
    frame = pa.peers(fw, records, team_id)
    name = teams.set_index("team_id").at[team_id, "Team"]
    st.plotly_chart(peers_figure(frame, pa.stage_texts(fw), name), config=CHART, key="pf-peer")
    with st.expander("As a table"):
        st.dataframe(frame, hide_index=True)


def group_views(records: PortfolioRecords, fw) -> None:
    st.caption(
        f"How many people in each group gave each answer, across these teams' latest rounds. "
        f"Where a group's view of a challenge rests on fewer than {pa.SMALL_NUMBER} people, "
        "its counts are hidden, so no one's view can be picked out."
    )
    frame = pa.group_views(fw, defs.stakeholder_groups, svc.portfolio.portfolio_views(records))
    hidden = int(frame["People"].isna().sum())
    if hidden:
        st.markdown(f"**{hidden}** group views hidden: each rests on {pa.SUPPRESSED} people.")
    # A suppressed count is missing: the grid says "fewer than 5" in its place.
    st.dataframe(frame, hide_index=True, height=560, placeholder=pa.SUPPRESSED)


chosen = filters()
if chosen.held_from > chosen.held_to:
    st.error("The first date is after the last: choose dates in order.")
    st.stop()
records = ui.kept(svc.portfolio.portfolio, chosen)
what_is_compared(records)
if records.teams.empty:
    st.info("No team in these filters has an agreed round in these dates.")
    st.stop()
fw = defs.framework(chosen.framework)
view = context.url_segments("View", VIEWS, "view", key="pf-view")
{
    "heat-map": lambda: heat_map(records, fw),
    "stages": lambda: stages(records, fw),
    "movement": lambda: movement(records, fw),
    "priorities": lambda: priorities(records, fw),
    "attention": lambda: attention(records),
    "peers": lambda: peers(records, fw),
    "groups": lambda: group_views(records, fw),
}[view]()
