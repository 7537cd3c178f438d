"""The audit log as its page reads it (service/audit.py), on SQLite and PostgreSQL: entries
narrowed by who (a part of the name or all of it, whatever the case), kind of record, action and
UTC days, newest first, a page at a time with how many match, in one transaction of a fixed
number of statements; what there is to filter by; the chain whole, or its first changed entry
named; and each refused to a signed-in person who is not an administrator. `changes` puts an
entry's before and after in a short line."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import update

from assessments import store
from assessments.records import Actor
from assessments.records.accounts import Scope
from assessments.rules.errors import NotAllowed, ServiceError
from assessments.rules.permissions import Access
from assessments.service import Service
from assessments.service.audit import AuditFilters, changes, what_words
from tests.statement_count import counted

SAM = Actor("Sam Okafor", "Recovery lead")
ADA = Actor("Ada Ádám", "Administrator")


@pytest.fixture
def logged(service):
    """Seven writes: Sam makes a provider and two teams, Ada renames the provider and archives a
    team, Sam adds a third team and Ada makes an account. Entry ids 1 to 7, oldest first."""
    org = service.providers.create_organisation(SAM, "Northfield Demo Trust (fictional)")
    team = service.providers.create_team(SAM, org.id, "Quay CMHT", "cmht", "North")
    service.providers.create_team(SAM, org.id, "Mill EIP", "early-intervention")
    service.providers.update_organisation(ADA, org.id, org.version, name="Northfield", kind="trust")
    service.providers.set_team_archived(ADA, team.id, team.version, True)
    service.providers.create_team(SAM, org.id, "Weir Rehab", "community-rehab")
    service.accounts.create_account(ADA, "jo", "Jo Reyes", "viewer", "correct horse battery")
    return service


def ids(page) -> list[int]:
    return [e.id for e in page.entries]


def test_every_entry_newest_first_with_how_many_there_are(logged):
    page = logged.audit.entries()

    assert ids(page) == [7, 6, 5, 4, 3, 2, 1] and page.total == 7
    assert (page.page, page.pages, page.first, page.last) == (1, 1, 1, 7)
    newest = page.entries[0]
    assert (newest.actor_name, newest.action, newest.entity) == (ADA.name, "create", "account")
    assert newest.at.tzinfo is not None


def test_who_matches_a_part_of_the_name_or_all_of_it_whatever_the_case(logged):
    assert ids(logged.audit.entries(AuditFilters(who="okaf"))) == [6, 3, 2, 1]
    # Folded beyond ASCII, on SQLite too: "ÁDÁM" finds "Ada Ádám".
    assert ids(logged.audit.entries(AuditFilters(who="  ÁDÁM "))) == [7, 5, 4]
    assert ids(logged.audit.entries(AuditFilters(who="ada ádám", exact=True))) == [7, 5, 4]
    assert logged.audit.entries(AuditFilters(who="Ada", exact=True)).total == 0
    assert logged.audit.entries(AuditFilters(who="nobody at all")).entries == ()
    # A name holding what LIKE treats specially matches only itself.
    assert logged.audit.entries(AuditFilters(who="%")).total == 0


def test_kind_of_record_and_action_narrow_together_with_who(logged):
    assert ids(logged.audit.entries(AuditFilters(entity="team"))) == [6, 5, 3, 2]
    assert ids(logged.audit.entries(AuditFilters(action="create", entity="team"))) == [6, 3, 2]
    assert ids(logged.audit.entries(AuditFilters(who="ada", action="archive"))) == [5]
    assert ids(logged.audit.entries(AuditFilters(who="sam", entity="account"))) == []


def test_days_are_utc_days_with_both_ends_included(logged):
    days = {
        1: datetime(2026, 11, 1, 0, 0, tzinfo=UTC),
        2: datetime(2026, 11, 1, 23, 59, 59, 999_000, tzinfo=UTC),
        3: datetime(2026, 11, 2, 12, 0, tzinfo=UTC),
        4: datetime(2026, 11, 3, 0, 0, tzinfo=UTC),
    }
    a = store.audit_log
    with logged.engine.begin() as conn:  # the times moved by hand (the chain is not asked)
        for entry_id, at in days.items():
            conn.execute(update(a).where(a.c.id == entry_id).values(at=at))

    def between(first, last):
        return ids(logged.audit.entries(AuditFilters(from_day=first, to_day=last)))

    assert between(date(2026, 11, 1), date(2026, 11, 1)) == [2, 1]
    assert between(date(2026, 11, 2), date(2026, 11, 3)) == [4, 3]
    assert between(None, date(2026, 11, 2)) == [3, 2, 1]
    assert ids(logged.audit.entries(AuditFilters(from_day=date(2026, 11, 4)))) == [7, 6, 5]


def test_pages_of_entries_newest_first_and_a_page_past_the_end_is_the_last(logged):
    first = logged.audit.entries(AuditFilters(page_size=3))
    second = logged.audit.entries(AuditFilters(page_size=3, page=2))
    past = logged.audit.entries(AuditFilters(page_size=3, page=99))

    assert ids(first) == [7, 6, 5] and (first.first, first.last, first.pages) == (1, 3, 3)
    assert ids(second) == [4, 3, 2] and (second.first, second.last) == (4, 6)
    assert ids(past) == [1] and (past.page, past.first, past.last, past.total) == (3, 7, 7, 7)
    narrowed = logged.audit.entries(AuditFilters(who="sam", page_size=3, page=2))
    assert ids(narrowed) == [1] and narrowed.total == 4


def test_a_page_is_one_transaction_of_a_fixed_number_of_statements(logged):
    with counted(logged.engine) as small:
        logged.audit.entries(AuditFilters(who="sam", entity="team", from_day=date(2026, 1, 1)))
    for n in range(30):
        logged.providers.create_organisation(SAM if n % 2 else ADA, f"Provider {n} (fictional)")
    with counted(logged.engine) as large:
        page = logged.audit.entries(AuditFilters(who="a", page_size=10, page=2))

    assert page.total == 37 and len(page.entries) == 10

    def queries(seen) -> list[str]:  # SQLite's own BEGIN is the transaction, counted below
        return [s for s in seen.statements if s != "BEGIN"]

    assert len(queries(small)) == len(queries(large)) == 3, large
    assert small.transactions == large.transactions == 1


def test_the_choices_are_what_the_log_holds(logged):
    choices = logged.audit.choices()

    assert choices.people == (ADA.name, SAM.name)
    assert choices.entities == ("account", "organisation", "team")
    assert choices.actions == ("archive", "create", "update")


def test_filters_a_person_could_not_mean_are_refused_naming_the_field(logged):
    refused = [
        (AuditFilters(from_day=date(2026, 11, 2), to_day=date(2026, 11, 1)), "to_day"),
        (AuditFilters(page_size=0), "page_size"),
        (AuditFilters(page_size=201), "page_size"),
        (AuditFilters(page=0), "page"),
        (AuditFilters(who="Sam\x00"), "who"),
        (AuditFilters(who="x" * 201), "who"),
    ]
    for filters, field in refused:
        with pytest.raises(ServiceError) as error:
            logged.audit.entries(filters)
        assert error.value.field == field, filters


def test_the_chain_is_whole_or_names_the_first_changed_entry(logged):
    assert logged.audit.chain().intact and logged.audit.chain().entries == 7

    a = store.audit_log
    with logged.engine.begin() as conn:
        conn.execute(update(a).where(a.c.id == 4).values(after='{"name": "Someone else"}'))
        conn.execute(update(a).where(a.c.id == 6).values(actor_name="Nobody"))
    checked = logged.audit.chain()

    assert not checked.intact and checked.broken_at == 4 and checked.entries == 3
    assert checked.problem.startswith('Entry 4 (now reading "update organisation 1") was changed')


def test_a_signed_in_person_who_is_not_an_administrator_is_refused_every_read(logged, definitions):
    made = [
        logged.accounts.create_account(ADA, username, name, role, "correct horse battery", scopes)
        for username, name, role, scopes in (
            ("sam", "Sam Okafor", "facilitator", [Scope(1)]),
            ("bea", "Bea Admin", "administrator", []),
        )
    ]
    facilitator, administrator = (
        Service(logged.engine, definitions, access=Access(account)) for account in made
    )

    for read in (facilitator.audit.entries, facilitator.audit.choices, facilitator.audit.chain):
        with pytest.raises(NotAllowed) as refusal:
            read()
        assert refusal.value.message.startswith(
            "Not allowed: Sam Okafor (Facilitator) cannot read the audit log."
        )
    assert administrator.audit.entries().total == 9
    assert administrator.audit.choices().people == (ADA.name, SAM.name)
    assert administrator.audit.chain().intact


def test_changes_name_the_fields_that_differ_old_to_new():
    before = {"id": 1, "version": 1, "name": "Old name", "kind": "trust", "archived_at": None}
    after = {"id": 1, "version": 2, "name": "New name", "kind": "trust", "archived_at": "2026"}

    assert changes(before, after) == "archived at: (empty) → 2026; name: Old name → New name"
    assert changes(before, before) == "(nothing)"
    assert changes({"a": 1, "b": 2}, {"a": 1}) == "b: 2 → (removed)"


def test_a_new_record_shows_what_was_set_and_nested_fields_by_their_path():
    created = {"id": 5, "version": 1, "name": "Quay CMHT", "locality": "", "team_type": "cmht"}
    assert changes(None, created) == "name: Quay CMHT; team type: cmht"

    lead = {"commissioner_lead": {"name": "", "role": ""}, "goals": []}
    signed = {"commissioner_lead": {"name": "Jo", "role": "Lead"}, "goals": [{"key": "g1"}]}
    assert changes(lead, signed) == (
        "commissioner lead.name: (empty) → Jo; commissioner lead.role: (empty) → Lead; "
        'goals: [] → [{"key": "g1"}]'
    )


def test_long_values_are_cut_and_many_fields_counted():
    long = "word " * 40
    shown = changes({"note": "short"}, {"note": long + "\nend"})
    assert shown.startswith("note: short → word word") and shown.endswith("…")
    assert len(shown.split(" → ")[1]) == 80
    many = changes({}, {f"f{n}": n for n in range(7)})
    assert many == "f0: (empty) → 0; f1: (empty) → 1; f2: (empty) → 2; f3: (empty) → 3; and 3 more"


def test_what_words_name_the_kind_of_record():
    assert what_words("organisation", 3) == "Provider 3"
    assert what_words("trip-rating", None) == "TRIP rating"
    assert what_words("something-new", 2) == "something-new 2"


def test_days_and_times_the_app_wrote_read_as_a_person_reads_them():
    moved = changes({"held_on": "2026-04-06"}, {"held_on": "2026-05-01"})
    assert moved == "held on: 06 Apr 2026 → 01 May 2026"
    stamped = changes(None, {"created_at": "2026-12-03T17:17:39.348091+01:00"})
    assert stamped == "created at: 03 Dec 2026 16:17 UTC"
    assert changes(None, {"note": "due 2026-04-06"}) == "note: due 2026-04-06"
