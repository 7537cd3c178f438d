"""The board report's native Excel charts of counts, as the sheets share them: stacked bars of
a table's count columns (one series a column, named in the legend, the rows on the category
axis) and count labels written on the bars. Charts read the table the sheet wrote: values
only, never formulas."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import NumFmt
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.text import RichText
from openpyxl.descriptors import Typed
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties

EDGE = "425563"  # every bar's outline: a white or pale bar keeps its edge
HIDE_ZERO = "0;-0;;@"  # a count of none writes no label on a bar of no length


class _Labels(DataLabelList):
    """Data labels whose number format is their own (openpyxl writes a label's format without
    saying so, and LibreOffice then takes the cells' format instead)."""

    numFmt = Typed(expected_type=NumFmt, allow_none=True)
    __elements__ = DataLabelList.__elements__
    __attrs__ = DataLabelList.__attrs__
    __nested__ = tuple(n for n in DataLabelList.__nested__ if n != "numFmt")


@dataclass(frozen=True)
class Bars:
    """What a stacked bar chart of a table shows: its title and axis titles, the fill of each
    count column (and the colour of a label written on it), and its size in cm."""

    title: str
    categories: str  # the axis of the table's rows
    values: str  # the axis of the counts
    fills: Sequence[str]  # hex colours, one a count column, in order
    label_colours: Sequence[str] | None = None  # labels on the bars, when given
    across: bool = True  # bars across the page (rows top to bottom), else columns up it
    width: float = 22
    height: float = 7.5
    most: int | None = None  # the counts' axis ends here (all there are), where given


def stacked_bars(sheet, header: int, end: int, count_columns: int, bars: Bars) -> BarChart:
    """A stacked bar chart of the table whose header is on row `header` and whose last row is
    `end` - 1: the rows' names in column A, `count_columns` columns of counts from B."""
    made = BarChart()
    made.type, made.grouping, made.overlap = "bar" if bars.across else "col", "stacked", 100
    made.title = bars.title
    made.x_axis.title, made.y_axis.title = bars.categories, bars.values
    made.y_axis.majorUnit, made.y_axis.scaling.min = 1, 0
    made.y_axis.numFmt = "0"
    if bars.most:
        made.y_axis.scaling.max = bars.most
    if bars.across:
        made.x_axis.scaling.orientation = "maxMin"  # the first row on top, as on screen
    made.y_axis.delete = made.x_axis.delete = False
    made.legend.position = "b"
    columns = {"min_col": 2, "max_col": 1 + count_columns}
    counts = Reference(sheet, **columns, min_row=header, max_row=end - 1)
    made.add_data(counts, titles_from_data=True)
    made.set_categories(Reference(sheet, min_col=1, min_row=header + 1, max_row=end - 1))
    for n, (series, fill) in enumerate(zip(made.series, bars.fills, strict=False)):
        series.graphicalProperties.solidFill = fill.lstrip("#")
        series.graphicalProperties.line.solidFill = EDGE
        if bars.label_colours is not None:
            series.dLbls = count_labels(bars.label_colours[n])
    made.width, made.height = bars.width, bars.height
    return made


def count_labels(colour: str | None = None, zeros: bool = False) -> DataLabelList:
    """Each bar's count written on it, in `colour` if given; a count of none writes nothing
    unless `zeros` (a bar of its own, whose 0 is a finding)."""
    labels = _Labels()
    labels.showVal = True
    for flag in ("showSerName", "showCatName", "showLegendKey", "showPercent"):
        setattr(labels, flag, False)
    if not zeros:
        labels.numFmt = NumFmt(formatCode=HIDE_ZERO, sourceLinked=False)
    if colour is not None:
        font = CharacterProperties(solidFill=colour.lstrip("#"), b=True)
        line = Paragraph(pPr=ParagraphProperties(defRPr=font), r=[], endParaRPr=font)
        labels.txPr = RichText(p=[line])
    return labels
