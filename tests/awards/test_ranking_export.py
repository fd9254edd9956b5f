"""The ranking's Excel export: a sheet a leader can print, with per-area and per-criterion columns that
add up to each participant's score, the award form of the newest list, and the filter in its title and name."""

import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from campaigns.enums import ParticipantRule
from campaigns.models import Person
from tests.awards.conftest import ranking_table

pytestmark = pytest.mark.django_db

HEADERS = [
    "Hạng",
    "Đồng hạng / phân định",
    "Cá nhân",
    "Đơn vị",
    "Số bài được tính",
    "Điểm",
    "Điểm bài cao nhất",
    "Phiếu chấm",
    "Đề nghị khen thưởng",
]
AREA_COLUMNS = ["ND1. Cải cách thủ tục hành chính", "ND2. Cải cách tổ chức bộ máy"]
CRITERION_COLUMNS = ["TC1. Tính mới, sáng tạo (tối đa 60/bài)", "TC2. Hiệu quả áp dụng (tối đa 40/bài)"]
HEADER_ROW = 4
FORMULA_NAME = '=HYPERLINK("http://example.com","Bấm vào")'


def download(client, campaign, **query) -> bytes:
    url = reverse("ranking_export", args=[campaign.slug])
    response = client.get(url + "?" + "&".join(f"{key}={value}" for key, value in query.items()))
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    response.close()
    return body


def sheet_of(body: bytes):
    return openpyxl.load_workbook(io.BytesIO(body)).active


def data_rows(sheet) -> list[dict]:
    """The rows under the header (row 4), up to the blank row before the legend, keyed by the header's text."""
    rows = list(sheet.iter_rows(min_row=HEADER_ROW, values_only=True))
    header = list(rows[0])
    table = []
    for row in rows[1:]:
        if not any(value is not None for value in row):
            break
        table.append(dict(zip(header, row, strict=True)))
    return table


def legend(sheet) -> list[str]:
    """The lines under "Chú giải" at the foot of the sheet."""
    column = [row[0] for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
    return column[column.index("Chú giải") + 1 :]


def part_sum(row, columns) -> Decimal:
    """The sum of the columns a leader would add up in Excel: a blank cell adds nothing."""
    return sum((Decimal(str(row[c] or 0)) for c in columns), Decimal(0))


@pytest.fixture
def people(ranking_world):
    """Best-K sum with K = 2, individuals:

    | person                 | entries (area)          | counted      | score | ND1 | ND2 | TC1     | TC2     |
    |------------------------|-------------------------|--------------|-------|-----|-----|---------|---------|
    | Nguyễn Thị Ánh Tuyết   | 90 (1), 80 (2), 70 (1)  | 90, 80       | 170   | 90  | 80  | 54 + 48 | 36 + 32 |
    | =HYPERLINK(...)        | 85 (2)                  | 85           | 85    | —   | 85  | 51      | 34      |
    | Lê Hoàng Ngọc Ẩn       | 85 (2)                  | 85           | 85    | —   | 85  | 51      | 34      |

    The last two have equal scores: both rank 2, "đồng hạng" (listed by name, "=" before "L").
    "—": no counted entry in that area, a blank cell.
    """
    w = ranking_world
    w.configure(participant_rule=ParticipantRule.BEST_K_SUM, best_k=2)
    tuyet = w.person("Nguyễn Thị Ánh Tuyết", unit=w.unit("Phòng Chính sách dân tộc"))
    for total, area in [(90, w.area1), (80, w.area2), (70, w.area1)]:
        w.entry(tuyet, total, area=area)
    moment = w.moment(11, 7)
    w.entry(w.person(FORMULA_NAME), 85, area=w.area2, submitted_at=moment)
    w.entry(w.person("Lê Hoàng Ngọc Ẩn"), 85, area=w.area2, submitted_at=moment)
    return w


def test_export_opens_in_excel_with_vietnamese_text_intact(people, ranking_leader_client):
    body = download(ranking_leader_client, people.campaign, loai="ca-nhan")

    sheet = sheet_of(body)
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == f"169/KH-BDT — {people.campaign.title}"
    assert rows[1][0] == "Bảng xếp hạng: Cá nhân"
    assert list(rows[HEADER_ROW - 1]) == HEADERS + AREA_COLUMNS + CRITERION_COLUMNS
    assert [row["Cá nhân"] for row in data_rows(sheet)] == [
        "Nguyễn Thị Ánh Tuyết",
        FORMULA_NAME,
        "Lê Hoàng Ngọc Ẩn",
    ]
    assert data_rows(sheet)[0]["Đơn vị"] == "Phòng Chính sách dân tộc"


def test_area_and_criterion_columns_add_up_to_each_score(people, ranking_leader_client):
    sheet = sheet_of(download(ranking_leader_client, people.campaign, loai="ca-nhan"))

    rows = data_rows(sheet)
    assert [(row[AREA_COLUMNS[0]], row[AREA_COLUMNS[1]], row[CRITERION_COLUMNS[0]]) for row in rows] == [
        (90, 80, 102),
        (None, 85, 51),
        (None, 85, 51),
    ]
    assert [(part_sum(row, AREA_COLUMNS), part_sum(row, CRITERION_COLUMNS)) for row in rows] == [
        (Decimal(row["Điểm"]), Decimal(row["Điểm"])) for row in rows
    ]


def test_export_has_the_same_ranks_order_and_scores_as_the_page(people, ranking_leader_client):
    page = ranking_leader_client.get(reverse("ranking", args=[people.campaign.slug]) + "?loai=ca-nhan")
    sheet = sheet_of(download(ranking_leader_client, people.campaign, loai="ca-nhan"))

    on_page = [(row[0], row[1], row[3], row[4], row[5]) for row in ranking_table(page)]
    in_excel = [
        (
            f"{row['Hạng']} {row['Đồng hạng / phân định'] or ''}".strip(),
            row["Cá nhân"],
            str(row["Số bài được tính"]),
            f"{row['Điểm']:g}",
            row["Phiếu chấm"],
        )
        for row in data_rows(sheet)
    ]
    assert in_excel == on_page
    assert on_page == [
        ("1", "Nguyễn Thị Ánh Tuyết", "3", "170", "9/9"),
        ("2 đồng hạng", FORMULA_NAME, "1", "85", "3/3"),
        ("2 đồng hạng", "Lê Hoàng Ngọc Ẩn", "1", "85", "3/3"),
    ]


def test_a_name_starting_with_equals_is_stored_as_text_not_as_a_formula(people, ranking_leader_client):
    body = download(ranking_leader_client, people.campaign, loai="ca-nhan")

    sheet = sheet_of(body)
    cell = next(row[2] for row in sheet.iter_rows(min_row=4) if row[2].value == FORMULA_NAME)
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert cell.data_type == "s"
    assert "<f>" not in xml


def test_area_filter_exports_only_that_areas_entries(people, ranking_leader_client):
    """Area 1 only: Tuyết's 90 and 70 (K = 2: 160); the other two have nothing in area 1 and drop out.
    The sheet keeps only that area's column."""
    sheet = sheet_of(download(ranking_leader_client, people.campaign, loai="ca-nhan", **{"noi-dung": 1}))

    assert [(row["Hạng"], row["Cá nhân"], row["Điểm"], row[AREA_COLUMNS[0]]) for row in data_rows(sheet)] == [
        (1, "Nguyễn Thị Ánh Tuyết", 160, 160)
    ]
    assert AREA_COLUMNS[1] not in data_rows(sheet)[0]


def test_collectives_export_names_the_parent_unit(ranking_world, ranking_leader_client):
    w = ranking_world
    office = w.unit("Văn phòng Ban")
    w.entry(w.unit("Tổ Tổng hợp – Hành chính", parent=office), 72)

    sheet = sheet_of(download(ranking_leader_client, w.campaign, loai="tap-the"))

    assert sheet.title == "Tập thể"
    assert [(row["Tập thể"], row["Đơn vị cấp trên"], row["Điểm"]) for row in data_rows(sheet)] == [
        ("Tổ Tổng hợp – Hành chính", "Văn phòng Ban", 72)
    ]


def test_with_the_mean_rule_the_columns_still_add_up_to_the_score(ranking_world, ranking_leader_client):
    """Mean of three entries: 80 (area 1), 80 (area 2), 81 (area 1): score 241 / 3 = 80.333.

    Each entry counts for a third: area 1 (80 + 81) / 3 = 53.667 and area 2 80 / 3 = 26.667 when each
    is rounded on its own, which would add up to 80.334, not the 80.333 shown as the score. The
    columns a leader adds up in Excel must give the score in the "Điểm" column.
    """
    w = ranking_world
    w.configure(participant_rule=ParticipantRule.MEAN)
    person = w.person("Đinh Thị Thu Hà")
    for total, area in [(80, w.area1), (80, w.area2), (81, w.area1)]:
        w.entry(person, total, area=area)

    sheet = sheet_of(download(ranking_leader_client, w.campaign, loai="ca-nhan"))

    (row,) = data_rows(sheet)
    score = Decimal(str(row["Điểm"]))
    assert score == Decimal("80.333")
    assert (part_sum(row, AREA_COLUMNS), part_sum(row, CRITERION_COLUMNS)) == (score, score)


def test_export_file_name_names_the_campaign_and_the_kind(people, ranking_leader_client):
    response = ranking_leader_client.get(reverse("ranking_export", args=[people.campaign.slug]) + "?loai=ca-nhan")
    response.close()

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="xep-hang-169-kh-bdt-2022-ca-nhan.xlsx"'


def test_unit_filter_exports_only_that_units_participants(people, ranking_leader_client):
    unit = Person.objects.get(full_name="Nguyễn Thị Ánh Tuyết").unit

    sheet = sheet_of(download(ranking_leader_client, people.campaign, loai="ca-nhan", **{"don-vi": unit.code}))

    assert [(row["Hạng"], row["Cá nhân"], row["Điểm"]) for row in data_rows(sheet)] == [
        (1, "Nguyễn Thị Ánh Tuyết", 170)
    ]


def test_the_sheet_is_ready_to_print_with_widths_a_frozen_header_and_a_legend(people, ranking_leader_client):
    sheet = sheet_of(download(ranking_leader_client, people.campaign, loai="ca-nhan"))

    assert sheet.freeze_panes == "D5"  # the title, the header, rank and name stay in view
    assert sheet.print_title_rows == "$4:$4"
    assert (sheet.page_setup.orientation, sheet.page_setup.fitToWidth) == ("landscape", 1)
    assert [sheet.column_dimensions[letter].width for letter in "ABCI"] == [7, 14, 32, 28]
    assert sheet["A3"].value == "Chú giải các cột ở cuối bảng."
    lines = legend(sheet)
    assert (
        lines[0] == "Hạng: theo điểm. Bằng điểm thì đồng hạng (1, 2, 2, 4). Thời điểm gửi bài không dùng để xếp hạng."
    )
    assert lines[2] == "Điểm: Tổng điểm K bài cao nhất (K = 2), chỉ gồm bài đủ số thành viên chấm (3)."
    assert lines[-1].startswith("Cột TC: phần điểm theo tiêu chí, cộng trên các bài được tính, nên có thể vượt")


def test_the_award_column_names_the_newest_lists_form_and_a_tie_awaiting_the_council(people, ranking_leader_client):
    """Tuyết is on the newest list for a Giấy khen; the first 85 is kept for it but tied at the line."""
    from awards.models import Nominee, NomineeList
    from tests.factories import AwardFormFactory

    form = AwardFormFactory(campaign=people.campaign, name="Giấy khen", recipient_kind="individual")
    nominee_list = NomineeList.objects.create(
        campaign=people.campaign, version=1, fingerprint="0" * 64, compiled_by="x"
    )
    for position, (name, tie_flag) in enumerate([("Nguyễn Thị Ánh Tuyết", False), (FORMULA_NAME, True)], start=1):
        Nominee.objects.create(
            nominee_list=nominee_list,
            kind="individual",
            person=Person.objects.get(full_name=name),
            award_form=form,
            position=position,
            rank=position,
            score=Decimal(85),
            summary="",
            tie_flag=tie_flag,
        )

    sheet = sheet_of(download(ranking_leader_client, people.campaign, loai="ca-nhan"))

    assert [row["Đề nghị khen thưởng"] for row in data_rows(sheet)] == [
        "Giấy khen",
        "Giấy khen (đồng hạng tại ngưỡng, chờ Hội đồng quyết định)",
        None,
    ]


def test_a_filtered_export_names_its_filter_in_the_title_and_the_file_name(people, ranking_leader_client):
    unit = Person.objects.get(full_name="Nguyễn Thị Ánh Tuyết").unit
    query = {"loai": "ca-nhan", "noi-dung": 1, "don-vi": unit.code}
    url = reverse("ranking_export", args=[people.campaign.slug])
    response = ranking_leader_client.get(url, query)
    body = b"".join(response.streaming_content)
    response.close()

    sheet = sheet_of(body)
    assert response["Content-Disposition"] == (
        f'attachment; filename="xep-hang-169-kh-bdt-2022-ca-nhan-noi-dung-1-don-vi-{unit.code}.xlsx"'
    )
    assert sheet["A2"].value == (
        "Bảng xếp hạng: Cá nhân — Nội dung 1. Cải cách thủ tục hành chính"
        " — Đơn vị: Phòng Chính sách dân tộc (gồm đơn vị trực thuộc)"
    )
    assert "Đề nghị khen thưởng (theo xếp hạng chung)" in data_rows(sheet)[0]
    assert legend(sheet)[5].startswith("Bảng đã lọc: hạng và điểm chỉ tính trên các bài, đơn vị đã lọc;")
