"""Assets added in bulk (a team file's thousand, `Trip.add_assets`) are stored and audited as
the same assets added one at a time and archived after: the same register, the same audit
entries in the same order, and an intact chain after them, written in a few statements (not
six or so for each asset, and five more for each archived)."""

from __future__ import annotations

from assessments.records.trip import NewAsset
from assessments.store.audit_chain import verify
from tests.statement_count import counted

GIVEN = [
    NewAsset("hidden-talent", "staff", "Peer support worker", "Speaks Polish"),
    NewAsset("community-contact", "people-using-the-service", "JD", "Knows the allotment", True),
    NewAsset("lived-experience", "carers-family", "Carer", "Runs a carers' group"),
]


def register_and_log(service, team_id: int) -> tuple[list[tuple], list[tuple]]:
    """The team's assets and the assets' audit entries, oldest first, times and ids left out."""
    assets = [
        (a.kind, a.holder, a.held_by, a.what, a.archived, a.version)
        for a in service.trip.assets(team_id, include_archived=True)
    ]
    log = [
        (e.actor_name, e.action, e.before and _plain(e.before), _plain(e.after))
        for e in reversed(service.history("asset"))
    ]
    return sorted(assets), log


def _plain(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in ("id", "team_id", "archived_at")} | {
        "archived": record["archived_at"] is not None
    }


def test_assets_added_in_bulk_are_stored_and_audited_as_one_at_a_time(service, actor):
    org = service.providers.create_organisation(actor, "Northfield Demo Trust (fictional)")
    one_by_one = service.providers.create_team(actor, org.id, "East CMHT", "cmht", "East")
    in_bulk = service.providers.create_team(actor, org.id, "West CMHT", "cmht", "West")
    for given in GIVEN:
        made = service.trip.add_asset(
            actor, one_by_one.id, kind=given.kind, holder=given.holder,
            held_by=given.held_by, what=given.what,
        )  # fmt: skip
        if given.archived:
            service.trip.set_asset_archived(actor, made.id, made.version, True)
    before = register_and_log(service, one_by_one.id)

    with counted(service.engine) as seen:
        made = service.trip.add_assets(actor, in_bulk.id, GIVEN)

    assert [(a.what, a.archived) for a in made] == [(g.what, g.archived) for g in GIVEN]
    # The log holds both teams' entries: the bulk ones are the second half, read the same.
    assets, log = register_and_log(service, in_bulk.id)
    assert assets == before[0]
    assert log[len(before[1]) :] == before[1]
    assert [e.entity_id for e in reversed(service.history("asset"))][-4:] == [
        made[0].id, made[1].id, made[1].id, made[2].id
    ]  # fmt: skip
    assert verify(service.engine).intact
    # PostgreSQL takes each table's rows in one INSERT. SQLite keeps no promise on the order
    # RETURNING hands ids back in, so there SQLAlchemy sends one INSERT a row (still one call,
    # in this process): one for each asset and each entry, and nothing else for any of them.
    entries = len(GIVEN) + sum(given.archived for given in GIVEN)
    inserts = len(GIVEN) + entries if service.engine.dialect.name == "sqlite" else 2
    # Beside them: beginning (or the chain's lock), the team read twice, the assets read back,
    # the chain's head, the entries' links.
    assert len(seen.statements) == 6 + inserts, seen
