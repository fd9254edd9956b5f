"""Issue 13, item 3: blind scoring cannot be read around (DESIGN.md rule 3).

Per-member points, comments and history carry names for the secretary and leaders, and for a
council member on the entries they have scored and are not conflicted on; everyone else sees the
statistics only (aggregate, mean, median, spread, number of members). Every place a score shows is
tried over HTTP: the explanation page, the charts, the Excel exports and the admin.

The entry of "Phòng Công tác dân tộc" was scored by Lê Văn Ba, Nguyễn Thị Hai and Trần Văn Một
(TC1 48, 50, 58; TC2 30, 35, 37; a comment by Nguyễn Thị Hai); Võ Thị Tư is assigned it and has not
scored it yet.
"""

import io

import lxml.html
import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from awards.enums import ListStatus
from awards.services import approval, compilation
from campaigns.enums import CampaignStatus, Role
from criteria.models import DeclaredConflict
from submissions.models import Assignment
from tests.factories import AwardFormFactory

pytestmark = pytest.mark.django_db

SCORERS = ["Lê Văn Ba", "Nguyễn Thị Hai", "Trần Văn Một"]
COMMENT = "Minh chứng đầy đủ, số liệu rõ ràng"
# The statistics everyone who opens the page sees: no member column.
STATISTICS = [
    ["Tiêu chí", "Điểm tiêu chí (trung bình cộng)", "Trung vị", "Chênh lệch"],
    ["TC1 / 60", "52", "50", "10"],
    ["TC2 / 40", "34", "35", "7"],
]


@pytest.fixture
def scored(ranking_world):
    w = ranking_world
    unit = w.unit("Phòng Công tác dân tộc", code="phong-ctdt")
    sheets = [{"TC1": 45, "TC2": 30}, {"TC1": 50, "TC2": 35}, {"TC1": 58, "TC2": 37}]
    entry = w.entry(unit, sheets=sheets, assigned=4)  # Võ Thị Tư is assigned it too, not yet scored
    first, second = Assignment.objects.filter(entry=entry).order_by("member_id")[:2]
    w.score(first, {"TC1": 48, "TC2": 30})
    w.score(second, {"TC1": 50, "TC2": 35}, comments={"TC1": COMMENT})
    AwardFormFactory(campaign=w.campaign, name="Giấy khen", precedence=1, min_score=80, quota_count=1)
    return w, unit, entry


def explain(client, w, unit):
    return client.get(reverse("ranking_explain", args=[w.campaign.slug, "tap-the", unit.code]))


def points_table(response) -> list[list[str]]:
    document = lxml.html.fromstring(response.content.decode())
    table = document.xpath("//section//table")[0]
    rows = table.xpath("./thead/tr") + table.xpath("./tbody/tr")
    return [[" ".join(cell.text_content().split()) for cell in row.xpath("./th|./td")] for row in rows]


def names_in(text: str) -> list[str]:
    return [name for name in [*SCORERS, "Võ Thị Tư", COMMENT] if name in text]


def post_the_list(w, secretary):
    """Close the campaign, compile the list and post it for comment, as the secretary does."""
    w.configure(status=CampaignStatus.CLOSED)
    nominee_list = compilation.compile_nominees(campaign=w.campaign, by="Thư ký")
    approval.publish_list(nominee_list=nominee_list, by=secretary, days=10)
    nominee_list.refresh_from_db()
    assert nominee_list.status == ListStatus.PUBLISHED
    return nominee_list


def workbook_text(response) -> str:
    body = b"".join(response.streaming_content)
    workbook = openpyxl.load_workbook(io.BytesIO(body))
    return " ".join(str(c.value) for s in workbook.worksheets for row in s.iter_rows() for c in row if c.value)


# --- The explanation page ---------------------------------------------------------------------


def test_blind_scoring_cannot_be_read_around_by_a_member_who_has_not_scored_the_entry(client, scored):
    w, unit, _entry = scored
    client.force_login(w.members[3].person.user)  # Võ Thị Tư

    response = explain(client, w, unit)

    assert response.status_code == 200
    assert points_table(response) == STATISTICS
    assert names_in(response.content.decode()) == []
    assert "Lịch sử điểm" not in response.content.decode()
    assert "3 thành viên chấm đủ / cần 3" in " ".join(response.content.decode().split())


def test_blind_scoring_cannot_be_read_around_by_a_member_conflicted_on_the_entry(client, scored):
    """Lê Văn Ba scored the entry, then declared a conflict with the unit: he no longer reads the names."""
    w, unit, _entry = scored
    DeclaredConflict.objects.create(member=w.members[0], unit=unit, reason="Vợ công tác tại phòng")
    client.force_login(w.members[0].person.user)

    response = explain(client, w, unit)

    assert points_table(response) == STATISTICS
    assert names_in(response.content.decode()) == []
    assert "Lịch sử điểm" not in response.content.decode()


def test_a_member_who_has_scored_the_entry_reads_every_members_points_comments_and_history(client, scored):
    w, unit, _entry = scored
    client.force_login(w.members[1].person.user)  # Nguyễn Thị Hai

    response = explain(client, w, unit)

    assert points_table(response) == [
        ["Tiêu chí", *SCORERS, "Điểm tiêu chí (trung bình cộng)", "Trung vị", "Chênh lệch"],
        ["TC1 / 60", "48", "50", "58", "52", "50", "10"],
        ["TC2 / 40", "30", "35", "37", "34", "35", "7"],
    ]
    assert f"Nguyễn Thị Hai: {COMMENT}" in response.content.decode()
    assert "Lịch sử điểm (7 lần chấm, sửa)" in " ".join(response.content.decode().split())


def test_blind_scoring_cannot_be_read_around_by_staff_once_the_list_is_posted(client, scored, make_user):
    w, unit, _entry = scored
    post_the_list(w, w.secretary)
    client.force_login(make_user("canbo", Role.STAFF, full_name="Cán Bộ Thường"))

    response = explain(client, w, unit)

    assert response.status_code == 200
    assert points_table(response) == STATISTICS
    assert names_in(response.content.decode()) == []
    assert "Lịch sử điểm" not in response.content.decode()


def test_the_explain_page_of_a_member_who_has_scored_stays_within_its_query_budget(
    client, scored, django_assert_num_queries
):
    """The leader's page runs 12 (test_ranking_queries); a member's adds their scored assignments,
    the co-authors of those entries, the unit tree and their declared conflicts: 16, of at most 20."""
    w, unit, _entry = scored
    client.force_login(w.members[1].person.user)

    with django_assert_num_queries(16):  # +1 since the roles are read from the prefetched groups (issue 15, item 6)
        response = explain(client, w, unit)

    assert response.context["entries"][0]["named"] is True


# --- Charts, exports and the admin ------------------------------------------------------------


def test_blind_scoring_cannot_be_read_around_in_the_charts(client, scored, make_user, ranking_leader):
    w, _unit, _entry = scored
    post_the_list(w, w.secretary)
    url = reverse("ranking_charts", args=[w.campaign.slug])
    pages = {}
    for name, user in [
        ("staff", make_user("canbo", Role.STAFF)),
        ("member", w.members[1].person.user),
        ("leader", ranking_leader),
    ]:
        client.force_login(user)
        pages[name] = client.get(url).content.decode()

    assert {name: names_in(page) for name, page in pages.items()} == {
        "staff": [],
        "member": [],
        "leader": [*SCORERS, "Võ Thị Tư"],  # the council's progress, per member
    }


def test_blind_scoring_cannot_be_read_around_in_the_excel_exports(client, scored, make_user):
    w, _unit, _entry = scored
    nominee_list = post_the_list(w, w.secretary)
    client.force_login(make_user("canbo", Role.STAFF))

    ranking = client.get(reverse("ranking_export", args=[w.campaign.slug]) + "?loai=tap-the")
    nominees = client.get(reverse("nominee_list_export", args=[nominee_list.code]))

    ranking_text, nominees_text = workbook_text(ranking), workbook_text(nominees)
    assert "Phòng Công tác dân tộc" in ranking_text and "Phòng Công tác dân tộc" in nominees_text
    assert (names_in(ranking_text), names_in(nominees_text)) == ([], [])


def test_blind_scoring_cannot_be_read_around_in_the_score_history_admin(client, scored, make_user, ranking_leader):
    """The leader reads the history by name; a member who scored and an administrator given the
    permission by hand are refused (the rule, not the groups' permissions, decides)."""
    w, _unit, _entry = scored
    administrator = make_user("quantri", Role.ADMINISTRATOR)
    administrator.user_permissions.add(Permission.objects.get(codename="view_scorechange"))
    url = reverse("admin:submissions_scorechange_changelist")
    answers = {}
    for name, user in [("leader", ranking_leader), ("member", w.members[1].person.user), ("admin", administrator)]:
        client.force_login(user)
        response = client.get(url)
        answers[name] = (response.status_code, names_in(response.content.decode()))

    assert answers == {"leader": (200, [*SCORERS]), "member": (403, []), "admin": (403, [])}


def test_blind_scoring_cannot_be_read_around_through_the_assignment_lists_member_filter(client, scored):
    """A member's list holds their own assignments; the member filter is the secretariat's alone and
    naming another member in the address shows nothing of theirs."""
    w, _unit, _entry = scored
    client.force_login(w.members[1].person.user)
    other = w.members[0]
    url = reverse("admin:submissions_assignment_changelist")

    plain = client.get(url)
    filtered = client.get(url, {"thanh_vien": other.pk})

    assert plain.status_code == 200
    assert [a.member for a in plain.context["cl"].result_list] == [w.members[1]]
    assert names_in(plain.content.decode()) == []
    assert filtered.status_code == 302  # an unknown filter: the admin answers with its error page
    assert names_in(filtered.content.decode()) == []
