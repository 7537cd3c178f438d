"""Framework files `python -m framework check` is tried on: a valid local framework (and edits
of it), a benchmark set, a revision of the shipped framework, and scales."""

from __future__ import annotations

import textwrap

from framework.loader import load

VALID = textwrap.dedent(
    """\
    kind: framework
    id: local-challenges
    version: "1"
    title: A local framework
    sources:
      - {id: local, title: Local notes, authors: [A Writer], year: 2024}
    stages:
      - {number: 1, name: Engagement, headline: Started, definition: Plans are agreed.}
      - {number: 2, name: Development, headline: Moving, definition: Some change is seen.}
      - {number: 3, name: Transformation, headline: Done, definition: Change is everywhere.}
    priorities: {at_most_open: 3, consider_early: [c01-talk]}
    challenges:
      - id: c01-talk
        number: 1
        title: Talking with people
        short_title: Talking
        indicators: [Survey results]
        data_sources: [Local survey]
        stages:
          - {stage: 1, descriptor: Few do it.}
          - {stage: 2, descriptor: Half do it.}
          - {stage: 3, descriptor: All do it.}
    """
)


def edit(old: str, new: str) -> str:
    assert old in VALID, old
    return VALID.replace(old, new)


BENCHMARK = textwrap.dedent(
    """\
    kind: benchmark-set
    id: local-trip
    version: "1"
    title: Local TRIP
    setting: community
    framework: imroc-challenges@2010
    scale: trip-progress
    sources:
      - {id: local, title: Local notes, authors: [A Writer], year: 2024}
    groups:
      - challenge: c01-interactions
        statements:
          - {id: s1, text: We ask what matters to people.}
    """
)

REVISION = textwrap.dedent(
    """\
    kind: framework
    id: imroc-challenges
    version: "2030"
    maps_onto: imroc-challenges@2010
    title: A later wording
    sources:
      - {id: local, title: Local notes, authors: [A Writer], year: 2030}
    challenges:
    """
) + "".join(
    f"  - {{id: {cid}, number: {n}, maps_to: {cid}, title: T{n}}}\n"
    for n, cid in enumerate(
        (c.id for c in load().framework("imroc-challenges@2010").challenges),
        start=1,
    )
)

SCALES = textwrap.dedent(
    """\
    kind: scales
    id: local-scales
    version: "1"
    title: Local scales
    sources:
      - {id: local, title: Local notes, authors: [A Writer], year: 2024}
    scales:
      - id: yes-no
        title: Yes or no
        values:
          - {value: "no", label: "No", rank: 1}
          - {value: "yes", label: "Yes", rank: 2}
    """
)
