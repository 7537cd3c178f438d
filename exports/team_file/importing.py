"""Importing a team file: check it whole, match it against the store, then write what is new
through the ordinary `Service` calls with the actor, so every record is checked and audited like
any other. Nothing is written unless the file and the match are free of problems.

What is already there is found by natural keys (see `match.py`), so importing a file
twice creates nothing the second time. A later file from the same team brings what happened
since: a round there takes what the room recorded since, a plan there takes its new versions,
reviews, figures and status (see `catch_up.py`), and an asset takes the file's words
and whether it is archived. A plan whose signed versions went another way here, or that this
store completed or closed, is left as it is, and the result names it.

A plan is written the way it happened: opened from its round, each version saved and signed
(or agreed) on its recorded date, each review after the version it reviewed was signed, each
figure while its goal was in the plan, and its status last. The service refuses a plan from a
practice round, yet a round can be made practice after its plans were chosen: such a round is
written as a draft, its plans made, and then it is marked practice again. A team that was
archived is archived once its records are in, here too if it was not.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from assessments.analytics.small_groups import kept_back
from assessments.records import TEMPLATE_A, TRIP, Actor, Answer, GroupView, Organisation, Team
from assessments.records.plans import Plan, PlanContent
from assessments.records.trip import NewAsset, Rating
from assessments.rules.text import checked_actor
from assessments.service import Service
from assessments.store import one_write
from exports.team_file.catch_up import last_version_with
from exports.team_file.format import (
    AssetEntry,
    ChallengeEntry,
    ContentEntry,
    PlanEntry,
    RatingEntry,
    RoundEntry,
    TeamFile,
    TemplateARound,
)
from exports.team_file.match import Match
from exports.team_file.read import TeamFileRefused, read_checked, refusal
from exports.team_file.result import ImportResult, Tally


def import_team_file(
    service: Service, actor: Actor, data: bytes | str, name: str = "team file"
) -> ImportResult:
    """Write the team file's records that the store does not have yet. A file with any problem,
    or one that does not fit the store (a team of another type, say), is refused with
    TeamFileRefused before anything is written, and the writing is one transaction."""
    actor = checked_actor(actor)
    record, doc = read_checked(data, name, service.definitions, service.today())
    match = Match(service, record, doc)
    if doc.problems:
        raise TeamFileRefused(refusal(doc))
    with one_write(service.engine):  # every record of the file, or none
        return _Writer(service, actor, record, match).write()


# --- writing ----------------------------------------------------------------------------------


@dataclass
class _Writer:
    service: Service
    actor: Actor
    record: TeamFile
    match: Match
    created: Tally = field(default_factory=Tally)
    already: Tally = field(default_factory=Tally)
    updated: Tally = field(default_factory=Tally)
    left: list[str] = field(default_factory=list)

    def write(self) -> ImportResult:
        organisation = self._organisation()
        team = self._team(organisation)
        round_ids = self._rounds(organisation, team)
        asset_ids = self._assets(team)
        match = self.match
        # Plans there first: those the file completes or closes free their places.
        for j, stored in match.plans_behind.items():
            plan = self.record.plans[j]
            self._replay(self.service.plans.plan(match.plans[j]), plan, asset_ids, done=stored)
            self.updated.add(_plan_tally(plan))
        for j, plan in enumerate(self.record.plans):
            if j in match.plans_left:
                self.left.append(self._plan_words(plan))
            elif j in match.plans and j not in match.plans_behind:
                self.already.add(_plan_tally(plan))
            elif j not in match.plans:
                self._plan(plan, round_ids[match.round_index(plan)], asset_ids)
        self._practice_again(round_ids)
        if self.record.team.archived and not team.archived:
            # Once its records are in. The other way, a team this store archived stays so.
            team = self.service.providers.team(team.id)
            self.service.providers.set_team_archived(self.actor, team.id, team.version, True)
            if match.team is not None:
                self.updated.teams, self.already.teams = 1, 0
        return ImportResult(
            organisation.name,
            team.name,
            team.id,
            self.created,
            self.already,
            self.updated,
            tuple(self.left),
        )

    def _organisation(self) -> Organisation:
        if self.match.organisation is not None:
            self.already.providers = 1
            return self.match.organisation
        self.created.providers = 1
        given = self.record.provider
        return self.service.providers.create_organisation(self.actor, given.name, given.kind)

    def _team(self, organisation: Organisation) -> Team:
        given, there = self.record.team, self.match.team
        if there is not None and self.match.team_behind:
            self.updated.teams = 1
            return self.service.providers.update_team(
                self.actor,
                there.id,
                there.version,
                name=there.name,
                team_type=given.type,
                locality=given.locality,
            )
        if there is not None:
            self.already.teams = 1
            return there
        self.created.teams = 1
        return self.service.providers.create_team(
            self.actor, organisation.id, given.name, given.type, given.locality
        )

    # --- rounds and assets --------------------------------------------------------------------

    def _rounds(self, organisation: Organisation, team: Team) -> list[int]:
        ids = []
        for i, r in enumerate(self.record.rounds):
            tally = "template_a_rounds" if r.kind == TEMPLATE_A else "trip_rounds"
            status = "draft" if self._practice_with_plans(r) else r.status
            if i not in self.match.rounds:
                self.created.add(tally)
                ids.append(self._round(organisation, team, r, status))
                continue
            ids.append(self.match.rounds[i])
            if i in self.match.rounds_behind:
                self._catch_up_round(ids[-1], r, status)
                self.updated.add(tally)
            else:
                self.already.add(tally)
        return ids

    def _practice_with_plans(self, r: RoundEntry) -> bool:
        return r.status == "practice" and any(p.round == r.key for p in self.record.plans)

    def _round(self, organisation: Organisation, team: Team, r: RoundEntry, status: str) -> int:
        common = {
            "held_on": r.held_on,
            "facilitator": r.facilitator,
            "status": status,
            "participants": dict(r.participants),
        }
        if isinstance(r, TemplateARound):
            return self.service.workshop.create_round(
                self.actor,
                organisation.id,
                framework=r.framework,
                team_id=team.id,
                answers={cid: _answer(record) for cid, record in r.challenges.items()},
                **common,
            ).id
        ratings = {
            sid: Rating(value=x.rating, proud=x.proud, next_step=x.next_step)
            for sid, x in r.statements.items()
        }
        return self.service.trip.create_trip_round(
            self.actor, team.id, ratings=ratings, benchmark_set=r.benchmark_set, **common
        ).id

    def _catch_up_round(self, round_id: int, r: RoundEntry, status: str) -> None:
        """A round there becomes what the file says: what the room recorded, then its details
        (its status last, as an agreed round is agreed on what it records)."""
        service, actor = self.service, self.actor
        if isinstance(r, TemplateARound):
            stored = service.workshop.challenge_records(round_id)
            wanted = {
                cid: kept_back(_answer(r.challenges.get(cid, ChallengeEntry())), stored[cid].answer)
                for cid in stored
            }
            changed = [cid for cid in stored if wanted[cid] != stored[cid].answer]
            # A priority may move from one challenge to another: free the ones that move
            # first, as no two challenges of a round may hold the same priority at once.
            for cid in changed:
                if stored[cid].answer.priority not in (None, wanted[cid].priority):
                    freed = replace(stored[cid].answer, priority=None)
                    service.workshop.save_challenge(
                        actor, round_id, cid, freed, stored[cid].version
                    )
            for cid in changed:
                record = service.workshop.challenge_record(round_id, cid)
                service.workshop.save_challenge(actor, round_id, cid, wanted[cid], record.version)
        else:
            for sid, stored_rating in service.trip.trip_ratings(round_id).items():
                given = r.statements.get(sid, RatingEntry())
                rating = Rating(value=given.rating, proud=given.proud, next_step=given.next_step)
                if rating != stored_rating.rating:
                    service.trip.save_rating(actor, round_id, sid, stored_rating.version, rating)
        written = service.rounds.round(round_id)
        service.rounds.update_round(
            actor,
            round_id,
            written.version,
            held_on=r.held_on,
            facilitator=r.facilitator,
            status=status,
            participants=dict(r.participants),
        )

    def _practice_again(self, round_ids: list[int]) -> None:
        for i, r in enumerate(self.record.rounds):
            written_now = i not in self.match.rounds or i in self.match.rounds_behind
            if not written_now or not self._practice_with_plans(r):
                continue
            written = self.service.rounds.round(round_ids[i])
            self.service.rounds.update_round(
                self.actor,
                written.id,
                written.version,
                held_on=r.held_on,
                facilitator=r.facilitator,
                status=r.status,
                participants=dict(r.participants),
            )

    def _assets(self, team: Team) -> dict[str, int]:
        """The new assets added in bulk, a run at a time (one ends at an asset there that the
        file catches up), so the audit log lists them in the file's order."""
        ids, new = dict(self.match.assets), []
        for asset in self.record.assets:
            if asset.key in self.match.assets_behind:
                self._add_assets(team, new, ids)
                self._catch_up_asset(ids[asset.key], asset)
                self.updated.assets += 1
            elif asset.key in ids:
                self.already.assets += 1
            else:
                new.append(asset)
        self._add_assets(team, new, ids)
        return ids

    def _catch_up_asset(self, asset_id: int, asset: AssetEntry) -> None:
        there = self.service.trip.update_asset(
            self.actor,
            asset_id,
            self.service.trip.asset(asset_id).version,
            kind=asset.kind,
            holder=asset.holder,
            held_by=asset.held_by,
            what=asset.what,
        )
        if there.archived != asset.archived:
            self.service.trip.set_asset_archived(
                self.actor, asset_id, there.version, asset.archived
            )

    def _add_assets(self, team: Team, new: list[AssetEntry], ids: dict[str, int]) -> None:
        if not new:
            return
        given = [NewAsset(a.kind, a.holder, a.held_by, a.what, a.archived) for a in new]
        made = self.service.trip.add_assets(self.actor, team.id, given)
        ids.update({asset.key: m.id for asset, m in zip(new, made, strict=True)})
        self.created.assets += len(new)
        new.clear()

    # --- plans --------------------------------------------------------------------------------

    def _plan(self, entry: PlanEntry, round_id: int, asset_ids: dict[str, int]) -> None:
        service, actor = self.service, self.actor
        if entry.kind == TRIP:
            plan = service.trip.create_trip_priority(actor, round_id, entry.subject)
        else:
            plan = service.plans.create_plan(actor, round_id, entry.subject)
        self._replay(plan, entry, asset_ids)
        self.created.add(_plan_tally(entry))

    def _replay(
        self,
        plan: Plan,
        entry: PlanEntry,
        asset_ids: dict[str, int],
        done: PlanEntry | None = None,
    ) -> None:
        """Write what the plan has in the file and not yet in the store (`done`, its copy
        there, if any), in the order it happened."""
        service, actor = self.service, self.actor
        done_versions = done.versions if done else ()
        done_reviews = done.reviews if done else ()
        done_figures = done.measurements if done else ()
        # A figure is entered while its goal is in the plan: after the last version that has it.
        last_with = last_version_with(entry)
        for n, version in enumerate(entry.versions, start=1):
            if n > len(done_versions) or done_versions[n - 1] != version:
                content = _content(version.content, asset_ids)
                plan = service.versions.save_plan(
                    actor, plan.id, plan.version, content, version.reason
                )
                if version.signed_on is not None:
                    plan = self._sign(plan, version.signed_on)
                self.created.versions += n > len(done_versions)
            for review in entry.reviews:
                if review.plan_version == n and review not in done_reviews:
                    self._review(plan, review)
            for m in entry.measurements:
                if last_with[m.goal] == n and m not in done_figures:
                    service.reviews.add_measurement(
                        actor, plan.id, m.goal, m.measured_on, m.value, m.note
                    )
                    self.created.measurements += 1
        before = (done.status, done.status_reason) if done else ("open", "")
        if (entry.status, entry.status_reason) != before:
            version = service.plans.plan(plan.id).version
            service.plans.set_plan_status(
                actor, plan.id, version, entry.status, entry.status_reason
            )

    def _plan_words(self, plan: PlanEntry) -> str:
        """Which plan, as a person finds it in the file and in the app."""
        if plan.kind == TRIP:
            return f"the TRIP priority on statement {plan.subject} from the round {plan.round}"
        ref = self.record.rounds[self.match.round_index(plan)].framework_ref
        challenge = self.service.definitions.framework(ref).challenge(plan.subject)
        name = challenge.short_title or challenge.title
        return f"the Template B plan on {challenge.number}. {name}, from the round {plan.round}"

    def _sign(self, plan: Plan, signed_on: date) -> Plan:
        if plan.trip:
            return self.service.versions.agree_trip_priority(
                self.actor,
                plan.id,
                plan.version,
                agreed_on=signed_on,
                staff_lead_agrees=True,
                person_lead_agrees=True,
            )
        return self.service.versions.sign_plan(
            self.actor,
            plan.id,
            plan.version,
            signed_on=signed_on,
            commissioner_agrees=True,
            provider_agrees=True,
        )

    def _review(self, plan: Plan, review) -> None:
        self.created.reviews += 1
        self.created.measurements += len(review.measurements)
        self.service.reviews.record_review(
            self.actor,
            plan.id,
            held_on=review.held_on,
            measurements=dict(review.measurements),
            goal_outcomes=dict(review.goal_outcomes),
            action_statuses=dict(review.action_statuses),
            stage=review.stage,
            stage_evidence=review.stage_evidence,
            learned=review.learned,
            next_review_on=review.next_review_on,
        )


def _plan_tally(plan: PlanEntry) -> str:
    return "trip_priorities" if plan.kind == TRIP else "template_b_plans"


def _answer(record) -> Answer:
    return Answer(
        views=tuple(
            GroupView(group, v.stage_1, v.stage_2, v.stage_3, v.not_sure, v.note, v.phone_vote)
            for group, v in record.views.items()
        ),
        agreed_stage=record.agreed_stage,
        not_agreed=record.not_agreed,
        dissent=record.dissent,
        priority=record.priority,
        comments=record.comments,
        evidence=record.evidence,
    )


def _content(entry: ContentEntry, asset_ids: dict[str, int]) -> PlanContent:
    return PlanContent(
        **entry.model_dump(exclude={"assets"}), assets=tuple(asset_ids[k] for k in entry.assets)
    )
