"""One team's whole record as the text of a team file (see `__init__.py` for the format).

Everything is read through the service. The order of rounds, assets, plans, reviews and
measurements follows what they hold (dates, kinds, ids of the methodology), and only between
records that are otherwise alike their order in the store: an import writes them in the file's
order, so exporting the imported team gives the same text again, byte for byte.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import yaml

from assessments.analytics.small_groups import SUPPRESSED, held_back, suppressed
from assessments.records import TEMPLATE_A, TRIP, GroupView, Round, Team
from assessments.records.plans import Measurement, Plan, PlanContent, PlanVersion, Review
from assessments.records.trip import Asset
from assessments.service import Service
from exports.team_file.format import (
    CONTENT_FIELDS,
    TEMPLATE_B,
    AssetEntry,
    ChallengeEntry,
    ContentEntry,
    MeasurementEntry,
    PlanEntry,
    ProviderEntry,
    RatingEntry,
    ReviewEntry,
    RoundEntry,
    SignedBy,
    TeamEntry,
    TeamFile,
    TemplateARound,
    TemplateBPlan,
    TripPlan,
    TripRound,
    VersionEntry,
    ViewEntry,
)

KIND_ORDER = {TEMPLATE_A: 0, TRIP: 1, TEMPLATE_B: 0}
COUNT_KEYS = ("stage_1", "stage_2", "stage_3", "not_sure")

PREAMBLE = """\
# One team's whole record from the recovery self-assessment app: its Template A rounds, its TRIP
# rounds and assets, and its plans (Template B and TRIP priorities) with every version, review
# and measurement. Dates are ISO dates (YYYY-MM-DD). Plans name their round by its `key`, and
# TRIP priorities name their assets by theirs. Check and import it with:
#   python -m exports import FILE.yaml
"""


def team_file(service: Service, team_id: int) -> str:
    """The team's whole record as the text of a team file."""
    return file_text(team_record(service, team_id))


def team_record(service: Service, team_id: int) -> TeamFile:
    """The team's whole record in the file's model; a ServiceError if there is no such team."""
    team = service.providers.team(team_id)
    provider = service.providers.organisation(team.organisation_id)
    rounds = sorted(
        service.rounds.rounds(team_id=team_id) + service.trip.trip_rounds(team_id),
        key=lambda r: (r.held_on, KIND_ORDER[r.kind], r.framework, r.facilitator, r.id),
    )
    keys = round_keys(rounds)
    assets = sorted(service.trip.assets(team_id, include_archived=True), key=lambda a: a.id)
    asset_keys = {a.id: f"asset-{n}" for n, a in enumerate(assets, start=1)}
    order = {r.id: n for n, r in enumerate(rounds)}
    plans = service.plans.plans(team.organisation_id, team_id) + service.trip.trip_priorities(
        team_id
    )
    plans.sort(
        key=lambda p: (
            KIND_ORDER[TRIP if p.trip else TEMPLATE_B],
            p.open,  # closed ones first: an import frees their places before opening others
            order[p.round_id],
            p.challenge_id,
            p.id,
        )
    )
    return TeamFile(
        provider=ProviderEntry(name=provider.name, kind=provider.kind),
        team=_team(team),
        rounds=tuple(round_entry(service, r, keys[r.id]) for r in rounds),
        assets=tuple(_asset(a, asset_keys[a.id]) for a in assets),
        plans=tuple(plan_entry(service, p, keys[p.round_id], asset_keys) for p in plans),
    )


def round_keys(rounds: Iterable[Round]) -> dict[int, str]:
    """A key per round that a person can read: its kind and date, numbered when two share
    both (`template-a-2026-03-12`, `template-a-2026-03-12-2`)."""
    seen: Counter[str] = Counter()
    keys = {}
    for r in rounds:
        base = f"{r.kind}-{r.held_on.isoformat()}"
        seen[base] += 1
        keys[r.id] = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return keys


def _team(team: Team) -> TeamEntry:
    return TeamEntry(
        name=team.name, type=team.team_type, locality=team.locality, archived=team.archived
    )


def _in_order(values: dict, order: Iterable[str]) -> dict:
    """`values` with the keys of `order` first, in that order, then the rest sorted."""
    ordered = [k for k in order if k in values]
    return {k: values[k] for k in [*ordered, *sorted(set(values) - set(ordered))]}


# --- rounds -----------------------------------------------------------------------------------


def round_entry(service: Service, r: Round, key: str) -> RoundEntry:
    """One round as a file writes it, named by `key`."""
    groups = [g.id for g in service.definitions.stakeholder_groups]
    common = {
        "key": key,
        "held_on": r.held_on,
        "facilitator": r.facilitator,
        "status": r.status,
        "participants": _in_order(r.participants, groups),
    }
    if r.kind == TRIP:
        ratings = service.trip.trip_ratings(r.id)
        return TripRound(
            kind=TRIP,
            benchmark_set=r.framework,
            statements={
                sid: RatingEntry(
                    rating=x.rating.value, proud=x.rating.proud, next_step=x.rating.next_step
                )
                for sid, x in ratings.items()
            },
            **common,
        )
    records = service.workshop.challenge_records(r.id)
    return TemplateARound(
        kind=TEMPLATE_A,
        framework=r.framework,
        challenges={cid: _challenge(record.answer) for cid, record in records.items()},
        **common,
    )


def _challenge(answer) -> ChallengeEntry:
    return ChallengeEntry(
        views={v.group: _view(v) for v in answer.views},
        agreed_stage=answer.agreed_stage,
        not_agreed=answer.not_agreed,
        dissent=answer.dissent,
        priority=answer.priority,
        comments=answer.comments,
        evidence=answer.evidence,
    )


def _view(view: GroupView) -> ViewEntry:
    """A small phone vote with its counts held back, saying only that it had fewer voters."""
    kept = held_back(view)
    return ViewEntry(
        stage_1=kept.stage_1,
        stage_2=kept.stage_2,
        stage_3=kept.stage_3,
        not_sure=kept.not_sure,
        note=kept.note,
        phone_vote=kept.phone_vote,
        voters=SUPPRESSED if suppressed(view) else None,
    )


def _asset(asset: Asset, key: str) -> AssetEntry:
    return AssetEntry(
        key=key,
        kind=asset.kind,
        holder=asset.holder,
        held_by=asset.held_by,
        what=asset.what,
        archived=asset.archived,
    )


# --- plans ------------------------------------------------------------------------------------


def plan_entry(
    service: Service, plan: Plan, round_key: str, asset_keys: dict[int, str]
) -> PlanEntry:
    """One plan as a file writes it: its round named by `round_key`, its assets by theirs."""
    versions = service.plans.plan_versions(plan.id)
    contents = {v.number: v.content for v in versions}
    measured = service.reviews.measurements(plan.id)
    common = {
        "round": round_key,
        "status": plan.status,
        "status_reason": plan.status_reason,
        "versions": tuple(_version(v, plan.trip, asset_keys) for v in versions),
        "reviews": tuple(
            _review(r, contents[r.plan_version], measured)
            for r in sorted(
                service.reviews.reviews(plan.id), key=lambda r: (r.held_on, r.plan_version)
            )
        ),
        "measurements": tuple(
            MeasurementEntry(goal=m.goal_key, measured_on=m.measured_on, value=m.value, note=m.note)
            for m in sorted(measured, key=lambda m: (m.measured_on, m.goal_key))
            if m.review_id is None
        ),
    }
    if plan.trip:
        return TripPlan(kind=TRIP, statement=plan.challenge_id, **common)
    return TemplateBPlan(kind=TEMPLATE_B, challenge=plan.challenge_id, **common)


def _version(version: PlanVersion, trip: bool, asset_keys: dict[int, str]) -> VersionEntry:
    content = version.content.model_dump()
    content["assets"] = tuple(asset_keys[i] for i in version.content.assets)
    signed_by = None
    if version.signed and not trip:
        signed_by = SignedBy(
            commissioner=version.signed_by_commissioner, provider=version.signed_by_provider
        )
    return VersionEntry(
        number=version.number,
        reason=version.reason,
        signed_on=version.signed_on,
        signed_by=signed_by,
        content=ContentEntry(**content),
    )


def _review(review: Review, content: PlanContent, measured: list[Measurement]) -> ReviewEntry:
    goals = [g.key for g in content.goals]
    actions = [a.key for a in content.actions]
    values = {m.goal_key: m.value for m in measured if m.review_id == review.id}
    return ReviewEntry(
        held_on=review.held_on,
        plan_version=review.plan_version,
        measurements=_in_order(values, goals),
        goal_outcomes=_in_order(review.goal_outcomes, goals),
        action_statuses=_in_order(review.action_statuses, actions),
        stage=review.stage,
        stage_evidence=review.stage_evidence,
        learned=review.learned,
        next_review_on=review.next_review_on,
    )


# --- text -------------------------------------------------------------------------------------


class _Inline(dict):
    """A mapping written on one line: a group's counts read best side by side."""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:
        return True  # a person reads every value where it belongs, never an &anchor

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)  # a list's items indented under its key


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Text of several lines keeps its line breaks as a block, not as "\n" in quotes.
    return dumper.represent_scalar(
        "tag:yaml.org,2002:str", value, style="|" if "\n" in value else None
    )


_Dumper.add_representer(str, _text)
_Dumper.add_multi_representer(str, lambda d, value: _text(d, str(value)))  # a status enum
_Dumper.add_representer(
    _Inline, lambda d, value: d.represent_mapping("tag:yaml.org,2002:map", value, flow_style=True)
)


def _shown_keys(view: dict) -> dict:
    """A view's keys as a person reads them: `phone_vote` and `voters` only when they say
    something, and no counts where the file holds them back."""
    held = view["voters"] is not None
    return {
        k: v
        for k, v in view.items()
        if not (k == "phone_vote" and not v)
        and not (k == "voters" and not held)
        and not (held and k in COUNT_KEYS)
    }


def file_text(record: TeamFile) -> str:
    """The text of a team file: the preamble, then the record with its keys in a fixed order."""
    data = record.model_dump(mode="python")
    for plan in data["plans"]:
        shown = CONTENT_FIELDS[plan["kind"]]
        defaults = ContentEntry().model_dump(mode="python")
        for version in plan["versions"]:
            content = version["content"]
            version["content"] = {
                k: v for k, v in content.items() if k in shown or v != defaults[k]
            }
            if version["signed_by"] is None:
                del version["signed_by"]
    for r in data["rounds"]:
        for challenge in r.get("challenges", {}).values():
            # A group's counts on one line; a group with a note as a block, so the note
            # reads as a sentence.
            views = {group: _shown_keys(view) for group, view in challenge["views"].items()}
            challenge["views"] = {
                group: view
                if view.get("note")
                else _Inline({k: v for k, v in view.items() if k != "note"})
                for group, view in views.items()
            }
    return PREAMBLE + yaml.dump(
        _plain(data),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )


def _plain(value):
    """Tuples as lists (YAML's safe dumper knows lists only), all the way down."""
    if isinstance(value, _Inline):
        return _Inline({k: _plain(v) for k, v in value.items()})
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
