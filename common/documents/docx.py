"""The python-docx renderer of the document parts: an official document as a Word file laid out
as Nghị định 30/2020/NĐ-CP (Phụ lục I) asks.

A4, margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman, the body in 14
points, justified, its first line indented 10 mm, 6 points between paragraphs. The heading is a
borderless two-column table; the rules under the motto and under the issuing body are drawn
as the bottom border of a thin paragraph of their own (as long as the motto; a third of the
column under the body), so the words are never underlined. The signature and the recipients
sit side by side in a borderless table at the end, the recipients on the left.
"""

from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell

from common.documents.parts import Align, Heading, Signature, Text

FONT = "Times New Roman"
BODY_SIZE = 14  # the Decree's 13 to 14 points
HEADING_SIZE = 13  # national name 12-13, motto 13-14, agency 12-13, number 13, place and date 13-14
A4 = (Mm(210), Mm(297))
MARGINS = {"top_margin": Mm(20), "bottom_margin": Mm(20), "left_margin": Mm(30), "right_margin": Mm(15)}
FIRST_LINE_INDENT = Mm(10)
HEADING_WIDTHS = (Mm(65), Mm(100))  # the agency's column, the nation's column: 165 mm, the text's width
SIGNATURE_SPACE = 4  # empty lines between the signer's title and name: the signature and the seal
ALIGNMENTS = {
    Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT,
    Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
    Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def text_width(part: Text):
    """About how wide ``part``'s longest line is set in Times New Roman: half an em a character
    on average, 0.65 em in capitals."""
    em = 0.65 if part.text.isupper() else 0.5
    return Pt(max(len(line) for line in part.lines) * part.size * em)


class DocumentWriter:
    """A Word document written from top to bottom: parts, prose, tables, page breaks."""

    def __init__(self):
        self.document = Document()
        normal = self.document.styles["Normal"]
        normal.font.name, normal.font.size = FONT, Pt(BODY_SIZE)
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for script in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(script), FONT)
        normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.line_spacing = 1.0
        self.page_setup(self.document.sections[0])

    @staticmethod
    def page_setup(section, *, landscape: bool = False) -> None:
        """A4 (portrait, or landscape for a wide table) with the Decree's margins."""
        width, height = A4
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (height, width) if landscape else (width, height)
        for name, value in MARGINS.items():
            setattr(section, name, value)

    @property
    def text_width(self):
        section = self.document.sections[-1]
        return section.page_width - section.left_margin - section.right_margin

    # --- Paragraphs

    def text(self, part: Text, *, container=None, align=None, space_after=0, indent=None):
        """``part`` as a paragraph of ``container`` (the body, or a table's cell) in its own style;
        its lines are kept in one paragraph."""
        container = container if container is not None else self.document
        paragraph = container.add_paragraph()
        paragraph.alignment = align if align is not None else ALIGNMENTS[part.align]
        paragraph.paragraph_format.space_after = space_after
        if indent is not None:
            paragraph.paragraph_format.first_line_indent = indent
        for index, line in enumerate(part.lines):
            run = paragraph.add_run(line)
            run.font.size = Pt(part.size)
            if part.bold:  # plain is the style's: nothing written (a 1,000-row appendix in a third less time)
                run.font.bold = True
            if part.italic:
                run.font.italic = True
            if index < len(part.lines) - 1:
                run.add_break()
        return paragraph

    def prose(self, text: str, *, lead: str = "", italic=False, size=BODY_SIZE):
        """A paragraph of the body: justified, its first line indented, 6 points after it; ``lead``
        ("Điều 1.") in bold before the text."""
        part = Text(text, size=size, italic=italic)
        paragraph = self.text(part, align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=Pt(6), indent=FIRST_LINE_INDENT)
        if lead:
            run = paragraph.runs[0]
            run.text = f" {run.text}"
            bold = paragraph.add_run(lead)
            bold.font.size, bold.font.bold = Pt(size), True
            run._r.addprevious(bold._r)  # noqa: SLF001 - python-docx only appends runs
        return paragraph

    def line(self, part: Text, *, space_after=0):
        """``part`` on its own, aligned as it says (a title, a line under it)."""
        return self.text(part, space_after=space_after)

    def rule(self, length, *, container=None, width=None):
        """A horizontal rule of ``length``, centred in ``width`` (the container's): the bottom border
        of an empty paragraph two points high, between indents."""
        container = container if container is not None else self.document
        width = width if width is not None else self.text_width
        paragraph = container.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        side = max(int((width - length) / 2), 0)
        paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = side
        paragraph.paragraph_format.line_spacing = Pt(2)
        paragraph.paragraph_format.space_after = Pt(0)
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for name, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
            bottom.set(qn(name), value)
        borders.append(bottom)
        paragraph._p.get_or_add_pPr().append(borders)  # noqa: SLF001 - python-docx has no API for borders
        return paragraph

    def page_break(self, *, landscape: bool = False):
        """What follows starts a page (a new section: it may turn to landscape)."""
        self.page_setup(self.document.add_section(WD_SECTION.NEW_PAGE), landscape=landscape)

    # --- Tables

    def table(self, rows: int, widths, *, style=None):
        """A table of ``rows`` and columns of ``widths``, centred; borderless unless ``style``."""
        table = self.document.add_table(rows=rows, cols=len(widths))
        if style:
            table.style = self.document.styles[style]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for row in table.rows:
            self.size_cells(row, widths)
        return table

    @staticmethod
    def add_row(table, *, spanning: bool = False) -> list:
        """A new last row of ``table``: its cells, or one cell across every column if ``spanning``.

        The cells are made from the row's own XML: python-docx's ``row.cells`` reads the whole
        table's grid each time, which made a 1,000-row appendix take 41 s instead of 2 s."""
        row = table.add_row()
        cells = row._tr.tc_lst  # noqa: SLF001 - see above
        if spanning:
            first = cells[0]
            first.width, first.grid_span = sum(tc.width for tc in cells), len(cells)
            for tc in cells[1:]:
                row._tr.remove(tc)  # noqa: SLF001
            cells = [first]
        return [_Cell(tc, table) for tc in cells]

    @staticmethod
    def repeat_as_header(row) -> None:
        """``row`` is repeated at the top of every page the table runs onto."""
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(header)  # noqa: SLF001 - python-docx has no API for it

    @staticmethod
    def size_cells(row, widths):
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width

    @staticmethod
    def emptied(container):
        """A cell (or footer) without the empty paragraph python-docx starts it with, ready for
        ``text``: that paragraph would add a blank line."""
        first = container.paragraphs[0]._p  # noqa: SLF001 - python-docx cannot delete a paragraph
        first.getparent().remove(first)
        return container

    # --- Document parts

    def heading(self, heading: Heading, widths=HEADING_WIDTHS):
        """The two columns of the heading in a borderless table, one row per line, so the date
        line faces the number and symbol; the rules drawn under the parts that have one: under
        the issuing body (left) 40 % of its name's length, under the motto (right) all of it."""
        table = self.table(len(heading.rows), widths)
        for row, parts in zip(table.rows, heading.rows, strict=True):
            for cell, part, width, share in zip(row.cells, parts, widths, (0.4, 1), strict=True):
                if part is None:
                    continue
                self.text(part, container=self.emptied(cell))
                if part.underline:
                    self.rule(min(text_width(part) * share, width), container=cell, width=width)
        return table

    def signature(self, signature: Signature, recipients: tuple[Text, ...]):
        """The recipients on the left and the signature on the right, side by side."""
        widths = (self.text_width * 4 // 10, self.text_width - self.text_width * 4 // 10)
        table = self.table(1, widths)
        left, right = (self.emptied(cell) for cell in table.rows[0].cells)
        for part in recipients:
            self.text(part, container=left)
        self.text(signature.title, container=right)
        for _ in range(SIGNATURE_SPACE):
            self.text(Text("", size=signature.title.size), container=right)
        self.text(signature.name, container=right)
        return table

    def footer(self, part: Text):
        """``part`` at the foot of every page of every section."""
        for section in self.document.sections:
            footer = section.footer
            footer.is_linked_to_previous = False
            self.text(part, container=self.emptied(footer))

    def save(self) -> bytes:
        buffer = BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()
