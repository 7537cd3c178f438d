"""Fixtures the unit tests of TRIP share: the community benchmark set, its framework and its
answer scale. A test module may define a fixture of the same name for its own needs."""

from __future__ import annotations

import pytest


@pytest.fixture
def bset(definitions):
    return definitions.benchmark_set("trip-community@1")


@pytest.fixture
def framework(definitions, bset):
    return definitions.framework(bset.framework)


@pytest.fixture
def scale(definitions, bset):
    return definitions.scales[bset.scale]
