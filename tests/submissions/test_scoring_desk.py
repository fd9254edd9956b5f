"""The council's scoring desk in the admin: who sees what, blind scoring, progress, reminders, queries.

Two criteria: A (maximum 10) and B (maximum 90). The member at the desk is "Nguyễn Văn Chấm"; the
other member of the council is "Lê Thị Cúc".
"""

from decimal import Decimal

import pytest
from django.contrib import admin
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from campaigns.enums import Role
from submissions.enums import EntryStatus
from submissions.models import Assignment, Score, SelfScore
from submissions.services import scoring
from tests.factories import (
    AttachmentFactory,
    CampaignFactory,
    CriterionFactory,
    EntryFactory,
    PersonFactory,
    UserFactory,
)
from tests.factories.scoring import AssignmentFactory, ScorerFactory, SubmittedEntryFactory, scoring_form_data

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def campaign():
    return CampaignFactory(blind_scoring=True)


@pytest.fixture
def criteria(campaign):
    return [
        CriterionFactory(campaign=campaign, code="A", order=1, max_points=D(10)),
        CriterionFactory(campaign=campaign, code="B", order=2, max_points=D(90)),
    ]


@pytest.fixture
def me(campaign):
    return ScorerFactory(campaign=campaign, person__full_name="Nguyễn Văn Chấm", person__user__username="hoidong1")


@pytest.fixture
def colleague(campaign):
    return ScorerFactory(campaign=campaign, person__full_name="Lê Thị Cúc", person__user__username="hoidong2")


@pytest.fixture
def secretary(make_user):
    user = make_user("thuky", Role.SECRETARY, person=False)
    user.email = "thuky@bdt.vinhlong.gov.vn"
    user.save(update_fields=["email"])
    return user


def score_url(assignment):
    return reverse("admin:submissions_assignment_score", args=[assignment.pk])


def record(assignment, criteria, *points):
    scoring.record_scores(
        assignment=assignment,
        by=assignment.member.person.user,
        points={criterion.pk: D(value) for criterion, value in zip(criteria, points, strict=True)},
    )


# --- Blind scoring --------------------------------------------------------------------------


def test_with_blind_scoring_other_members_points_appear_only_after_saving_ones_own(
    client, campaign, criteria, me, colleague
):
    entry = SubmittedEntryFactory(campaign=campaign, status=EntryStatus.UNDER_REVIEW)
    mine = AssignmentFactory(entry=entry, member=me)
    record(AssignmentFactory(entry=entry, member=colleague), criteria, "8.5", 80)
    client.force_login(me.person.user)

    before = client.get(score_url(mine))
    saved = client.post(score_url(mine), scoring_form_data({criteria[0].pk: "7", criteria[1].pk: "75"}))
    after = client.get(score_url(mine))

    assert before.context["others"] is None
    assert "Chấm độc lập" in before.content.decode()
    assert "Lê Thị Cúc" not in before.content.decode()
    assert saved.status_code == 302
    assert after.context["others"] == [("Lê Thị Cúc", [D("8.5"), D(80)])]
    assert "Chấm độc lập" not in after.content.decode()
    assert "Lê Thị Cúc" in after.content.decode()
    assert "<td>Lê Thị Cúc</td><td>8,5" in after.content.decode()


def test_without_blind_scoring_other_members_points_show_at_once_and_their_names_once_scored(
    client, campaign, criteria, me, colleague
):
    """Issue 13: per-member points carry names only for a member who has scored the entry."""
    campaign.blind_scoring = False
    campaign.save(update_fields=["blind_scoring"])
    entry = SubmittedEntryFactory(campaign=campaign, status=EntryStatus.UNDER_REVIEW)
    mine = AssignmentFactory(entry=entry, member=me)
    record(AssignmentFactory(entry=entry, member=colleague), criteria, "8.5", 80)
    client.force_login(me.person.user)

    before = client.get(score_url(mine))
    client.post(score_url(mine), scoring_form_data({criteria[0].pk: "7", criteria[1].pk: "75"}))
    after = client.get(score_url(mine))

    assert before.context["others"] == [("Thành viên 1", [D("8.5"), D(80)])]
    assert "Lê Thị Cúc" not in before.content.decode()
    assert "Chấm độc lập" not in before.content.decode()
    assert after.context["others"] == [("Lê Thị Cúc", [D("8.5"), D(80)])]


# --- Progress and the next unscored entry ---------------------------------------------------


def test_the_desk_shows_progress_and_leads_to_the_next_unscored_entry(client, campaign, criteria, me):
    first, second = (
        AssignmentFactory(entry=SubmittedEntryFactory(campaign=campaign, status=EntryStatus.UNDER_REVIEW), member=me)
        for _ in range(2)
    )
    first, second = sorted([first, second], key=lambda a: a.entry.code)
    client.force_login(me.person.user)
    changelist = reverse("admin:submissions_assignment_changelist")

    start = client.get(changelist)
    saved = client.post(score_url(first), scoring_form_data({c.pk: "5" for c in criteria}, button="_next"))
    later = client.get(changelist)

    assert "0/2 đã chấm" in start.content.decode()
    assert start.context["next_assignment"] == first
    assert f'href="{score_url(first)}">Chấm bài tiếp theo chưa chấm' in start.content.decode()
    assert saved.url == score_url(second)
    assert "1/2 đã chấm" in later.content.decode()
    assert later.context["next_assignment"] == second


def test_saving_the_last_unscored_entry_with_next_returns_to_the_list(client, campaign, criteria, me):
    assignment = AssignmentFactory(entry__campaign=campaign, member=me)
    client.force_login(me.person.user)

    response = client.post(score_url(assignment), scoring_form_data({c.pk: "5" for c in criteria}, button="_next"))

    assert response.url == reverse("admin:submissions_assignment_changelist")
    assert client.get(response.url).context["next_assignment"] is None


def test_the_scored_filter_lists_only_the_members_unscored_entries(client, campaign, criteria, me):
    done, todo = (AssignmentFactory(entry__campaign=campaign, member=me) for _ in range(2))
    record(done, criteria, 5, 50)
    client.force_login(me.person.user)

    response = client.get(reverse("admin:submissions_assignment_changelist"), {"da_cham": "0"})

    assert list(response.context["cl"].result_list) == [todo]


# --- Who sees what --------------------------------------------------------------------------


def test_a_staff_member_without_a_council_role_is_sent_to_the_admin_sign_in(client, make_user, campaign, me):
    AssignmentFactory(entry__campaign=campaign, member=me)
    client.force_login(make_user("canbo", Role.STAFF))

    response = client.get(reverse("admin:submissions_assignment_changelist"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_a_council_member_sees_only_their_own_assignments(client, campaign, criteria, me, colleague):
    entry = SubmittedEntryFactory(campaign=campaign, status=EntryStatus.UNDER_REVIEW)
    mine = AssignmentFactory(entry=entry, member=me)
    theirs = AssignmentFactory(entry=entry, member=colleague)
    AssignmentFactory(entry__campaign=campaign, member=colleague)
    client.force_login(me.person.user)

    listed = client.get(reverse("admin:submissions_assignment_changelist"))
    other_form = client.get(score_url(theirs))

    assert list(listed.context["cl"].result_list) == [mine]
    assert "Lê Thị Cúc" not in listed.content.decode()
    assert other_form.status_code == 404


def test_a_council_members_admin_shows_nothing_but_the_assignments(client, campaign, me):
    client.force_login(me.person.user)

    index = client.get(reverse("admin:index"))
    entries = client.get(reverse("admin:submissions_entry_changelist"))
    users = client.get(reverse("admin:auth_user_changelist"))
    history = client.get(reverse("admin:submissions_scorechange_changelist"))

    assert [(app["app_label"], [m["object_name"] for m in app["models"]]) for app in index.context["app_list"]] == [
        ("submissions", ["Assignment"])
    ]
    assert (entries.status_code, users.status_code, history.status_code) == (403, 403, 403)


def test_the_progress_page_is_refused_to_a_council_member_and_shown_to_the_secretary(
    client, campaign, criteria, me, colleague, secretary
):
    AssignmentFactory(entry__campaign=campaign, member=me)
    record(AssignmentFactory(entry__campaign=campaign, member=colleague), criteria, 5, 50)
    url = reverse("admin:submissions_assignment_progress") + f"?phong-trao={campaign.slug}"

    client.force_login(me.person.user)
    refused = client.get(url)
    client.force_login(secretary)
    shown = client.get(url)

    assert refused.status_code == 403
    assert shown.status_code == 200
    assert [(m.person.full_name, m.assigned, m.scored, m.remaining) for m in shown.context["members"]] == [
        ("Lê Thị Cúc", 1, 1, 0),
        ("Nguyễn Văn Chấm", 1, 0, 1),
    ]
    assert [a.member.person.full_name for a in shown.context["missing"]] == ["Nguyễn Văn Chấm"]


def test_the_reminder_button_mails_only_members_with_unscored_entries(
    client, campaign, criteria, me, colleague, secretary, django_capture_on_commit_callbacks
):
    AssignmentFactory(entry__campaign=campaign, member=me)
    AssignmentFactory(entry__campaign=campaign, member=me)
    record(AssignmentFactory(entry__campaign=campaign, member=colleague), criteria, 5, 50)
    client.force_login(me.person.user)
    refused = client.post(reverse("admin:submissions_assignment_progress") + f"?phong-trao={campaign.slug}")
    client.force_login(secretary)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:submissions_assignment_progress") + f"?phong-trao={campaign.slug}")

    assert refused.status_code == 403
    assert response.status_code == 302
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["hoidong1@bdt.vinhlong.gov.vn"], "Nhắc chấm điểm: còn 2 bài chưa chấm")
    ]


def test_the_secretarys_hand_assignment_of_an_entry_not_yet_submitted_is_refused_on_the_form(
    client, campaign, me, secretary
):
    draft = EntryFactory(campaign=campaign, status=EntryStatus.DRAFT)
    client.force_login(secretary)

    response = client.post(
        reverse("admin:submissions_assignment_add"), {"entry": draft.pk, "member": me.pk, "_save": "1"}
    )

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["entry"]
    assert Assignment.objects.count() == 0


def test_the_secretarys_hand_assignment_puts_the_entry_under_review(client, campaign, me, secretary):
    entry = SubmittedEntryFactory(campaign=campaign)
    client.force_login(secretary)

    response = client.post(
        reverse("admin:submissions_assignment_add"), {"entry": entry.pk, "member": me.pk, "_save": "1"}
    )

    assert response.status_code == 302
    assert list(Assignment.objects.values_list("entry", "member", "assigned_by")) == [(entry.pk, me.pk, secretary.pk)]
    entry.refresh_from_db()
    assert entry.status == EntryStatus.UNDER_REVIEW


def test_each_members_list_links_to_their_own_scoring_forms_when_two_lists_are_built_at_once(campaign, me, colleague):
    """The admin object is shared by every request a server handles at the same time.

    Two requests are built, then rendered (as two threads of one server would): each list must
    still link the member to their own scoring form.
    """
    mine = AssignmentFactory(entry__campaign=campaign, member=me)
    theirs = AssignmentFactory(entry__campaign=campaign, member=colleague)
    model_admin = admin.site._registry[Assignment]
    url = reverse("admin:submissions_assignment_changelist")
    requests = []
    for member in (me, colleague):
        request = RequestFactory().get(url)
        request.user = member.person.user
        requests.append(request)

    responses = [model_admin.changelist_view(request) for request in requests]
    pages = [response.render().content.decode() for response in responses]

    assert f'<a class="button" href="{score_url(mine)}">Chấm điểm</a>' in pages[0]
    assert f'<a class="button" href="{score_url(theirs)}">Chấm điểm</a>' in pages[1]


# --- Queries --------------------------------------------------------------------------------


@pytest.mark.parametrize(("criteria_count", "others_count"), [(2, 1), (5, 4)])
def test_the_scoring_form_runs_the_same_queries_whatever_the_criteria_and_members(
    client, criteria_count, others_count, django_assert_num_queries
):
    campaign = CampaignFactory(blind_scoring=False)
    criteria = [
        CriterionFactory(campaign=campaign, code=f"C{index}", order=index, max_points=D(20))
        for index in range(criteria_count)
    ]
    entry = SubmittedEntryFactory(campaign=campaign, status=EntryStatus.UNDER_REVIEW)
    AttachmentFactory(entry=entry)
    SelfScore.objects.bulk_create(SelfScore(entry=entry, criterion=c, points=D(15)) for c in criteria)
    member = ScorerFactory(campaign=campaign)
    mine = AssignmentFactory(entry=entry, member=member)
    record(mine, criteria, *[10] * criteria_count)
    for _ in range(others_count):
        record(AssignmentFactory(entry=entry), criteria, *[12] * criteria_count)
    client.force_login(member.person.user)

    with django_assert_num_queries(
        14
    ):  # -1 since no permission table is read: the rules answer from the groups (issue 15, item 6)
        response = client.get(score_url(mine))

    assert len(response.context["rows"]) == criteria_count
    assert len(response.context["others"]) == others_count


@pytest.mark.parametrize("count", [1, 3])
def test_the_assigned_entries_list_runs_the_same_queries_whatever_the_number_of_entries(
    client, campaign, criteria, me, colleague, count, django_assert_num_queries
):
    assignments = [AssignmentFactory(entry__campaign=campaign, member=me) for _ in range(count)]
    record(assignments[0], criteria, 5, 50)
    AssignmentFactory(entry=assignments[0].entry, member=colleague)
    client.force_login(me.person.user)

    # 11: one more than before issue 13 item 9, the entries the member is asked to confirm co-authoring;
    # one less since issue 15 item 6: the rules read the user's groups, no permission table.
    with django_assert_num_queries(11):
        response = client.get(reverse("admin:submissions_assignment_changelist"))

    assert len(response.context["cl"].result_list) == count


@pytest.mark.parametrize("count", [1, 3])
def test_the_secretarys_assignment_list_runs_the_same_queries_whatever_the_number_of_entries(
    client, campaign, me, secretary, count, django_assert_num_queries
):
    for _ in range(count):
        AssignmentFactory(entry__campaign=campaign, member=me)
    client.force_login(secretary)

    # 12: one more than before issue 13 item 9, the entries the user is asked to confirm co-authoring;
    # one less since issue 15 item 6: the rules read the user's groups, no permission table.
    with django_assert_num_queries(12):
        response = client.get(reverse("admin:submissions_assignment_changelist"))

    assert len(response.context["cl"].result_list) == count


def test_scores_saved_on_the_form_are_the_members_own(client, campaign, criteria, me, colleague):
    assignment = AssignmentFactory(entry__campaign=campaign, member=me)
    client.force_login(me.person.user)

    client.post(score_url(assignment), scoring_form_data({criteria[0].pk: "7.5", criteria[1].pk: "80"}))

    assert sorted(Score.objects.values_list("member__person__full_name", "criterion__code", "points")) == [
        ("Nguyễn Văn Chấm", "A", D("7.5")),
        ("Nguyễn Văn Chấm", "B", D(80)),
    ]
    assert Score.objects.filter(member=colleague).count() == 0


def test_the_scoring_form_shows_each_criterions_maximum_guidance_self_score_and_the_evidence(
    client, campaign, criteria, me
):
    """Numbers are written as the project writes points (common.formatting.points): "0,5", "9,5"."""
    assignment = AssignmentFactory(entry__campaign=campaign, member=me)
    attachment = AttachmentFactory(entry=assignment.entry, original_name="bao-cao-ket-qua.pdf")
    SelfScore.objects.create(entry=assignment.entry, criterion=criteria[0], points=D("9.5"))
    client.force_login(me.person.user)

    page = client.get(score_url(assignment)).content.decode()

    assert "Tối đa 10 điểm, bước 0,5. Chấm theo minh chứng." in page
    assert "Tối đa 90 điểm, bước 0,5." in page
    assert "<td>9,5</td>" in page
    assert f'href="{reverse("attachment_download", args=[attachment.code])}">bao-cao-ket-qua.pdf</a>' in page


def test_the_secretary_can_tell_council_members_apart_when_assigning_by_hand(
    client, campaign, me, colleague, secretary
):
    """The member box of the assignment form is an autocomplete: each choice must name the person."""
    client.force_login(secretary)

    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "submissions", "model_name": "assignment", "field_name": "member", "term": "Lê Thị"},
    )

    assert response.status_code == 200
    assert [("Lê Thị Cúc" in result["text"], result["id"]) for result in response.json()["results"]] == [
        (True, str(colleague.pk))
    ]


def test_a_refused_hand_assignment_is_explained_in_vietnamese_only(client, campaign, me, secretary):
    colleague_of_mine = PersonFactory(unit=me.person.unit, user=UserFactory())
    entry = SubmittedEntryFactory(campaign=campaign, person=colleague_of_mine)
    client.force_login(secretary)

    response = client.post(
        reverse("admin:submissions_assignment_add"), {"entry": entry.pk, "member": me.pk, "_save": "1"}
    )

    page = response.content.decode()
    assert "Không phân công được: Bài thuộc đơn vị của thành viên (hoặc đơn vị trực thuộc)." in page
    assert "Please correct" not in page


def test_a_hand_assignment_names_the_member_and_the_entry_in_words(client, campaign, me, secretary):
    # The message once read "43/11", the assignment's internal keys (issue 14, item 14).
    entry = SubmittedEntryFactory(campaign=campaign, title="Một cửa điện tử liên thông")
    client.force_login(secretary)

    response = client.post(
        reverse("admin:submissions_assignment_add"), {"entry": entry.pk, "member": me.pk, "_save": "1"}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        f"Đã phân công Nguyễn Văn Chấm chấm bài {entry.code} — Một cửa điện tử liên thông."
    ]
