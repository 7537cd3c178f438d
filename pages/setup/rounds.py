"""Template A rounds of a provider: the list, starting a new one, and its details (date,
facilitator, who completed it, who took part, status). The framework version and scope are
fixed once started. Template A describes an organisation (Implementing Recovery, 2010): a
provider-wide round is the one compared across providers; a team may keep its own view."""

from __future__ import annotations

import streamlit as st

from assessments.records import COMPLETERS, Round
from assessments.rules.permissions import Do
from pages.kit import context, recorder, round_parts, routes, terms, ui

ui.start_page()
svc = ui.service()
defs = svc.definitions
st.title("Rounds", help=terms.explain("round", "template-a", "trip"))
st.caption(
    "Template A rates the provider as a whole: its recovery lead completes it with people who "
    "use services, carers, staff and commissioners, and that round is the one compared across "
    "providers. A team may keep its own view on Template A, shown as such and never compared; "
    "a team's own tool is the TRIP."
)

provider = context.current_provider(svc)
teams = {t.id: t for t in svc.providers.teams(provider.id, include_archived=True)}
# Rounds are a facilitator's to start and change; anyone else here reads them.
actor = recorder.who_is_recording() if svc.may(Do.RUN_ROUNDS) else None
if not svc.may(Do.RUN_ROUNDS):
    st.caption("A facilitator starts rounds and changes their details; here you read them.")

scopes = [None, *[t.id for t in teams.values() if not t.archived]]


def scope_label(team_id: int | None) -> str:
    return (
        f"The whole provider: {provider.name}"
        if team_id is None
        else f"Team: {teams[team_id].name}, its own view (never compared)"
    )


def completed_by(r: Round) -> str:
    named = [f"{words.split(' (')[0]}: {getattr(r, role)}" for role, words in COMPLETERS.items()]
    return " · ".join(n for n, role in zip(named, COMPLETERS, strict=True) if getattr(r, role))


rounds = svc.rounds.rounds(provider.id)
st.header("Rounds so far", anchor=False)
shown = st.selectbox(
    "Show the rounds of",
    ["all", *scopes],
    format_func=lambda s: (
        "Everyone: the provider and all its teams" if s == "all" else scope_label(s)
    ),
    key="rounds_shown",
)
if shown != "all":
    rounds = [r for r in rounds if r.team_id == shown]
if not rounds:
    st.info("No rounds yet. Start the first one below.")
scope_of = svc.rounds.scope_names(rounds)
decided = svc.workshop.decided_counts([r.id for r in rounds])
challenges = {ref: len(fw.challenges) for ref, fw in defs.frameworks.items()}
for r in rounds:
    with st.container(border=True):
        st.markdown(f"**{ui.as_text(round_parts.label(svc, r, scope_of[r.id]))}**")
        st.caption(
            f"Facilitator: {ui.as_text(r.facilitator)} · "
            + (f"{ui.as_text(completed_by(r))} · " if completed_by(r) else "")
            + f"{r.people} people took part · "
            f"{decided[r.id]} of {challenges[r.framework]} challenges decided"
            + (" · practice: never compared" if r.practice else "")
        )
        links = st.columns([1, 1, 1.4, 2.6])
        links[0].page_link(
            routes.WORKSHOP.path,
            label="Workshop",
            icon=":material/co_present:",
            query_params={"round": str(r.id)},
        )
        links[1].page_link(
            routes.SUMMARY.path,
            label="Summary",
            icon=":material/table_chart:",
            query_params={"round": str(r.id)},
        )
        if actor and links[2].button(
            "Change details", key=f"details:{r.id}", icon=":material/edit:"
        ):
            st.session_state["round_details"] = r.id


def edit_details(r: Round) -> None:
    form = round_parts.details_form(svc, "round-details", completers=True)
    with form.showing(r.id, r.version, round_parts.values(svc, r)):
        st.subheader(
            f"Details of {ui.as_text(round_parts.label(svc, r, scope_of[r.id]))}", anchor=False
        )
        round_parts.inputs(svc, form)

    def save(version: int) -> tuple[int, dict]:
        saved = svc.rounds.update_round(actor, r.id, version, **round_parts.details(svc, form))
        return saved.version, round_parts.values(svc, saved)

    def round_now() -> tuple[int, dict]:
        now = svc.rounds.round(r.id)
        return now.version, round_parts.values(svc, now)

    def saved() -> None:
        st.session_state.pop("round_details", None)
        ui.tell("rounds_saved", "Saved the round's details.")

    ui.save_button(form, "Save details", "round-details:save", save, round_now, saved)


chosen = st.session_state.get("round_details")
if actor and chosen in {r.id for r in rounds}:
    with st.container(border=True):
        edit_details(next(r for r in rounds if r.id == chosen))

if actor:
    st.header("Start a round", anchor=False)
    new_round = round_parts.details_form(
        svc, f"new-round:{provider.id}", also=("scope", "framework"), completers=True
    )
    refs = sorted(defs.frameworks)
    start = {"scope": None, "framework": refs[0]}
    start |= round_parts.values(svc, None, actor.name)

    def start_round() -> None:
        typed = new_round.typed()
        created = svc.workshop.create_round(
            actor,
            provider.id,
            team_id=typed["scope"],
            framework=typed["framework"],
            **round_parts.details(svc, new_round),
        )
        new_round.saved(0, start)
        st.session_state["round_started"] = created.id

    with new_round.showing("new", 0, start), st.container(border=True):
        left, right = st.columns(2)
        left.selectbox(
            "Whose round",
            scopes,
            format_func=scope_label,
            help=terms.explain("scope"),
            **new_round.bind("scope"),
        )
        right.selectbox(
            "Framework version",
            refs,
            format_func=lambda ref: defs.frameworks[ref].title,
            help="Fixed for the round, so its ratings are only compared with the same version.",
            **new_round.bind("framework"),
        )
        round_parts.inputs(svc, new_round)
        ui.submit("Start the round", "new-round:start", start_round, icon=":material/play_arrow:")
    started = st.session_state.pop("round_started", None)
    if started is not None:
        st.switch_page(routes.WORKSHOP.path, query_params={"round": str(started)})

ui.show_told("rounds_saved")
