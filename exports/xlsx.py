"""How every sheet of the board report is written: safe cells, Arial, titled tables with fitted
widths, and print settings that make each sheet come out of a printer readable.

Safety: a cell never holds a formula. Text that Excel or LibreOffice would run or read as one
(beginning with =, +, -, @, a tab or a carriage return) is stored as a text cell with Excel's
"quote prefix", so it shows as typed and is never evaluated.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from datetime import date, datetime

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

FONT = "Arial"
BODY = Font(name=FONT, size=11)
BOLD = Font(name=FONT, size=11, bold=True)
TITLE = Font(name=FONT, size=16, bold=True)
SUBTITLE = Font(name=FONT, size=11, italic=True, color="425563")
HEADER_FILL = PatternFill("solid", fgColor="E8EDEE")  # NHS pale grey: a header, not a signal
THIN = Side(style="thin", color="AEB7BD")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "DD/MM/YYYY"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MIN_WIDTH, MAX_WIDTH = 8, 60  # characters: a long comment wraps instead of running off the page
HEADER_ROW = 4  # every sheet: title, subtitle, a blank row, then its table's header
LINE_HEIGHT = 14.5  # points per line of Arial 11
CHARS_PER_WIDTH = 1.1  # Arial 11 letters per unit of column width (the width of a "0")


def put(ws: Worksheet, row: int, column: int, value: object, font: Font = BODY):
    """Write one value safely: text that looks like a formula stays text; dates get a date
    format; None leaves the cell empty."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, datetime):
        value = value.replace(tzinfo=None)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT
    cell.font = font
    return cell


def title(ws: Worksheet, text: str, subtitle: str) -> None:
    put(ws, 1, 1, text, TITLE)
    put(ws, 2, 1, subtitle, SUBTITLE)


def table(
    ws: Worksheet,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    start_row: int = HEADER_ROW,
) -> int:
    """A bordered table with a shaded, bold header; returns the row after its last."""
    for column, header in enumerate(headers, 1):
        cell = put(ws, start_row, column, header, BOLD)
        cell.fill, cell.border, cell.alignment = HEADER_FILL, GRID, WRAP
    for r, values in enumerate(rows, start_row + 1):
        for column, value in enumerate(values, 1):
            cell = put(ws, r, column, value)
            cell.border, cell.alignment = GRID, WRAP
    return start_row + len(rows) + 1


def heading(ws: Worksheet, row: int, text: str) -> int:
    """A section heading inside a sheet; returns the row after it."""
    put(ws, row, 1, text, Font(name=FONT, size=13, bold=True))
    return row + 1


def fit_columns(ws: Worksheet, widths: dict[int, int] | None = None) -> None:
    """Each column as wide as its longest line (within limits), from row 3 down so a sheet's
    title does not widen its first column; `widths` fixes some columns by number."""
    longest: dict[int, int] = {}
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            if cell.value is None:
                continue
            text = cell.value.strftime("%d/%m/%Y") if isinstance(cell.value, date) else cell.value
            size = max(len(line) for line in str(text).splitlines() or [""])
            longest[cell.column] = max(longest.get(cell.column, 0), size)
    final: dict[int, float] = {}
    for column, size in {**longest, **(widths or {})}.items():
        final[column] = min(max(size + 2, MIN_WIDTH), MAX_WIDTH)
        ws.column_dimensions[get_column_letter(column)].width = final[column]
    _fit_heights(ws, final)


def _fit_heights(ws: Worksheet, widths: dict[int, float]) -> None:
    """Rows tall enough for their wrapped text: neither Excel nor LibreOffice grows a row on
    opening a file, so without this a long comment prints over the row below."""
    for row in ws.iter_rows(min_row=3):
        lines = 1
        for cell in row:
            if isinstance(cell.value, str) and cell.alignment.wrap_text:
                room = max(int(widths.get(cell.column, MIN_WIDTH) * CHARS_PER_WIDTH) - 1, 1)
                wrapped = sum(
                    len(textwrap.wrap(line, room)) or 1 for line in cell.value.splitlines()
                )
                lines = max(lines, wrapped)
        if lines > 1:
            ws.row_dimensions[row[0].row].height = LINE_HEIGHT * lines + 2


def print_ready(
    ws: Worksheet,
    scope: str,
    made_on: date,
    header_row: int | None = HEADER_ROW,
    last_row: int | None = None,
    last_column: int | None = None,
) -> None:
    """Landscape, one page wide, the table's header repeated on every page and frozen on
    screen (for a sheet of several tables, `header_row` None, its title rows), the scope and
    date in the header, "page X of Y" in the footer, and a print area over what was written."""
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.print_options.gridLines = False
    ws.page_margins.top = ws.page_margins.bottom = 0.7
    # A sheet of several tables repeats and freezes its title and subtitle instead.
    repeated = f"{header_row}:{header_row}" if header_row is not None else "1:2"
    ws.print_title_rows = repeated
    ws.freeze_panes = ws.cell(row=int(repeated.split(":")[1]) + 1, column=1).coordinate
    ws.oddHeader.left.text = _header_text(scope)
    ws.oddHeader.right.text = made_on.strftime("%d %B %Y")
    ws.oddFooter.left.text = _header_text(ws.title)
    ws.oddFooter.right.text = "Page &P of &N"
    for part in (ws.oddHeader.left, ws.oddHeader.right, ws.oddFooter.left, ws.oddFooter.right):
        part.font, part.size = f"{FONT},Regular", 9
    last = max(ws.max_row, last_row or 1)
    ws.print_area = f"A1:{get_column_letter(max(ws.max_column, last_column or 1))}{last}"


def sheet_name(text: str, taken: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, none of []:*?/\\) and not yet used."""
    base = re.sub(r"[\[\]:*?/\\']", " ", text).strip()[:31] or "Sheet"
    name, n = base, 2
    while name.lower() in {t.lower() for t in taken}:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


def _header_text(text: str) -> str:
    # "&" starts a code in Excel's header language: doubled, it prints as itself.
    return text.replace("&", "&&")
