"""Where a sheet's printed pages end, worked out before it is written: how far its charts
reach (so the print area takes them in whole, however wide the columns under them), and the
rows after which to start a new page so that a block kept together (a heading, its table and
the chart beside or under it) is never split between two pages, as long as it fits on one.

LibreOffice and Excel print each sheet landscape on A4, scaled to one page wide (`book.py`):
the scale, and so how many rows a page holds, follows from the columns' widths. The sizes are
estimates on the safe side: a page is taken to hold a little less than it does."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from exports.board_report.sheet import Sheet

DEFAULT_WIDTH = 8.43  # a column's width where none is set, in widths of a "0"
ROW_POINTS = 15.0  # a row's height where none is set (Arial 11)
PAGE_POINTS = (842 - 2 * 0.75 * 72, 595 - 2 * 0.7 * 72)  # A4 landscape within the margins
SAFE = 0.94  # of a page's height, counted on: row heights are estimated
CM = 72 / 2.54  # points


def column_points(width: float) -> float:
    """A column's width in points before the page is scaled, a little under what LibreOffice
    gives it (measured on its PDFs: about 7.9 a unit of width): a chart is taken to reach a
    column further, and a page to hold a few rows fewer, than they do."""
    return width * 7.3


@dataclass
class Layout:
    """A sheet's columns and rows as printed: widths (units) and heights (points) by number,
    those not given at their defaults."""

    widths: dict[int, float]
    heights: dict[int, float]

    def width(self, column: int) -> float:
        return self.widths.get(column, DEFAULT_WIDTH)

    def height(self, row: int) -> float:
        return self.heights.get(row, ROW_POINTS)

    def reach(self, anchor: str, width_cm: float, height_cm: float) -> tuple[int, int]:
        """The last row and column a chart of this size, anchored at `anchor`, covers."""
        letters, row = coordinate_from_string(anchor)
        column = column_index_from_string(letters)
        left, up = width_cm * CM, height_cm * CM
        while (left := left - column_points(self.width(column))) > 0:
            column += 1
        while (up := up - self.height(row)) > 0:
            row += 1
        return row, column

    def span(self, anchor: str, width_cm: float, height_cm: float) -> tuple[int, int]:
        """The first and last rows a chart anchored at `anchor` covers."""
        return coordinate_from_string(anchor)[1], self.reach(anchor, width_cm, height_cm)[0]

    def scale(self, last_column: int) -> float:
        printed = sum(column_points(self.width(c)) for c in range(1, last_column + 1))
        return min(1.0, PAGE_POINTS[0] / printed)


def page_breaks(
    layout: Layout, sheet: Sheet, last_column: int, last_row: int, charts: list[tuple[int, int]]
) -> list[int]:
    """The rows after which a new page starts, for a sheet that keeps blocks together (none
    for one that does not: its pages break where they fill): before a block (taken on to the
    last row of each chart anchored in it, `charts` giving their first and last rows) that
    would run over the end of its page but fits on a page of its own, and where a page is full,
    a little before the printer would break it, so that every page ends where counted here.
    The sheet's repeated rows are printed again atop each page."""
    if not sheet.together:
        return []
    header = sheet.header_row
    repeated = range(1, 3) if header is None else range(header, header + 1)
    blocks = [
        (first, max([last, *(end for start, end in charts if first <= start <= last)]))
        for first, last in sheet.together
    ]
    room = PAGE_POINTS[1] * SAFE / layout.scale(last_column)
    top = sum(layout.height(r) for r in repeated)  # a new page's height before its own rows
    starts = {first: last for first, last in blocks}
    breaks, used = [], 0.0
    for row in range(1, last_row + 1):
        if row in starts and used > top:
            block = sum(layout.height(r) for r in range(row, starts[row] + 1))
            if used + block > room and top + block <= room:
                breaks.append(row - 1)
                used = top
        if used + layout.height(row) > room and used > top:
            # The page is full. Broken here by hand, not left to the printer: a page it ended
            # a row or two later would move every block after it out of step.
            breaks.append(row - 1)
            used = top
        used += layout.height(row)
    return breaks
