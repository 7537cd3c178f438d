"""Use cases for providers (organisations) and their teams: create, rename, archive, restore,
and import a team list from a CSV file."""

from __future__ import annotations

from dataclasses import asdict, replace

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from assessments import store
from assessments.records import ORGANISATION_KINDS, Actor, Organisation, Team
from assessments.rules.errors import ImportRefused, ServiceError, StaleSave
from assessments.rules.permissions import Do
from assessments.rules.team_csv import parse_teams
from assessments.rules.text import NAME_LENGTH, checked_actor, clean_text
from assessments.service.ledger import Ledger, as_utc, differences_between, utc_now
from assessments.store import reading, writing


def _check_kind(kind: str) -> None:
    if kind not in ORGANISATION_KINDS:
        kinds = ", ".join(ORGANISATION_KINDS)
        raise ServiceError(f"'{kind}' is not a kind of provider; choose one of {kinds}.", "kind")


class Providers:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.engine = ledger.engine
        self.definitions = ledger.definitions
        self.today = ledger.today

    def organisations(self, include_archived: bool = False) -> list[Organisation]:
        o = store.organisations
        query = select(o).order_by(func.lower(o.c.name))
        if not include_archived:
            query = query.where(o.c.archived_at.is_(None))
        seen = self.ledger.gate.providers_seen()
        if seen is not None:
            query = query.where(o.c.id.in_(seen))
        with reading(self.engine) as conn:
            return [organisation_from_row(r._mapping) for r in conn.execute(query)]

    def organisation(self, organisation_id: int) -> Organisation:
        self.ledger.gate.check(Do.READ, organisation=organisation_id)
        with reading(self.engine) as conn:
            return organisation_from_row(
                self.ledger.row(conn, store.organisations, organisation_id, "provider")
            )

    def is_empty(self) -> bool:
        with reading(self.engine) as conn:
            return (
                conn.execute(select(func.count()).select_from(store.organisations)).scalar_one()
                == 0
            )

    def _organisation_name(self, conn: Connection, name: str, except_id: int | None) -> str:
        name = clean_text(name, "name", "The provider's name", required=True, limit=NAME_LENGTH)
        o = store.organisations
        clash = conn.execute(
            select(o.c.name).where(func.lower(o.c.name) == name.lower(), o.c.id != (except_id or 0))
        ).first()
        if clash:
            raise ServiceError(f"There is already a provider called '{clash.name}'.", "name")
        return name

    def create_organisation(self, actor: Actor, name: str, kind: str = "trust") -> Organisation:
        actor = checked_actor(actor)
        self.ledger.gate.check(Do.MANAGE_PROVIDERS, actor=actor)
        _check_kind(kind)
        with writing(self.engine) as conn:
            name = self._organisation_name(conn, name, None)
            now = utc_now()
            new_id = conn.execute(
                store.organisations.insert().values(
                    name=name, kind=kind, version=1, created_at=now, updated_at=now
                )
            ).inserted_primary_key[0]
            after = organisation_from_row(
                self.ledger.row(conn, store.organisations, new_id, "provider")
            )
            self.ledger.audit(conn, actor, "create", "organisation", new_id, None, asdict(after))
        return after

    def update_organisation(
        self, actor: Actor, organisation_id: int, read_version: int, *, name: str, kind: str
    ) -> Organisation:
        actor = checked_actor(actor)
        self.ledger.gate.check(Do.MANAGE_PROVIDERS, actor=actor, organisation=organisation_id)
        _check_kind(kind)
        with writing(self.engine) as conn:
            before = organisation_from_row(
                self.ledger.row(conn, store.organisations, organisation_id, "provider")
            )
            name = self._organisation_name(conn, name, organisation_id)
            wanted = replace(before, name=name, kind=kind)
            if not self.ledger.bump(
                conn,
                store.organisations,
                organisation_id,
                read_version,
                name=name,
                kind=kind,
                updated_at=utc_now(),
            ):
                raise StaleSave(
                    "this provider",
                    self.ledger.last_write(conn, "organisation", organisation_id),
                    differences_between(
                        wanted, before, {"name": "Name", "kind": "Kind"}, ORGANISATION_KINDS.get
                    ),
                )
            after = organisation_from_row(
                self.ledger.row(conn, store.organisations, organisation_id, "provider")
            )
            self.ledger.audit(
                conn,
                actor,
                "update",
                "organisation",
                organisation_id,
                asdict(before),
                asdict(after),
            )
        return after

    def set_organisation_archived(
        self, actor: Actor, organisation_id: int, read_version: int, archived: bool
    ) -> Organisation:
        """Archiving hides a provider from lists and new rounds; its history stays."""
        self.ledger.gate.check(Do.MANAGE_PROVIDERS, actor=actor, organisation=organisation_id)
        return self.ledger.set_archived(
            actor,
            store.organisations,
            "organisation",
            "provider",
            organisation_id,
            read_version,
            archived,
            organisation_from_row,
        )

    # --- teams ------------------------------------------------------------------------------

    def teams(
        self, organisation_id: int | None = None, include_archived: bool = False
    ) -> list[Team]:
        t = store.teams
        query = select(t).order_by(func.lower(t.c.name))
        if organisation_id is not None:
            query = query.where(t.c.organisation_id == organisation_id)
        if not include_archived:
            query = query.where(t.c.archived_at.is_(None))
        mine = self.ledger.gate.where(Do.READ, t.c.organisation_id, t.c.id)
        if mine is not None:
            query = query.where(mine)
        with reading(self.engine) as conn:
            return [team_from_row(r._mapping) for r in conn.execute(query)]

    def team(self, team_id: int) -> Team:
        self.ledger.gate.check(Do.READ, team=team_id)
        with reading(self.engine) as conn:
            return team_from_row(self.ledger.row(conn, store.teams, team_id, "team"))

    def _team_fields(
        self,
        conn: Connection,
        organisation_id: int,
        name: str,
        team_type: str,
        locality: str,
        except_id: int | None,
    ) -> dict:
        name = clean_text(name, "name", "The team's name", required=True, limit=NAME_LENGTH)
        locality = clean_text(
            locality, "locality", "The locality", required=False, limit=NAME_LENGTH
        )
        types = [t.id for t in self.definitions.team_types]
        if team_type not in types:
            raise ServiceError(
                f"'{team_type}' is not a team type; choose one of {', '.join(types)}.",
                "team_type",
            )
        t = store.teams
        clash = conn.execute(
            select(t.c.name, t.c.archived_at).where(
                t.c.organisation_id == organisation_id,
                func.lower(t.c.name) == name.lower(),
                t.c.id != (except_id or 0),
            )
        ).first()
        if clash:
            archived = " (archived: restore it instead)" if clash.archived_at else ""
            raise ServiceError(
                f"This provider already has a team called '{clash.name}'{archived}.", "name"
            )
        return {"name": name, "team_type": team_type, "locality": locality}

    def live_organisation(self, conn: Connection, organisation_id: int) -> Organisation:
        org = organisation_from_row(
            self.ledger.row(conn, store.organisations, organisation_id, "provider")
        )
        if org.archived:
            raise ServiceError(f"{org.name} is archived; restore it first.", "organisation")
        return org

    def create_team(
        self, actor: Actor, organisation_id: int, name: str, team_type: str, locality: str = ""
    ) -> Team:
        actor = checked_actor(actor)
        self.ledger.gate.check(Do.MANAGE_PROVIDERS, actor=actor, organisation=organisation_id)
        with writing(self.engine) as conn:
            self.live_organisation(conn, organisation_id)
            fields = self._team_fields(conn, organisation_id, name, team_type, locality, None)
            return self._insert_team(conn, actor, organisation_id, fields)

    def _insert_team(
        self, conn: Connection, actor: Actor, organisation_id: int, fields: dict
    ) -> Team:
        now = utc_now()
        new_id = conn.execute(
            store.teams.insert().values(
                organisation_id=organisation_id, version=1, created_at=now, updated_at=now, **fields
            )
        ).inserted_primary_key[0]
        team = team_from_row(self.ledger.row(conn, store.teams, new_id, "team"))
        self.ledger.audit(conn, actor, "create", "team", new_id, None, asdict(team))
        return team

    def update_team(
        self,
        actor: Actor,
        team_id: int,
        read_version: int,
        *,
        name: str,
        team_type: str,
        locality: str,
    ) -> Team:
        actor = checked_actor(actor)
        self.ledger.gate.check(Do.MANAGE_PROVIDERS, actor=actor, team=team_id)
        with writing(self.engine) as conn:
            before = team_from_row(self.ledger.row(conn, store.teams, team_id, "team"))
            fields = self._team_fields(
                conn, before.organisation_id, name, team_type, locality, team_id
            )
            if not self.ledger.bump(
                conn, store.teams, team_id, read_version, updated_at=utc_now(), **fields
            ):
                labels = {"name": "Name", "team_type": "Team type", "locality": "Locality"}
                raise StaleSave(
                    "this team",
                    self.ledger.last_write(conn, "team", team_id),
                    differences_between(replace(before, **fields), before, labels),
                )
            after = team_from_row(self.ledger.row(conn, store.teams, team_id, "team"))
            self.ledger.audit(conn, actor, "update", "team", team_id, asdict(before), asdict(after))
        return after

    def set_team_archived(
        self, actor: Actor, team_id: int, read_version: int, archived: bool
    ) -> Team:
        """Archiving hides a team from lists and new rounds; its rounds and history stay."""
        self.ledger.gate.check(Do.MANAGE_PROVIDERS, actor=actor, team=team_id)
        return self.ledger.set_archived(
            actor, store.teams, "team", "team", team_id, read_version, archived, team_from_row
        )

    def import_teams(self, actor: Actor, organisation_id: int, data: bytes | str) -> list[Team]:
        """Every row of a CSV file becomes a team, or, if any row is bad, none does. The file
        is read and checked before the write begins, so a large or bad file never holds the
        store; the names are checked again inside it, against a team added meanwhile."""
        actor = checked_actor(actor)
        self.ledger.gate.check(Do.MANAGE_PROVIDERS, actor=actor, organisation=organisation_id)
        with reading(self.engine) as conn:
            self.live_organisation(conn, organisation_id)
            taken = _team_names(conn, organisation_id)
        rows, problems = parse_teams(data, self.definitions.team_types, taken)
        if problems:
            raise ImportRefused(problems)
        with writing(self.engine) as conn:
            self.live_organisation(conn, organisation_id)
            now = _team_names(conn, organisation_id)
            if now != taken:
                _, problems = parse_teams(data, self.definitions.team_types, now)
                if problems:
                    raise ImportRefused(problems)
            return [self._insert_team(conn, actor, organisation_id, row) for row in rows]


def _team_names(conn: Connection, organisation_id: int) -> set[str]:
    """The provider's team names, in lower case, as `parse_teams` compares them."""
    t = store.teams
    return {
        name.lower()
        for name in conn.scalars(select(t.c.name).where(t.c.organisation_id == organisation_id))
    }


def organisation_from_row(row) -> Organisation:
    return Organisation(
        row["id"], row["name"], row["kind"], as_utc(row["archived_at"]), row["version"]
    )


def team_from_row(row) -> Team:
    return Team(
        row["id"],
        row["organisation_id"],
        row["name"],
        row["team_type"],
        row["locality"] or "",
        as_utc(row["archived_at"]),
        row["version"],
    )
