"""The Excel format every import reads and every export writes (no model imports: the settings name it).

Reading: django-import-export's XLSX reader trusts the sheet's recorded size, so a file written
row by row whose last cells are blank comes out with short rows and is refused as the wrong
format, and an empty sheet fails with StopIteration. This reader pads rows to the header and
reads an empty sheet as an empty file, which the import then reports plainly. It also refuses a
sheet that declares more rows than ``IMPORT_MAX_ROWS`` before reading any, and, since that
declaration can be missing or lie, stops reading at the limit: a file of two million rows costs
what one of the limit costs.

Writing: every text that Excel (or LibreOffice) could take for a formula is written as text, in
the admin's exports here and in the front exports through ``as_text`` (awards/exports.py).
"""

from datetime import date, time
from decimal import Decimal
from io import BytesIO
from types import NoneType

import openpyxl
import tablib
from django.conf import settings
from django.utils.translation import gettext as _
from import_export.formats import base_formats
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.reader.excel import ExcelReader
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

# Values a cell holds as they are; anything else (a set of roles, a lazy text) is written as its text.
CELL_TYPES = (str, int, float, Decimal, date, time, NoneType)  # bool is an int, datetime a date

# Text starting with one of these is a formula (or a DDE payload) to a spreadsheet that reads it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class TooManyRows(ValueError):
    """An import file with more rows than one import takes; the message says so in Vietnamese."""

    def __init__(self, rows: int | None = None):
        limit = settings.IMPORT_MAX_ROWS
        if rows is None:
            message = _(
                "Tệp có hơn %(limit)d dòng, quá giới hạn %(limit)d dòng một lần nhập; hãy chia thành nhiều tệp."
            )
        else:
            message = _("Tệp có %(rows)d dòng, quá giới hạn %(limit)d dòng một lần nhập; hãy chia thành nhiều tệp.")
        super().__init__(message % {"rows": rows, "limit": limit})
        self.rows = rows


def as_text(sheet, value):
    """``value`` as a write-only cell of text when a spreadsheet would read it as a formula, else as
    it is. The cell is typed text and marked with Excel's quote prefix, so it stays text even when
    someone edits it and presses Enter."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", value)  # control characters Excel cannot hold
    return mark_as_text(WriteOnlyCell(sheet, value=value)) if value.startswith(FORMULA_STARTS) else value


def mark_as_text(cell):
    """Types a cell that holds text as text (openpyxl makes "=…" a formula); text a spreadsheet
    would take for a formula also gets Excel's quote prefix, so it stays text when edited."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        cell.quotePrefix = cell.value.startswith(FORMULA_STARTS)
    return cell


class _SizedSheet(ReadOnlyWorksheet):
    """openpyxl's read-only sheet, whose declared size is looked for only before the rows: openpyxl
    looks until the end of the rows (``</sheetData>``), so opening a file that declares no size
    reads every row of every sheet, two million rows included, before anything can count them."""

    def _get_size(self):
        source = self._get_source()
        try:
            for _event, element in iterparse(source, events=("start",)):
                if element.tag == f"{{{SHEET_MAIN_NS}}}dimension":
                    bounds = SheetDimension.from_tree(element).boundaries
                    if bounds is not None:
                        self._min_column, self._min_row, self._max_column, self._max_row = bounds
                    return
                if element.tag == f"{{{SHEET_MAIN_NS}}}sheetData":
                    return  # no size declared: the rows are counted as they are read
        finally:
            source.close()


class _Reader(ExcelReader):
    """Opens a workbook read-only with ``_SizedSheet`` sheets (what openpyxl's read-only branch of
    ``read_worksheets`` does, with the quicker sheet)."""

    def read_worksheets(self):
        for sheet, rel in self.parser.find_sheets():
            if rel.target not in self.valid_files:
                continue
            if "chartsheet" in rel.Type:
                self.read_chartsheet(sheet, rel)
                continue
            worksheet = _SizedSheet(self.wb, sheet.name, rel.target, self.shared_strings)
            worksheet.sheet_state = sheet.state
            self.wb._sheets.append(worksheet)


def open_workbook(content: bytes):
    """A read-only workbook of ``content``, as ``openpyxl.load_workbook(read_only=True, data_only=True)``."""
    reader = _Reader(BytesIO(content), read_only=True, data_only=True)
    reader.read()
    return reader.wb


class XLSX(base_formats.XLSX):
    def create_dataset(self, in_stream):
        limit = settings.IMPORT_MAX_ROWS
        book = open_workbook(in_stream)
        try:
            sheet = book.active
            if sheet.max_row is not None and sheet.max_row - sheet.min_row > limit:
                raise TooManyRows(sheet.max_row - sheet.min_row)  # declared: refused before any row is read
            sheet.reset_dimensions()  # a declared size can also be too small: read the rows there are
            dataset = tablib.Dataset()
            rows = sheet.iter_rows(values_only=True)
            header = next(rows, None)
            if header is None:
                return dataset
            while header and header[-1] is None:
                header = header[:-1]
            dataset.headers = list(header)
            width = len(header)
            for row in rows:
                values = list(row[:width]) + [None] * (width - len(row))
                if any(value is not None for value in values):
                    if len(dataset) == limit:
                        raise TooManyRows()  # no size declared, or a false one: stop at the limit
                    dataset.append(values)
            return dataset
        finally:
            book.close()

    def export_data(self, dataset, **kwargs):
        """The dataset as a workbook whose formula-like texts are text (the library's own escaping
        drops one leading "=" only, so "==HYPERLINK(…)" still ran)."""
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet()
        if dataset.headers:
            sheet.append([as_text(sheet, str(header)) for header in dataset.headers])
        for row in dataset:
            sheet.append([as_text(sheet, value if isinstance(value, CELL_TYPES) else str(value)) for value in row])
        stream = BytesIO()
        book.save(stream)
        return stream.getvalue()
