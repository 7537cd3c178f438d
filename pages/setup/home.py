"""Home: what the tool is for and how the work flows, in plain English."""

from __future__ import annotations

import streamlit as st

from demo import load_demo
from pages.kit import routes, terms, ui

ui.start_page()
defs = ui.definitions()

st.title("Recovery self-assessment and TRIP", help=terms.explain("imroc", "recovery"))
st.markdown(
    "A shared place for a trust, its teams and their commissioners to work out how "
    "recovery-focused their services are, agree what to change, and check that it changes. "
    "It follows the ImROC method (Implementing Recovery through Organisational Change) and "
    "replaces the paper forms and re-typed board papers."
)

st.header("How the work flows")
steps = [
    (
        "1. Rate the ten challenges (Template A)",
        "In a workshop, people who use services, carers, peer workers, staff, managers and "
        "commissioners look at each of the ten challenges in turn. Each group says which stage it "
        "thinks the organisation has reached: 1 Engagement, 2 Development or 3 Transformation. "
        "The room agrees one stage, or records that it could not agree and why, and gives the "
        "challenge a priority for action from 1 to 10.",
    ),
    (
        "2. Plan a few changes (Template B)",
        "The same group picks its priorities, never more than five at a time. The method "
        "suggests looking early at challenge 3 (a recovery education centre or college) and "
        "challenge 4 (commitment and leadership). Each priority gets SMART goals: Specific, "
        "Measurable, Agreed-upon, Realistic and Time-based, with actions, owners and dates, "
        "signed by the commissioner and the provider lead.",
    ),
    (
        "3. Review and re-rate (Plan-Do-Study-Act)",
        "Every few months the group meets again, records the measures against each goal, updates "
        "the actions, re-rates a challenge if it has moved, and sets the next review date.",
    ),
    (
        "4. Teams run TRIP",
        "A ward, a community team or a corporate department lists its assets, talks through "
        "good-practice statements for each challenge, and agrees three to five priorities, each "
        "led jointly by a member of staff and a person who uses the service. It is a conversation, "
        "not a score.",
    ),
]
# The words each step uses, explained on its heading (the meanings are the glossary's).
words = [
    ("template-a", "stage", "stakeholder-group", "peers", "priority"),
    ("template-b", "smart-goal", "commissioner"),
    ("review", "baseline"),
    ("trip", "assets", "co-production"),
]
for (title, text), named in zip(steps, words, strict=True):
    with st.container(border=True):
        st.subheader(title, help=terms.explain(*named))
        st.write(text)


def load() -> None:
    with st.spinner("Creating the fictional provider..."):
        made = load_demo(svc)
    ui.tell(
        "home_note",
        f"Loaded the demo: {made.providers} provider, {made.teams} teams, "
        f"{made.rounds} rounds, {made.plans} signed action plans and "
        f"{made.trip_rounds} TRIP rounds with {made.trip_priorities} co-led priorities.",
    )


st.header("Start here")
svc = ui.service()
if svc.providers.is_empty():
    with st.container(border=True):
        st.markdown(
            "**No records yet.** Load the demo to look around: two invented providers, "
            "*Northfield Demo NHS Foundation Trust (fictional)* with about twelve teams and "
            "*Riverside Recovery Partnership (fictional)*, three provider-wide rounds each over "
            "eighteen months (one moderated by a commissioner), teams with and without a "
            "current TRIP, and commissioners' measures. Or add your own provider and start a "
            "round."
        )
        ui.submit("Load the fictional demo", "load-demo", load, icon=":material/science:")
ui.show_told("home_note")
for page, label, icon in [
    (
        routes.PROVIDERS.path,
        "Providers and teams: add them, or import a team list",
        ":material/domain:",
    ),
    (routes.ROUNDS.path, "Rounds: start a Template A workshop, or open one", ":material/event:"),
    (
        routes.PLANS.path,
        "Action plans: choose priorities, write and review Template B",
        ":material/flag:",
    ),
    (
        routes.TRIP.path,
        "TRIP: a team's assets, benchmarks and co-led priorities",
        ":material/groups:",
    ),
    (
        routes.PORTFOLIO.path,
        "Portfolio: compare teams and providers, for commissioners",
        ":material/grid_view:",
    ),
]:
    st.page_link(page, label=label, icon=icon)
st.page_link(
    routes.FRAMEWORK.path,
    label="Read the framework: the three stages and the ten challenges",
    icon=":material/menu_book:",
)
terms.link(label="Words we use: what the method's words mean, in plain English")

# Where the records are is for whoever runs the tool: on this computer alone, that is the one
# person here; with accounts, an administrator (on the Accounts page).
where = "" if st.session_state.get("account") else f"Records are kept in {ui.store_location()}. "
st.caption(
    f"{where}Loaded: {len(defs.frameworks)} framework versions, {len(defs.benchmark_sets)} TRIP "
    f"benchmark sets, {len(defs.indicators)} indicators, {len(defs.team_types)} team types."
)
