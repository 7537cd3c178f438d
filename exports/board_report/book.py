"""The board report's sheets written as one .xlsx: a handful of shared named styles (Arial,
bordered tables with a shaded header, dates as dates) instead of a style object per cell;
columns fitted and rows heightened from the values before anything is written; then every
sheet streamed row by row (openpyxl's write-only mode), with its charts, conditional fills and
print set-up: landscape, one page wide, the header row repeated and frozen, the scope and date
in the header, "page X of Y" in the footer. A line of prose alone on its row (a title, a
subtitle, a heading, a sentence) is merged across the printed columns and wrapped there, its
row heightened to hold it, so nothing of it runs past the page's edge and is cut; a sheet
narrower than a page is printed a page wide, so its title needs not wrap into a column."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterator
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from exports.board_report.pages import DEFAULT_WIDTH, Layout, page_breaks
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
PAGE_WIDTH = 125  # units of column width a landscape A4 page holds at 100%

STYLES = {
    TITLE: {"font": Font(name=FONT, size=16, bold=True), "alignment": _WRAP},
    SUBTITLE: {"font": Font(name=FONT, size=11, italic=True, color="425563"), "alignment": _WRAP},
    HEADING: {"font": Font(name=FONT, size=13, bold=True), "alignment": _WRAP},
    TEXT: {"font": Font(name=FONT, size=11), "alignment": _WRAP},
    HEADER: {
        "font": Font(name=FONT, size=11, bold=True),
        "fill": _HEADER_FILL,
        "border": _GRID,
        "alignment": _WRAP,
    },
    CELL: {"font": Font(name=FONT, size=11), "border": _GRID, "alignment": _WRAP},
}
WRAPPED = {HEADER, CELL}
PROSE = {TITLE: 16, SUBTITLE: 11, HEADING: 13, TEXT: 11}  # a line's style -> its font size
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
    charts = [(make(ws), anchor) for make, anchor in sheet.charts]
    across = Layout(widths, {})  # how far charts reach across needs no row's height
    last_column = max(
        [c for cells in sheet.cells.values() for c in cells]
        + [sheet.last_column]
        + [across.reach(anchor, chart.width, chart.height)[1] for chart, anchor in charts]
    )
    last_column = _page_columns(widths, last_column)
    printed = sum(widths.get(c, DEFAULT_WIDTH) for c in range(1, last_column + 1))
    heights = _heights(sheet, widths) | _prose_heights(sheet, printed)
    for row, height in heights.items():
        ws.row_dimensions[row].height = height
    for row in _prose_rows(sheet):
        ws.merged_cells.add(f"A{row}:{get_column_letter(last_column)}{row}")
    layout = Layout(widths, heights)
    spans = [layout.span(anchor, chart.width, chart.height) for chart, anchor in charts]
    last_row = max([*sheet.cells, sheet.last_row, *(last for _, last in spans)])
    for row in page_breaks(layout, sheet, last_column, last_row, spans):
        ws.row_breaks.append(Break(id=row))
    _print_ready(ws, sheet, scope, made_on, last_row, last_column)
    cells = _Cells(ws)
    for row in range(1, max(sheet.cells, default=0) + 1):
        ws.append(cells.row(sheet.cells.get(row, {})))
    for chart, anchor in charts:
        ws.add_chart(chart, anchor)
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


def _prose_rows(sheet: Sheet) -> list[int]:
    """The rows holding a line of prose alone: a title, subtitle, heading or sentence."""
    return [
        row
        for row, cells in sheet.cells.items()
        if list(cells) == [1] and cells[1][1] in PROSE and isinstance(cells[1][0], str)
    ]


def _page_columns(widths: dict[int, float], last_column: int) -> int:
    """The last column printed: the sheet's last, or further until the columns fill a page."""
    total = sum(widths.get(c, DEFAULT_WIDTH) for c in range(1, last_column + 1))
    while total < PAGE_WIDTH:
        last_column += 1
        total += widths.get(last_column, DEFAULT_WIDTH)
    return last_column


def _prose_heights(sheet: Sheet, printed: float) -> dict[int, float]:
    """Rows of prose tall enough for their lines wrapped across the printed width."""
    heights = {}
    for row in _prose_rows(sheet):
        text, style = sheet.cells[row][1]
        size = PROSE[style]
        room = max(int(printed * CHARS_PER_WIDTH * 11 / size * 0.95) - 2, 1)  # bold is wider
        lines = sum(len(textwrap.wrap(line, room)) or 1 for line in str(text).splitlines())
        if lines > 1 or size > 11:
            heights[row] = LINE_HEIGHT * size / 11 * max(lines, 1) + 3
    return heights


def _widths(sheet: Sheet) -> dict[int, float]:
    """Each column as wide as its longest line (within limits), a table's header counted as
    wrapped over two lines (a column of counts needs no room for its header on one line),
    leaving out the lines of prose (merged across the page: see `_prose_rows`); the sheet's
    fixed widths win. The narrower a sheet, the larger it prints one page wide."""
    longest: dict[int, int] = {}
    prose = set(_prose_rows(sheet))
    for row, cells in sheet.cells.items():
        if row in prose:
            continue
        for column, (value, style) in cells.items():
            if value is None:
                continue
            size = max(len(line) for line in _text(value).splitlines() or [""])
            if style == HEADER:
                words = _text(value).split() or [""]
                size = max(max(len(w) for w in words), -(-size // 2) + 1)
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
    prose = set(_prose_rows(sheet))
    for row, cells in sheet.cells.items():
        if row in prose:
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
