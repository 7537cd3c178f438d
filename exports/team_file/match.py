"""Matching a checked team file against the store before anything is written: which of its
records the store holds already, by natural keys, and what the store would refuse part-way
(an archived team, more open plans than the method allows).

The natural keys, so that importing a file twice creates nothing the second time:
- the provider by its name, the team by its name within the provider (in any case);
- a round by its kind, framework or benchmark set, date and facilitator, and among rounds alike
  in all four by its place (the second such round in the file is the second in the store);
- an asset by its kind, holder, who holds it and what it is, and its place among assets alike
  (or, reworded since, by its place among the team's assets);
- a plan by its round, its challenge or statement, and its place among plans alike.

A round or plan already there is compared with the file's (see `catch_up.py`): the
same, behind the file (to catch up), or, for a plan, gone another way here (left as it is).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from assessments.records import TRIP, Organisation, Team
from assessments.records.plans import Plan
from assessments.service import Service
from assessments.service.plan_rows import scope_key, trip_scope
from assessments.service.plans import DEFAULT_PRIORITY_LIMIT
from exports.team_file.catch_up import BEHIND, DIFFERS, plan_state, round_state
from exports.team_file.checks import KIND_PLURALS
from exports.team_file.export import plan_entry, round_entry
from exports.team_file.format import TEMPLATE_B, PlanEntry, TeamFile
from framework.yamlfile import YamlFile


def _asset_key(asset) -> tuple:
    """What an asset is: a stored one or a file's entry alike."""
    return (asset.kind, asset.holder, asset.held_by, asset.what)


def _round_key(kind: str, framework: str, held_on: date, facilitator: str) -> tuple:
    return (kind, framework, held_on, facilitator)


def _places(keys: list) -> list[tuple]:
    """Each key with its place among equal keys: ("a", "b", "a") -> ("a", 1), ("b", 1), ("a", 2)."""
    seen: Counter = Counter()
    placed = []
    for key in keys:
        seen[key] += 1
        placed.append((key, seen[key]))
    return placed


def _stored(pairs: list[tuple]) -> dict[tuple, int]:
    """(natural key, id) pairs in the store's order -> {(natural key, place): id}."""
    return {
        placed: row_id
        for placed, (_, row_id) in zip(_places([k for k, _ in pairs]), pairs, strict=True)
    }


class Match:
    """Which of the file's records the store holds already (their ids), found before any write;
    problems that only the store reveals are added to `doc`."""

    def __init__(self, service: Service, record: TeamFile, doc: YamlFile) -> None:
        self.service, self.record, self.doc = service, record, doc
        # Where each round key is in the file (the checks made the keys unique).
        self.round_at = {r.key: i for i, r in enumerate(record.rounds)}
        self.organisation = self._organisation()
        self.team = self._team()
        self.rounds = self._rounds()  # index in the file -> id of the round already there
        self._stored_asset_ids: list[int] = []
        self.assets_behind: set[str] = set()  # keys of assets there that the file changed
        self.assets = self._assets()  # asset key -> id of the asset already there
        self.plans = self._plans()  # index in the file -> id of the plan already there
        self.rounds_behind: set[int] = set()  # rounds there that differ from the file's
        self.plans_behind: dict[int, PlanEntry] = {}  # index -> the store's copy, as an entry
        self.plans_left: set[int] = set()
        self._compare()
        self._fits()

    @property
    def new_rounds(self) -> list[int]:
        return [i for i in range(len(self.record.rounds)) if i not in self.rounds]

    @property
    def new_plans(self) -> list[int]:
        return [j for j in range(len(self.record.plans)) if j not in self.plans]

    def _organisation(self) -> Organisation | None:
        name = self.record.provider.name.lower()
        found = self.service.providers.organisations(include_archived=True)
        return next((o for o in found if o.name.lower() == name), None)

    def _team(self) -> Team | None:
        if self.organisation is None:
            return None
        name = self.record.team.name.lower()
        found = self.service.providers.teams(self.organisation.id, include_archived=True)
        return next((t for t in found if t.name.lower() == name), None)

    @property
    def team_behind(self) -> bool:
        """Whether the team there was since given another type or locality, which it takes."""
        given = self.record.team
        there = self.team
        return there is not None and (there.team_type, there.locality) != (
            given.type,
            given.locality,
        )

    def _rounds(self) -> dict[int, int]:
        if self.team is None:
            return {}
        service, team_id = self.service, self.team.id
        stored = sorted(
            service.rounds.rounds(team_id=team_id) + service.trip.trip_rounds(team_id),
            key=lambda r: r.id,
        )
        there = _stored(
            [(_round_key(r.kind, r.framework, r.held_on, r.facilitator), r.id) for r in stored]
        )
        keys = [
            _round_key(r.kind, r.framework_ref, r.held_on, r.facilitator)
            for r in self.record.rounds
        ]
        return {i: there[p] for i, p in enumerate(_places(keys)) if p in there}

    def _assets(self) -> dict[str, int]:
        if self.team is None:
            return {}
        stored = sorted(
            self.service.trip.assets(self.team.id, include_archived=True), key=lambda a: a.id
        )
        self._stored_asset_ids = [a.id for a in stored]
        there = _stored([(_asset_key(a), a.id) for a in stored])
        keys = [_asset_key(a) for a in self.record.assets]
        found = {
            self.record.assets[i].key: there[p] for i, p in enumerate(_places(keys)) if p in there
        }
        # An asset reworded since the last file is no longer found by what it is, but it keeps
        # its place among the team's assets: a file's asset found nowhere takes the stored one
        # at its place, if that is found nowhere either and is of the same kind and holder.
        taken = set(found.values())
        for asset, at_place in zip(self.record.assets, stored, strict=False):
            alike = (at_place.kind, at_place.holder) == (asset.kind, asset.holder)
            if alike and asset.key not in found and at_place.id not in taken:
                found[asset.key] = at_place.id
                taken.add(at_place.id)
        # An asset has no history to tell whose change came first: one there takes the file's
        # words and whether it is archived.
        by_id = {a.id: a for a in stored}
        self.assets_behind = {
            a.key
            for a in self.record.assets
            if a.key in found
            and (*_asset_key(by_id[found[a.key]]), by_id[found[a.key]].archived)
            != (*_asset_key(a), a.archived)
        }
        return found

    def _plans(self) -> dict[int, int]:
        if self.team is None:
            return {}
        there = _stored([((p.round_id, p.challenge_id), p.id) for p in self._stored_plans()])
        keys = [(self.rounds.get(self.round_index(p)), p.subject) for p in self.record.plans]
        return {
            j: there[p] for j, p in enumerate(_places(keys)) if p[0][0] is not None and p in there
        }

    def _stored_plans(self) -> list[Plan]:
        if self.team is None:
            return []
        found = self.service.plans.plans_in(scope_key(self.team.organisation_id, self.team.id))
        found += self.service.plans.plans_in(trip_scope(self.team.id))
        return sorted(found, key=lambda p: p.id)

    def _compare(self) -> None:
        """Each round and plan already there: the same as the file's, behind it, or (a plan)
        gone another way here. The store's copy is exported with the file's keys to compare."""
        for i, round_id in self.rounds.items():
            given = self.record.rounds[i]
            stored = round_entry(self.service, self.service.rounds.round(round_id), given.key)
            if round_state(stored, given) == BEHIND:
                self.rounds_behind.add(i)
        if not self.plans:
            return
        in_file = {store_id: key for key, store_id in self.assets.items()}
        asset_keys = {a: in_file.get(a, f"(not in the file: {a})") for a in self._stored_asset_ids}
        stored_plans = {p.id: p for p in self._stored_plans()}
        for j, plan_id in self.plans.items():
            given = self.record.plans[j]
            stored = plan_entry(self.service, stored_plans[plan_id], given.round, asset_keys)
            state = plan_state(stored, given)
            if state == BEHIND:
                self.plans_behind[j] = stored
            elif state == DIFFERS:
                self.plans_left.add(j)

    def _closing(self, j: int) -> bool:
        """Whether a plan there, open, is completed or closed by the file."""
        return j in self.plans_behind and self.record.plans[j].status != "open"

    def _fits(self) -> None:
        """Problems the service would meet part-way through the writes, found before them."""
        changes = (self.new_rounds, self.new_plans, self.rounds_behind, self.plans_behind)
        new = any((*changes, self.team_behind, self.assets_behind)) or len(self.assets) < len(
            self.record.assets
        )
        for what, found, at in (
            ("provider", self.organisation, ("provider", "name")),
            ("team", self.team, ("team", "name")),
        ):
            if new and found is not None and found.archived:
                self.doc.problem(
                    at,
                    f"the {what} {found.name} is archived in this store",
                    f"a current {what}: restore it before importing new records into it",
                )
        closing = {self.plans[j] for j in self.plans if self._closing(j)}
        stored = [p for p in self._stored_plans() if p.open and p.id not in closing]
        open_there = Counter(TRIP if p.trip else TEMPLATE_B for p in stored)
        taken = {(TRIP if p.trip else TEMPLATE_B, p.challenge_id) for p in stored}
        opened, closed = Counter(), Counter()
        for j in self.new_plans:
            plan = self.record.plans[j]
            (opened if plan.status == "open" else closed)[plan.kind] += 1
            if (plan.kind, plan.subject) in taken:
                self.doc.problem(
                    ("plans", j, "statement" if plan.kind == TRIP else "challenge"),
                    f"the team already has an open plan on '{plan.subject}' in this store",
                    "that plan completed or closed first",
                )
            # A round the file brings up to date is written as the file has it, first.
            at = self.round_index(plan)
            round_id = None if at in self.rounds_behind else self.rounds.get(at)
            if round_id is not None and self.service.rounds.round(round_id).practice:
                self.doc.problem(
                    ("plans", j, "round"),
                    f"'{plan.round}' is a practice round in this store, which makes no plans",
                    "a draft or agreed round",
                )
        for kind in opened | closed:
            limit = self._limit(kind)
            # Plans that are no longer open are written first, each open until its status.
            if open_there[kind] + opened[kind] > limit or (
                closed[kind] and open_there[kind] >= limit
            ):
                self.doc.problem(
                    ("plans",),
                    f"with the {open_there[kind]} open {KIND_PLURALS[kind]} the team has in "
                    "this store, there would be too many open at once",
                    f"at most {limit} open at once: complete or close some there first",
                )

    def round_index(self, plan: PlanEntry) -> int:
        return self.round_at[plan.round]

    def _limit(self, kind: str) -> int:
        """The limit of the scope, as the service reads it off the first new plan's round."""
        plans = [self.record.plans[j] for j in self.new_plans if self.record.plans[j].kind == kind]
        ref = self.record.rounds[self.round_index(plans[0])].framework_ref if plans else None
        return self.service.plans.priority_limit(ref) if ref else DEFAULT_PRIORITY_LIMIT
