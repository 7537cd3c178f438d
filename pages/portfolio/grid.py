"""The portfolio's tables sized to show every row: a grid as tall as its rows, the header and
the sideways scroll bar a wide grid draws (which otherwise hides half of the last row), up to
a height that still leaves the page around it in view."""

from __future__ import annotations

ROW_HEIGHT = 35  # px: Streamlit's own, set so the sum below holds
HEADER = 38
SCROLL_BAR = 18
MOST = 640


def height(rows: int) -> int:
    return min(HEADER + ROW_HEIGHT * rows + SCROLL_BAR, MOST)
