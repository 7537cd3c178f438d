"""The commissioner's portfolio: providers side by side on Template A (their provider-wide
rounds, each with its moderated rating beside it), and teams by their TRIP. Filters narrow the
providers and teams; one view at a time shows where each provider stands, how many are at each
stage, who moved since their baseline, the teams by TRIP, the common priorities, what needs
attention, and how the groups saw each challenge. The filters and the view live in the URL, so
a link or a refresh shows the same picture. Stages are counted, never averaged; no one gets a
score, and teams are never compared on Template A (a team's own view stays its own)."""

from __future__ import annotations

import streamlit as st

from assessments.analytics import portfolio as pa
from assessments.charts.portfolio import stage_counts_figure, stage_marks
from assessments.records.portfolio import PortfolioFilters, PortfolioRecords
from pages.kit import chart, context, printable, routes, terms, ui
from pages.portfolio import grid, teams_by_trip
from pages.portfolio.filters_in_url import keep_dates_in_url, keep_in_url, url_dates, url_list

VIEWS = {
    "providers": "Providers by challenge",
    "stages": "Stages",
    "movement": "Movement",
    "trip": "Teams by TRIP",
    "priorities": "Priorities",
    "attention": "Needs attention",
    "groups": "Groups' views",
}
TEMPLATE_A_VIEWS = {"providers", "stages", "movement", "groups"}
CHART = {"displayModeBar": False}
SHOWN_NAMES = 8  # teams named in a sentence before "and N more"

ui.start_page()
svc = ui.service()
defs = svc.definitions
st.title("Portfolio", help=terms.explain("commissioner", "moderated-rating", "trip"))
st.caption(
    "Providers side by side on the ten challenges, from their agreed provider-wide Template A "
    "rounds with any moderated rating beside their own; teams by their TRIP and their "
    "priorities. Stages are counted, never averaged; no one gets a score, and teams are never "
    "compared on Template A."
)
choices = ui.kept(svc.portfolio.portfolio_choices)


def one_provider(frame) -> dict:
    """Hide the Provider column when every row shown has the same one: the sentence above the
    view names it, and the room goes to what differs."""
    return {"Provider": None} if frame["Provider"].nunique() == 1 else {}


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
    # Folded under one line that says what is chosen, so the comparison is on the first screen
    # of a projector. Keyed, so it stays open while its label follows the choices.
    chosen = {
        "provider": url_list("providers", list(choices.providers)),
        "locality": url_list("localities", list(choices.localities)),
        "team type": url_list("types", list(choices.team_types)),
    }
    said = [f"{len(v)} {k}{'s' * (len(v) != 1)}" for k, v in chosen.items() if v]
    if "held" in st.query_params:
        said.append("dates chosen")
    label = "Filters: " + (", ".join(said) if said else "every provider and team, every date")
    with st.expander(label, icon=":material/filter_list:", key="pf-filters"):
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
        held = ()
        if choices.frameworks:  # no provider round yet: no dates to choose between
            held = right.date_input(
                "Provider rounds held between",
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
        # One version recorded (or none): nothing to choose, and the sentence below names it.
        framework, mapped = (choices.frameworks or ("",))[0], False
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


def _short(label: str) -> str:
    """A stage's mark in a few characters: its dots and number ("●●○ 2"), or "– none" where the
    room did not agree one."""
    mark, _, words = label.partition(" ")
    return f"{mark} {words.split()[0]}" if words[:1].isdigit() else f"{mark} none"


def what_is_compared(records: PortfolioRecords) -> None:
    fw = defs.framework(records.filters.framework)
    providers = len(records.providers)
    only = f" ({ui.as_text(records.providers['Provider'].iloc[0])})" if providers == 1 else ""
    st.markdown(
        f"**{providers} provider{'s' * (providers != 1)}**{only}, each at its latest agreed "
        f"provider-wide Template A round held between {ui.day(records.filters.held_from)} and "
        f"{ui.day(records.filters.held_to)}. Only records of *{ui.as_text(fw.title)}* are "
        "compared; a team's own view, practice rounds and drafts are left out."
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
            "Not shown, with no agreed provider-wide round of this version in these dates: "
            f"{ui.as_text(named(list(records.without_rounds)))}."
        )


def providers_by_challenge(records: PortfolioRecords, fw) -> None:
    frame = pa.heat_map(fw, records)
    stage_columns = [pa.challenge_label(fw, c.id) for c in fw.challenges]
    # The ten challenges fit across a projected 1024 px screen beside the provider: each cell
    # says its stage in dots and its number ("●●○ 2"), the key gives the words, and a cell
    # with nothing recorded (or not moderated) is left empty.
    frame = frame[["Provider", "Rating", pa.DIFFERS, *stage_columns, "Kind", "Latest round"]]
    frame[stage_columns] = frame[stage_columns].replace(
        {pa.NOT_RECORDED: None, pa.NOT_MODERATED: None}
    )
    st.caption(
        "Each provider's own rating in its latest agreed provider-wide round and, under it, "
        "where a commissioner or a peer reviewer moderated that round, their rating, with the "
        "challenges where the two differ. Hover over a number for its challenge; select a row "
        "to open that round's summary, with the reasons."
    )
    marks = stage_marks(pa.stage_texts(fw)[:-1])  # "Not recorded" is an empty cell
    short = {m.text: _short(m.label) for m in marks}
    keys = [
        f"**{ui.as_text(m.label)}**" if m.text[:1].isdigit() else f"**{short[m.text]}**: not agreed"
        for m in marks
    ]
    st.caption("Key: " + " · ".join(keys) + " · an empty cell: nothing recorded, or not moderated")
    # Each stage cell keeps its text as its value and is drawn as a tag in its stage's colour:
    # no cell-by-cell styling is sent.
    challenge_columns = {
        label: st.column_config.MultiselectColumn(
            str(c.number),
            help=label,
            width=60,
            options=[m.text for m in marks],
            color=[m.colour for m in marks],
            format_func=short.get,
        )
        for label, c in zip(stage_columns, fw.challenges, strict=True)
    }
    # On paper, each stage cell in its words ("●●○ 2"), under its challenge's number.
    paper = frame.assign(**{c: frame[c].map(short.get) for c in stage_columns}).rename(
        columns={pa.DIFFERS: "Differs on"}
        | {label: str(c.number) for label, c in zip(stage_columns, fw.challenges, strict=True)}
    )
    chosen = printable.dataframe(
        frame,
        paper=paper,
        hide_index=True,
        row_height=grid.ROW_HEIGHT,
        height=grid.height(len(frame)),
        placeholder="",  # nothing recorded, or not moderated: the key says so
        on_select="rerun",
        selection_mode="single-row",
        key="pf-heat",
        column_config={
            "Provider": st.column_config.TextColumn(pinned=True, width=150),
            "Rating": st.column_config.TextColumn(pinned=True, width=80),
            pa.DIFFERS: st.column_config.TextColumn(
                "Differs on",
                width=74,
                help="The challenges where the moderated rating differs from the provider's own.",
            ),
            "Latest round": st.column_config.DateColumn(format="DD/MM/YYYY"),
            **challenge_columns,
        },
    )
    rows = chosen.selection.rows
    if rows:
        provider_id = frame.index[rows[0]]
        mine = records.rounds[records.rounds["provider_id"] == provider_id]
        st.switch_page(routes.SUMMARY.path, query_params={"round": str(mine.iloc[-1]["round_id"])})


def stages(records: PortfolioRecords, fw) -> None:
    counts = pa.stage_counts(fw, records)
    chart.show(stage_counts_figure(counts, pa.stage_texts(fw)), "pf-sc", CHART)
    with st.expander("As a table"):
        printable.dataframe(counts, hide_index=True)


def movement(records: PortfolioRecords, fw) -> None:
    moves = pa.movement(fw, records)
    challenge = st.pills(
        "Challenge",
        [c.id for c in fw.challenges],
        format_func=lambda c: ui.as_text(pa.challenge_label(fw, c)),
        key="pf-move-challenge",
    )
    st.caption(
        "Each provider's baseline is its first agreed provider-wide round in these dates; its "
        "movement, on its own rating, is from there to its latest. A provider with one round "
        "is not reviewed yet.",
        help=terms.explain("baseline"),
    )
    if challenge is None:
        printable.dataframe(pa.movement_counts(fw, moves), hide_index=True)
        return
    mine = moves[moves["challenge_id"] == challenge]
    st.header(pa.challenge_label(fw, challenge), anchor=False)
    st.markdown(" · ".join(f"**{m}**: {int((mine['Movement'] == m).sum())}" for m in pa.MOVEMENTS))
    shown = ["Provider", "Baseline", "Baseline held on", "Latest", "Latest held on"]
    for m in pa.MOVEMENTS:
        teams = mine[mine["Movement"] == m]
        if teams.empty:
            continue
        st.markdown(f"### {m} ({len(teams)} provider{'s' * (len(teams) != 1)})")
        # One not reviewed has no baseline round: its Baseline says so in words, and the date
        # column it would leave empty (shown as "None") is left out.
        blank = [c for c in ("Baseline held on", "Latest held on") if teams[c].isna().all()]
        printable.dataframe(
            teams[[c for c in shown if c not in blank]],
            hide_index=True,
            column_config={
                "Baseline held on": st.column_config.DateColumn(format="DD/MM/YYYY"),
                "Latest held on": st.column_config.DateColumn(format="DD/MM/YYYY"),
            },
        )


def priorities(records: PortfolioRecords, fw) -> None:
    common = pa.common_priorities(fw, records)
    st.caption(
        "Open priorities of these providers as a whole and of their teams, by challenge: "
        "Template B priorities, and TRIP priorities under the challenge their benchmark "
        "statement belongs to."
    )
    if common.empty:
        st.info("None of these providers or teams has an open priority.")
        return
    printable.dataframe(common, hide_index=True)
    tied = pa.contracted(records)
    if not tied.empty:
        st.markdown(f"**Tied to a contract** ({len(tied)} of these priorities)")
        printable.dataframe(tied, hide_index=True, column_config=one_provider(tied))


def attention(records: PortfolioRecords) -> None:
    flagged = pa.needs_attention(records)
    overdue = int((flagged["Review overdue"] == "Yes").sum())
    off = int((flagged["Goals off track"] != "").sum())
    st.markdown(
        f"**{overdue}** open priorit{'ies' if overdue != 1 else 'y'} with an overdue review; "
        f"**{off}** with a goal off track."
    )
    if flagged.empty:
        st.success("Nothing overdue or off track among these providers and teams.")
        return
    printable.dataframe(
        flagged,
        hide_index=True,
        column_config={
            "Review due": st.column_config.DateColumn(format="DD/MM/YYYY"),
            **one_provider(flagged),
        },
    )


def group_views(records: PortfolioRecords, fw) -> None:
    st.caption(
        "How many people in each group gave each answer, across these providers' latest "
        "provider-wide rounds. "
        f"Where a group's view of a challenge rests on fewer than {pa.SMALL_NUMBER} people, "
        "its counts are hidden, so no one's view can be picked out."
    )
    frame = pa.group_views(fw, defs.stakeholder_groups, svc.portfolio.portfolio_views(records))
    hidden = int(frame["People"].isna().sum())
    if hidden:
        st.markdown(f"**{hidden}** group views hidden: each rests on {pa.SUPPRESSED} people.")
    # A suppressed count is missing: the grid says "fewer than 5" in its place.
    printable.dataframe(frame, hide_index=True, height=560, placeholder=pa.SUPPRESSED)


view = context.url_segments("View", VIEWS, "view", key="pf-view")
chosen = filters()
if chosen.held_from and chosen.held_to and chosen.held_from > chosen.held_to:
    st.error("The first date is after the last: choose dates in order.")
    st.stop()
if view == "trip":
    teams_by_trip.show(svc, chosen)
    st.stop()
if not choices.frameworks:
    st.info(
        "No provider has an agreed provider-wide Template A round yet, so there is nothing to "
        "compare on the challenges. A round counts here once its status is agreed; a team's "
        "own view and practice rounds never do. Teams by TRIP is open meanwhile."
    )
    st.stop()
records = ui.kept(svc.portfolio.portfolio, chosen)
fw = defs.framework(chosen.framework)
if view in TEMPLATE_A_VIEWS:
    what_is_compared(records)
    if records.providers.empty:
        st.info("No provider in these filters has an agreed provider-wide round in these dates.")
        st.stop()
{
    "providers": lambda: providers_by_challenge(records, fw),
    "stages": lambda: stages(records, fw),
    "movement": lambda: movement(records, fw),
    "priorities": lambda: priorities(records, fw),
    "attention": lambda: attention(records),
    "groups": lambda: group_views(records, fw),
}[view]()
