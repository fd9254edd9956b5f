"""The openpyxl renderer of the document parts: an official document as an Excel sheet written
row by row in write-only mode (memory does not grow with the rows).

``SheetWriter`` writes the parts (heading, lines across the table, signature) and the rows of a
table in order, each row's height just before it, nothing kept once a row is written. Styles are
registered with the workbook once each and shared by every cell of that style.
"""

import math
from copy import copy

from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.compat import safe_string
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet

from common.documents.parts import SIZE, Heading, Signature, Text
from common.excel import FORMULA_STARTS, mark_as_text

FONT = "Times New Roman"
LINE_HEIGHT = 16  # points: one line of Times New Roman 12 with its leading
SIGNATURE_SPACE = 4  # rows from the signer's title down to the name: room for the signature and seal


def wrapped_lines(value, width: float) -> int:
    """How many lines a wrapped cell of ``width`` characters needs for ``value`` (at least one).

    Neither Excel nor LibreOffice grows a row to its wrapped text when it opens a file: the
    height is written here. Times New Roman 12 fits a little under one character per unit of
    width; the estimate errs on the generous side (a blank line costs less than a hidden one).
    """
    per_line = max(int(width * 0.9) - 1, 1)
    text = str(value or "")
    if len(text) <= per_line and "\n" not in text:
        return 1  # most cells of a table: no need to split
    lines = 0
    for paragraph in text.split("\n"):
        lines += max(math.ceil(len(paragraph) / per_line), 1)
    return max(lines, 1)


def print_landscape_a4(sheet) -> None:
    """A4 landscape, fitted to the page's width, as many pages down as the rows need."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4  # the write-only sheet lacks the constant
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0


def font_of(part: Text) -> Font:
    """The font a part's text is set in."""
    return Font(
        name=FONT, bold=part.bold, italic=part.italic, size=part.size, underline="single" if part.underline else None
    )


class CellSheet(WriteOnlyWorksheet):
    """A write-only sheet whose rows are cells (or None) only, as ``SheetWriter`` writes them.

    openpyxl's own sheet first tries every value it is given as a plain value: a cell is
    formatted into an error, caught, then replaced by a fresh cell once written. Taking the cells
    as they are brings the nominee list from 2.0x to 1.5x the CPU time of openpyxl's write-only
    floor (issue 16's target: 1.3x; bench/run.py, the nominee export at province scale). Made by
    ``cell_sheet``.
    """

    def _values_to_row(self, values, row_idx):
        for col_idx, cell in enumerate(values, 1):
            if cell is not None:
                cell.column, cell.row = col_idx, row_idx
                yield cell


def cell_sheet(workbook, title: str) -> CellSheet:
    """A new sheet of a write-only ``workbook`` for ``SheetWriter``."""
    sheet = workbook.create_sheet(title=title)
    sheet.__class__ = CellSheet  # the same sheet, taking its rows' cells as they are
    return sheet


class _Column:
    """The two cells of a table's column, plain and quote-prefixed, reused from row to row.

    The nominee list writes every cell of its table with a style. A cell built per value costs
    its construction, the style looked up among the workbook's styles for every cell, and its
    text (``repr``) formatted into the error openpyxl raises and catches when it tries the cell as
    a value: 2.9x the CPU time of openpyxl's write-only floor for the same rows (issue 16's
    target: 1.3x). Here each column's cells are made once, of a class that knows its style's
    number, and only their value changes (with ``CellSheet`` and the row heights: 1.5x).
    """

    def __init__(self, sheet, style_array):
        self.plain = self._styled(sheet, style_array)
        quoted = copy(style_array)
        quoted.quotePrefix = 1  # text a spreadsheet would take for a formula stays text when edited
        self.quoted = self._styled(sheet, quoted)

    @staticmethod
    def _styled(sheet, style_array) -> Cell:
        class StyledCell(Cell):
            __slots__ = ()
            has_style = True
            number = None  # the style's number among the workbook's, looked up when first written

            @property
            def style_id(self):
                if StyledCell.number is None:
                    StyledCell.number = Cell.style_id.fget(self)
                return StyledCell.number

            def __repr__(self):
                return "<Cell>"

        return StyledCell(sheet, row=1, column=1, style_array=style_array)

    def holding(self, value) -> Cell:
        """One of the column's cells, holding ``value``; text is always written as text."""
        if isinstance(value, str):
            cell = self.quoted if value.startswith(FORMULA_STARTS) else self.plain
            cell.value = value
            cell.data_type = "s"
        else:
            cell = self.plain
            cell.value = value
        return cell


class SheetWriter:
    """Rows written in order into a write-only ``sheet`` whose columns have ``widths`` (in
    characters of the default font), with the parts of a document among them.

    Setting a font, an alignment and a border on a cell looks each one up among the workbook's
    styles; done on every cell it cost more than writing the file. Each style is set once, on a
    model cell, and every cell of that style starts from a copy of the model's style (openpyxl's
    ``style_array``, a row of nine small numbers).
    """

    def __init__(self, sheet, widths):
        self.sheet, self.widths = sheet, list(widths)
        self.written = 0  # rows written so far
        self._arrays = {}

    # --- Styles and cells

    def style(self, *, font=None, alignment=None, border=None):
        """The style array of that font, alignment and border, registered once."""
        key = (font, alignment, border)
        if key not in self._arrays:
            model = WriteOnlyCell(self.sheet)
            if font is not None:
                model.font = font
            if alignment is not None:
                model.alignment = alignment
            if border is not None:
                model.border = border
            self._arrays[key] = model._style  # noqa: SLF001 - the style's indexes, read once
        return self._arrays[key]

    def text_style(self, part: Text, *, border=None):
        """The style of a part's text: its font, centred both ways (or aligned as it says), wrapped."""
        alignment = Alignment(horizontal=str(part.align), vertical="center", wrap_text=True)
        return self.style(font=font_of(part), alignment=alignment, border=border)

    def cell(self, value, style_array, *, text=True):
        """A cell of that style; text is always written as text (never a formula)."""
        cell = Cell(self.sheet, row=1, column=1, value=value, style_array=style_array)
        return mark_as_text(cell) if text else cell

    def text(self, part: Text, *, border=None):
        return self.cell(part.text, self.text_style(part, border=border))

    # --- Rows

    def write(self, row: int, cells, *, height=None) -> None:
        """Row ``row`` (after empty rows up to it) with ``cells`` from column A, ``height`` in points."""
        while self.written < row - 1:
            self.sheet.append([])
            self.written += 1
        if height is not None:
            # What openpyxl writes for a RowDimension of that height, without making one per row.
            self.sheet.row_dimensions[row] = {"ht": safe_string(height), "customHeight": "1"}
        self.sheet.append(cells)
        self.written += 1
        if height is not None:
            del self.sheet.row_dimensions[row]  # written with the row: nothing kept per row

    def columns(self, style_arrays) -> list[_Column]:
        """The columns of a table, one style each, for ``write_values``."""
        return [_Column(self.sheet, style_array) for style_array in style_arrays]

    def write_values(self, row: int, columns: list[_Column], values, *, height=None) -> None:
        """A table's row: each value in its column's style (text as text)."""
        self.write(row, [column.holding(value) for column, value in zip(columns, values, strict=True)], height=height)

    def merge(self, **bounds) -> None:
        """Merged cells (the write-only sheet writes its list after the rows; only the first cell holds a value)."""
        self.sheet.merged_cells.add(CellRange(**bounds))

    def lines_needed(self, value, *, first: int, last: int, size: float = SIZE) -> int:
        """The wrapped lines of ``value`` across columns ``first`` to ``last`` at ``size`` points."""
        return wrapped_lines(value, sum(self.widths[first - 1 : last]) * SIZE / size)

    # --- Document parts

    def heading(self, heading: Heading, *, row: int = 1, split: int = 3) -> int:
        """The two columns of the heading from ``row``: the left one over columns A to ``split``,
        the right one over the rest. Returns the last row written."""
        last = len(self.widths)
        for left, right in heading.rows:
            if left is not None:
                self.merge(min_row=row, min_col=1, max_row=row, max_col=split)
            if right is not None:
                self.merge(min_row=row, min_col=split + 1, max_row=row, max_col=last)
            if left is not None or right is not None:
                cells = [None] * split
                if left is not None:
                    cells[0] = self.text(left)
                self.write(row, [*cells, None if right is None else self.text(right)])
            row += 1
        return row - 1

    def line(self, row: int, part: Text, *, first: int = 1, last: int | None = None) -> None:
        """``part`` on one row merged across columns ``first`` to ``last`` (every column by
        default), as high as its wrapped text."""
        last = last or len(self.widths)
        self.merge(min_row=row, min_col=first, max_row=row, max_col=last)
        lines = self.lines_needed(part.text, first=first, last=last, size=part.size)
        self.write(row, [None] * (first - 1) + [self.text(part)], height=LINE_HEIGHT * part.size / SIZE * lines + 2)

    def lines(self, row: int, texts, *, first: int = 1, last: int | None = None) -> int:
        """Each of ``texts`` on a row of its own from ``row`` (the recipients, a title's lines).
        Returns the last row written."""
        for part in texts:
            self.line(row, part, first=first, last=last)
            row += 1
        return row - 1

    def signature(self, row: int, signature: Signature, *, first: int, last: int | None = None) -> int:
        """The title lines on ``row`` over columns ``first`` to ``last``, the name SIGNATURE_SPACE
        rows below. Returns the name's row."""
        last = last or len(self.widths)
        self.merge(min_row=row, min_col=first, max_row=row, max_col=last)
        lines = len(signature.title.lines)
        self.write(row, [None] * (first - 1) + [self.text(signature.title)], height=LINE_HEIGHT * lines + 2)
        name_row = row + SIGNATURE_SPACE
        self.merge(min_row=name_row, min_col=first, max_row=name_row, max_col=last)
        self.write(name_row, [None] * (first - 1) + [self.text(signature.name)])
        return name_row
