"""Equal scores across a quota line (DESIGN.md rules 6 and 8, issue 14 item 5).

Two people with 85 points, one sent 71 seconds before the other, and one place for the Giấy khen:
the clock decides nothing, so both share rank 1 on the ranking, both are kept and flagged on the
list for the council to decide, and the ranking's Excel says so. With the campaign's merit
tie-break (the best single entry) the better best entry wins and every page says the tie-break
applied; two people equal even on it stay tied and flagged.
"""

import datetime
import io

import lxml.html
import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from awards.models import NomineeList
from campaigns.enums import CampaignStatus, TieBreak
from tests.awards.conftest import ranking_table
from tests.factories import AwardFormFactory

pytestmark = pytest.mark.django_db

FORM = "Giấy khen của Trưởng Ban Dân tộc"
WAITING = f"{FORM} (đồng hạng tại ngưỡng, chờ Hội đồng quyết định)"


@pytest.fixture
def line(ranking_world):
    """One place for the Giấy khen (minimum 80) among individuals; Chín (70) is below its minimum."""
    w = ranking_world
    AwardFormFactory(campaign=w.campaign, name=FORM, recipient_kind="individual", min_score=80, quota_count=1)
    w.chin = w.person("Cao Văn Chín")
    w.entry(w.chin, 70)
    return w


def seventy_one_seconds_apart(w, first_totals, second_totals):
    """An sends first; Bình sends 71 seconds later. Each list of totals is one person's entries."""
    sent = w.moment(11, 20)
    for name, totals, moment in [
        ("Trần Văn An", first_totals, sent),
        ("Lê Thị Bình", second_totals, sent + datetime.timedelta(seconds=71)),
    ]:
        person = w.person(name)
        for total in totals:
            w.entry(person, total, submitted_at=moment)


def compile_through_the_list_page(w):
    """The campaign closes; the secretary presses "Lập danh sách" and reads the list page."""
    w.configure(status=CampaignStatus.CLOSED)
    secretary = Client()
    secretary.force_login(w.secretary)
    response = secretary.post(reverse("nominee_list_action", args=[w.campaign.slug, "lap"]))
    assert response.status_code == 302
    page = secretary.get(reverse("nominee_list", args=[w.campaign.slug]))
    assert page.status_code == 200
    return NomineeList.objects.get(campaign=w.campaign), page


def flagged_on_the_list(page) -> list[tuple[str, bool]]:
    """(name, tie badge shown) for each row of the list page."""
    document = lxml.html.fromstring(page.content.decode())
    return [
        (" ".join(tr.xpath("./td")[1].text_content().split()), "Đồng hạng tại ngưỡng" in tr.text_content())
        for tr in document.xpath("//table/tbody/tr")
    ]


def ranking_page(client, w, **query):
    return client.get(reverse("ranking", args=[w.campaign.slug]), {"loai": "ca-nhan", **query})


def ranking_excel(client, w) -> list[tuple]:
    """(rank, rank note, name, score, award) for each data row of the ranking's Excel."""
    response = client.get(reverse("ranking_export", args=[w.campaign.slug]), {"loai": "ca-nhan"})
    body = b"".join(response.streaming_content)
    response.close()
    rows = list(openpyxl.load_workbook(io.BytesIO(body)).active.iter_rows(min_row=5, values_only=True))
    table = rows[: [any(v is not None for v in row) for row in rows].index(False)]
    return [(row[0], row[1], row[2], row[5], row[8]) for row in table]


def test_equal_scores_sent_71_seconds_apart_share_the_rank_and_are_both_flagged(line, ranking_leader_client):
    seventy_one_seconds_apart(line, [85], [85])

    before = ranking_page(ranking_leader_client, line)
    nominee_list, page = compile_through_the_list_page(line)
    after = ranking_page(ranking_leader_client, line)

    assert [row[:2] for row in ranking_table(before)] == [
        ["1 đồng hạng", "Lê Thị Bình"],
        ["1 đồng hạng", "Trần Văn An"],
        ["3", "Cao Văn Chín"],
    ]
    assert flagged_on_the_list(page) == [("Lê Thị Bình", True), ("Trần Văn An", True)]
    assert list(nominee_list.nominees.values_list("rank", "tie_flag", "decision")) == [(1, True, ""), (1, True, "")]
    assert [row[6] for row in ranking_table(after)] == [WAITING, WAITING, ""]
    assert ranking_excel(ranking_leader_client, line) == [
        (1, "đồng hạng", "Lê Thị Bình", 85, WAITING),
        (1, "đồng hạng", "Trần Văn An", 85, WAITING),
        (3, None, "Cao Văn Chín", 70, None),
    ]


def test_with_the_merit_tie_break_the_better_best_entry_takes_the_place_and_the_pages_say_why(
    line, ranking_leader_client
):
    """An 50 + 35 = 85 (best 50), Bình 45 + 40 = 85 (best 45), sum of the best K = 3.

    The campaign chose the best single entry: An is 1 and takes the one place, unflagged; Bình is
    2 and is not on the list. The ranking, the explanation and the Excel say the tie-break applied.
    """
    line.configure(tie_break=TieBreak.BEST_ENTRY)
    seventy_one_seconds_apart(line, [50, 35], [45, 40])

    nominee_list, page = compile_through_the_list_page(line)
    ranking = ranking_page(ranking_leader_client, line)
    binh = line.campaign.entries.get(person__full_name="Lê Thị Bình", result__total=45).person
    explanation = ranking_leader_client.get(reverse("ranking_explain", args=[line.campaign.slug, "ca-nhan", binh.code]))

    assert flagged_on_the_list(page) == [("Trần Văn An", False)]
    assert list(nominee_list.nominees.values_list("rank", "tie_flag")) == [(1, False)]
    assert [(row[0], row[1], row[6]) for row in ranking_table(ranking)] == [
        ("1 phân định theo bài cao nhất", "Trần Văn An", FORM),
        ("2 phân định theo bài cao nhất", "Lê Thị Bình", ""),
        ("3", "Cao Văn Chín", ""),
    ]
    assert "Có người dự thi khác bằng điểm; hạng này được phân định theo điểm bài cao nhất." in explanation.text
    assert ranking_excel(ranking_leader_client, line)[:2] == [
        (1, "phân định theo bài cao nhất", "Trần Văn An", 85, FORM),
        (2, "phân định theo bài cao nhất", "Lê Thị Bình", 85, None),
    ]


def test_equal_even_on_the_tie_break_they_stay_tied_and_both_are_flagged(line, ranking_leader_client):
    """An 85 and Bình 85, one entry each (best 85 both), 71 seconds apart: the tie-break cannot tell them apart."""
    line.configure(tie_break=TieBreak.BEST_ENTRY)
    seventy_one_seconds_apart(line, [85], [85])

    nominee_list, page = compile_through_the_list_page(line)

    assert [row[:2] for row in ranking_table(ranking_page(ranking_leader_client, line))] == [
        ["1 đồng hạng", "Lê Thị Bình"],
        ["1 đồng hạng", "Trần Văn An"],
        ["3", "Cao Văn Chín"],
    ]
    assert flagged_on_the_list(page) == [("Lê Thị Bình", True), ("Trần Văn An", True)]
    assert list(nominee_list.nominees.values_list("tie_flag", flat=True)) == [True, True]
