"""The board report's sheets written as one .xlsx: a handful of shared named styles (Arial,
bordered tables with a shaded header, dates as dates) instead of a style object per cell;
columns fitted and rows heightened from the values before anything is written; then every
sheet streamed row by row (openpyxl's write-only mode), with its charts, conditional fills and
print set-up: landscape, one page wide, the header row repeated and frozen, the scope and date
in the header, "page X of Y" in the footer."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterator
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from exports.board_report.sheet import (
    CELL,
    HEADER,
    HEADING,
    SUBTITLE,
    TEXT,
    TITLE,
    Report,
    Sheet,
)

FONT = "Arial"
DATE_FORMAT = "DD/MM/YYYY"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MIN_WIDTH, MAX_WIDTH = 8, 60  # characters: a long comment wraps instead of running off the page
LINE_HEIGHT = 14.5  # points per line of Arial 11
CHARS_PER_WIDTH = 1.1  # Arial 11 letters per unit of column width (the width of a "0")
_THIN = Side(style="thin", color="AEB7BD")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEADER_FILL = PatternFill("solid", fgColor="E8EDEE")  # NHS pale grey: a header, not a signal

STYLES = {
    TITLE: {"font": Font(name=FONT, size=16, bold=True)},
    SUBTITLE: {"font": Font(name=FONT, size=11, italic=True, color="425563")},
    HEADING: {"font": Font(name=FONT, size=13, bold=True)},
    TEXT: {"font": Font(name=FONT, size=11)},
    HEADER: {
        "font": Font(name=FONT, size=11, bold=True),
        "fill": _HEADER_FILL,
        "border": _GRID,
        "alignment": _WRAP,
    },
    CELL: {"font": Font(name=FONT, size=11), "border": _GRID, "alignment": _WRAP},
}
WRAPPED = {HEADER, CELL}
DATED = " (date)"  # the same style with a date format: a date cell's


def write(report: Report) -> bytes:
    """The workbook as .xlsx bytes."""
    book = Workbook(write_only=True)
    for name, parts in STYLES.items():
        book.add_named_style(NamedStyle(name, **parts))
        book.add_named_style(NamedStyle(name + DATED, number_format=DATE_FORMAT, **parts))
    for sheet in report.sheets:
        _write_sheet(book, sheet, report.name, report.today)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write_sheet(book: Workbook, sheet: Sheet, scope: str, made_on: date) -> None:
    ws = book.create_sheet(sheet.name)
    widths = _widths(sheet)
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = width
    for row, height in _heights(sheet, widths).items():
        ws.row_dimensions[row].height = height
    last_row = max([*sheet.cells, sheet.last_row])
    last_column = max([c for cells in sheet.cells.values() for c in cells] + [sheet.last_column])
    _print_ready(ws, sheet, scope, made_on, last_row, last_column)
    cells = _Cells(ws)
    for row in range(1, max(sheet.cells, default=0) + 1):
        ws.append(cells.row(sheet.cells.get(row, {})))
    for make, anchor in sheet.charts:
        ws.add_chart(make(ws), anchor)
    for cells_range, rule in sheet.rules:
        ws.conditional_formatting.add(cells_range, rule)


class _Cells:
    """Cells for a row, safely typed: one reusable styled cell per style, refilled for each
    value and written at once (the writer takes a row's cells one by one as they come)."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.made: dict[tuple[str, bool], WriteOnlyCell] = {}

    def _cell(self, style: str, quoted: bool) -> WriteOnlyCell:
        cell = self.made.get((style, quoted))
        if cell is None:
            cell = WriteOnlyCell(self.ws)
            cell.style = style
            cell.quotePrefix = quoted
            self.made[(style, quoted)] = cell
        return cell

    def row(self, cells: dict[int, tuple[object, str]]) -> Iterator[WriteOnlyCell | None]:
        for column in range(1, max(cells, default=0) + 1):
            value, style = cells.get(column, (None, TEXT))
            if value is None:
                yield None
                continue
            if isinstance(value, datetime):
                value = value.replace(tzinfo=None)
            if isinstance(value, date):
                style += DATED
            quoted = isinstance(value, str) and value.startswith(FORMULA_STARTS)
            cell = self._cell(style, quoted)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
            yield cell


def _text(value: object) -> str:
    return value.strftime("%d/%m/%Y") if isinstance(value, date) else str(value)


def _widths(sheet: Sheet) -> dict[int, float]:
    """Each column as wide as its longest line (within limits), from row 3 down so a sheet's
    title does not widen its first column; the sheet's fixed widths win."""
    longest: dict[int, int] = {}
    for row, cells in sheet.cells.items():
        if row < 3:
            continue
        for column, (value, _) in cells.items():
            if value is None:
                continue
            size = max(len(line) for line in _text(value).splitlines() or [""])
            if size > longest.get(column, -1):
                longest[column] = size
    return {
        column: min(max(size + 2, MIN_WIDTH), MAX_WIDTH)
        for column, size in {**longest, **sheet.widths}.items()
    }


def _heights(sheet: Sheet, widths: dict[int, float]) -> dict[int, float]:
    """Rows tall enough for their wrapped text: neither Excel nor LibreOffice grows a row on
    opening a file, so without this a long comment prints over the row below."""
    heights = {}
    for row, cells in sheet.cells.items():
        if row < 3:
            continue
        lines = 1
        for column, (value, style) in cells.items():
            if not isinstance(value, str) or style not in WRAPPED:
                continue
            room = max(int(widths.get(column, MIN_WIDTH) * CHARS_PER_WIDTH) - 1, 1)
            if len(value) <= room and "\n" not in value:
                continue  # one line: no need to wrap it to know
            lines = max(lines, sum(len(textwrap.wrap(s, room)) or 1 for s in value.splitlines()))
        if lines > 1:
            heights[row] = LINE_HEIGHT * lines + 2
    return heights


def _print_ready(ws, sheet: Sheet, scope: str, made_on: date, last_row: int, last_column: int):
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.print_options.gridLines = False
    ws.page_margins.top = ws.page_margins.bottom = 0.7
    # A sheet of several tables repeats and freezes its title and subtitle instead.
    header = sheet.header_row
    ws.print_title_rows = f"{header}:{header}" if header is not None else "1:2"
    ws.freeze_panes = sheet.freeze or f"A{(header if header is not None else 2) + 1}"
    ws.oddHeader.left.text = _header_text(scope)
    ws.oddHeader.right.text = made_on.strftime("%d %B %Y")
    ws.oddFooter.left.text = _header_text(sheet.name)
    ws.oddFooter.right.text = "Page &P of &N"
    for part in (ws.oddHeader.left, ws.oddHeader.right, ws.oddFooter.left, ws.oddFooter.right):
        part.font, part.size = f"{FONT},Regular", 9
    ws.print_area = f"A1:{get_column_letter(last_column)}{last_row}"


# Excel refuses a header or footer over 255 characters, its codes (font, size, "&&") counted:
# a name in one gets at most this many, and is cut with "…" past them.
HEADER_ROOM = 120


def _header_text(text: str) -> str:
    # "&" starts a code in Excel's header language: doubled, it prints as itself.
    shown = text
    if len(shown) + shown.count("&") > HEADER_ROOM:
        while len(shown) + shown.count("&") > HEADER_ROOM - 1:
            shown = shown[:-1]
        shown = shown.rstrip() + "…"
    return shown.replace("&", "&&")
