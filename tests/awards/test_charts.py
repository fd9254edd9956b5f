"""The leaders' charts: server-side SVG bars, each with its number written next to it (readable in print)."""

import lxml.html
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

TITLES = [
    "Phân bố điểm bài (số bài theo khoảng điểm)",
    "Điểm trung bình theo nội dung thi đua",
    "Điểm trung bình theo đơn vị (số bài)",
    "Tiến độ chấm của Hội đồng (phiếu đã chấm / được giao)",
]
BANDS = ["0–10", "10–20", "20–30", "30–40", "40–50", "50–60", "60–70", "70–80", "80–90", "90–100"]


def charts(response) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each figure's caption and its bars as (label, number written next to the bar)."""
    document = lxml.html.fromstring(response.content.decode())
    found = []
    for figure in document.xpath("//figure"):
        caption = " ".join(figure.xpath("./figcaption")[0].text_content().split())
        bars = [
            tuple(" ".join(t.text_content().split()) for t in group.xpath("./text"))
            for group in figure.xpath(".//svg/g")
        ]
        found.append((caption, bars))
    return found


def charts_url(campaign):
    return reverse("ranking_charts", args=[campaign.slug])


@pytest.fixture
def scored(ranking_world):
    """Counted entries: Phòng Một 92 (area 1), Phòng Hai 88 (area 2), Phòng Ba 45 (area 1), and a person
    of Phòng Hai with 70 (area 2). Phòng Ba also has a 99 scored by only 2 of its 3 members: not counted.

    Distribution: one entry each in 40–50, 70–80, 80–90 and 90–100.
    By area: area 1 (92 + 45) / 2 = 68.5; area 2 (88 + 70) / 2 = 79.
    By unit: Phòng Một 92 (1 entry), Phòng Hai (88 + 70) / 2 = 79 (2), Phòng Ba 45 (1).
    Progress: Lê Văn Ba and Nguyễn Thị Hai scored 5 of 5 sheets, Trần Văn Một 4 of 5 (he has not
    scored the 99 yet); Võ Thị Tư has nothing assigned and is not shown.
    """
    w = ranking_world
    one, two, three = w.unit("Phòng Một"), w.unit("Phòng Hai"), w.unit("Phòng Ba")
    w.entry(one, 92, area=w.area1)
    w.entry(two, 88, area=w.area2)
    w.entry(three, 45, area=w.area1)
    w.entry(w.person("Cán bộ Phòng Hai", unit=two), 70, area=w.area2)
    w.entry(three, 99, area=w.area1, scored_by=2, assigned=3)
    return w


def test_charts_page_draws_the_four_charts_as_svg(scored, ranking_leader_client):
    response = ranking_leader_client.get(charts_url(scored.campaign))

    document = lxml.html.fromstring(response.content.decode())
    assert response.status_code == 200
    assert [svg.get("aria-label") for svg in document.xpath("//svg")] == [t.split(" (15")[0] for t in TITLES]
    assert [caption for caption, _bars in charts(response)] == TITLES


def test_score_distribution_counts_counted_entries_per_band_of_ten(scored, ranking_leader_client):
    response = ranking_leader_client.get(charts_url(scored.campaign))

    counts = {"40–50": "1", "70–80": "1", "80–90": "1", "90–100": "1"}
    assert charts(response)[0][1] == [(band, counts.get(band, "0")) for band in BANDS]


def test_averages_by_area_and_by_unit_use_counted_entries_only(scored, ranking_leader_client):
    response = ranking_leader_client.get(charts_url(scored.campaign))

    by_area, by_unit = charts(response)[1][1], charts(response)[2][1]
    assert by_area == [("1. Cải cách thủ tục hành chính", "68,5"), ("2. Cải cách tổ chức bộ máy", "79,0")]
    assert by_unit == [("Phòng Một", "92,0 (1)"), ("Phòng Hai", "79,0 (2)"), ("Phòng Ba", "45,0 (1)")]


def test_scoring_progress_shows_sheets_scored_out_of_assigned_per_member(scored, ranking_leader_client):
    response = ranking_leader_client.get(charts_url(scored.campaign))

    assert charts(response)[3][1] == [("Lê Văn Ba", "5/5"), ("Nguyễn Thị Hai", "5/5"), ("Trần Văn Một", "4/5")]


def test_bar_lengths_follow_the_numbers(scored, ranking_leader_client):
    """The longest bar is the largest value (360 px); the others in proportion: 68.5 / 79 x 360 = 312."""
    response = ranking_leader_client.get(charts_url(scored.campaign))

    document = lxml.html.fromstring(response.content.decode())
    area_svg = document.xpath("//svg")[1]
    assert [rect.get("width") for rect in area_svg.xpath(".//rect")] == ["312", "360"]


def test_a_full_score_of_100_falls_in_the_last_band(ranking_world, ranking_leader_client):
    """Entries of 100 (full marks) and 95: both belong to the last band, 90–100; there is no 100–110 band.

    The scale is 100, so the ten bands are 0–10 … 90–100 and the top band includes 100.
    """
    w = ranking_world
    w.entry(w.unit("Phòng Xuất sắc"), 100)
    w.entry(w.unit("Phòng Giỏi"), 95)

    response = ranking_leader_client.get(charts_url(w.campaign))

    assert charts(response)[0][1] == [(band, "2" if band == "90–100" else "0") for band in BANDS]


def test_charts_without_scores_say_there_is_no_data(ranking_world, ranking_leader_client):
    """No counted entry, nobody assigned: the distribution shows ten empty bands, the rest say "no data"."""
    response = ranking_leader_client.get(charts_url(ranking_world.campaign))

    page = " ".join(lxml.html.fromstring(response.content.decode()).text_content().split())
    assert charts(response)[0][1] == [(band, "0") for band in BANDS]
    assert page.count("Chưa có số liệu.") == 2


def test_the_units_chart_says_it_shows_the_best_15_only_when_there_are_more(ranking_world, ranking_leader_client):
    w = ranking_world
    for index in range(16):
        w.entry(w.unit(f"Phòng {index + 1:02d}"), 50 + index)

    caption, bars = charts(ranking_leader_client.get(charts_url(w.campaign)))[2]

    assert caption == "Điểm trung bình theo đơn vị (số bài) (15 đơn vị cao nhất)"
    assert [label for label, _number in bars] == [f"Phòng {n:02d}" for n in range(16, 1, -1)]
