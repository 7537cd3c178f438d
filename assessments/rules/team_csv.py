"""Reading a list of teams from a CSV file (as saved by Excel or LibreOffice), with a problem
per bad row instead of a failure at the first one."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from assessments.records import RowProblem
from assessments.rules.errors import ServiceError
from assessments.rules.text import NAME_LENGTH, clean_text
from framework.model import TeamType

REQUIRED = ("name", "team_type")
COLUMNS = (*REQUIRED, "locality")
MOST_ROWS = 1000  # teams in one file: far more than any provider has


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")  # Excel starts UTF-8 CSV files with a byte-order mark
    except UnicodeDecodeError:
        return data.decode("cp1252")  # what older Excel on Windows writes


def _column(header: str) -> str:
    return header.strip().lower().replace(" ", "_").replace("-", "_")


def parse_teams(
    data: bytes | str, team_types: Iterable[TeamType], taken: set[str]
) -> tuple[list[dict], list[RowProblem]]:
    """The rows as team fields, and every problem found. `taken` holds the lower-case names
    the provider already uses. A team type may be given by its id or its title."""
    team_types = list(team_types)
    if isinstance(data, bytes) and data.startswith((b"\xff\xfe", b"\xfe\xff")):
        said = "is UTF-16 text (expected UTF-8: in Excel, save as 'CSV UTF-8')"
        return [], [RowProblem(1, "(file)", said)]
    try:
        text = _decode(data)
    except UnicodeDecodeError:
        text = "\x00"
    if "\x00" in text:
        return [], [RowProblem(1, "(file)", "is not a text file (expected a CSV file)")]
    if text.count("\n") > MOST_ROWS + 1:
        said = f"has more than {MOST_ROWS:,} rows (expected at most {MOST_ROWS:,} teams a file)"
        return [], [RowProblem(1, "(file)", said)]
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header or not any(h.strip() for h in header):
        return [], [
            RowProblem(1, "(file)", f"is empty (expected a header row: {', '.join(COLUMNS)})")
        ]
    columns = [_column(h) for h in header]
    problems = [
        RowProblem(1, h.strip() or "(blank)", f"unknown column (expected {', '.join(COLUMNS)})")
        for h, c in zip(header, columns, strict=True)
        if c not in COLUMNS
    ]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        problems.append(
            RowProblem(1, ", ".join(missing), f"missing column (expected {', '.join(COLUMNS)})")
        )
    if problems:
        return [], problems
    by_name = {}
    for t in team_types:
        by_name[t.id] = t.id
        by_name[t.name.lower()] = t.id
    rows: list[dict] = []
    seen: dict[str, int] = {}
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # blank lines at the end of a spreadsheet export
        values = dict(zip(columns, (cell.strip() for cell in cells), strict=False))
        kind = values.get("team_type", "")
        row_problems = []
        # The same rules as the form's (`clean_text`), each refusal named by line and column.
        cleaned = {}
        for column, what, required in (
            ("name", "The team's name", True),
            ("locality", "The locality", False),
        ):
            try:
                cleaned[column] = clean_text(
                    values.get(column), column, what, required=required, limit=NAME_LENGTH
                )
            except ServiceError as refused:
                row_problems.append(RowProblem(line, column, refused.message))
                cleaned[column] = ""
        name, locality = cleaned["name"], cleaned["locality"]
        if name and name.lower() in taken:
            row_problems.append(
                RowProblem(line, "name", f"'{name}' is already a team of this provider")
            )
        elif name and name.lower() in seen:
            row_problems.append(
                RowProblem(line, "name", f"'{name}' is also on line {seen[name.lower()]}")
            )
        type_id = by_name.get(kind.lower())
        if type_id is None:
            allowed = ", ".join(t.id for t in team_types)
            shown = f"'{kind}' is not a team type" if kind else "is empty"
            row_problems.append(
                RowProblem(line, "team_type", f"{shown} (expected one of {allowed})")
            )
        if row_problems:
            problems += row_problems
            continue
        seen[name.lower()] = line
        rows.append({"name": name, "team_type": type_id, "locality": locality})
    if not rows and not problems:
        problems.append(RowProblem(2, "(file)", "has a header but no teams"))
    return rows, problems
