"""Telling a person's name from a role or initials, where the records must never hold a name."""

from __future__ import annotations

import pytest

from assessments.rules.names import INITIALS, looks_like_a_name


@pytest.mark.parametrize("text", ["Jane Smith", "Mary-Jane O'Neil", "Ade Obi Okafor", " Sam Lee "])
def test_a_name_reads_as_a_name(text):
    assert looks_like_a_name(text)


@pytest.mark.parametrize(
    "text",
    [
        "Peer worker",
        "Housing Officer",
        "Care Co-ordinator",
        "Team Administrator",
        "Ward clerk",  # a role the list lacks, written as a role is
        "J.K.",
        "Nurse",
        "A person who uses the service",
    ],
)
def test_a_role_or_initials_do_not(text):
    assert not looks_like_a_name(text)


def test_initials_are_up_to_three_capitals():
    assert INITIALS.match("J.K.") and INITIALS.match("AB")
    assert not INITIALS.match("Jo") and not INITIALS.match("ABCD")
