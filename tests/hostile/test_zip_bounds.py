"""Zips of team files past their bounds are refused whole, unread, and nothing is stored."""

from __future__ import annotations

import pytest

from exports.team_file.zipped import MOST_FILES, Refused, import_sent_file
from tests.hostile.files import zipped

CASES = [
    (zipped(("team.yaml", b"x" * 50_000_000)), "team.yaml unpacks 10"),
    (zipped(("team.yaml", b"kind: team-file\n"), encrypted=True), "team.yaml is encrypted"),
    (zipped(*[(f"t{n}.yaml", b"a: 1\n") for n in range(MOST_FILES + 1)]), "holds 501 team files"),
]


@pytest.mark.parametrize(("data", "what"), CASES, ids=["bomb", "encrypted", "too-many"])
def test_a_zip_past_its_bounds_is_refused_whole_and_nothing_is_stored(service, actor, data, what):
    (outcome,) = import_sent_file(service, actor, "q3.zip", data)
    assert isinstance(outcome, Refused)
    assert str(outcome.error.problems[0]).startswith(f"q3.zip:1: (file): {what}")
    assert service.providers.is_empty() and not service.history()
