"""Read -> validate -> check -> resolve: definition files become one `Definitions` object, or a
`FrameworkError` that lists every problem in every file at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from framework.checks import Checked, check_file, check_references
from framework.glossary import Glossary
from framework.model import (
    BenchmarkSet,
    Framework,
    Indicator,
    IndicatorLibrary,
    IndicatorNote,
    ResolvedChallenge,
    Scale,
    Scales,
    StakeholderGroup,
    StakeholderGroups,
    TeamType,
    TeamTypes,
    TodayNote,
    TripMethod,
)
from framework.problems import FrameworkError, Problem
from framework.validate import validate
from framework.yamlfile import read

DEFINITIONS = Path(__file__).parent / "definitions"


@dataclass(frozen=True)
class Definitions:
    """Everything the app knows about the methodology, resolved and checked."""

    frameworks: dict[str, Framework]  # by "id@version"; every challenge a ResolvedChallenge
    benchmark_sets: dict[str, BenchmarkSet]
    scales: dict[str, Scale]
    stakeholder_groups: tuple[StakeholderGroup, ...]
    team_types: tuple[TeamType, ...]
    indicators: tuple[Indicator, ...]
    trip: TripMethod | None  # how a TRIP runs; None only for a partial set of files
    indicator_notes: tuple[IndicatorNote, ...] = ()  # today's equivalents in the library
    glossary: Glossary | None = None  # the method's words in plain English

    def framework(self, ref: str) -> Framework:
        return self.frameworks[ref]

    @property
    def goal_indicators(self) -> tuple[Indicator, ...]:
        """The indicators a Template B goal can be measured by: all but those only watched."""
        return tuple(i for i in self.indicators if i.goal_measure)

    def today_for_indicator(self, indicator_id: str) -> tuple[IndicatorNote, ...]:
        return tuple(n for n in self.indicator_notes if indicator_id in n.indicators)

    def benchmark_set(self, ref: str) -> BenchmarkSet:
        """A benchmark set by "id@version", as a TRIP round records it."""
        return next(s for s in self.benchmark_sets.values() if s.ref == ref)

    def team_type(self, type_id: str) -> TeamType:
        return next(t for t in self.team_types if t.id == type_id)

    def counterpart(self, challenge_id: str, ref: str) -> str | None:
        """The challenge of framework `ref` that is the same challenge as `challenge_id` in
        any loaded version (through `maps_to`), or None when there is none."""
        fw = self.frameworks[ref]
        ids = {c.id for c in fw.challenges}
        if challenge_id in ids:
            return challenge_id
        for c in fw.challenges:  # `ref` rewords the framework `challenge_id` belongs to
            if c.maps_to == challenge_id:
                return c.id
        for other in self.frameworks.values():  # `challenge_id` rewords a challenge of `ref`
            for c in other.challenges:
                if c.id == challenge_id and c.maps_to in ids:
                    return c.maps_to
        return None


def check_paths(paths: list[Path], names: dict[Path, str] | None = None) -> list[Checked]:
    """Every file read, validated and checked, in the order given. Problems stay on each
    file's `doc`; `model` is None for a file that is not a definition at all."""
    names = names or {}
    results = []
    for path in paths:
        doc = read(path, names.get(path))
        model = validate(doc)
        if model is not None:
            check_file(doc, model)
        results.append(Checked(doc, model))
    check_references([r for r in results if r.model is not None])
    return results


def load(paths: list[Path] | None = None) -> Definitions:
    """The shipped definitions (or `paths`), or a FrameworkError naming every problem."""
    if paths is None:
        paths = sorted(DEFINITIONS.glob("*.yaml"))
    results = check_paths(paths, {p: _shown_name(p) for p in paths})
    problems: list[Problem] = [p for r in results for p in r.doc.problems]
    if problems:
        raise FrameworkError(problems)
    return resolve([r.model for r in results])


def resolve(models: list) -> Definitions:
    frameworks = {m.ref: m for m in models if isinstance(m, Framework)}
    # In order of reference, whatever the files are called (`...-2018-adapted.yaml` sorts
    # before `...-2018.yaml`): lists and messages then name versions in a steady order.
    resolved = {ref: _resolve_framework(frameworks[ref], frameworks) for ref in sorted(frameworks)}
    return Definitions(
        frameworks=resolved,
        benchmark_sets={m.id: m for m in models if isinstance(m, BenchmarkSet)},
        scales={s.id: s for m in models if isinstance(m, Scales) for s in m.scales},
        stakeholder_groups=next((m.groups for m in models if isinstance(m, StakeholderGroups)), ()),
        team_types=next((m.types for m in models if isinstance(m, TeamTypes)), ()),
        indicators=next((m.indicators for m in models if isinstance(m, IndicatorLibrary)), ()),
        indicator_notes=next((m.today for m in models if isinstance(m, IndicatorLibrary)), ()),
        trip=next((m for m in models if isinstance(m, TripMethod)), None),
        glossary=next((m for m in models if isinstance(m, Glossary)), None),
    )


def _resolve_framework(fw: Framework, frameworks: dict[str, Framework]) -> Framework:
    """A revision takes what it leaves out (stages, descriptors, indicators...) from its base."""
    base = frameworks[fw.maps_onto] if fw.maps_onto else None
    challenges = []
    for ch in fw.challenges:
        fields = ch.model_dump(exclude_none=True)
        inherited = False
        if base is not None:
            origin = base.challenge(ch.maps_to).model_dump(exclude_none=True)
            own = ("id", "maps_to", "reworded", "key_concepts")
            if "stages" in fields:  # an adaptation goes with the stages it describes
                own = (*own, "adapted")
            for key, value in origin.items():
                if key not in fields and key not in own:
                    fields[key] = value
                    inherited = inherited or key != "later"  # notes beside it: not its text
        if inherited:
            fields["inherited_from"] = base.ref
        challenges.append(ResolvedChallenge(**fields))
    stages = fw.stages if fw.stages is not None else base.stages  # type: ignore[union-attr]
    priorities = fw.priorities
    if priorities is None and base is not None and base.priorities is not None:
        revised = {ch.maps_to: ch.id for ch in fw.challenges}
        early = tuple(revised[cid] for cid in base.priorities.consider_early)
        priorities = base.priorities.model_copy(update={"consider_early": early})
    return fw.model_copy(
        update={
            "challenges": tuple(challenges),
            "stages": stages,
            "priorities": priorities,
            "today": _notes(fw, base, challenges),
        }
    )


def _notes(
    fw: Framework, base: Framework | None, challenges: list[ResolvedChallenge]
) -> tuple[TodayNote, ...]:
    """A revision's own notes, then its base's, moved onto the revision's challenge ids and kept
    only where the resolved text still uses the term (adapted descriptors may not)."""
    if base is None:
        return fw.today
    own = {n.term for n in fw.today}
    moved = []
    for note in base.today:
        ids = tuple(c.id for c in challenges if c.maps_to in note.challenges and c.uses(note.term))
        if note.term not in own and ids:
            moved.append(note.model_copy(update={"challenges": ids}))
    return (*fw.today, *moved)


def _shown_name(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
