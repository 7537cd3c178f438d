"""Markdown and HTML typed into every free-text field reach every page as text: no string a
page hands Streamlit to render as markdown (a paragraph, a caption, a heading, a message, a
label, a table cell, a radio's options) holds the payload unescaped. The browser's side of the
same (nothing loaded, the characters on screen) is tests/e2e/test_hostile_in_browser.py."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from assessments import store
from assessments.records import TEMPLATE_A, Actor
from assessments.service import Service
from assessments.service.plan_rows import trip_scope
from pages.kit import routes, ui
from tests.app.conftest import open_page
from tests.demo_store import demo_file
from tests.hostile.payloads import (
    CODED,
    FREE_TEXT,
    PLAN_CODED,
    PLAN_TEXT,
    TRACKER,
    plan_text_fields,
    poison,
    poison_definitions,
    text_columns,
)

# What a payload looks like once markdown or HTML is made of it; escaped, none of these remain.
RAW = ("**bold", "<img", f"](http://{TRACKER}", "<b>html")
MARKDOWN_KEYS = {"body", "label", "help", "message"}  # what Streamlit renders as markdown
MARKDOWN_OPTIONS = {"radio", "button_group"}  # whose options are rendered as markdown too
PLAIN = {"text", "code"}  # st.text and st.code: never markdown
BY = "Sam Okafor (Facilitator)"
# Pages whose markdown holds nothing typed: the room's view shows the challenge alone, and
# Reports, TRIP assets and the TRIP summary show typed text only in dataframes and a
# selectbox's options (plain text).
SHOW_NO_TYPED_TEXT = {
    "home",
    "framework",
    "framework-2018-adapted",
    "framework-today",
    "workshop-room",
    "trip-room",
    "reports",
    "trip-assets",
    "trip-summary",
}


def test_every_text_column_is_free_text_or_coded():
    assert text_columns() == FREE_TEXT | CODED, "name the new column in tests/hostile/payloads.py"


def test_every_text_field_of_a_plan_is_free_text_or_coded():
    assert plan_text_fields() == PLAN_TEXT | PLAN_CODED


def markdown_strings(at: AppTest) -> list[tuple[str, str]]:
    """(element type, string) for every string of the page that Streamlit renders as markdown."""
    found: list[tuple[str, str]] = []

    def collect(kind: str, value: object, key: str | None = None) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                collect(kind, v, k)
        elif isinstance(value, list):
            for v in value:
                collect(kind, v, key)
        elif isinstance(value, str) and (
            key in MARKDOWN_KEYS or (kind in MARKDOWN_OPTIONS and key in {"options", "content"})
        ):
            found.append((kind, value))

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and node.type not in PLAIN:
            collect(node.type, MessageToDict(proto))
        if node.type == "table":
            frame: pd.DataFrame = node.value
            found.extend(("table", str(v)) for v in frame.astype(str).to_numpy().ravel())
            found.extend(("table", str(c)) for c in frame.columns)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found


def rendered(at: AppTest) -> list[tuple[str, str]]:
    """The strings holding a payload markdown or HTML would act on. Inside an HTML block (a
    string starting with a tag, drawn with unsafe_allow_html) markdown is not read, so there
    only HTML counts."""
    return [
        (kind, s)
        for kind, s in markdown_strings(at)
        if any(raw in s for raw in (RAW[1:] if s.startswith("<") else RAW))
    ]


@pytest.fixture(scope="module")
def ids(tmp_path_factory, definitions) -> dict[str, str]:
    """A payload store, built once for the module; each test copies it (`store`)."""
    db = tmp_path_factory.mktemp("payload") / "recovery.db"
    demo_file(db, definitions, teams=3, rounds=2)
    svc = Service(store.open_store(f"sqlite:///{db}"), definitions)
    org = svc.providers.organisations()[0]
    rounds = svc.rounds.rounds(org.id)
    org_round = next(r for r in reversed(rounds) if r.team_id is None)
    # A moderated rating, so the summary shows one (its words are poisoned with the rest).
    by = Actor("Cara Commissioner", "Commissioner")
    svc.moderation.moderate(by, org_round.id, "c01-interactions", 0, stage=3, reasons="Why")
    svc.engine.dispose()
    poison(db)
    svc = Service(store.open_store(f"sqlite:///{db}"), definitions)
    team_round = next(r for r in rounds if r.team_id is not None and r.kind == TEMPLATE_A)
    trip_plan, team = next(
        (svc.plans.plans_in(trip_scope(t.id))[0], t)
        for t in svc.providers.teams(org.id)
        if svc.plans.plans_in(trip_scope(t.id))
    )
    trip = svc.trip.trip_rounds(team.id)[-1]
    plan = svc.plans.plans(org.id)[0]
    svc.engine.dispose()
    return {
        "db": str(db),
        "org": str(org.id),
        "org_round": str(org_round.id),
        "team_round": str(team_round.id),
        "team_org": str(org.id),
        "team": str(team_round.team_id),
        "trip": str(trip.id),
        "trip_org": str(org.id),
        "trip_team": str(trip.team_id),
        "plan": str(plan.id),
        "trip_plan": str(trip_plan.id),
    }


def visits(ids: dict[str, str]) -> dict[str, tuple[str, dict[str, str]]]:
    org, team = {"org": ids["org"]}, {"org": ids["trip_org"], "team": ids["trip_team"]}
    found = {
        "home": (routes.HOME.path, {}),
        "framework": (routes.FRAMEWORK.path, {}),
        # The adapted stages' line and the areas for future focus.
        "framework-2018-adapted": (
            routes.FRAMEWORK.path,
            {"version": "imroc-challenges@2018-adapted", "challenge": "c06-safety"},
        ),
        # Three notes on today's equivalents of dated references (DDA, PSA, CRB).
        "framework-today": (
            routes.FRAMEWORK.path,
            {"version": "imroc-challenges@2010", "challenge": "c08-workforce"},
        ),
        "providers": (routes.PROVIDERS.path, org),
        "rounds": (routes.ROUNDS.path, {"org": ids["team_org"], "team": ids["team"]}),
        "workshop": (routes.WORKSHOP.path, {"round": ids["org_round"]}),
        "workshop-room": (routes.WORKSHOP.path, {"round": ids["org_round"], "view": "room"}),
        "workshop-team": (routes.WORKSHOP.path, {"round": ids["team_round"]}),
        "summary": (routes.SUMMARY.path, {"round": ids["org_round"]}),
        "plans": (routes.PLANS.path, {**org, "round": ids["org_round"]}),
        "trip-benchmarks": (routes.TRIP_BENCHMARKS.path, {"round": ids["trip"]}),
        "trip-room": (routes.TRIP_BENCHMARKS.path, {"round": ids["trip"], "view": "room"}),
        "trip-summary": (routes.TRIP_SUMMARY.path, team),
        # One provider chosen: the sentence over the grid names it.
        "portfolio": (routes.PORTFOLIO.path, {"providers": ids["org"]}),
        "reports": (routes.REPORTS.path, org),
        "audit": (routes.AUDIT.path, {}),
    }
    for part in ("plan", "sign", "reviews", "progress", "versions"):
        found[f"plan-{part}"] = (routes.PLAN.path, {"plan": ids["plan"], "part": part})
        found[f"trip-plan-{part}"] = (routes.PLAN.path, {"plan": ids["trip_plan"], "part": part})
    for part in ("assets", "benchmarks", "priorities"):
        found[f"trip-{part}"] = (routes.TRIP.path, {**team, "part": part})
    return found


VISITS = list(visits(dict.fromkeys(["org", "team_org", "team", "org_round", "team_round", "trip",
                                   "trip_org", "trip_team", "plan", "trip_plan"], "")))  # fmt: skip


@pytest.fixture(scope="module")
def poisoned_definitions(definitions):
    return poison_definitions(definitions)


@pytest.mark.parametrize("name", VISITS)
def test_no_page_renders_typed_text_or_a_definition_files_text_as_markdown(
    own_store, ids, name, poisoned_definitions, monkeypatch
):
    """The payload store, and definitions with a payload after every text (a trust may edit
    those files): each page once, both kinds of text at once. Typed payloads link to
    tracker.invalid/N.png, the definitions' to tracker.invalid/fN.png."""
    own_store.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ids["db"], own_store)
    ui._engine.clear()
    monkeypatch.setattr(ui, "_definitions", lambda: poisoned_definitions)
    path, query = visits(ids)[name]

    at = open_page(path, by=BY, **query)

    typed = re.compile(rf"{re.escape(TRACKER)}/\d")
    shown = any(typed.search(s) for _, s in markdown_strings(at))
    assert shown or name in SHOW_NO_TYPED_TEXT, "the page shows none of the typed text"
    assert rendered(at) == [], "\n".join(f"{k}: {v[:160]!r}" for k, v in rendered(at))


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("**bold** _it_ `code` ~x~ $x$ a|b", r"\*\*bold\*\* \_it\_ \`code\` \~x\~ \$x\$ a\|b"),
        ("<img src=x> & [l](y)", r"&lt;img src=x&gt; &amp; \[l\](y)"),
        ("- one\n2. two\n# three", "\\- one\n2\\. two\n\\# three"),
        ("Held 2026-12-03, 3 - 1", "Held 2026-12-03, 3 - 1"),  # only a line's start makes lists
        (
            "see http://x.org, www.nhs.uk or a@b.org",
            "see http:\u2060//x.org, www\u2060.nhs.uk or a\u2060@b.org",
        ),
        (":smile: :material/home: Note: fine", r"\:smile: \:material/home: Note: fine"),
    ],
)
def test_as_text_escapes_what_markdown_would_act_on_and_nothing_else(typed, written):
    assert ui.as_text(typed) == written
