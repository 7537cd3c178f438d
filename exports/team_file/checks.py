"""What a team file means, checked against the loaded definitions before anything is written:
the provider's kind, the team's type, and each round and asset (frameworks, benchmark sets,
challenges, statements, groups, answers). The plans' checks are in `plan_checks.py`.
Every rule the service applies to a record is applied here first, so an import that starts can
finish. Each problem names its path in the file and, through the reader, its line.

A part whose shape was wrong is left out (its problems are already reported), and nothing that
depends on it is checked, so one slip does not bring a cascade of problems after it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from assessments.records import ORGANISATION_KINDS, TEMPLATE_A, TRIP
from assessments.rules.dates import outside_window
from assessments.rules.names import NOT_A_NAME, looks_like_a_name
from exports.team_file.format import (
    TEMPLATE_B,
    AssetEntry,
    PlanEntry,
    ProviderEntry,
    RoundEntry,
    TeamEntry,
    TemplateARound,
    TripRound,
)
from framework.loader import Definitions
from framework.yamlfile import YamlFile

KIND_NAMES = {TEMPLATE_B: "Template B plan", TRIP: "TRIP priority"}  # the kinds of plan
KIND_PLURALS = {TEMPLATE_B: "Template B plans", TRIP: "TRIP priorities"}
ROUND_NAMES = {TEMPLATE_A: "Template A", TRIP: "TRIP"}


@dataclass(frozen=True)
class Parts:
    """The parts of a file that have the right shape (None, or left out of a mapping by their
    index in the file, when they have not), and the keys the file gives its rounds and assets
    whatever their shape."""

    provider: ProviderEntry | None
    team: TeamEntry | None
    rounds: dict[int, RoundEntry]
    assets: dict[int, AssetEntry]
    plans: dict[int, PlanEntry]
    round_keys: set[str]
    asset_keys: set[str]


def listed(values) -> str:
    return "one of " + ", ".join(values)


class Checks:
    """What every check shares: the file, its parts, the definitions and today."""

    def __init__(self, doc: YamlFile, parts: Parts, definitions: Definitions, today: date):
        self.doc, self.parts, self.defs, self.today = doc, parts, definitions, today
        self.problem = doc.problem
        self.groups = [g.id for g in definitions.stakeholder_groups]
        self.sets = {s.ref: s for s in definitions.benchmark_sets.values()}
        # The rounds plans can hang on: the first round of each key.
        self.rounds: dict[str, RoundEntry] = {}
        for r in parts.rounds.values():
            self.rounds.setdefault(r.key, r)


class RecordChecks(Checks):
    """The provider, the team, the rounds and the assets."""

    def run(self) -> None:
        self._header()
        keys = Counter()
        for i, r in self.parts.rounds.items():
            keys[r.key] += 1
            if keys[r.key] > 1:
                self.problem(
                    ("rounds", i, "key"), f"duplicate round key '{r.key}'", "each key once"
                )
            self._round(("rounds", i), r)
        self._assets()

    # --- the header and the rounds ----------------------------------------------------------

    def _header(self) -> None:
        provider, team = self.parts.provider, self.parts.team
        if provider is not None and provider.kind not in ORGANISATION_KINDS:
            self.problem(
                ("provider", "kind"),
                f"'{provider.kind}' is not a kind of provider",
                listed(ORGANISATION_KINDS),
            )
        types = [t.id for t in self.defs.team_types]
        if team is not None and team.type not in types:
            self.problem(("team", "type"), f"'{team.type}' is not a team type", listed(types))

    def _round(self, at: tuple, r: RoundEntry) -> None:
        for group in r.participants:
            self._group((*at, "participants", group), group)
        outside = outside_window(r.held_on, self.today)
        if outside is not None:
            self.problem((*at, "held_on"), outside, "a date the round could have been held")
        elif r.status == "agreed" and r.held_on > self.today:
            self.problem(
                (*at, "held_on"),
                f"an agreed round is dated {r.held_on}, in the future",
                f"a date no later than {self.today}, or status draft",
            )
        if isinstance(r, TemplateARound):
            self._template_a(at, r)
        else:
            self._trip_round(at, r)

    def _group(self, at: tuple, group: str) -> None:
        if group not in self.groups:
            self.problem(at, f"'{group}' is not a stakeholder group", listed(self.groups))

    def _template_a(self, at: tuple, r: TemplateARound) -> None:
        framework = self.defs.frameworks.get(r.framework)
        if framework is None:
            self.problem(
                (*at, "framework"),
                f"'{r.framework}' is not a loaded framework",
                listed(self.defs.frameworks),
            )
            return
        ids = [c.id for c in framework.challenges]
        ranks: dict[int, str] = {}
        for cid, record in r.challenges.items():
            here = (*at, "challenges", cid)
            if cid not in ids:
                self.problem(here, f"'{cid}' is not a challenge of {r.framework}", listed(ids))
                continue
            for group, view in record.views.items():
                self._group((*here, "views", group), group)
                counts = (view.stage_1, view.stage_2, view.stage_3, view.not_sure)
                if view.voters is not None and (not view.phone_vote or any(counts)):
                    self.problem(
                        (*here, "views", group, "voters"),
                        "says fewer than 5 voted, beside counts or with no phone vote",
                        "phone_vote: true and no counts, or the counts without voters",
                    )
            if record.agreed_stage is not None and record.not_agreed:
                self.problem(
                    (*here, "agreed_stage"),
                    "a stage is agreed and not_agreed is true",
                    "either an agreed stage or not_agreed: true",
                )
            if record.not_agreed and not record.dissent.strip():
                self.problem(
                    (*here, "dissent"),
                    "is empty although the room did not agree",
                    "where views differ and why",
                )
            if record.dissent.strip() and not record.not_agreed:
                self.problem(
                    (*here, "dissent"), "is given but the room agreed", "not_agreed: true with it"
                )
            if record.priority is not None:
                if record.priority in ranks:
                    self.problem(
                        (*here, "priority"),
                        f"priority {record.priority} is also given to {ranks[record.priority]}",
                        "each rank once in a round",
                    )
                ranks.setdefault(record.priority, cid)

    def _trip_round(self, at: tuple, r: TripRound) -> None:
        bset = self.sets.get(r.benchmark_set)
        if bset is None:
            self.problem(
                (*at, "benchmark_set"),
                f"'{r.benchmark_set}' is not a loaded benchmark set",
                listed(self.sets),
            )
            return
        # Any loaded set: a round held before the team changed type used the set of its old type.
        ids = [s.id for s in bset.statements]
        scale = [v.value for v in self.defs.scales[bset.scale].values]
        for sid, rating in r.statements.items():
            here = (*at, "statements", sid)
            if sid not in ids:
                self.problem(here, f"'{sid}' is not a statement of {r.benchmark_set}", listed(ids))
            elif rating.rating is not None and rating.rating not in scale:
                self.problem(
                    (*here, "rating"),
                    f"'{rating.rating}' is not an answer of the {bset.scale} scale",
                    listed(scale),
                )

    def _assets(self) -> None:
        method = self.defs.trip
        kinds = [k.id for k in method.asset_kinds] if method else []
        holders = [h.id for h in method.asset_holders] if method else []
        keys = Counter()
        for i, asset in self.parts.assets.items():
            at = ("assets", i)
            keys[asset.key] += 1
            if keys[asset.key] > 1:
                self.problem((*at, "key"), f"duplicate asset key '{asset.key}'", "each key once")
            if asset.kind not in kinds:
                self.problem((*at, "kind"), f"'{asset.kind}' is not a kind of asset", listed(kinds))
            if asset.holder not in holders:
                self.problem(
                    (*at, "holder"),
                    f"'{asset.holder}' is not a group an asset can be held in",
                    listed(holders),
                )
            if looks_like_a_name(asset.held_by):
                self.problem(
                    (*at, "held_by"), f"'{asset.held_by}' reads as a person's name", NOT_A_NAME
                )
