"""Assessment rounds of either kind, a Template A sitting or a TRIP benchmarking: reading them,
their scope's name, who took part, and their details. `Service` inherits these; what the room
records in each kind of round is in `service.py` (Template A) and `trip.py` (TRIP)."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.engine import Connection

from assessments import store
from assessments.records import (
    COMPLETERS,
    ROUND_STATUSES,
    TEMPLATE_A,
    Actor,
    Round,
    RoundKind,
    RoundLevel,
    RoundStatus,
    Team,
)
from assessments.rules.dates import checked_day
from assessments.rules.errors import ServiceError, StaleSave
from assessments.rules.permissions import Do
from assessments.rules.text import NAME_LENGTH, checked_actor, clean_text
from assessments.service.ledger import Ledger, differences_between, utc_now
from assessments.service.providers import team_from_row
from assessments.store import reading, writing


class Rounds:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.engine = ledger.engine
        self.definitions = ledger.definitions
        self.today = ledger.today

    def rounds(
        self,
        organisation_id: int | None = None,
        team_id: int | None = None,
        kind: str = TEMPLATE_A,
    ) -> list[Round]:
        """Newest first, of one kind (Template A unless TRIP is asked for); `team_id` narrows
        to one team's rounds."""
        r = store.rounds
        query = select(r).where(r.c.kind == kind).order_by(r.c.held_on.desc(), r.c.id.desc())
        if organisation_id is not None:
            query = query.where(r.c.organisation_id == organisation_id)
        if team_id is not None:
            query = query.where(r.c.team_id == team_id)
        mine = self.ledger.gate.where(Do.READ, r.c.organisation_id, r.c.team_id)
        if mine is not None:
            query = query.where(mine)
        with reading(self.engine) as conn:
            rows = [row._mapping for row in conn.execute(query)]
            people = self._participants(conn, [row["id"] for row in rows])
        return [round_from_row(row, people.get(row["id"], {})) for row in rows]

    def round(self, round_id: int) -> Round:
        self.ledger.gate.check(Do.READ, round=round_id)
        with reading(self.engine) as conn:
            row = self.ledger.row(conn, store.rounds, round_id, "round")
            return round_from_row(row, self._participants(conn, [round_id]).get(round_id, {}))

    def scope_name(self, round_: Round) -> str:
        """The provider, or the team and its provider, that a round assessed."""
        return self.scope_names([round_])[round_.id]

    def scope_names(self, rounds: list[Round]) -> dict[int, str]:
        """Each round's scope name, read in two queries however many rounds there are."""
        o, t = store.organisations, store.teams
        with reading(self.engine) as conn:
            providers = dict(
                conn.execute(
                    select(o.c.id, o.c.name).where(o.c.id.in_({r.organisation_id for r in rounds}))
                ).all()
            )
            teams = dict(
                conn.execute(
                    select(t.c.id, t.c.name).where(t.c.id.in_({r.team_id for r in rounds} - {None}))
                ).all()
            )
        return {
            r.id: providers[r.organisation_id]
            if r.team_id is None
            else f"{teams[r.team_id]}, {providers[r.organisation_id]}"
            for r in rounds
        }

    @staticmethod
    def _participants(conn: Connection, round_ids: list[int]) -> dict[int, dict[str, int]]:
        p = store.participants
        found: dict[int, dict[str, int]] = {}
        for i in range(0, len(round_ids), 500):  # stay under every database's parameter limit
            query = select(p).where(p.c.round_id.in_(round_ids[i : i + 500]))
            for row in conn.execute(query):
                found.setdefault(row.round_id, {})[row.group_id] = row.people
        return found

    def round_fields(
        self,
        held_on: date,
        facilitator: str,
        status: str,
        participants: dict[str, int],
        level: RoundLevel = RoundLevel.PROVIDER,
        completers: dict[str, str] | None = None,
    ) -> tuple[dict, dict[str, int]]:
        """A round's details checked, as columns, and its participants by group. `completers`
        (COMPLETERS' ids -> a name or role title) belong to Template A rounds; a provider-wide
        round is agreed only with its recovery lead named, as the 2010 Template A is completed
        by the provider's lead for recovery."""
        held_on = checked_day(held_on, "held_on", "The round", self.today())
        if status not in ROUND_STATUSES:
            raise ServiceError(
                f"'{status}' is not a status; choose one of {', '.join(ROUND_STATUSES)}.", "status"
            )
        if status == "agreed" and held_on > self.today():
            raise ServiceError(
                f"An agreed round cannot be dated in the future ({held_on:%d %B %Y}). "
                "Keep it as a draft until the workshop has happened.",
                "held_on",
            )
        facilitator = clean_text(
            facilitator, "facilitator", "The facilitator's name", required=True, limit=NAME_LENGTH
        )
        named = self._completers(level, completers or {})
        if level == RoundLevel.PROVIDER and status == "agreed" and not named["recovery_lead"]:
            raise ServiceError(
                "A provider-wide round is agreed with its recovery lead: name the provider's "
                "lead for recovery (or their role title) before marking it agreed.",
                "recovery_lead",
            )
        fields = {"held_on": held_on, "facilitator": facilitator, "status": status} | named
        return fields, self._counts(participants)

    @staticmethod
    def _completers(level: RoundLevel, given: dict[str, str]) -> dict[str, str]:
        unknown = set(given) - set(COMPLETERS)
        if unknown:
            raise ServiceError(
                f"'{sorted(unknown)[0]}' is not a completer's role; choose from "
                f"{', '.join(COMPLETERS)}.",
                sorted(unknown)[0],
            )
        if level == RoundLevel.TEAM and any(v.strip() for v in given.values()):
            raise ServiceError(
                "A TRIP round has no Template A completers: its co-leads are its priorities'.",
                next(k for k, v in given.items() if v.strip()),
            )
        return {
            role: clean_text(
                given.get(role, ""),
                role,
                f"The {label.split(' (')[0].lower()}",
                required=False,
                limit=NAME_LENGTH,
            )
            for role, label in COMPLETERS.items()
        }

    def _counts(self, participants: dict[str, int]) -> dict[str, int]:
        groups = {g.id: g.name for g in self.definitions.stakeholder_groups}
        counts: dict[str, int] = {}
        for group, people in participants.items():
            if group not in groups:
                raise ServiceError(
                    f"'{group}' is not a stakeholder group; choose from {', '.join(groups)}.",
                    f"participants.{group}",
                )
            if not isinstance(people, int) or people < 0:
                raise ServiceError(
                    f"The number of {groups[group].lower()} who took part must be 0 or more.",
                    f"participants.{group}",
                )
            if people:
                counts[group] = people
        return counts

    @staticmethod
    def write_participants(conn: Connection, round_id: int, counts: dict[str, int]) -> None:
        p = store.participants
        conn.execute(p.delete().where(p.c.round_id == round_id))
        if counts:
            conn.execute(
                p.insert(),
                [{"round_id": round_id, "group_id": g, "people": n} for g, n in counts.items()],
            )

    def update_round(
        self,
        actor: Actor,
        round_id: int,
        read_version: int,
        *,
        held_on: date,
        facilitator: str,
        status: str,
        participants: dict[str, int],
        completers: dict[str, str] | None = None,
    ) -> Round:
        """The round's details; its scope, level and framework stay as they were created.
        Completers not given stay as they are."""
        actor = checked_actor(actor)
        self.ledger.gate.check_work(actor, round=round_id)
        stored = self.round(round_id)
        kept = {role: getattr(stored, role) for role in COMPLETERS}
        fields, counts = self.round_fields(
            held_on, facilitator, status, participants, stored.level, kept | (completers or {})
        )
        with writing(self.engine) as conn:
            before = round_from_row(
                self.ledger.row(conn, store.rounds, round_id, "round"),
                self._participants(conn, [round_id]).get(round_id, {}),
            )
            if not self.ledger.bump(
                conn, store.rounds, round_id, read_version, updated_at=utc_now(), **fields
            ):
                labels = {
                    "held_on": "Date",
                    "facilitator": "Facilitator",
                    **{role: label.split(" (")[0] for role, label in COMPLETERS.items()},
                    "status": "Status",
                    "participants": "Who took part",
                }
                wanted = replace(before, participants=counts, **fields)
                raise StaleSave(
                    "this round's details",
                    self.ledger.last_write(conn, "round", round_id),
                    differences_between(wanted, before, labels),
                )
            self.write_participants(conn, round_id, counts)
            after = round_from_row(self.ledger.row(conn, store.rounds, round_id, "round"), counts)
            self.ledger.audit(
                conn, actor, "update", "round", round_id, asdict(before), asdict(after)
            )
        return after

    def current_team(self, conn: Connection, organisation_id: int, team_id: int) -> Team:
        """The team a new round assesses: a current team of the round's provider."""
        team = team_from_row(self.ledger.row(conn, store.teams, team_id, "team"))
        if team.organisation_id != organisation_id or team.archived:
            raise ServiceError(f"{team.name} is not a current team of this provider.", "team")
        return team


def round_from_row(row, participants: dict[str, int]) -> Round:
    return Round(
        row["id"],
        row["organisation_id"],
        row["team_id"],
        row["framework"],
        row["held_on"],
        row["facilitator"],
        RoundStatus(row["status"]),
        dict(participants),
        row["version"],
        RoundKind(row["kind"]),
        RoundLevel(row["level"]),
        row["recovery_lead"],
        row["commissioner_lead"],
        row["co_facilitator"],
    )
