"""How the demo's Template B measures move: each goal's real course from its baseline, the
figures rounded as its profile says, and the SMART statement a goal is written as."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from assessments.records.plans import Goal, Measure
from demo.content import Profile, Profiles


def profile_for(measure: Measure, profiles: Profiles) -> Profile:
    if measure.indicator in profiles.indicators:
        return profiles.indicators[measure.indicator]
    if measure.unit.startswith("%"):
        return profiles.percent
    return profiles.count if "number" in measure.unit else profiles.other


@dataclass(frozen=True)
class Course:
    """How one goal's measure really goes: from the baseline, `reach` times the planned change
    by the target date, starting `lag` days after the round, with some noise."""

    profile: Profile
    baseline: float
    change: float  # the planned change, signed: negative when lower is better
    start: date
    lag: int
    span: int  # days from the round to the first target date
    reach: float

    def value(self, day: date, noise: float) -> float:
        done = ((day - self.start).days - self.lag) / max(1, self.span - self.lag)
        moved = self.change * self.reach * min(1.0, max(0.0, done))
        return self.profile.fit(self.baseline + moved + noise * abs(self.change) * 0.12)


def met(goal: Goal, latest: dict[str, float]) -> bool:
    better = 1 if goal.measure is None or goal.measure.direction == "higher" else -1
    return better * (latest[goal.key] - (goal.target or 0)) >= 0


def statement(measure: Measure, baseline: float, target: float, target_on: date) -> str:
    """'Increase staff trained in recovery-oriented practice from 32 to 55 (% of staff) by
    May 2027'."""
    verb = "Increase" if measure.direction == "higher" else "Reduce"
    name = measure.name
    if name[1:2].islower():  # "DIALOG" and "ReQoL-10" keep their capitals
        name = name[0].lower() + name[1:]
    return f"{verb} {name} from {baseline:g} to {target:g} ({measure.unit}) by {target_on:%B %Y}"


def month_end(day: date) -> date:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)
