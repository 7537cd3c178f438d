"""What later ImROC papers add to a challenge (peer workforce details, the six principles of a
Recovery College): read beside the challenge with their source, carried onto the 2018 wordings,
and not rated content, so they change no version."""

from __future__ import annotations

from pathlib import Path

import yaml

from framework.__main__ import check
from framework.loader import DEFINITIONS, load

DEFS = load()
SHIPPED_2010 = DEFINITIONS / "imroc-challenges-2010.yaml"


def _points(ref: str, challenge_id: str) -> str:
    later = DEFS.framework(ref).challenge(challenge_id).later or ()
    return " ".join(p for note in later for p in (note.heading, *note.points, note.cited))


def test_the_peer_workforce_notes_give_training_supervision_wellness_plans_and_roles():
    text = _points("imroc-challenges@2010", "c08-workforce")

    for fact in (
        "ten days",  # ImROC's training course
        "2008",
        "at least half a day",  # team preparation
        "'Wellness at Work' plan",
        "administrative, educative and practice or supportive supervision",
        "peer supervisors, peer trainers and peer researchers",
        "Briefing Paper 17",
    ):
        assert fact in text, fact


def test_a_recovery_college_note_names_its_six_principles_and_their_source():
    [note] = DEFS.framework("imroc-challenges@2010").challenge("c03-education-centre").later
    first_words = [p.split(":")[0] for p in note.points[:6]]

    assert first_words == [
        "Educational",
        "Co-produced throughout",
        "Built on recovery and strengths in everything it does",
        "Progressive",
        "Part of its community",
        "Inclusive and open to everyone",
    ]
    assert "More than 85 Recovery Colleges" in note.points[6]
    assert "Briefing Paper 16" in note.cited and "Box 7" in note.cited


def test_the_2018_wordings_carry_the_notes_without_calling_their_text_inherited():
    for ref in ("imroc-challenges@2018", "imroc-challenges@2018-adapted"):
        assert _points(ref, "c03-recovery-college") == _points(
            "imroc-challenges@2010", "c03-education-centre"
        )
        assert "Wellness at Work" in _points(ref, "c08-workforce")
    assert DEFS.framework("imroc-challenges@2010").challenge("c01-interactions").later is None


def test_a_copy_from_before_the_notes_is_still_the_same_version(tmp_path: Path, capsys):
    data = yaml.safe_load(SHIPPED_2010.read_text(encoding="utf-8"))
    for challenge in data["challenges"]:
        challenge.pop("later", None)
    before = tmp_path / "copy.yaml"
    before.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    assert check([str(before)]) == 0, capsys.readouterr().out
