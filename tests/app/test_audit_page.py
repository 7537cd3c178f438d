"""The Audit log page, for an administrator signed in (and this computer alone without
accounts): the chain's state at the top, whole or naming the entry changed by hand; entries
newest first, narrowed by person, kind of record, action and days, kept in the URL; a page of
50 at a time; refused, with the service's words, to anyone else signed in."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import update
from streamlit.testing.v1 import AppTest

from assessments import store
from assessments.records import Actor
from pages.kit import routes, ui
from tests.app.conftest import APP, open_page

PASSWORD = "correct horse battery staple"
ADA = Actor("Ada Admin", "Administrator")
SAM = Actor("Sam Okafor", "Facilitator")


@pytest.fixture
def admin_token():
    """Ada's account (entry 1) and sign-in (entry 2); Ada adds a provider (3) and two teams
    (4, 5), and renames the provider (6)."""
    svc = ui.service()
    svc.accounts.create_account(
        Actor("Command line", "Administrator"), "ada", ADA.name, "administrator", PASSWORD
    )
    token = svc.accounts.sign_in("ada", PASSWORD).token
    org = svc.providers.create_organisation(ADA, "Northfield (fictional)")
    svc.providers.create_team(ADA, org.id, "Quay CMHT", "cmht", "North")
    svc.providers.create_team(ADA, org.id, "Mill EIP", "early-intervention")
    svc.providers.update_organisation(ADA, org.id, org.version, name="Northfield", kind="trust")
    return token


def audit_page(token: str | None = None, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    if token:
        at.session_state["access:token"] = token
    at.run()
    at.switch_page(routes.AUDIT.path).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown(at: AppTest) -> list[tuple]:
    frame = at.table[0].value
    return list(frame[["Entry", "Action", "What"]].itertuples(index=False, name=None))


def counted(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith(("Entries", "No entry")))


def test_an_administrator_reads_every_entry_newest_first_with_what_changed(admin_token):
    at = audit_page(admin_token)

    assert at.title[0].value == "Audit log"
    assert at.success[0].value == ("Every entry is in its place: the chain is whole (6 entries).")
    assert counted(at) == "Entries 1–6 of 6 (page 1 of 1)"
    assert shown(at) == [
        (6, "update", "Provider 1"),
        (5, "create", "Team 2"),
        (4, "create", "Team 1"),
        (3, "create", "Provider 1"),
        (2, "sign in", "Account 1"),
        (1, "create", "Account 1"),
    ]
    newest = at.table[0].value.iloc[0]
    assert newest["Who"] == "Ada Admin (Administrator)"
    assert newest["Changed"] == "name: Northfield (fictional) → Northfield"
    assert newest["When"].endswith(" UTC") and newest["When"][:11] == (
        datetime.now(UTC).strftime("%d %b %Y")
    )


def test_the_filters_narrow_the_entries_and_start_again_at_the_first_page(admin_token):
    at = audit_page(admin_token)

    at.selectbox(key="kind").set_value("team").run()
    assert [row[0] for row in shown(at)] == [5, 4]
    at.selectbox(key="action").set_value("update").run()
    assert counted(at) == "No entry matches these filters." and not at.table
    at.selectbox(key="kind").set_value("").run()
    at.selectbox(key="action").set_value("sign-in").run()
    assert shown(at) == [(2, "sign in", "Account 1")]
    at.selectbox(key="action").set_value("").run()
    at.selectbox(key="who").set_value("Command line").run()
    assert [row[0] for row in shown(at)] == [1]
    at.selectbox(key="who").set_value("").run()
    at.date_input(key="to").set_value(date(2026, 1, 1)).run()
    assert counted(at) == "No entry matches these filters."


def test_filters_in_the_address_open_the_same_entries(admin_token):
    # The address holds what each filter shows (Streamlit's binding of a widget to the URL).
    at = audit_page(admin_token, who="ADMIN", kind="Team", action="create")

    assert at.selectbox(key="who").value == "ADMIN"  # part of a name: every name holding it
    assert at.selectbox(key="kind").value == "team"
    assert [row[0] for row in shown(at)] == [5, 4]


def test_fifty_entries_a_page_with_previous_and_next(admin_token):
    svc = ui.service()
    for n in range(50):
        svc.providers.create_organisation(ADA, f"Provider {n} (fictional)")
    at = audit_page(admin_token)

    assert counted(at) == "Entries 1–50 of 56 (page 1 of 2)"
    assert at.table[0].value["Entry"].tolist() == list(range(56, 6, -1))
    assert at.button(key="audit:previous:top").disabled
    at.button(key="audit:next:top").click().run()
    assert counted(at) == "Entries 51–56 of 56 (page 2 of 2)"
    assert at.table[0].value["Entry"].tolist() == [6, 5, 4, 3, 2, 1]
    assert at.button(key="audit:next:top").disabled
    assert at.query_params["page"] == "2"

    at.button(key="audit:previous:bottom").click().run()
    assert counted(at) == "Entries 1–50 of 56 (page 1 of 2)"
    at.button(key="audit:next:bottom").click().run()
    at.selectbox(key="kind").set_value("team").run()  # a filter starts at the newest again
    assert counted(at) == "Entries 1–2 of 2 (page 1 of 1)"


def test_an_entry_changed_by_hand_is_named_with_what_to_do(admin_token):
    svc = ui.service()
    a = store.audit_log
    with svc.engine.begin() as conn:
        conn.execute(update(a).where(a.c.id == 4).values(after='{"name": "Another team"}'))

    at = audit_page(admin_token)

    assert not at.success
    error = at.error[0].value
    assert 'Entry 4 (now reading "create team 1") was changed after it was written' in error
    assert "The 3 entries before it are whole" in error
    assert "python -m assessments restore FILE" in error
    assert len(shown(at)) == 6  # the entries are still shown, the changed one among them


def test_check_again_walks_the_chain_afresh(admin_token):
    at = audit_page(admin_token)
    assert at.success
    svc = ui.service()
    a = store.audit_log
    with svc.engine.begin() as conn:  # changed by hand: no write of the app's tells the page
        conn.execute(update(a).where(a.c.id == 2).values(actor_role="Someone"))

    at.button(key="audit:check-again").click().run()

    assert 'Entry 2 (now reading "sign-in account 1")' in at.error[0].value
    assert "The entry before it is whole." in at.error[0].value


def test_a_facilitator_signed_in_is_refused_in_the_services_words(admin_token):
    svc = ui.service()
    svc.accounts.create_account(ADA, "sam", SAM.name, "facilitator", PASSWORD)
    token = svc.accounts.sign_in("sam", PASSWORD).token

    at = audit_page(token)

    assert at.info[0].value.startswith(
        "Not allowed: Sam Okafor (Facilitator) cannot read the audit log."
    )
    assert not at.table and not at.success and not at.error and not at.selectbox


def test_this_computer_without_accounts_reads_the_log():
    svc = ui.service()
    svc.providers.create_organisation(SAM, "Northfield (fictional)")

    at = open_page(routes.AUDIT.path)

    assert shown(at) == [(1, "create", "Provider 1")]
    assert at.table[0].value.iloc[0]["Who"] == "Sam Okafor (Facilitator)"


def test_the_accounts_page_links_to_the_audit_log(admin_token):
    at = audit_page(admin_token)
    at.switch_page(routes.ACCOUNTS.path).run()

    links = [e.proto for e in at.get("page_link")]
    assert any(link.label == "Audit log" and link.page == "audit" for link in links), links
