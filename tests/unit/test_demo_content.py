"""The demo's content files (demo/content/*.yaml): they read, every id in them is one the
methodology knows, and a wrong file is refused with its file and field named."""

from __future__ import annotations

import shutil

import pytest
import yaml

from demo.content import CONTENT, FILES, DemoContentError, content, read


def test_the_shipped_content_reads():
    said = content()
    assert said.teams.showcase_provider.endswith("(fictional)")
    assert all(lead.endswith("(fictional)") for lead in said.people.leads)
    assert sorted(p.name for p in CONTENT.glob("*.yaml")) == sorted(f"{n}.yaml" for n in FILES)


def test_every_id_in_the_content_is_one_the_methodology_knows(definitions):
    said = content()
    team_types = {t.id for t in definitions.team_types}
    groups = {g.id for g in definitions.stakeholder_groups}
    challenges = {c.id for c in definitions.framework("imroc-challenges@2010").challenges}
    indicators = {i.id for i in definitions.indicators}
    statements = {s.id for b in definitions.benchmark_sets.values() for s in b.statements}
    kinds = {k.id for k in definitions.trip.asset_kinds}
    holders = {h.id for h in definitions.trip.asset_holders}

    assert {t.type for t in said.teams.showcase} <= team_types
    assert set(said.teams.mix) | set(said.teams.labels) <= team_types
    assert set(said.people.managers) | set(said.people.head_start) <= team_types
    assert {c for found in said.people.head_start.values() for c in found} <= challenges
    workshops = said.workshops
    assert set(workshops.participants) | set(workshops.lean) | set(workshops.notes) <= groups
    assert set(workshops.comments) | set(workshops.evidence) <= challenges
    assert set(said.plans.themes) <= challenges
    assert set(said.plans.profiles.indicators) <= indicators
    assert set(said.trip.participants) <= groups
    assert {a.kind for a in said.trip.assets} <= kinds
    assert {a.holder for a in said.trip.assets} <= holders
    assert set(said.trip.proud) | set(said.trip.next) <= challenges
    assert set(said.trip.not_applicable) <= team_types
    assert {s for found in said.trip.not_applicable.values() for s in found} <= statements
    for idea in said.trip_ideas.ideas:
        assert idea.statement in statements, idea.title
        assert set(idea.kinds) <= kinds and idea.teams <= team_types, idea.title


@pytest.fixture
def copy(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    return folder


def _edit(path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_a_wrong_file_is_refused_naming_each_file_and_field_at_once(copy):
    _edit(copy / "plans.yaml", lambda d: d["themes"]["c06-risk"].update(colour="red"))
    _edit(copy / "trip_ideas.yaml", lambda d: d["ideas"][2].update(timescale="someday"))
    _edit(copy / "teams.yaml", lambda d: d["mix"].update(cmht="many"))
    with pytest.raises(DemoContentError) as refused:
        read(copy)
    message = str(refused.value)
    assert (
        f"{copy / 'plans.yaml'}: themes.c06-risk.colour: Extra inputs are not permitted" in message
    )
    assert f"{copy / 'trip_ideas.yaml'}: ideas.2.timescale: Input should be" in message
    assert f"{copy / 'teams.yaml'}: mix.cmht: Input should be a valid integer" in message


def test_a_missing_or_broken_file_is_named(copy):
    (copy / "people.yaml").unlink()
    (copy / "workshops.yaml").write_text("participants: [unclosed\n", encoding="utf-8")
    with pytest.raises(DemoContentError) as refused:
        read(copy)
    message = str(refused.value)
    assert f"{copy / 'people.yaml'}:1: (file): cannot be read" in message
    assert f"{copy / 'workshops.yaml'}:2: (file): is not valid YAML" in message


def test_a_missing_field_is_named(copy):
    _edit(copy / "trip.yaml", lambda d: d.pop("done"))
    with pytest.raises(DemoContentError, match=r"trip\.yaml: done: Field required"):
        read(copy)
