"""The board report in Excel: read once into plain data (`assessments.queries.board_report`),
then pure sheet builders (summary, plans, trip, data_sheets) fill `sheet.Sheet`s, and `book`
writes them with shared named styles, row by row. `build.build_report` joins the three."""

from assessments.queries.report_data import ReportScope, ScopeError
from exports.board_report.build import build_report, report_filename

__all__ = ["ReportScope", "ScopeError", "build_report", "report_filename"]
