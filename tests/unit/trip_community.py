"""What the TRIP analytics and chart tests expect of the community benchmark set (the
fixtures are in conftest.py): its answers in the order they are shown, and the words that
would betray a score."""

from __future__ import annotations

ANSWERS = [
    "Not yet",
    "Started",
    "Partly",
    "Mostly",
    "Fully",
    "Not applicable",
    "Don't know",
    "Not talked through",
]
SCORE_WORDS = ("mean", "average", "score", "total", "percent", "%")
