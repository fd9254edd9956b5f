"""The official document parts (Nghị định 30/2020/NĐ-CP, Phụ lục I) as data, and as the openpyxl
renderer writes them. The nominee list's own layout is held by test_nominee_export and
test_nominee_print."""

import io
from datetime import date

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font

from campaigns.models import Agency
from common.documents import parts
from common.documents.parts import Align, Text
from common.documents.xlsx import SheetWriter, cell_sheet

AGENCY = Agency(
    name="Ban Dân tộc tỉnh Vĩnh Long",
    parent_authority="UBND tỉnh Vĩnh Long",
    header_name="",
    place_name="Vĩnh Long",
)


def styles(texts):
    return [(t.text, t.size, t.bold, t.italic, t.underline) if t else None for t in texts]


def test_the_heading_puts_the_agency_beside_the_nation_and_leaves_the_date_blank_without_a_day():
    heading = parts.heading(AGENCY)

    assert [(styles([left]), styles([right])) for left, right in heading.rows] == [
        (
            [("UBND TỈNH VĨNH LONG", 12, False, False, False)],
            [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, True, False, False)],
        ),
        (
            [("BAN DÂN TỘC TỈNH VĨNH LONG", 12, True, False, True)],
            [("Độc lập - Tự do - Hạnh phúc", 12, True, False, True)],
        ),
        ([None], [None]),
        ([None], [("Vĩnh Long, ngày     tháng     năm", 12, False, True, False)]),
    ]


def test_the_number_and_symbol_face_the_place_and_date_and_the_header_name_replaces_the_agencys():
    agency = Agency(
        name="Ban Dân tộc tỉnh Vĩnh Long",
        parent_authority="UBND tỉnh",
        header_name="Ban Dân tộc",
        place_name="Vĩnh Long",
    )

    heading = parts.heading(agency, day=date(2023, 1, 5), number="25/QĐ-BDT", size=13)

    assert [t.text if t else None for t in heading.left] == ["UBND TỈNH", "BAN DÂN TỘC", None, "Số: 25/QĐ-BDT"]
    assert heading.right[3] == Text("Vĩnh Long, ngày 05 tháng 01 năm 2023", size=13, italic=True)


def test_the_signature_sets_each_line_of_the_title_in_capitals_above_the_name():
    deputy = parts.signature(signer_title="KT. Trưởng ban / Phó Trưởng ban", signer="Nguyễn Văn Phó")
    council = parts.signature(signer_title="TM. Hội đồng/Chủ tịch", signer="Trần Thị Chủ")

    assert (deputy.title.lines, deputy.title.bold, deputy.name) == (
        ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"],
        True,
        Text("Nguyễn Văn Phó", bold=True),
    )
    assert council.title.lines == ["TM. HỘI ĐỒNG", "CHỦ TỊCH"]


def test_an_attachment_names_the_decision_of_the_head_even_when_a_deputy_signs():
    line = parts.attached_to(
        number="25/QĐ-BDT", day=date(2023, 1, 15), signer_title="KT. Trưởng ban / Phó Trưởng ban", agency=AGENCY
    )

    assert (line.text, line.italic) == (
        "(Kèm theo Quyết định số 25/QĐ-BDT ngày 15 tháng 01 năm 2023 của Trưởng ban Ban Dân tộc tỉnh Vĩnh Long)",
        True,
    )


def test_the_recipients_end_with_the_file_copy_at_the_left():
    lines = parts.recipients(["Như Điều 3", "UBND tỉnh (b/c)"])

    assert styles(lines) == [
        ("Nơi nhận:", 12, True, True, False),
        ("- Như Điều 3;", 11, False, False, False),
        ("- UBND tỉnh (b/c);", 11, False, False, False),
        ("- Lưu: VT.", 11, False, False, False),
    ]
    assert {line.align for line in lines} == {Align.LEFT}


def test_the_excel_renderer_writes_each_part_in_its_style_where_the_layout_puts_it():
    workbook = Workbook(write_only=True)
    writer = SheetWriter(workbook.create_sheet(), [10, 10, 10, 10, 10, 10])

    writer.heading(parts.heading(AGENCY, day=date(2023, 1, 15), number="25/QĐ-BDT"))
    writer.line(6, parts.title("Quyết định"))
    last = writer.lines(8, parts.recipients(["Như Điều 3"]))
    writer.signature(
        last + 2, parts.signature(signer_title="KT. Trưởng ban / Phó Trưởng ban", signer="Nguyễn Văn Phó"), first=4
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    sheet = load_workbook(buffer).active

    assert [
        sheet[ref].value for ref in ("A1", "D1", "A2", "D2", "A4", "D4", "A6", "A8", "A9", "A10", "D12", "D16")
    ] == [
        "UBND TỈNH VĨNH LONG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "BAN DÂN TỘC TỈNH VĨNH LONG",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 25/QĐ-BDT",
        "Vĩnh Long, ngày 15 tháng 01 năm 2023",
        "QUYẾT ĐỊNH",
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Lưu: VT.",
        "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN",
        "Nguyễn Văn Phó",
    ]
    assert sorted(map(str, sheet.merged_cells.ranges)) == sorted(
        [
            "A1:C1",
            "D1:F1",
            "A2:C2",
            "D2:F2",
            "A4:C4",
            "D4:F4",
            "A6:F6",
            "A8:F8",
            "A9:F9",
            "A10:F10",
            "D12:F12",
            "D16:F16",
        ]
    )
    fonts = {ref: sheet[ref].font for ref in ("A1", "A2", "D2", "D4", "A6", "A9", "D12")}
    assert [(f.name, f.sz, bool(f.b), bool(f.i), f.u) for f in fonts.values()] == [
        ("Times New Roman", 12, False, False, None),
        ("Times New Roman", 12, True, False, "single"),
        ("Times New Roman", 12, True, False, "single"),
        ("Times New Roman", 12, False, True, None),
        ("Times New Roman", 14, True, False, None),
        ("Times New Roman", 11, False, False, None),
        ("Times New Roman", 12, True, False, None),
    ]
    assert [sheet[ref].alignment.horizontal for ref in ("D1", "A8", "D12")] == ["center", "left", "center"]
    assert [round(sheet.row_dimensions[row].height, 2) for row in (6, 12)] == [20.67, 34]  # 14 pt: one line; two lines


def test_a_tables_rows_keep_each_cell_in_its_columns_style_and_formula_like_text_as_text():
    """The renderer reuses one cell per column from row to row: nothing of a row stays on the next."""
    workbook = Workbook(write_only=True)
    writer = SheetWriter(cell_sheet(workbook, "Bảng"), [10, 10])
    number, wrapped = writer.style(font=Font(name="Times New Roman")), writer.style(alignment=Alignment(wrap_text=True))
    columns = writer.columns([number, wrapped])

    writer.write_values(1, columns, [1, "=SUM(A1:A9)"], height=36)
    writer.write_values(2, columns, ["@x", "plain"])
    writer.write_values(3, columns, [3, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    sheet = load_workbook(buffer).active

    cells = [sheet["A1"], sheet["B1"], sheet["A2"], sheet["B2"], sheet["A3"], sheet["B3"]]
    assert [(c.value, c.data_type, c.quotePrefix, c.font.name, c.alignment.wrap_text) for c in cells] == [
        (1, "n", False, "Times New Roman", None),
        ("=SUM(A1:A9)", "s", True, "Calibri", True),
        ("@x", "s", True, "Times New Roman", None),
        ("plain", "s", False, "Calibri", True),
        (3, "n", False, "Times New Roman", None),
        (None, "n", False, "Calibri", True),
    ]
    assert [sheet.row_dimensions[row].height for row in (1, 2)] == [36, None]
    assert len(writer.sheet.row_dimensions) == 0
