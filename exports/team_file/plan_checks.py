"""What a team file's plans mean, checked before anything is written: each plan hangs on a
round of its kind and names one of its challenges or statements; versions are numbered in order,
signed ones complete; reviews name a signed version and its goals and actions; every date falls
between the plan's round and today; and no more plans are open at once than the method advises.
These are the service's own rules, applied first so an import that starts can finish.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from assessments.records import TRIP
from assessments.records.plans import ACTION_STATUSES, GOAL_OUTCOMES, PlanContent
from assessments.rules.names import INITIALS
from assessments.rules.smart import agreement_gaps, sign_off_gaps
from assessments.rules.text import NAME_LENGTH, TEXT_LENGTH
from assessments.service.plans import DEFAULT_PRIORITY_LIMIT
from exports.team_file.checks import KIND_NAMES, KIND_PLURALS, ROUND_NAMES, Checks, listed
from exports.team_file.format import (
    ROUND_OF_PLAN,
    TEMPLATE_B,
    ContentEntry,
    PlanEntry,
    ReviewEntry,
    RoundEntry,
    TemplateARound,
    VersionEntry,
)

# Text the service limits, inside the store's own models of goals, actions and leads.
GOAL_LIMITS = {"statement": TEXT_LENGTH, "owner": TEXT_LENGTH}
ACTION_LIMITS = {"what": TEXT_LENGTH, "who": NAME_LENGTH}
LEAD_LIMITS = {"name": NAME_LENGTH, "role": NAME_LENGTH}
LEADS = ("staff_lead", "commissioner_lead", "provider_lead")


class PlanChecks(Checks):
    """The plans: their rounds, versions, reviews and figures, and how many are open."""

    def run(self) -> None:
        self._open_plans()
        for j, plan in self.parts.plans.items():
            self._plan(("plans", j), plan)

    def _open_plans(self) -> None:
        """At most one open plan per challenge or statement, and no more open at once than the
        method advises, in each of the team's two scopes."""
        subjects: Counter = Counter()
        per_kind: Counter = Counter()
        for j, plan in self.parts.plans.items():
            if plan.status != "open":
                continue
            subjects[(plan.kind, plan.subject)] += 1
            per_kind[plan.kind] += 1
            if subjects[(plan.kind, plan.subject)] == 2:
                self.problem(
                    ("plans", j, "status"),
                    f"a second open {KIND_NAMES[plan.kind]} on '{plan.subject}'",
                    "one open plan per challenge or statement: complete or close the other",
                )
            limit = self._limit(plan)
            if per_kind[plan.kind] == limit + 1:
                self.problem(
                    ("plans", j, "status"),
                    f"more than {limit} open {KIND_PLURALS[plan.kind]}",
                    f"at most {limit} open at once, the most the method advises",
                )

    def _limit(self, plan: PlanEntry) -> int:
        r = self.rounds.get(plan.round)
        if plan.kind == TRIP and self.defs.trip:
            return self.defs.trip.priorities.at_most_open
        if r is not None and r.framework_ref in self.defs.frameworks:
            advice = self.defs.framework(r.framework_ref).priorities
            return advice.at_most_open if advice else DEFAULT_PRIORITY_LIMIT
        return DEFAULT_PRIORITY_LIMIT

    def _plan(self, at: tuple, plan: PlanEntry) -> None:
        if plan.status != "open" and not plan.status_reason.strip():
            self.problem(
                (*at, "status_reason"),
                f"is empty although the plan is {plan.status}",
                "why it was completed or closed",
            )
        r = self._plan_round(at, plan)
        if r is None:
            return
        subjects = self._subjects(r)
        field = "challenge" if plan.kind == TEMPLATE_B else "statement"
        if subjects is not None and plan.subject not in subjects:
            self.problem(
                (*at, field),
                f"'{plan.subject}' is not a {field} of {r.framework_ref}",
                listed(subjects),
            )
        self._versions(at, plan, r)
        signed = {v.number: v.content for v in plan.versions if v.signed_on is not None}
        for k, review in enumerate(plan.reviews):
            self._review((*at, "reviews", k), plan, review, signed, r)
        goals = {g.key for v in plan.versions for g in v.content.goals}
        for k, m in enumerate(plan.measurements):
            here = (*at, "measurements", k)
            if m.goal not in goals:
                self.problem(
                    (*here, "goal"), f"no version has a goal '{m.goal}'", listed(sorted(goals))
                )
            self._dated((*here, "measured_on"), m.measured_on, r, "the measurement")

    def _plan_round(self, at: tuple, plan: PlanEntry) -> RoundEntry | None:
        r = self.rounds.get(plan.round)
        if r is None:
            if plan.round not in self.parts.round_keys:  # else that round's shape is reported
                self.problem(
                    (*at, "round"),
                    f"no round has the key '{plan.round}'",
                    listed(sorted(self.parts.round_keys)),
                )
            return None
        if r.kind != ROUND_OF_PLAN[plan.kind]:
            self.problem(
                (*at, "round"),
                f"'{plan.round}' is a {ROUND_NAMES[r.kind]} round",
                f"a {ROUND_NAMES[ROUND_OF_PLAN[plan.kind]]} round for a {KIND_NAMES[plan.kind]}",
            )
            return None
        return r

    def _subjects(self, r: RoundEntry) -> list[str] | None:
        if isinstance(r, TemplateARound):
            framework = self.defs.frameworks.get(r.framework)
            return [c.id for c in framework.challenges] if framework else None
        bset = self.sets.get(r.benchmark_set)
        return [s.id for s in bset.statements] if bset else None

    def _dated(self, at: tuple, day: date, r: RoundEntry, what: str) -> None:
        """Nothing happens to a plan before the round that chose it, nor after today."""
        if day < r.held_on:
            self.problem(
                at,
                f"{what} is dated {day}, before the round that chose the plan ({r.held_on})",
                f"a date from {r.held_on} on",
            )
        elif day > self.today:
            self.problem(at, f"{what} is dated {day}, in the future", f"no later than {self.today}")

    # --- versions ---------------------------------------------------------------------------

    def _versions(self, at: tuple, plan: PlanEntry, r: RoundEntry) -> None:
        last = len(plan.versions)
        for k, version in enumerate(plan.versions):
            here = (*at, "versions", k)
            number = k + 1
            if version.number != number:
                self.problem(
                    (*here, "number"),
                    f"version {version.number} is where version {number} belongs",
                    "versions numbered 1, 2, 3... in order",
                )
            if number == 1 and version.reason.strip():
                self.problem(
                    (*here, "reason"), "the first version has a reason", "none: only a change does"
                )
            if number > 1 and not version.reason.strip():
                self.problem((*here, "reason"), "is empty", "why the signed plan was changed")
            if number > 1 and version.content == plan.versions[k - 1].content:
                self.problem(
                    (*here, "content"),
                    f"is the same as version {number - 1}",
                    "a change: a new version is made only when a signed plan changes",
                )
            if version.signed_on is None and number < last:
                self.problem(
                    here, f"version {number} is not signed, yet a later one follows", "signed_on"
                )
            self._content((*here, "content"), plan, version.content)
            self._signed(here, plan, version, r)

    def _signed(self, at: tuple, plan: PlanEntry, version: VersionEntry, r: RoundEntry) -> None:
        content = version.content
        if version.signed_by is not None and (plan.kind == TRIP or version.signed_on is None):
            what = "a TRIP priority, which its co-leads agree" if plan.kind == TRIP else "a draft"
            self.problem((*at, "signed_by"), f"is given for {what}", "no signed_by")
        elif plan.kind == TEMPLATE_B and version.signed_on is not None:
            # Signing records the leads the version names; the file cannot say otherwise.
            leads = (content.commissioner_lead.name, content.provider_lead.name)
            shown = version.signed_by
            if shown is None or (shown.commissioner, shown.provider) != leads:
                self.problem(
                    (*at, "signed_by"),
                    "does not name the version's commissioner and provider leads",
                    f"commissioner: {leads[0] or '(empty)'}, provider: {leads[1] or '(empty)'}",
                )
        if version.signed_on is None:
            return
        self._dated((*at, "signed_on"), version.signed_on, r, "the sign-off")
        gaps = (agreement_gaps if plan.kind == TRIP else sign_off_gaps)(_as_content(content))
        if gaps:
            self.problem(
                (*at, "content"),
                f"version {version.number} is signed but not complete: " + " ".join(gaps),
                "everything sign-off needs",
            )

    def _content(self, at: tuple, plan: PlanEntry, content: ContentEntry) -> None:
        indicators = {i.id: i for i in self.defs.indicators}
        for what, items in (("goal", content.goals), ("action", content.actions)):
            keys = Counter()
            for n, item in enumerate(items):
                keys[item.key] += 1
                if not item.key.strip() or keys[item.key] > 1:
                    shown = f"duplicate {what} key '{item.key}'" if item.key else "is empty"
                    self.problem((*at, f"{what}s", n, "key"), shown, f"a key used once per {what}")
        for n, goal in enumerate(content.goals):
            here = (*at, "goals", n)
            self._lengths(here, goal, GOAL_LIMITS)
            measure = goal.measure
            if measure is not None and measure.indicator is not None:
                if measure.indicator not in indicators:
                    self.problem(
                        (*here, "measure", "indicator"),
                        f"'{measure.indicator}' is not in the indicator library",
                        "an indicator id of indicators.yaml, or none for a measure of your own",
                    )
                elif not indicators[measure.indicator].goal_measure:
                    self.problem(
                        (*here, "measure", "indicator"),
                        f"'{measure.indicator}' is only watched for change, so it cannot measure"
                        " a goal",
                        "an indicator with a direction that is better, or a measure of your own",
                    )
            elif measure is not None and not (measure.name.strip() and measure.unit.strip()):
                self.problem((*here, "measure"), "has no name or no unit", "both")
            if measure is not None:
                self._lengths(
                    (*here, "measure"), measure, {"name": NAME_LENGTH, "unit": NAME_LENGTH}
                )
            if goal.baseline_on and goal.target_on and goal.target_on < goal.baseline_on:
                self.problem(
                    (*here, "target_on"),
                    f"the target date {goal.target_on} is before the baseline date",
                    f"a date from {goal.baseline_on} on",
                )
        for n, action in enumerate(content.actions):
            self._lengths((*at, "actions", n), action, ACTION_LIMITS)
            if action.status not in ACTION_STATUSES:
                self.problem(
                    (*at, "actions", n, "status"),
                    f"'{action.status}' is not an action status",
                    listed(ACTION_STATUSES),
                )
        for lead in LEADS:
            self._lengths((*at, lead), getattr(content, lead), LEAD_LIMITS)
        if content.current_stage_by_hand and content.current_stage is None:
            self.problem(
                (*at, "current_stage_by_hand"), "is true with no stage", "a current_stage, or false"
            )
        self._trip_content(at, content)

    def _trip_content(self, at: tuple, content: ContentEntry) -> None:
        method = self.defs.trip
        timescales = [t.id for t in method.timescales] if method else []
        if content.timescale is not None and content.timescale not in timescales:
            self.problem(
                (*at, "timescale"),
                f"'{content.timescale}' is not a timescale",
                listed(timescales),
            )
        initials = content.person_lead_initials.strip()
        if initials and not INITIALS.match(initials):
            self.problem(
                (*at, "person_lead_initials"),
                f"'{initials}' is not initials: the records never hold a name",
                "one to three capital letters, such as J.K.",
            )
        keys = sorted(self.parts.asset_keys)
        for n, key in enumerate(content.assets):
            if key not in keys:
                self.problem((*at, "assets", n), f"no asset has the key '{key}'", listed(keys))

    def _lengths(self, at: tuple, item, limits: dict[str, int]) -> None:
        for field, limit in limits.items():
            value = getattr(item, field).strip()
            if len(value) > limit:
                self.problem((*at, field), f"is {len(value)} characters long", f"at most {limit}")

    # --- reviews ----------------------------------------------------------------------------

    def _review(
        self, at: tuple, plan: PlanEntry, review: ReviewEntry, signed: dict, r: RoundEntry
    ) -> None:
        self._dated((*at, "held_on"), review.held_on, r, "the review")
        if review.next_review_on is not None and review.next_review_on <= review.held_on:
            self.problem(
                (*at, "next_review_on"),
                f"the next review ({review.next_review_on}) is not after this one",
                f"a date after {review.held_on}",
            )
        if plan.kind == TRIP and review.stage is not None:
            self.problem(
                (*at, "stage"),
                "a TRIP priority has no stage to re-rate",
                "no stage: the benchmarks are rerun instead",
            )
        if review.stage is not None and not review.stage_evidence.strip():
            self.problem((*at, "stage_evidence"), "is empty", "what shows the stage moved")
        content = signed.get(review.plan_version)
        if content is None:
            self.problem(
                (*at, "plan_version"),
                f"version {review.plan_version} was not signed",
                "the signed version it reviewed: " + (", ".join(map(str, signed)) or "none yet"),
            )
            return
        goals = [g.key for g in content.goals]
        actions = [a.key for a in content.actions]
        for part, keys, allowed, values in (
            ("measurements", goals, None, review.measurements),
            ("goal_outcomes", goals, GOAL_OUTCOMES, review.goal_outcomes),
            ("action_statuses", actions, ACTION_STATUSES, review.action_statuses),
        ):
            what = "goal" if keys is goals else "action"
            for key, value in values.items():
                if key not in keys:
                    self.problem(
                        (*at, part, key),
                        f"version {review.plan_version} has no {what} '{key}'",
                        listed(keys) if keys else f"no {what}s",
                    )
                elif allowed is not None and value not in allowed:
                    self.problem((*at, part, key), f"'{value}' is not allowed", listed(allowed))


def _as_content(entry: ContentEntry) -> PlanContent:
    """The file's content as the store's, for the sign-off rules (assets do not matter there)."""
    return PlanContent(**entry.model_dump(exclude={"assets"}))
