"""A sheet of the board report before it is written: values placed by row and column, each
with the name of a shared style, its charts, conditional fills and print set-up. The sheet
builders fill one of these from plain data (no workbook, no store); `book.py` writes them all
at once, row by row.

Safety: a cell never holds a formula. Text that Excel or LibreOffice would run or read as one
(beginning with =, +, -, @, a tab or a carriage return) is written as a text cell with Excel's
"quote prefix", so it shows as typed and is never evaluated (see `book.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from openpyxl.chart._chart import ChartBase
from openpyxl.formatting.rule import Rule
from openpyxl.worksheet.worksheet import Worksheet

HEADER_ROW = 4  # every titled sheet: title, subtitle, a blank row, then its table's header

# The shared styles (see `book.STYLES`): a cell names one, never carries its own.
TITLE, SUBTITLE, HEADING, TEXT, HEADER, CELL = (
    "Report title",
    "Report subtitle",
    "Report heading",
    "Report text",
    "Report table header",
    "Report table cell",
)

ChartMaker = Callable[[Worksheet], ChartBase]  # the sheet is known only when it is written


@dataclass
class Sheet:
    name: str  # unique in the workbook, as Excel accepts it (see `Names`)
    cells: dict[int, dict[int, tuple[object, str]]] = field(default_factory=dict)
    header_row: int | None = HEADER_ROW  # repeated when printed; None: the title rows
    widths: dict[int, int] = field(default_factory=dict)  # fixed widths by column number
    last_row: int = 1  # the print area's extent, past the cells over charts
    last_column: int = 1
    charts: list[tuple[ChartMaker, str]] = field(default_factory=list)  # (maker, anchor)
    rules: list[tuple[str, Rule]] = field(default_factory=list)  # conditional formats
    freeze: str | None = None  # a frozen pane other than below the repeated rows
    together: list[tuple[int, int]] = field(default_factory=list)  # blocks kept on one page

    def put(self, row: int, column: int, value: object, style: str = TEXT) -> None:
        """One value; None leaves the cell empty."""
        self.cells.setdefault(row, {})[column] = (value, style)

    def title(self, text: str, subtitle: str) -> None:
        self.put(1, 1, text, TITLE)
        self.put(2, 1, subtitle, SUBTITLE)

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[object]],
        start_row: int = HEADER_ROW,
    ) -> int:
        """A bordered table with a shaded, bold header; returns the row after its last."""
        self.cells[start_row] = {n: (h, HEADER) for n, h in enumerate(headers, 1)}
        for r, values in enumerate(rows, start_row + 1):
            self.cells[r] = {n: (v, CELL) for n, v in enumerate(values, 1)}
        return start_row + len(rows) + 1

    def heading(self, row: int, text: str) -> int:
        """A section heading inside a sheet; returns the row after it."""
        self.put(row, 1, text, HEADING)
        return row + 1

    def chart(self, make: ChartMaker, anchor: str) -> None:
        self.charts.append((make, anchor))

    def keep(self, first: int, last: int) -> None:
        """Print rows `first` to `last` on one page where they fit on one: a heading, its table
        and the chart drawn beside or under it (to wherever that chart reaches)."""
        self.together.append((first, last))

    def finish(
        self,
        header_row: int | None = HEADER_ROW,
        widths: dict[int, int] | None = None,
        last_row: int | None = None,
        last_column: int | None = None,
    ) -> None:
        """How it prints: `header_row` repeated (None: the title rows), `widths` fixing some
        columns, and `last_row` and `last_column` taking the print area past the written
        cells, over charts drawn below or beside them."""
        self.header_row = header_row
        self.widths = dict(widths or {})
        self.last_row = last_row or 1
        self.last_column = last_column or 1


@dataclass
class Names:
    """Sheet names Excel accepts (31 characters, none of []:*?/\\), each used once."""

    taken: set[str] = field(default_factory=set)

    def __call__(self, text: str) -> str:
        base = re.sub(r"[\[\]:*?/\\']", " ", text).strip()[:31] or "Sheet"
        name, n = base, 2
        while name.lower() in self.taken:
            suffix = f" ({n})"
            name, n = base[: 31 - len(suffix)] + suffix, n + 1
        self.taken.add(name.lower())
        return name


@dataclass
class Report:
    """The sheets of one workbook, in order, and what every sheet prints in its header."""

    name: str  # the scope in words
    today: date
    sheets: list[Sheet] = field(default_factory=list)
    names: Names = field(default_factory=Names)

    def sheet(self, name: str, heading_text: str | None = None, subtitle: str = "") -> Sheet:
        """A new sheet at the end; titled unless `heading_text` is None (a data sheet)."""
        sheet = Sheet(self.names(name))
        if heading_text is not None:
            sheet.title(heading_text, subtitle)
        self.sheets.append(sheet)
        return sheet
