"""Rules a schema cannot express: unique ids, exactly stages 1-3 per challenge, references
that resolve within a file and across files, and a revision that maps every base challenge."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel

from framework.glossary import Glossary, check_glossary
from framework.model import (
    BenchmarkSet,
    Framework,
    IndicatorLibrary,
    Scales,
    TeamTypes,
    TripMethod,
)
from framework.yamlfile import YamlFile

STAGES = (1, 2, 3)
ID_LISTS = {"consider_early", "challenges"}  # lists of ids, where a repeat is a slip


@dataclass
class Checked:
    doc: YamlFile
    model: BaseModel | None


def unique(doc: YamlFile, path: tuple, values: Iterable[object], what: str) -> None:
    """Report the second and later use of any value at `path[i].<field>`."""
    seen: set[object] = set()
    for i, value in enumerate(values):
        if value in seen:
            doc.problem(
                (*path[:-1], i, path[-1]), f"duplicate {what} '{value}'", f"each {what} once"
            )
        seen.add(value)


def unique_ids(doc: YamlFile) -> None:
    """Every list in the file (challenges, sources, scales, groups, indicators...) names each
    `id` once, and every list of ids (such as `consider_early`) repeats none: an id used twice
    would make whatever refers to it ambiguous."""

    def walk(value: object, path: tuple) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, (*path, key))
        elif isinstance(value, list):
            listed = path[-1] if path else "the file"
            seen: set[object] = set()
            for i, x in enumerate(value):
                if isinstance(x, dict) and "id" in x:
                    at, what = (*path, i, "id"), x["id"]
                elif str(listed) in ID_LISTS:
                    at, what = (*path, i), x
                else:
                    continue
                if _hashable(what) in seen:
                    doc.problem(at, f"duplicate id '{what}'", f"each id once in {listed}")
                seen.add(_hashable(what))
            for i, inner in enumerate(value):
                walk(inner, (*path, i))

    walk(doc.data, ())


def _hashable(value: object) -> object:
    return value if isinstance(value, str | int | float | bool | None) else repr(value)


# Parts of a file that are read beside its rated content and never change what a round on it
# means: a framework's (and the indicator library's) notes on today's equivalents of dated
# references and what later papers add to a challenge, this tool's plain-English words (a
# stage's brief, the framework's summary and its future-focus note: each says the same facts
# as the descriptors, more plainly), the citation of each benchmark statement, and what each
# kind of TRIP asset covers (an asset is listed, never rated). As pydantic `exclude` specs.
NOT_RATED: dict[str, object] = {
    "framework": {
        "today": True,
        "summary": True,
        "future_focus": {"summary"},
        "challenges": {"__all__": {"later": True, "stages": {"__all__": {"in_brief"}}}},
    },
    "indicator-library": {"today"},
    "benchmark-set": {"groups": {"__all__": {"statements": {"__all__": {"source", "where"}}}}},
    "trip-method": {"asset_kinds": {"__all__": {"description"}}},
    "glossary": {"terms"},  # words explained, never rated on
}


def rated(model: BaseModel) -> dict:
    """What a file says that rounds are rated on: everything but the notes read beside it."""
    return model.model_dump(exclude=NOT_RATED.get(getattr(model, "kind", "")))


def unchanged(given: Checked, shipped: Checked) -> None:
    """A file with the kind, id and version of a shipped one must say the same: rounds record
    only `id@version`, so a second meaning of one version would change what they mean. Notes
    on today's equivalents (`today`) are left out: they keep the text's facts and add what has
    replaced a dated reference, so bringing them up to date changes no rated content, and a
    copy of the file from before a note was added still says the same. So are the plain-English
    briefs and summaries, a statement's citation and an asset kind's description (NOT_RATED)."""
    if rated(given.model) != rated(shipped.model):
        m = given.model
        given.doc.problem(
            ("version",),
            f"{m.kind} '{m.id}@{m.version}' is shipped with different content ({shipped.doc.name})",
            "a new version for changed content; a version once published never changes",
        )


def check_file(doc: YamlFile, model: BaseModel) -> None:
    """Rules inside one file."""
    unique_ids(doc)
    if isinstance(model, Framework):
        _check_framework(doc, model)
    elif isinstance(model, Scales):
        for i, scale in enumerate(model.scales):
            at = ("scales", i, "values")
            unique(doc, (*at, "value"), (v.value for v in scale.values), "value")
            unique(doc, (*at, "label"), (v.label for v in scale.values), "label")
            ranks = [v.rank for v in scale.values if v.rank is not None]
            if sorted(ranks) != list(range(1, len(ranks) + 1)):
                doc.problem(
                    at,
                    f"ranks {sorted(ranks)} have gaps or repeats",
                    f"ranks 1 to {len(ranks)}, each once",
                )
    elif isinstance(model, BenchmarkSet):
        unique(doc, ("groups", "challenge"), (g.challenge for g in model.groups), "challenge")
        group_of: dict[str, int] = {}  # within one group, unique_ids has reported it
        sources = {s.id for s in model.sources}
        for i, g in enumerate(model.groups):
            for j, s in enumerate(g.statements):
                at = ("groups", i, "statements", j)
                if s.source is not None:
                    _listed_source(doc, (*at, "source"), s.source, sources)
                elif s.where is not None:
                    doc.problem(
                        (*at, "where"),
                        "where is set but the statement names no source",
                        "source: one of the file's sources, beside where",
                    )
                if group_of.setdefault(s.id, i) != i:
                    doc.problem(
                        ("groups", i, "statements", j, "id"),
                        f"duplicate statement id '{s.id}'",
                        "each statement id once in the set",
                    )
    elif isinstance(model, Glossary):
        check_glossary(doc, model)
    elif isinstance(model, TripMethod):
        limits = model.priorities
        if limits.at_least > limits.at_most_open:
            doc.problem(
                ("priorities", "at_least"),
                f"at_least ({limits.at_least}) is more than at_most_open ({limits.at_most_open})",
                "at_least no more than at_most_open",
            )
    elif isinstance(model, IndicatorLibrary):
        doc.check_cited("indicators", model.indicators, model.sources)
        ids = {ind.id: ind for ind in model.indicators}
        for i, note in enumerate(model.today):
            for j, iid in enumerate(note.indicators):
                at = ("today", i, "indicators", j)
                if iid not in ids:
                    doc.problem(at, f"'{iid}' is not an indicator of this library", "an id")
                elif not _spelled(note.term, ids[iid]):
                    doc.problem(
                        at,
                        f"indicator '{iid}' does not use the term '{note.term}'",
                        "the term as the indicator's name, description or source spells it",
                    )


def _check_framework(doc: YamlFile, fw: Framework) -> None:
    unique(doc, ("challenges", "number"), (c.number for c in fw.challenges), "challenge number")
    revision = fw.maps_onto is not None
    if fw.stages is not None:
        numbers = [s.number for s in fw.stages]
        unique(doc, ("stages", "number"), numbers, "stage number")
        if sorted(set(numbers)) != list(STAGES):
            doc.problem(("stages",), f"defines stages {sorted(set(numbers))}", "stages 1, 2 and 3")
    elif not revision:
        doc.problem(
            ("stages",),
            "missing key 'stages'",
            "the definitions of stages 1, 2 and 3",
            shown="(file)",
        )
    if fw.priorities is not None:
        ids = [c.id for c in fw.challenges]
        for i, cid in enumerate(fw.priorities.consider_early):
            if cid not in ids:
                doc.problem(
                    ("priorities", "consider_early", i),
                    f"'{cid}' is not a challenge of this framework",
                    "one of " + ", ".join(ids),
                )
    elif not revision:
        doc.problem(
            ("priorities",),
            "missing key 'priorities'",
            "at_most_open (and optionally consider_early, why_early)",
            shown="(file)",
        )
    ids = {c.id: c for c in fw.challenges}
    for i, note in enumerate(fw.today):
        for j, cid in enumerate(note.challenges):
            at = ("today", i, "challenges", j)
            if cid not in ids:
                doc.problem(at, f"'{cid}' is not a challenge of this framework", "a challenge id")
            elif not ids[cid].uses(note.term):
                doc.problem(
                    at,
                    f"challenge '{cid}' does not use the term '{note.term}'",
                    "the term as the challenge's text spells it",
                )
    sources = {s.id for s in fw.sources}
    if fw.future_focus is not None:
        _listed_source(doc, ("future_focus", "source"), fw.future_focus.source, sources)
    for i, ch in enumerate(fw.challenges):
        at = ("challenges", i)
        if ch.adapted is not None:
            _listed_source(doc, (*at, "adapted", "source"), ch.adapted.source, sources)
            if ch.stages is None:
                doc.problem(
                    (*at, "adapted"),
                    "adapted is set but the challenge has no stages of its own",
                    "the adapted stage descriptors under stages",
                )
        if revision and ch.maps_to is None:
            doc.problem(
                (*at, "maps_to"),
                "missing key 'maps_to'",
                f"the id of the challenge in {fw.maps_onto} this one rewords",
            )
        if not revision and ch.maps_to is not None:
            doc.problem(
                (*at, "maps_to"),
                "maps_to is set but the framework has no maps_onto",
                "maps_onto: id@version at the top of the file",
            )
        if not revision:
            for key in ("short_title", "stages", "indicators", "data_sources"):
                if getattr(ch, key) is None:
                    doc.problem(
                        (*at, key),
                        f"missing key '{key}'",
                        "it to be present",
                        shown=f"challenges[{i}]",
                    )
        if ch.stages is not None:
            numbers = [s.stage for s in ch.stages]
            counts = Counter(numbers)
            for j, n in enumerate(numbers):
                if counts[n] > 1 and numbers.index(n) != j:
                    doc.problem(
                        (*at, "stages", j, "stage"),
                        f"stage {n} is described twice",
                        "each of stages 1, 2 and 3 once",
                    )
            missing = [n for n in STAGES if n not in counts]
            if missing:
                names = " and ".join(str(n) for n in missing)
                doc.problem(
                    (*at, "stages"),
                    f"challenge '{ch.id}' has no stage {names}",
                    "a descriptor for each of stages 1, 2 and 3",
                    shown=f"challenges[{i}].stages",
                )


def _listed_source(doc: YamlFile, path: tuple, source: str, sources: set[str]) -> None:
    if source not in sources:
        doc.problem(
            path,
            f"source '{source}' is not listed",
            "one of the file's sources: " + ", ".join(sorted(sources)),
        )


def check_references(files: list[Checked]) -> None:
    """Rules across files: every reference names a definition that is loaded."""
    frameworks = {f.model.ref: f for f in files if isinstance(f.model, Framework)}
    scales = {s.id for f in files if isinstance(f.model, Scales) for s in f.model.scales}
    sets = {f.model.id for f in files if isinstance(f.model, BenchmarkSet)}
    _check_one_of_a_kind(files)
    for f in files:
        m, doc = f.model, f.doc
        if isinstance(m, Framework) and m.maps_onto:
            base = frameworks.get(m.maps_onto)
            if base is None:
                doc.problem(
                    ("maps_onto",),
                    f"framework '{m.maps_onto}' is not loaded",
                    "one of " + _listed(frameworks),
                )
                continue
            base_ids = [c.id for c in base.model.challenges]
            for i, ch in enumerate(m.challenges):
                if ch.maps_to and ch.maps_to not in base_ids:
                    doc.problem(
                        ("challenges", i, "maps_to"),
                        f"'{ch.maps_to}' is not a challenge of {m.maps_onto}",
                        "one of " + ", ".join(base_ids),
                    )
            mapped = Counter(ch.maps_to for ch in m.challenges)
            for cid in base_ids:
                if mapped[cid] != 1:
                    what = "is not mapped" if not mapped[cid] else f"is mapped {mapped[cid]} times"
                    doc.problem(
                        ("challenges",),
                        f"challenge '{cid}' of {m.maps_onto} {what}",
                        "every base challenge mapped exactly once",
                    )
        elif isinstance(m, BenchmarkSet | IndicatorLibrary):
            fw = frameworks.get(m.framework)
            if fw is None:
                doc.problem(
                    ("framework",),
                    f"framework '{m.framework}' is not loaded",
                    "one of " + _listed(frameworks),
                )
            else:
                ids = {c.id for c in fw.model.challenges}
                for i, cid in _challenge_refs(m):
                    if cid not in ids:
                        doc.problem(
                            i,
                            f"'{cid}' is not a challenge of {m.framework}",
                            "one of " + ", ".join(sorted(ids)),
                        )
            if isinstance(m, BenchmarkSet) and m.scale not in scales:
                doc.problem(
                    ("scale",),
                    f"scale '{m.scale}' is not defined",
                    "one of " + (", ".join(sorted(scales)) or "the scales in a scales file"),
                )
        elif isinstance(m, TeamTypes):
            for i, t in enumerate(m.types):
                if t.benchmark_set not in sets:
                    doc.problem(
                        ("types", i, "benchmark_set"),
                        f"benchmark set '{t.benchmark_set}' is not loaded",
                        "one of " + (", ".join(sorted(sets)) or "a loaded benchmark set"),
                    )


def _challenge_refs(m: BenchmarkSet | IndicatorLibrary) -> list[tuple[tuple, str]]:
    if isinstance(m, BenchmarkSet):
        return [(("groups", i, "challenge"), g.challenge) for i, g in enumerate(m.groups)]
    return [
        (("indicators", i, "challenges", j), cid)
        for i, ind in enumerate(m.indicators)
        for j, cid in enumerate(ind.challenges)
    ]


def _check_one_of_a_kind(files: list[Checked]) -> None:
    """Two files with one kind, id and version would make a reference ambiguous."""
    seen: dict[tuple, str] = {}
    for f in files:
        key = (f.model.kind, f.model.id, f.model.version)
        if key in seen:
            f.doc.problem(
                ("id",),
                f"{f.model.kind} '{f.model.id}@{f.model.version}' is also defined in {seen[key]}",
                "each kind, id and version in one file",
            )
        seen.setdefault(key, f.doc.name)
    for kind in ("stakeholder-groups", "team-types", "indicator-library", "trip-method"):
        named = [f for f in files if f.model.kind == kind]
        for f in named[1:]:
            f.doc.problem(
                ("kind",),
                f"a second {kind} file (the first is {named[0].doc.name})",
                f"one {kind} file",
            )


def _listed(frameworks: dict) -> str:
    return ", ".join(sorted(frameworks)) or "a loaded framework file"


def _spelled(term: str, indicator) -> bool:
    """Whether an indicator's words (name, description, source) spell `term` as a whole word
    or phrase, as `Challenge.uses` asks of a challenge's text."""
    found = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")
    words = (indicator.name, indicator.description or "", indicator.data_source)
    return any(found.search(" ".join(t.split())) for t in words)
