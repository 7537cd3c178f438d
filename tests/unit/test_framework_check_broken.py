"""`python -m framework check` on broken files: each is refused with the line a person would
read to fix it, every problem at once, and never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from framework.__main__ import main
from tests.unit.framework_files import BENCHMARK, REVISION, SCALES, VALID, edit

ROOT = Path(__file__).resolve().parents[2]

# (case, file content, the problem line expected after "FILE:")
CASES: list[tuple[str, str | bytes, str]] = [
    ("empty file", "", "1: (file): is empty (expected a mapping of keys"),
    ("only comments", "# nothing yet\n\n", "1: (file): is empty"),
    ("binary garbage", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "1: (file): is binary data"),
    ("not utf-8", "title: caf\xe9\n".encode("latin-1"), "1: (file): is not UTF-8 text"),
    ("top-level list", "- kind: framework\n- id: x\n", "1: (file): top level is a list"),
    ("top-level scalar", "just some words\n", "1: (file): top level is a single value"),
    (
        "yaml syntax error",
        edit("    title: Talking with people\n", "    title: [Talking with people\n"),
        "16: (file): is not valid YAML",
    ),
    (
        "tab indentation",
        edit("  - id: c01-talk\n", "\t- id: c01-talk\n"),
        "13: (file): is not valid YAML: a tab is used to indent (expected spaces to indent)",
    ),
    (
        "two documents",
        VALID + "---\nkind: framework\n",
        "(file): holds more than one YAML document",
    ),
    ("missing kind", edit("kind: framework\n", ""), "kind: missing key 'kind' (expected one of"),
    ("unknown kind", edit("kind: framework", "kind: frameworks"), "unknown kind 'frameworks'"),
    (
        "unknown top-level key",
        edit("title: A local framework\n", "title: A local framework\ncolour: blue\n"),
        "5: (file): unknown key 'colour' (expected one of id, version, title",
    ),
    (
        "unknown key in a challenge",
        edit("    number: 1\n", "    number: 1\n    colour: blue\n"),
        "15: challenges[0]: unknown key 'colour' (expected one of id, number, title",
    ),
    (
        "misspelt key in a stage",
        edit("{stage: 2, descriptor: Half do it.}", "{stage: 2, descripter: Half do it.}"),
        "challenges[0].stages[1]: unknown key 'descripter'",
    ),
    (
        "duplicate key",
        edit("    number: 1\n", "    number: 1\n    number: 2\n"),
        "15: challenges[0].number: duplicate key 'number' (expected each key once",
    ),
    (
        "duplicate challenge id",
        VALID + VALID[VALID.index("  - id: c01-talk") :].replace("number: 1", "number: 2"),
        "challenges[1].id: duplicate id 'c01-talk' (expected each id once in challenges)",
    ),
    (
        "duplicate source id",
        edit(
            "  - {id: local, title: Local notes, authors: [A Writer], year: 2024}\n",
            "  - {id: local, title: Local notes, authors: [A Writer], year: 2024}\n"
            "  - {id: local, title: More notes, authors: [B Writer], year: 2025}\n",
        ),
        "7: sources[1].id: duplicate id 'local' (expected each id once in sources)",
    ),
    (
        "a challenge to consider early listed twice",
        edit("consider_early: [c01-talk]", "consider_early: [c01-talk, c01-talk]"),
        "priorities.consider_early[1]: duplicate id 'c01-talk' (expected each id once in",
    ),
    (
        "duplicate challenge number",
        VALID + VALID[VALID.index("  - id: c01-talk") :].replace("c01-talk", "c02-listen"),
        "challenges[1].number: duplicate challenge number '1'",
    ),
    (
        "missing stage",
        edit("      - {stage: 3, descriptor: All do it.}\n", ""),
        "19: challenges[0].stages: challenge 'c01-talk' has no stage 3 (expected a descriptor "
        "for each of stages 1, 2 and 3)",
    ),
    (
        "stage out of range",
        edit("{stage: 3, descriptor: All do it.}", "{stage: 4, descriptor: All do it.}"),
        "22: challenges[0].stages[2].stage: stage 4 is out of range (expected 1, 2 or 3)",
    ),
    (
        "stage described twice",
        edit("{stage: 3, descriptor: All do it.}", "{stage: 2, descriptor: All do it.}"),
        "challenges[0].stages[2].stage: stage 2 is described twice",
    ),
    (
        "framework stage out of range",
        edit("{number: 3, name: Transformation", "{number: 0, name: Transformation"),
        "10: stages[2].number: stage 0 is out of range (expected 1, 2 or 3)",
    ),
    (
        "missing stage definitions",
        VALID[: VALID.index("stages:")] + VALID[VALID.index("challenges:") :],
        "(file): missing key 'stages' (expected the definitions of stages 1, 2 and 3)",
    ),
    (
        "advice names an unknown challenge",
        edit("consider_early: [c01-talk]", "consider_early: [c09-nothing]"),
        "priorities.consider_early[0]: 'c09-nothing' is not a challenge of this framework "
        "(expected one of c01-talk)",
    ),
    (
        "missing priority advice",
        edit("priorities: {at_most_open: 3, consider_early: [c01-talk]}\n", ""),
        "(file): missing key 'priorities' (expected at_most_open",
    ),
    (
        "missing title",
        edit("    title: Talking with people\n", ""),
        "challenges[0]: missing key 'title' (expected it to be present)",
    ),
    (
        "empty descriptor",
        edit("{stage: 1, descriptor: Few do it.}", "{stage: 1, descriptor: '  '}"),
        "challenges[0].stages[0].descriptor: is empty (expected some text)",
    ),
    (
        "stage brief too long for the projector",
        edit(
            "{stage: 1, descriptor: Few do it.}",
            "{stage: 1, descriptor: Few do it., in_brief: " + "Few. " * 34 + "Few.}",
        ),
        "20: challenges[0].stages[0].in_brief: is 174 characters long (expected at most 170 "
        "characters)",
    ),
    (
        "empty stage brief",
        edit(
            "{stage: 2, descriptor: Half do it.}",
            "{stage: 2, descriptor: Half do it., in_brief: ''}",
        ),
        "21: challenges[0].stages[1].in_brief: is empty (expected some text)",
    ),
    (
        "misspelt stage brief",
        edit(
            "{stage: 3, descriptor: All do it.}",
            "{stage: 3, descriptor: All do it., in_breif: All.}",
        ),
        "22: challenges[0].stages[2]: unknown key 'in_breif' (expected one of stage, descriptor, "
        "in_brief)",
    ),
    (
        "invalid id",
        edit("id: c01-talk", "id: C01 Talk"),
        "challenges[0].id: 'C01 Talk' is not a valid id (expected lower-case letters",
    ),
    (
        "year not a number",
        edit("year: 2024", "year: last year"),
        "sources[0].year: 'last year' is not a whole number",
    ),
    (
        "no sources",
        edit(
            "sources:\n  - {id: local, title: Local notes, authors: [A Writer], year: 2024}\n",
            "sources: []\n",
        ),
        "sources: has too few items (expected at least 1)",
    ),
    (
        "indicators not a list",
        edit("indicators: [Survey results]", "indicators: Survey results"),
        "challenges[0].indicators: 'Survey results' is not a list",
    ),
    (
        "dangling maps_onto",
        REVISION.replace("maps_onto: imroc-challenges@2010", "maps_onto: imroc-challenges@1999"),
        "4: maps_onto: framework 'imroc-challenges@1999' is not loaded (expected one of",
    ),
    (
        "maps_to an unknown challenge",
        REVISION.replace("maps_to: c06-risk", "maps_to: c06-danger"),
        "challenges[5].maps_to: 'c06-danger' is not a challenge of imroc-challenges@2010",
    ),
    (
        "revision leaves a base challenge unmapped",
        REVISION.replace("maps_to: c06-risk", "maps_to: c05-personalisation"),
        "challenges: challenge 'c06-risk' of imroc-challenges@2010 is not mapped (expected every "
        "base challenge mapped exactly once)",
    ),
    (
        "benchmark statement about an unknown challenge",
        BENCHMARK.replace("challenge: c01-interactions", "challenge: c11-extra"),
        "11: groups[0].challenge: 'c11-extra' is not a challenge of imroc-challenges@2010",
    ),
    (
        "benchmark set with an unknown scale",
        BENCHMARK.replace("scale: trip-progress", "scale: marks-out-of-ten"),
        "7: scale: scale 'marks-out-of-ten' is not defined (expected one of",
    ),
    (
        "benchmark set with an unknown setting",
        BENCHMARK.replace("setting: community", "setting: hospital"),
        "5: setting: 'hospital' is not allowed (expected 'community', 'inpatient', 'corporate'",
    ),
    (
        "scale values not distinct",
        SCALES.replace('{value: "yes", label: "Yes"', '{value: "no", label: "Yes"'),
        "scales[0].values[1].value: duplicate value 'no' (expected each value once)",
    ),
    (
        "scale ranks with a gap",
        SCALES.replace('label: "Yes", rank: 2', 'label: "Yes", rank: 3'),
        "scales[0].values: ranks [1, 3] have gaps or repeats (expected ranks 1 to 2, each once)",
    ),
]


@pytest.mark.parametrize(("content", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_broken_file_is_refused_with_a_clear_line(tmp_path, capsys, content, expected):
    path = tmp_path / "broken.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())

    code = main(["check", str(path)])

    out = capsys.readouterr().out
    assert code == 1
    located = f"{path}:{expected}" if expected[0].isdigit() else f": {expected}"
    assert located in out, out
    assert out.startswith(f"{path}:")
    assert "Traceback" not in out


def test_there_are_at_least_25_broken_cases():
    assert len(CASES) >= 25


def test_every_problem_in_a_file_is_listed_at_once(tmp_path, capsys):
    text = edit("title: A local framework\n", "title: A local framework\ncolour: blue\n")
    text = text.replace("{stage: 3, descriptor: All do it.}", "{stage: 7, descriptor: x}")
    text = text.replace("year: 2024", "year: soon")
    path = tmp_path / "many.yaml"
    path.write_text(text)

    assert main(["check", str(path)]) == 1

    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3
    assert any("unknown key 'colour'" in line for line in out)
    assert any("stage 7 is out of range" in line for line in out)
    assert any("'soon' is not a whole number" in line for line in out)


def test_a_missing_file_is_reported(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nowhere.yaml")]) == 1
    assert "nowhere.yaml:1: (file): cannot be read" in capsys.readouterr().out


SHIPPED = ROOT / "framework" / "definitions" / "imroc-challenges-2010.yaml"


def test_the_shipped_version_with_other_content_is_refused_and_a_copy_passes(tmp_path, capsys):
    copy, changed = tmp_path / "copy.yaml", tmp_path / "changed.yaml"
    copy.write_text("# a copy with a comment of its own\n" + SHIPPED.read_text())
    changed.write_text(SHIPPED.read_text().replace("at_most_open: 5", "at_most_open: 9", 1))

    assert main(["check", str(copy)]) == 0
    assert main(["check", str(changed)]) == 1

    out = capsys.readouterr().out
    assert "version: framework 'imroc-challenges@2010' is shipped with different content (" in out
    assert "(expected a new version for changed content" in out


def test_the_changed_content_under_a_new_version_passes(tmp_path, capsys):
    renewed = tmp_path / "renewed.yaml"
    text = SHIPPED.read_text().replace("at_most_open: 5", "at_most_open: 4", 1)
    renewed.write_text(text.replace('version: "2010"', 'version: "2010-local"', 1))

    assert main(["check", str(renewed)]) == 0, capsys.readouterr().out
