"""The nominee list page and its actions: who may read, comment, publish, answer, decide and approve.

Staff read a posted list and comment on it; a draft is a 404 for them. The secretary compiles,
publishes, answers and records the council's tie decisions; the leader approves. An action a
user may not take is a 404 and changes nothing.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import lxml.html
import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse

from awards.enums import ListStatus, TieDecision
from awards.models import Comment, NomineeList
from awards.services import approval, compilation

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
POSTED = datetime(2023, 1, 10, 8, 0, tzinfo=VIETNAM)
DURING = POSTED + timedelta(days=1)
AFTER = POSTED + timedelta(days=5)
F1 = "Giấy khen của Trưởng Ban Dân tộc"


@pytest.fixture
def world(closing_world):
    """An and Bình tied at 90 across a one-place form (both flagged), Chi 70 below its minimum."""
    closing_world.form(F1, min_score=80, quota_count=1)
    closing_world.people = closing_world.ranked([("An", 90), ("Bình", 90), ("Chi", 70)])
    closing_world.draft = compilation.compile_nominees(campaign=closing_world.campaign)
    return closing_world


@pytest.fixture
def posted(world):
    with time_machine.travel(POSTED, tick=False):
        approval.publish_list(nominee_list=world.draft, by=world.secretary, days=5)
    world.draft.refresh_from_db()
    return world.draft


def page(client, user, world, **query):
    client.force_login(user)
    return client.get(reverse("nominee_list", args=[world.campaign.slug]), query)


def act(client, user, world, action, **data):
    client.force_login(user)
    # Written out: each action has its own URL, so an unknown one ("khong-co") has none to reverse.
    return client.post(f"{reverse('nominee_list', args=[world.campaign.slug])}{action}/", data)


def excel_status(client, nominee_list):
    response = client.get(reverse("nominee_list_export", args=[nominee_list.code]))
    if response.streaming:
        b"".join(response.streaming_content)  # read to the end, the test client closes the response
    return response.status_code


def names_on(response):
    document = lxml.html.fromstring(response.content.decode())
    return [" ".join(tr.xpath("./td")[1].text_content().split()) for tr in document.xpath("//table/tbody/tr")]


def state(nominee_list):
    nominee_list.refresh_from_db()
    return nominee_list.status


# --- Reading --------------------------------------------------------------------------------------


def test_a_draft_list_is_a_404_for_staff_page_and_excel(client, world):
    assert page(client, world.staff, world).status_code == 404
    assert excel_status(client, world.draft) == 404


def test_the_secretary_and_the_leader_read_the_draft(client, world):
    assert names_on(page(client, world.secretary, world)) == ["An", "Bình"]
    assert names_on(page(client, world.leader, world)) == ["An", "Bình"]


def test_staff_read_the_posted_list_but_never_a_newer_draft(client, world, posted):
    world.rescore(world.people["Chi"].entries.get(), 95)
    newer = compilation.compile_nominees(campaign=world.campaign)  # v2, a draft naming Chi

    with time_machine.travel(DURING, tick=False):
        response = page(client, world.staff, world, **{"phien-ban": str(newer.version)})
        excel = [excel_status(client, v) for v in (newer, posted)]

    assert response.status_code == 200
    assert names_on(response) == ["An", "Bình"]
    assert "Chi" not in response.content.decode()
    assert excel == [404, 200]


def test_signed_out_visitors_are_sent_to_sign_in(client, world, posted):
    response = client.get(reverse("nominee_list", args=[world.campaign.slug]))

    assert (response.status_code, response.url.split("?")[0]) == (302, reverse("login"))


# --- Staff: comment, nothing else -----------------------------------------------------------------


def test_staff_comment_on_a_row_of_the_posted_list(client, world, posted):
    with time_machine.travel(DURING, tick=False):
        response = act(client, world.staff, world, "y-kien", list=posted.code, position="2", text="Đề nghị giữ cả hai.")

    assert response.status_code == 302
    note = Comment.objects.get()
    assert (note.author, note.nominee.position, note.text) == (world.staff, 2, "Đề nghị giữ cả hai.")


def test_staff_cannot_comment_on_a_draft(client, world):
    response = act(client, world.staff, world, "y-kien", list=world.draft.code, text="Xem trước")

    assert response.status_code == 404
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("lap", {}),
        ("cong-khai", {"days": "5"}),
        ("tra-loi", {"answer": "Đồng ý"}),
        ("dong-hang", {"position": "2", "decision": "drop", "reason": "Tự quyết"}),
        ("khong-co", {}),
    ],
)
def test_staff_cannot_publish_answer_decide_or_compile(client, world, posted, action, data):
    with time_machine.travel(DURING, tick=False):
        note = approval.add_comment(nominee_list=posted, author=world.staff, text="Ý kiến")
    with time_machine.travel(AFTER, tick=False):
        response = act(client, world.staff, world, action, list=posted.code, comment=str(note.pk), **data)

    note.refresh_from_db()
    assert response.status_code == 404
    assert (state(posted), note.answered_at, NomineeList.objects.count()) == (ListStatus.PUBLISHED, None, 1)
    assert list(posted.nominees.values_list("decision", flat=True)) == ["", ""]


# --- Secretary and leader -------------------------------------------------------------------------


def test_the_secretary_publishes_answers_and_records_the_councils_decision(client, world):
    with time_machine.travel(POSTED, tick=False):
        published = act(client, world.secretary, world, "cong-khai", list=world.draft.code, days="5")
    world.draft.refresh_from_db()
    with time_machine.travel(DURING, tick=False):
        note = approval.add_comment(nominee_list=world.draft, author=world.staff, text="Vì sao hai người?")
        answered = act(
            client, world.secretary, world, "tra-loi", list=world.draft.code, comment=str(note.pk), answer="Đồng hạng."
        )
        decided = act(
            client,
            world.secretary,
            world,
            "dong-hang",
            list=world.draft.code,
            position="2",
            decision="keep",
            reason="Biên bản số 3",
        )

    note.refresh_from_db()
    assert [r.status_code for r in (published, answered, decided)] == [302, 302, 302]
    assert (state(world.draft), world.draft.posting_ends_at) == (ListStatus.PUBLISHED, AFTER)
    assert (note.answer, note.answered_by) == ("Đồng hạng.", world.secretary)
    assert list(world.draft.nominees.order_by("position").values_list("decision", "decision_reason")) == [
        ("", ""),
        (TieDecision.KEEP, "Biên bản số 3"),
    ]


def approve(client, user, world, nominee_list, **data):
    client.force_login(user)
    return client.post(reverse("nominee_list_approve", args=[world.campaign.slug, nominee_list.code]), data)


@pytest.mark.parametrize("user", ["secretary", "staff"])
def test_only_the_leader_approves(client, world, posted, user):
    for nominee in posted.nominees.all():
        approval.resolve_tie(nominee=nominee, by=world.secretary, decision=TieDecision.KEEP, reason="Biên bản số 3")
    client.force_login(getattr(world, user))
    url = reverse("nominee_list_approve", args=[world.campaign.slug, posted.code])

    with time_machine.travel(AFTER, tick=False):
        shown = client.get(url)
        response = approve(
            client,
            getattr(world, user),
            world,
            posted,
            decision_number="25/QĐ-BDT",
            decision_date="15/01/2023",
            signer_title="Trưởng ban",
            signer="Nguyễn Văn Trưởng",
        )

    assert (shown.status_code, response.status_code) == (404, 404)
    assert state(posted) == ListStatus.PUBLISHED


@pytest.mark.parametrize("action", ["cong-khai", "tra-loi", "dong-hang", "lap"])
def test_the_leader_does_not_do_the_secretarys_work(client, world, action):
    response = act(client, world.leader, world, action, list=world.draft.code, days="5", position="2")

    assert response.status_code == 404
    assert (state(world.draft), NomineeList.objects.count()) == (ListStatus.DRAFT, 1)


def test_the_leader_approves_after_the_window_and_sees_why_not_before(client, world, posted):
    for nominee in posted.nominees.all():
        approval.resolve_tie(nominee=nominee, by=world.secretary, decision=TieDecision.KEEP, reason="Biên bản số 3")
    form = {
        "decision_number": "25/QĐ-BDT",
        "decision_date": "15/01/2023",
        "signer_title": "Trưởng ban",
        "signer": "Nguyễn Văn Trưởng",
    }

    with time_machine.travel(DURING, tick=False):
        early = approve(client, world.leader, world, posted, **form)
        shown = page(client, world.leader, world).content.decode()
    with time_machine.travel(AFTER, tick=False):
        approved = approve(client, world.leader, world, posted, **form)
        approved_messages = [str(m) for m in get_messages(approved.wsgi_request)]

    with time_machine.travel(AFTER, tick=False):
        after = page(client, world.secretary, world).content.decode()
    assert "Lập danh sách từ điểm hiện tại" not in after
    assert "Danh sách đã được phê duyệt; điểm đã khóa nên không lập lại được." in after
    assert early.status_code == 200
    assert "Chưa hết thời gian công khai (đến 15/01/2023 08:00)." in early.content.decode()
    assert "Chưa hết thời gian công khai (đến 15/01/2023 08:00)." in shown
    assert (approved.status_code, approved.url) == (302, reverse("nominee_list", args=[world.campaign.slug]))
    assert approved_messages == ["Đã phê duyệt danh sách. Danh sách và điểm đã được khóa."]
    posted.refresh_from_db()
    assert (posted.status, posted.decision_number, posted.approved_by) == (
        ListStatus.APPROVED,
        "25/QĐ-BDT",
        world.leader,
    )


# --- Queries --------------------------------------------------------------------------------------


@pytest.mark.parametrize("people", [1, 3])
def test_the_list_page_runs_the_same_queries_for_one_or_three_nominees(
    client, closing_world, people, django_assert_num_queries
):
    closing_world.form(F1, min_score=50)
    closing_world.ranked([(f"Người {n}", 90 - n) for n in range(people)])
    nominee_list = compilation.compile_nominees(campaign=closing_world.campaign)
    with time_machine.travel(POSTED, tick=False):
        nominee_list = approval.publish_list(nominee_list=nominee_list, by=closing_world.secretary, days=5)
    with time_machine.travel(DURING, tick=False):
        for nominee in nominee_list.nominees.all():
            note = approval.add_comment(
                nominee_list=nominee_list, author=closing_world.staff, text="Ý kiến", nominee=nominee
            )
            approval.answer_comment(comment=note, by=closing_world.secretary, answer="Đã xem")
        client.force_login(closing_world.secretary)
        url = reverse("nominee_list", args=[closing_world.campaign.slug])

        # +1 since the roles are read from the prefetched groups (issue 15, item 6); +1 for the list's
        # council ballot (issue 17, item 6: ballots' tag beside the nominees), the same for any size.
        with django_assert_num_queries(8):
            response = client.get(url)

    assert len(names_on(response)) == people


@pytest.mark.parametrize("action", ["lap", "cong-khai", "y-kien", "tra-loi", "dong-hang"])
def test_every_list_action_keeps_its_path_and_answers_only_post(client, world, action):
    client.force_login(world.secretary)

    url = reverse("nominee_list_action", args=[world.campaign.slug, action])
    response = client.get(url)

    assert (url, response.status_code) == (f"/danh-sach/{world.campaign.slug}/{action}/", 405)
