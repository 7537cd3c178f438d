"""The checks on a commissioner's measure value, the same for the form and for each row of a
CSV file: the indicator is in the library, the period is a month or a quarter that has begun,
the figure makes sense for the indicator's unit (a percentage from 0 to 100, a count a whole
number, a score within its scale), and a figure that is not available says why."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

from assessments.records import RowProblem
from assessments.records.measures import (
    QUARTER_STARTS,
    MeasureEntry,
    Period,
    PeriodKind,
)
from assessments.rules.dates import EARLIEST
from assessments.rules.errors import ServiceError
from assessments.rules.plan_content import number_from_text
from assessments.rules.text import NAME_LENGTH, TEXT_LENGTH, clean_text
from framework.model import Indicator

COLUMNS = ("team", "indicator", "period", "period_kind", "value", "not_available_reason")
OPTIONAL = ("target", "note")
REQUIRED = ("indicator", "period")
MOST_ROWS = 5000  # a provider's values in one file: years of every indicator, monthly
SCALE = re.compile(r"\((\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)\)")  # "mean score (1-7)"


def checked_period(start: object, kind: object, today: date, field: str = "period") -> Period:
    """A month or a quarter by its first day: begun by `today` (a figure is for a period that
    has started), and not before 2000."""
    try:
        kind = PeriodKind(kind)
    except ValueError:
        raise ServiceError(
            f"The period's kind '{kind}' is not known: 'month' or 'quarter' is expected.",
            "period_kind",
        ) from None
    if not isinstance(start, date):
        raise ServiceError("The period needs its first day, such as 2026-04-01.", field)
    if start.day != 1:
        raise ServiceError(
            f"The period starts on {start:%d %b %Y}: a period starts on the 1st of a month.", field
        )
    if kind == PeriodKind.QUARTER and start.month not in QUARTER_STARTS:
        raise ServiceError(
            f"A quarter starting in {start:%B} is not one: quarters start in January, April, "
            "July or October.",
            field,
        )
    if start < EARLIEST:
        raise ServiceError(f"The period {start:%b %Y} is before {EARLIEST:%Y}: a slip?", field)
    if start > today:
        raise ServiceError(
            f"The period {Period(start, kind).label} is in the future: a figure is recorded for "
            f"a period that has begun (today is {today:%d %b %Y}).",
            field,
        )
    return Period(start, kind)


def period_from_text(text: str, kind: str, today: date) -> Period:
    """ "2026-04" or "2026-04-01" as the month or quarter starting then."""
    shown = (text or "").strip()
    found = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", shown)
    try:
        start = date(int(found[1]), int(found[2]), int(found[3] or 1)) if found else None
    except ValueError:
        start = None
    if start is None:
        raise ServiceError(
            f"'{shown}' is not a period: its first month is expected, such as 2026-04.", "period"
        )
    return checked_period(start, (kind or "month").strip().lower(), today)


def unit_bounds(unit: str) -> tuple[float, float | None, bool, str]:
    """The figures an indicator's unit allows: (lowest, highest or None, whole numbers only,
    in words)."""
    if unit.startswith("%"):
        return 0.0, 100.0, False, "a percentage from 0 to 100"
    if unit == "yes/no":
        return 0.0, 1.0, True, "1 for yes or 0 for no"
    scale = SCALE.search(unit)
    if scale:
        low, high = float(scale[1]), float(scale[2])
        return low, high, False, f"a score from {scale[1]} to {scale[2]}"
    if unit.startswith("number of") and "WTE" not in unit:
        return 0.0, None, True, "a whole number, 0 or more"
    return 0.0, None, False, "a figure of 0 or more"


def checked_figure(indicator: Indicator, raw: object, what: str, field: str) -> float | None:
    """`raw` (a number, or text as typed: "12", "40%", "1,200") as a figure of the indicator's
    unit; empty is None."""
    number = number_from_text(raw, what, field)
    if number is None:
        return None
    low, high, whole, words = unit_bounds(indicator.unit)
    if number < low or (high is not None and number > high) or (whole and number != int(number)):
        raise ServiceError(
            f"{what}: {number:,.10g} does not fit the unit '{indicator.unit}': {words} is "
            "expected.",
            field,
        )
    return number


def checked_entry(
    indicators: dict[str, Indicator],
    today: date,
    *,
    team_id: int | None,
    indicator_id: str,
    period: Period,
    value: object,
    reason: object,
    target: object = None,
    note: object = "",
    available: bool,
) -> MeasureEntry:
    """One period's figure, or its absence with a reason, as it may be stored."""
    indicator = indicators.get(indicator_id)
    if indicator is None:
        raise ServiceError(
            f"'{indicator_id}' is not an indicator of the library: see The framework page for "
            "their ids.",
            "indicator",
        )
    period = checked_period(period.start, period.kind, today)
    reason = clean_text(
        str(reason or ""), "reason", "The reason it is not available", required=False,
        limit=NAME_LENGTH * 2,
    )  # fmt: skip
    if available:
        figure = checked_figure(indicator, value, "The value", "value")
        if figure is None:
            raise ServiceError(
                "The value is empty: give the figure, or record it as not available with the "
                "reason.",
                "value",
            )
        reason = ""
    else:
        figure = None
        if not reason:
            raise ServiceError(
                "Say why the figure is not available (such as 'not collected this month'): a "
                "gap is a finding, and its reason is part of it.",
                "reason",
            )
    return MeasureEntry(
        team_id=team_id,
        indicator_id=indicator.id,
        period=period,
        value=figure,
        reason=reason,
        target=checked_figure(indicator, target, "The target", "target"),
        note=clean_text(str(note or ""), "note", "The note", required=False, limit=TEXT_LENGTH),
    )


def parse_measures_csv(
    data: bytes | str,
    indicators: dict[str, Indicator],
    teams: dict[str, int],
    today: date,
) -> tuple[list[tuple[int, MeasureEntry]], list[RowProblem]]:
    """Every row of a CSV file of measure values as (line, entry), and every problem found,
    each naming its line and column and what was expected. `teams` maps the provider's team
    names (lower case) to their ids; an empty team is the whole provider."""
    text, problem = _text(data)
    if problem:
        return [], [RowProblem(1, "(file)", problem)]
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    expected = f"expected columns: {', '.join((*COLUMNS, *OPTIONAL))}"
    if not header or not any(h.strip() for h in header):
        return [], [RowProblem(1, "(file)", f"is empty ({expected})")]
    columns = [h.strip().lower().replace(" ", "_").replace("-", "_") for h in header]
    problems = [
        RowProblem(1, h.strip() or "(blank)", f"unknown column ({expected})")
        for h, c in zip(header, columns, strict=True)
        if c not in (*COLUMNS, *OPTIONAL)
    ]
    problems += [
        RowProblem(1, c, f"missing column ({expected})") for c in REQUIRED if c not in columns
    ]
    if problems:
        return [], problems
    rows: list[tuple[int, MeasureEntry]] = []
    seen: dict[tuple, int] = {}
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # blank lines at the end of a spreadsheet export
        values = dict(zip(columns, (cell.strip() for cell in cells), strict=False))
        try:
            entry = _row_entry(values, indicators, teams, today)
        except ServiceError as refused:
            problems.append(RowProblem(line, refused.field or "(row)", refused.message))
            continue
        key = (entry.team_id, entry.indicator_id, entry.period)
        if key in seen:
            said = f"the same team, indicator and period as line {seen[key]} (one row for each)"
            problems.append(RowProblem(line, "period", said))
            continue
        seen[key] = line
        rows.append((line, entry))
    if not rows and not problems:
        problems.append(RowProblem(2, "(file)", "has a header but no values"))
    return rows, problems


def _row_entry(values: dict, indicators, teams: dict[str, int], today: date) -> MeasureEntry:
    team_name = values.get("team", "")
    team_id = None
    if team_name:
        team_id = teams.get(team_name.lower())
        if team_id is None:
            raise ServiceError(
                f"'{team_name}' is not a team of this provider (expected one of its teams' "
                "names, or empty for the whole provider)",
                "team",
            )
    value, reason = values.get("value", ""), values.get("not_available_reason", "")
    if value and reason:
        raise ServiceError(
            "a value and a reason it is not available are both given (expected one of them)",
            "not_available_reason",
        )
    if not value and not reason:
        raise ServiceError(
            "is empty (expected the figure, or a reason in not_available_reason)", "value"
        )
    return checked_entry(
        indicators,
        today,
        team_id=team_id,
        indicator_id=values.get("indicator", ""),
        period=period_from_text(values.get("period", ""), values.get("period_kind", ""), today),
        value=value,
        reason=reason,
        target=values.get("target", ""),
        note=values.get("note", ""),
        available=bool(value),
    )


def _text(data: bytes | str) -> tuple[str, str | None]:
    if isinstance(data, bytes):
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return "", "is UTF-16 text (expected UTF-8: in Excel, save as 'CSV UTF-8')"
        try:
            data = data.decode("utf-8-sig")  # Excel starts UTF-8 CSV files with a BOM
        except UnicodeDecodeError:
            try:
                data = data.decode("cp1252")  # what older Excel on Windows writes
            except UnicodeDecodeError:
                return "", "is not UTF-8 text (expected a CSV file saved as 'CSV UTF-8')"
    if "\x00" in data:
        return "", "is not a text file (expected a CSV file)"
    if data.count("\n") > MOST_ROWS + 1:
        return "", f"has more than {MOST_ROWS:,} rows (expected at most {MOST_ROWS:,})"
    return data, None


def template_csv() -> str:
    """A CSV file to fill in: the header and two example rows, a figure and a gap."""
    rows = [
        (*COLUMNS, *OPTIONAL),
        ("", "moves-to-independent-living", "2026-04", "month", "7", "", "8", ""),
        ("", "moves-to-independent-living", "2026-05", "month", "", "Not collected", "8", ""),
    ]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()
