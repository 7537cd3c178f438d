"""What the service tests share: a second person, and a refusal caught with the field it names."""

from __future__ import annotations

import pytest

from assessments.records import Actor
from assessments.rules.errors import ServiceError

OTHER = Actor("Jo Reyes", "Peer worker")


def refused(call, field: str) -> str:
    with pytest.raises(ServiceError) as caught:
        call()
    assert caught.value.field == field, caught.value.message
    return caught.value.message
