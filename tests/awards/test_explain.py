"""Explaining a rank: where a participant's number comes from, line by line (issue 6, DESIGN.md Leaders)."""

import datetime
from decimal import Decimal

import lxml.html
import pytest
from django.urls import reverse

from campaigns.enums import Aggregation, ParticipantKind
from submissions.models import Assignment
from tests.factories import AgencyFactory, AwardFormFactory, UnitFactory

pytestmark = pytest.mark.django_db

# Three members' sheets for the explained entry, before Lê Văn Ba corrects his TC1 from 45 to 48.
FIRST_SHEETS = [{"TC1": 45, "TC2": 30}, {"TC1": 50, "TC2": 35}, {"TC1": 58, "TC2": 37}]
COMMENT = "Minh chứng đầy đủ, số liệu rõ ràng"


def explain_url(campaign, kind_slug, code):
    return reverse("ranking_explain", args=[campaign.slug, kind_slug, code])


def tables(response) -> list[list[list[str]]]:
    """Every table of the page: header row then body rows, each cell's text with spaces folded."""
    document = lxml.html.fromstring(response.content.decode())
    found = []
    for table in document.xpath("//table"):
        rows = table.xpath("./thead/tr") + table.xpath("./tbody/tr")
        found.append([[" ".join(cell.text_content().split()) for cell in row.xpath("./th|./td")] for row in rows])
    return found


def cards(response) -> list[list[str]]:
    """The summary boxes at the top (rank, score, best entry, award form), each as its lines of text."""
    document = lxml.html.fromstring(response.content.decode())
    return [
        [" ".join(line.text_content().split()) for line in card.xpath("./div")]
        for card in document.xpath("//div[@class='border rounded p-2']")
    ]


def tie_rule(response) -> str:
    """The sentence under the cards that says how equal scores are ranked, spaces folded."""
    document = lxml.html.fromstring(response.content.decode())
    return " ".join(document.get_element_by_id("tie-rule").text_content().split())


def text(response) -> str:
    return " ".join(lxml.html.fromstring(response.content.decode()).text_content().split())


@pytest.fixture
def explained(ranking_world):
    """Four collectives scoring 92, 88, 86 and 70; the explained one is Phòng Công tác dân tộc (86).

    Its entry, by the members' final points (aggregation: mean):

    | criterion | Lê Văn Ba | Nguyễn Thị Hai | Trần Văn Một | mean | median | spread |
    |-----------|-----------|----------------|--------------|------|--------|--------|
    | TC1 / 60  | 48        | 50             | 58           | 52   | 50     | 10     |
    | TC2 / 40  | 30        | 35             | 37           | 34   | 35     | 7      |

    Entry score 52 + 34 = 86: rank 3 of 4 (after 92 and 88).

    Award forms for collectives: the provincial certificate (precedence 1, minimum 90, quota 1)
    goes to the 92 alone, so its quota does not bite (no line): 86 is 4 below its minimum. The
    Board's certificate (precedence 2, minimum 80, quota 1) has 88 and 86 eligible: the 88 takes
    the one place, the line is 88 and 86 is 2 below it, 6 above the minimum.
    """
    w = ranking_world
    for name, total in [("Phòng Một", 92), ("Phòng Hai", 88), ("Phòng Bốn", 70)]:
        w.entry(w.unit(name), total)
    unit = w.unit("Phòng Công tác dân tộc", code="phong-ctdt")
    entry = w.entry(unit, sheets=FIRST_SHEETS)
    first, second = Assignment.objects.filter(entry=entry).order_by("member_id")[:2]
    w.score(first, {"TC1": 48, "TC2": 30})
    w.score(second, {"TC1": 50, "TC2": 35}, comments={"TC1": COMMENT})
    AwardFormFactory(
        campaign=w.campaign, name="Bằng khen của Chủ tịch UBND tỉnh", precedence=1, min_score=90, quota_count=1
    )
    AwardFormFactory(
        campaign=w.campaign, name="Giấy khen của Trưởng Ban Dân tộc", precedence=2, min_score=80, quota_count=1
    )
    AwardFormFactory(
        campaign=w.campaign,
        name="Giấy khen cá nhân",
        recipient_kind=ParticipantKind.INDIVIDUAL,
        precedence=1,
        min_score=50,
    )
    return w, unit, entry


def test_explain_page_shows_every_members_points_and_the_statistics_per_criterion(explained, ranking_leader_client):
    w, unit, entry = explained

    response = ranking_leader_client.get(explain_url(w.campaign, "tap-the", unit.code))

    assert response.status_code == 200
    points = tables(response)[1]
    assert points == [
        [
            "Tiêu chí",
            "Lê Văn Ba",
            "Nguyễn Thị Hai",
            "Trần Văn Một",
            "Điểm tiêu chí (trung bình cộng)",
            "Trung vị",
            "Chênh lệch",
        ],
        ["TC1 / 60", "48", "50", "58", "52", "50", "10"],
        ["TC2 / 40", "30", "35", "37", "34", "35", "7"],
    ]
    assert f"{entry.code} — {entry.title}" in text(response)
    assert "Điểm bài: 86 · 3 thành viên chấm đủ / cần 3" in text(response)


def test_explain_page_shows_rank_score_and_the_distance_to_each_award_form(explained, ranking_leader_client):
    w, unit, _entry = explained

    response = ranking_leader_client.get(explain_url(w.campaign, "tap-the", unit.code))

    assert cards(response) == [
        ["Hạng", "3", "trên 4 tập thể"],
        ["Điểm", "86", "Tổng điểm K bài cao nhất (K = 3)"],
        ["Bài cao nhất", "86", "1 bài được tính"],
        ["Dự kiến khen thưởng", "Chưa đạt hình thức nào"],
    ]
    assert tables(response)[0] == [
        ["Hình thức", "Điểm tối thiểu", "So với tối thiểu", "Số lượng", "Điểm ngưỡng số lượng", "So với ngưỡng"],
        ["Bằng khen của Chủ tịch UBND tỉnh", "90", "-4", "1", "—", "—"],
        ["Giấy khen của Trưởng Ban Dân tộc", "80", "6", "1", "88", "-2"],
    ]


def test_explain_page_shows_the_members_comments_and_the_score_history(explained, ranking_leader_client):
    """History: six first scores (— → x) and Lê Văn Ba's correction of TC1 from 45 to 48: seven lines."""
    w, unit, _entry = explained

    response = ranking_leader_client.get(explain_url(w.campaign, "tap-the", unit.code))

    document = lxml.html.fromstring(response.content.decode())
    comments = [" ".join(li.text_content().split()) for li in document.xpath("//section/ul/li")]
    history = [" ".join(li.text_content().split()) for li in document.xpath("//details/ul/li")]
    assert comments == [f"Nguyễn Thị Hai: {COMMENT}"]
    assert "Lịch sử điểm (7 lần chấm, sửa)" in text(response)
    assert [line.split(" · ", 1)[1] for line in history] == [
        "Lê Văn Ba · TC1: — → 45",
        "Lê Văn Ba · TC2: — → 30",
        "Nguyễn Thị Hai · TC1: — → 50",
        "Nguyễn Thị Hai · TC2: — → 35",
        "Trần Văn Một · TC1: — → 58",
        "Trần Văn Một · TC2: — → 37",
        "Lê Văn Ba · TC1: 45 → 48",
    ]


def test_explain_page_names_the_award_form_of_a_participant_inside_the_quota(explained, ranking_leader_client):
    """Phòng Một (92) is the only one at or above 90: it takes the provincial certificate, 2 above its minimum."""
    w, _unit, _entry = explained
    first = w.campaign.entries.get(unit__name="Phòng Một").unit

    response = ranking_leader_client.get(explain_url(w.campaign, "tap-the", first.code))

    assert cards(response)[0] == ["Hạng", "1", "trên 4 tập thể"]
    assert cards(response)[3] == ["Dự kiến khen thưởng", "Bằng khen của Chủ tịch UBND tỉnh"]
    assert tables(response)[0][1] == ["Bằng khen của Chủ tịch UBND tỉnh", "90", "2", "1", "—", "—"]


def test_participants_tied_across_the_quota_line_are_both_kept_and_flagged(ranking_world, ranking_leader_client):
    """Two collectives with 85 each, sent 71 seconds apart; one place at minimum 80. Both share rank 1
    (submission time is no merit), both are kept for the form and the council decides: the explanation says so."""
    w = ranking_world
    moment = w.moment(11, 3)
    first, second = w.unit("Phòng Xuân"), w.unit("Phòng Thu")
    w.entry(first, 85, submitted_at=moment)
    w.entry(second, 85, submitted_at=moment + datetime.timedelta(seconds=71))
    AwardFormFactory(campaign=w.campaign, name="Giấy khen", precedence=1, min_score=80, quota_count=1)

    response = ranking_leader_client.get(explain_url(w.campaign, "tap-the", second.code))

    assert cards(response)[0] == ["Hạng", "1 (đồng hạng)", "trên 2 tập thể"]
    assert cards(response)[3] == ["Dự kiến khen thưởng", "Giấy khen Hội đồng quyết định"]
    assert tie_rule(response) == (
        "Thứ tự xếp hạng: theo điểm; bằng điểm thì đồng hạng. Thời điểm gửi bài không dùng để xếp hạng. "
        "Đồng hạng tại ngưỡng khen thưởng: Hội đồng quyết định và ghi lý do."
    )


def test_explain_page_of_a_participant_with_only_entries_below_quorum_says_why_it_is_not_ranked(
    ranking_world, ranking_leader_client
):
    """An individual whose only entry has 2 complete sheets out of the quorum of 3: not ranked, and the
    entry is shown with its points and the words "not counted"."""
    w = ranking_world
    person = w.person("Hồ Thị Chín", code="cb-chin")
    w.entry(person, 75, scored_by=2, assigned=3)

    response = ranking_leader_client.get(explain_url(w.campaign, "ca-nhan", person.code))

    page = text(response)
    assert "Người dự thi này chưa được xếp hạng: chưa có bài nào đủ số thành viên chấm." in page
    assert "Chưa được tính (chưa đủ số thành viên chấm) · 2 thành viên chấm đủ / cần 3" in page
    assert tables(response)[1][1:] == [
        ["TC1 / 60", "45", "45", "45", "45", "0"],
        ["TC2 / 40", "30", "30", "30", "30", "0"],
    ]


def test_explain_page_with_median_aggregation_names_it_and_uses_it(ranking_world, ranking_leader_client):
    """Median aggregation: TC1 48, 50, 58 gives 50 (mean 52); TC2 30, 35, 37 gives 35 (mean 34): score 85."""
    w = ranking_world
    w.configure(aggregation=Aggregation.MEDIAN)
    person = w.person("Phan Văn Mười", code="cb-muoi")
    w.entry(person, sheets=[{"TC1": 48, "TC2": 30}, {"TC1": 50, "TC2": 35}, {"TC1": 58, "TC2": 37}])

    response = ranking_leader_client.get(explain_url(w.campaign, "ca-nhan", person.code))

    assert tables(response)[1] == [
        [
            "Tiêu chí",
            "Lê Văn Ba",
            "Nguyễn Thị Hai",
            "Trần Văn Một",
            "Điểm tiêu chí (trung vị)",
            "Trung bình cộng",
            "Chênh lệch",
        ],
        ["TC1 / 60", "48", "50", "58", "50", "52", "10"],
        ["TC2 / 40", "30", "35", "37", "35", "34", "7"],
    ]
    assert response.context["row"].score == Decimal(85)


def test_explain_page_of_someone_else_in_another_agency_or_unknown_is_not_found(ranking_world, ranking_leader_client):
    w = ranking_world
    elsewhere = UnitFactory(agency=AgencyFactory(code="ubnd-tinh", name="UBND tỉnh"), code="phong-khac")

    foreign = ranking_leader_client.get(explain_url(w.campaign, "tap-the", elsewhere.code))
    unknown = ranking_leader_client.get(explain_url(w.campaign, "tap-the", "khong-co"))
    bad_kind = ranking_leader_client.get(explain_url(w.campaign, "ca-the", "khong-co"))

    assert (foreign.status_code, unknown.status_code, bad_kind.status_code) == (404, 404, 404)


def test_explain_page_of_a_person_of_another_agency_is_not_found(ranking_world, ranking_leader_client):
    """A person of another agency, even one with a scored entry in this campaign, has no explanation here."""
    w = ranking_world
    elsewhere = UnitFactory(agency=AgencyFactory(code="ubnd-tinh", name="UBND tỉnh"), code="phong-khac")
    foreign = w.person("Người Cơ Quan Khác", unit=elsewhere, code="cb-khac")
    w.entry(foreign, 80)

    response = ranking_leader_client.get(explain_url(w.campaign, "ca-nhan", foreign.code))

    assert response.status_code == 404
    assert "Người Cơ Quan Khác" not in response.content.decode()


def test_a_percentage_that_floors_to_no_place_is_said_on_the_explain_page(ranking_world, ranking_leader_client):
    """30 % of 3 ranked collectives is 0.9, floored to 0 places: the form goes to nobody, and the
    explanation says so instead of leaving a quota of 0 unexplained (issue 17, edges)."""
    w = ranking_world
    moment = w.moment(11, 3)
    units = [w.unit(name) for name in ("Phòng Xuân", "Phòng Hạ", "Phòng Thu")]
    for points, unit in zip((90, 85, 80), units, strict=True):
        w.entry(unit, points, submitted_at=moment)
    AwardFormFactory(campaign=w.campaign, name="Giấy khen", precedence=1, min_score=82, quota_percent=30)

    response = ranking_leader_client.get(explain_url(w.campaign, "tap-the", units[0].code))

    warning = " ".join(
        lxml.html.fromstring(response.content).xpath("string(//p[contains(@class, 'alert-warning')])").split()
    )
    assert warning == (
        "“Giấy khen”: 30% của 3 người được xếp hạng làm tròn xuống là 0 suất, nên 2 người đạt điểm tối "
        "thiểu không được đề nghị hình thức này. Thư ký có thể sửa tỷ lệ hoặc số lượng của hình thức "
        "trước khi lập danh sách."
    )
