"""The ranking of participants (DESIGN.md rules 4-6): order, shared ranks, the score rules, quorum, filters.

Every number below is worked out by hand in the test's docstring from the points the council gives.
The council's points go through the scoring services, so the results are those production keeps.
"""

from decimal import Decimal

import lxml.html
import pytest
import time_machine
from django.urls import reverse

from awards.models import Nominee, NomineeList
from awards.queries.ranking import ranking
from campaigns.enums import Aggregation, ParticipantKind, ParticipantRule, TieBreak
from criteria.models import Criterion
from submissions.enums import EntryStatus
from submissions.models import Assignment, Entry, Score
from submissions.services.scoring import assign_entry, refresh_entry_result
from tests.awards.conftest import ranking_table
from tests.criteria.admin_forms import form_data
from tests.factories import AwardFormFactory

pytestmark = pytest.mark.django_db

INDIVIDUAL, COLLECTIVE = ParticipantKind.INDIVIDUAL, ParticipantKind.COLLECTIVE


def ranked(campaign, kind=INDIVIDUAL, **filters):
    """(name, rank, score, tied) for each ranked participant, in the ranking's order."""
    rows, total = ranking(campaign, kind, **filters)
    assert total == len(rows)
    return [(row.name, row.rank, row.score, row.tied) for row in rows]


def ranking_url(campaign, **query):
    url = reverse("ranking", args=[campaign.slug])
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


# --- Order and shared ranks -------------------------------------------------------------------


def test_equal_scores_share_a_rank_and_the_page_says_dong_hang(ranking_world, ranking_leader_client):
    """Four people with one entry each, all submitted at 09:00 on 02/11/2022:

    An 90, Bình 85, Chi 85, Dũng 80. Bình and Chi are equal on score (85), best entry (85) and
    final submission (same moment), so they share rank 2; the next rank is 4, not 3 (1, 2, 2, 4).
    Only Bình and Chi are marked "đồng hạng".
    """
    w = ranking_world
    same_moment = w.moment(11, 2)
    for name, total in [("Trần Văn An", 90), ("Lê Thị Bình", 85), ("Phạm Văn Chi", 85), ("Đỗ Văn Dũng", 80)]:
        w.entry(w.person(name), total, submitted_at=same_moment)

    response = ranking_leader_client.get(ranking_url(w.campaign, loai="ca-nhan"))

    assert response.status_code == 200
    assert [(row[0], row[1], row[4]) for row in ranking_table(response)] == [
        ("1", "Trần Văn An", "90"),
        ("2 đồng hạng", "Lê Thị Bình", "85"),
        ("2 đồng hạng", "Phạm Văn Chi", "85"),
        ("4", "Đỗ Văn Dũng", "80"),
    ]


TIE_PLAN = [  # (name, [(entry total, day of 11/2022 it was sent)])
    ("An", [(90, 1)]),
    ("Bình", [(50, 2), (35, 3)]),
    ("Chi", [(35, 2), (50, 3)]),
    ("Dũng", [(45, 1), (40, 1)]),
    ("Em", [(80, 2)]),
    ("Giang", [(80, 5)]),
]


def enter_tie_plan(w):
    for name, entries in TIE_PLAN:
        person = w.person(name)
        for total, on in entries:
            w.entry(person, total, submitted_at=w.moment(11, on))


def test_equal_scores_share_a_rank_whatever_the_best_entry_or_the_submission_time(ranking_world):
    """The sum of the best K = 3 entries, no tie-break (the default), worked by hand:

    | person | entries (total @ day) | score | best | rank                                     |
    |--------|-----------------------|-------|------|------------------------------------------|
    | An     | 90 @ 01               | 90    | 90   | 1                                        |
    | Bình   | 50 @ 02, 35 @ 03      | 85    | 50   | 2, shared with Chi and Dũng              |
    | Chi    | 35 @ 02, 50 @ 03      | 85    | 50   | 2                                        |
    | Dũng   | 45 @ 01, 40 @ 01      | 85    | 45   | 2: the best entry decides nothing here   |
    | Em     | 80 @ 02               | 80    | 80   | 5, shared with Giang                     |
    | Giang  | 80 @ 05               | 80    | 80   | 5: sending three days later costs nothing |

    Equal ranks are listed by name, which decides nothing.
    """
    w = ranking_world
    enter_tie_plan(w)

    assert ranked(w.campaign) == [
        ("An", 1, Decimal(90), False),
        ("Bình", 2, Decimal(85), True),
        ("Chi", 2, Decimal(85), True),
        ("Dũng", 2, Decimal(85), True),
        ("Em", 5, Decimal(80), True),
        ("Giang", 5, Decimal(80), True),
    ]


def test_with_the_merit_tie_break_the_best_entry_decides_and_the_clock_still_does_not(ranking_world):
    """Same entries, the campaign's tie-break set to the best single entry:

    Bình and Chi (85, best 50) stay tied at 2 and Dũng (85, best 45) is 4: all three were told
    apart by the tie-break. Em and Giang (80, best 80) are equal on it too: still tied at 5,
    though Em sent three days earlier.
    """
    w = ranking_world
    w.configure(tie_break=TieBreak.BEST_ENTRY)
    enter_tie_plan(w)

    rows, _total = ranking(w.campaign, INDIVIDUAL)

    assert [(r.name, r.rank, r.tied, r.split) for r in rows] == [
        ("An", 1, False, False),
        ("Bình", 2, True, True),
        ("Chi", 2, True, True),
        ("Dũng", 4, False, True),
        ("Em", 5, True, False),
        ("Giang", 5, True, False),
    ]


def test_the_ranking_page_says_which_rule_orders_equal_scores(ranking_world, ranking_leader_client):
    """Without the tie-break the page says equal scores share a rank; with it, it names the best entry
    and marks the rows it told apart. Either way it says the submission time does not count."""
    w = ranking_world
    enter_tie_plan(w)

    plain = ranking_leader_client.get(ranking_url(w.campaign, loai="ca-nhan"))
    w.configure(tie_break=TieBreak.BEST_ENTRY)
    broken = ranking_leader_client.get(ranking_url(w.campaign, loai="ca-nhan"))

    assert "Bằng điểm thì đồng hạng. Thời điểm gửi bài không dùng để xếp hạng." in " ".join(plain.text.split())
    assert [row[0] for row in ranking_table(plain)] == ["1"] + ["2 đồng hạng"] * 3 + ["5 đồng hạng"] * 2
    assert (
        "Bằng điểm thì xét điểm bài cao nhất (thiết lập của phong trào); bằng cả hai thì đồng hạng. "
        "Thời điểm gửi bài không dùng để xếp hạng."
    ) in " ".join(broken.text.split())
    assert [row[0] for row in ranking_table(broken)] == [
        "1",
        "2 đồng hạng phân định theo bài cao nhất",
        "2 đồng hạng phân định theo bài cao nhất",
        "4 phân định theo bài cao nhất",
        "5 đồng hạng",
        "5 đồng hạng",
    ]


def test_equal_score_is_decided_by_the_best_single_entry_when_the_campaign_chose_it(ranking_world):
    """Sum of the best K = 2: Giang 50 + 40 = 90 (best 50), Hà 60 + 30 = 90 (best 60), all sent on 01/11.

    With the tie-break: Hà's best entry is higher, so Hà is 1 and Giang 2, neither "đồng hạng".
    Without it: both 1, "đồng hạng".
    """
    w = ranking_world
    w.configure(participant_rule=ParticipantRule.BEST_K_SUM, best_k=2)
    giang, ha = w.person("Giang"), w.person("Hà")
    for person, totals in [(giang, [50, 40]), (ha, [60, 30])]:
        for total in totals:
            w.entry(person, total)

    assert ranked(w.campaign) == [("Giang", 1, Decimal(90), True), ("Hà", 1, Decimal(90), True)]
    w.configure(tie_break=TieBreak.BEST_ENTRY)
    assert ranked(w.campaign) == [("Hà", 1, Decimal(90), False), ("Giang", 2, Decimal(90), False)]


def test_submission_time_never_decides_a_rank(ranking_world):
    """Khánh 80 sent on 10/11, Lan 80 sent on 05/11 09:00, Minh 80 sent on 05/11 08:00.

    Score and best entry are equal, so all three share rank 1, listed by name, with or without
    the merit tie-break: an earlier submission is no merit.
    """
    w = ranking_world
    w.entry(w.person("Khánh"), 80, submitted_at=w.moment(11, 10))
    w.entry(w.person("Lan"), 80, submitted_at=w.moment(11, 5))
    w.entry(w.person("Minh"), 80, submitted_at=w.moment(11, 5, hour=8))

    expected = [("Khánh", 1, Decimal(80), True), ("Lan", 1, Decimal(80), True), ("Minh", 1, Decimal(80), True)]
    assert ranked(w.campaign) == expected
    w.configure(tie_break=TieBreak.BEST_ENTRY)
    assert ranked(w.campaign) == expected


# --- The participant score rules -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (ParticipantRule.BEST_K_SUM, Decimal(170)),  # K = 2: 90 + 80
        (ParticipantRule.BEST, Decimal(90)),  # the best entry
        (ParticipantRule.MEAN, Decimal(80)),  # (90 + 80 + 70) / 3
    ],
)
def test_participant_score_follows_the_campaigns_rule(ranking_world, ranking_leader_client, rule, expected):
    """Three counted entries of 90, 80 and 70 with K = 2: best-K sum 170, best entry 90, mean 80."""
    w = ranking_world
    w.configure(participant_rule=rule, best_k=2)
    unit = w.unit("Phòng Chính sách dân tộc")
    for total in (90, 80, 70):
        w.entry(unit, total)

    rows, total = ranking(w.campaign, COLLECTIVE)
    response = ranking_leader_client.get(ranking_url(w.campaign, loai="tap-the"))

    assert [(r.rank, r.score, r.best, r.counted_entries) for r in rows] == [(1, expected, Decimal(90), 3)]
    assert [(row[1], row[3], row[4]) for row in ranking_table(response)] == [
        ("Phòng Chính sách dân tộc", "3", str(expected))
    ]


def test_best_k_sum_adds_every_entry_when_there_are_fewer_than_k(ranking_world):
    """K = 3 (the default) and two entries of 45.5 and 30: the score is 75.5."""
    w = ranking_world
    person = w.person("Nguyễn Thị Năm")
    w.entry(person, Decimal("45.5"))
    w.entry(person, 30)

    assert ranked(w.campaign) == [("Nguyễn Thị Năm", 1, Decimal("75.5"), False)]


# --- Quorum and withdrawn entries ---------------------------------------------------------------


def test_entry_below_quorum_is_left_out_of_the_score_and_a_participant_with_only_such_entries_is_not_ranked(
    ranking_world, ranking_leader_client
):
    """Quorum 3, rule: best entry.

    Phòng A: 80 scored by 3 members (counted) and 95 scored by only 2 of the 3 assigned (not
    counted), so A's score is 80, not 95, from 1 counted entry. Phòng B: only a 99 scored by 2
    members, so B is not ranked at all.
    """
    w = ranking_world
    w.configure(participant_rule=ParticipantRule.BEST)
    unit_a, unit_b = w.unit("Phòng A"), w.unit("Phòng B")
    w.entry(unit_a, 80)
    w.entry(unit_a, 95, scored_by=2, assigned=3)
    w.entry(unit_b, 99, scored_by=2, assigned=3)

    response = ranking_leader_client.get(ranking_url(w.campaign, loai="tap-the"))

    assert ranked(w.campaign, COLLECTIVE) == [("Phòng A", 1, Decimal(80), False)]
    assert [(row[1], row[3], row[4], row[5]) for row in ranking_table(response)] == [("Phòng A", "1", "80", "3/3")]


def test_a_member_who_scored_only_some_criteria_does_not_count_towards_the_quorum(ranking_world):
    """Two members score TC1 and TC2 fully; the third saves only TC1 (a partial sheet).

    Only 2 complete sheets < quorum 3: the entry is not counted and its participant not ranked.
    """
    w = ranking_world
    unit = w.unit("Phòng Tổ chức")
    entry = w.entry(unit, 90, scored_by=2, assigned=3)
    third = Assignment.objects.get(entry=entry, member=w.members[2])
    Score.objects.create(entry=entry, criterion=w.tc1, member=third.member, points=Decimal(54))

    result = refresh_entry_result(entry=entry)

    assert (result.complete_members, result.counted) == (2, False)
    assert ranked(w.campaign, COLLECTIVE) == []


def test_scoring_completeness_column_shows_complete_sheets_out_of_assigned(ranking_world, ranking_leader_client):
    """Four members assigned, three of them scored: the entry counts (quorum 3) and shows 3/4."""
    w = ranking_world
    w.entry(w.unit("Phòng Kế hoạch"), 70, scored_by=3, assigned=4)

    response = ranking_leader_client.get(ranking_url(w.campaign, loai="tap-the"))

    assert [(row[1], row[5]) for row in ranking_table(response)] == [("Phòng Kế hoạch", "3/4")]


def test_withdrawn_entries_are_not_counted(ranking_world):
    """Phòng C's 100 is withdrawn after scoring: C keeps only its 60. Phòng D's only entry (90) is
    withdrawn: D is not ranked."""
    w = ranking_world
    unit_c, unit_d = w.unit("Phòng C"), w.unit("Phòng D")
    withdrawn = [w.entry(unit_c, 100), w.entry(unit_d, 90)]
    w.entry(unit_c, 60)
    Entry.objects.filter(pk__in=[e.pk for e in withdrawn]).update(status=EntryStatus.WITHDRAWN)

    assert ranked(w.campaign, COLLECTIVE) == [("Phòng C", 1, Decimal(60), False)]


def test_the_quorum_cannot_be_raised_once_scoring_started(ranking_world, client):
    """Scoring starts while the campaign is still open (15/11/2022); the quorum is then frozen, so a
    result computed under a quorum of 3 is never read under 4. Phòng E (3 complete sheets) stays ranked.
    """
    w = ranking_world
    with time_machine.travel(w.moment(11, 15), tick=False):
        w.entry(w.unit("Phòng E"), 88)
        client.force_login(w.secretary)
        change = reverse("admin:campaigns_campaign_change", args=[w.campaign.pk])
        page = client.get(change)
        data = form_data(page)
        data["quorum"] = "4"

        response = client.post(change, data)

    w.campaign.refresh_from_db()
    assert (response.status_code, w.campaign.quorum) == (302, 3)
    assert "số thành viên tối thiểu, cách phân định người bằng điểm" in page.text
    assert ranked(w.campaign, COLLECTIVE) == [("Phòng E", 1, Decimal(88), False)]


def test_the_aggregation_cannot_change_once_scoring_started(ranking_world, client):
    """Points of the three members: TC1 48, 50, 58 (mean 52); TC2 30, 35, 37 (mean 34): 86 by the mean.
    A switch to the median after scoring started is refused (the field is read-only): still 86.
    """
    w = ranking_world
    with time_machine.travel(w.moment(11, 15), tick=False):
        sheets = [{"TC1": 48, "TC2": 30}, {"TC1": 50, "TC2": 35}, {"TC1": 58, "TC2": 37}]
        w.entry(w.unit("Phòng G"), sheets=sheets)
        client.force_login(w.secretary)
        change = reverse("admin:campaigns_campaign_change", args=[w.campaign.pk])
        data = form_data(client.get(change))
        data["aggregation"] = Aggregation.MEDIAN

        response = client.post(change, data)

    w.campaign.refresh_from_db()
    assert (response.status_code, w.campaign.aggregation) == (302, Aggregation.MEAN)
    assert ranked(w.campaign, COLLECTIVE) == [("Phòng G", 1, Decimal(86), False)]


# --- Filters ------------------------------------------------------------------------------------


def test_reform_area_filter_counts_only_the_entries_of_that_area(ranking_world, ranking_leader_client):
    """Hùng: 90 in area 1 and 60 in area 2; Khoa: 80 in area 2.

    All areas (best-K sum): Hùng 150, Khoa 80. Area 2 only: Khoa 80 first, Hùng 60 second.
    Area 1 only: Hùng 90 alone.
    """
    w = ranking_world
    hung, khoa = w.person("Hùng"), w.person("Khoa")
    w.entry(hung, 90, area=w.area1)
    w.entry(hung, 60, area=w.area2)
    w.entry(khoa, 80, area=w.area2)

    everything = ranking_leader_client.get(ranking_url(w.campaign, loai="ca-nhan"))
    area2 = ranking_leader_client.get(ranking_url(w.campaign, loai="ca-nhan", **{"noi-dung": 2}))
    area1 = ranking_leader_client.get(ranking_url(w.campaign, loai="ca-nhan", **{"noi-dung": 1}))

    assert [(r[0], r[1], r[3], r[4]) for r in ranking_table(everything)] == [
        ("1", "Hùng", "2", "150"),
        ("2", "Khoa", "1", "80"),
    ]
    assert [(r[0], r[1], r[3], r[4]) for r in ranking_table(area2)] == [
        ("1", "Khoa", "1", "80"),
        ("2", "Hùng", "1", "60"),
    ]
    assert [(r[0], r[1], r[3], r[4]) for r in ranking_table(area1)] == [("1", "Hùng", "1", "90")]
    assert "Chỉ tính các bài thuộc nội dung 2." in area2.content.decode()


def test_unit_filter_keeps_people_of_the_unit_and_its_sub_units(ranking_world, ranking_leader_client):
    """Units: Văn phòng Ban > Tổ Hành chính; Phòng Dân tộc apart. One person in each, scores 70, 80, 90.

    Filtering on Văn phòng Ban keeps the people of it and of Tổ Hành chính only.
    """
    w = ranking_world
    office = w.unit("Văn phòng Ban", code="van-phong")
    team = w.unit("Tổ Hành chính", parent=office, code="to-hanh-chinh")
    other = w.unit("Phòng Dân tộc", code="phong-dan-toc")
    w.entry(w.person("Người Văn phòng", unit=office), 70)
    w.entry(w.person("Người Tổ", unit=team), 80)
    w.entry(w.person("Người Phòng khác", unit=other), 90)

    response = ranking_leader_client.get(ranking_url(w.campaign, loai="ca-nhan", **{"don-vi": "van-phong"}))
    sub_unit = ranking_leader_client.get(ranking_url(w.campaign, loai="ca-nhan", **{"don-vi": "to-hanh-chinh"}))

    assert [(r[0], r[1], r[2]) for r in ranking_table(response)] == [
        ("1", "Người Tổ", "Tổ Hành chính"),
        ("2", "Người Văn phòng", "Văn phòng Ban"),
    ]
    assert [(r[0], r[1]) for r in ranking_table(sub_unit)] == [("1", "Người Tổ")]


def test_unit_filter_on_collectives_keeps_the_unit_and_its_sub_units(ranking_world, ranking_leader_client):
    """Collectives Văn phòng Ban (75) > Tổ Hành chính (85), Phòng Dân tộc (95) apart: the filter on
    Văn phòng Ban shows Tổ Hành chính 1st and Văn phòng Ban 2nd, with its parent in the unit column."""
    w = ranking_world
    office = w.unit("Văn phòng Ban", code="van-phong")
    team = w.unit("Tổ Hành chính", parent=office)
    other = w.unit("Phòng Dân tộc")
    for unit, total in [(office, 75), (team, 85), (other, 95)]:
        w.entry(unit, total)

    response = ranking_leader_client.get(ranking_url(w.campaign, loai="tap-the", **{"don-vi": "van-phong"}))

    assert [(r[0], r[1], r[2], r[4]) for r in ranking_table(response)] == [
        ("1", "Tổ Hành chính", "Văn phòng Ban", "85"),
        ("2", "Văn phòng Ban", "", "75"),
    ]


def test_collectives_and_individuals_are_ranked_separately(ranking_world, ranking_leader_client):
    """A unit scoring 60 and a person scoring 95: each is first of their own tab and absent from the other."""
    w = ranking_world
    w.entry(w.unit("Phòng Thanh tra"), 60)
    w.entry(w.person("Võ Thị Sáu"), 95)

    collectives = ranking_leader_client.get(ranking_url(w.campaign, loai="tap-the"))
    individuals = ranking_leader_client.get(ranking_url(w.campaign, loai="ca-nhan"))
    default = ranking_leader_client.get(ranking_url(w.campaign))

    assert [(r[0], r[1], r[4]) for r in ranking_table(collectives)] == [("1", "Phòng Thanh tra", "60")]
    assert [(r[0], r[1], r[4]) for r in ranking_table(individuals)] == [("1", "Võ Thị Sáu", "95")]
    assert ranking_table(default) == ranking_table(collectives)


def test_unknown_filters_are_ignored_and_an_unknown_kind_is_not_found(ranking_world, ranking_leader_client):
    w = ranking_world
    w.entry(w.person("Đặng Văn Bảy"), 70)

    unknown = ranking_leader_client.get(ranking_url(w.campaign, loai="ca-nhan", **{"noi-dung": 99, "don-vi": "x"}))
    bad_kind = ranking_leader_client.get(ranking_url(w.campaign, loai="ca-the"))

    assert [(r[0], r[1]) for r in ranking_table(unknown)] == [("1", "Đặng Văn Bảy")]
    assert bad_kind.status_code == 404


def test_criteria_of_one_kind_only_do_not_hold_back_the_other_kind(ranking_world):
    """A third criterion for collectives only: a person's entry is complete with TC1 and TC2 alone."""
    w = ranking_world
    Criterion.objects.create(
        campaign=w.campaign, code="TC3", name="Phối hợp", order=3, max_points=10, for_individuals=False
    )
    w.entry(w.person("Lý Văn Tám"), 77)

    assert ranked(w.campaign) == [("Lý Văn Tám", 1, Decimal(77), False)]


def test_the_page_lists_all_participants_on_one_page_or_in_pages_of_250(ranking_world, ranking_leader_client):
    """Two participants: one page, no pagination; ``tat-ca=1`` gives the same rows."""
    w = ranking_world
    w.entry(w.person("Một"), 60)
    w.entry(w.person("Hai"), 50)

    paged = ranking_leader_client.get(ranking_url(w.campaign, loai="ca-nhan"))
    whole = ranking_leader_client.get(ranking_url(w.campaign, loai="ca-nhan", **{"tat-ca": 1}))

    assert ranking_table(paged) == ranking_table(whole)
    assert (paged.context["ranking"].pages, paged.context["ranking"].total) == (1, 2)


def test_assigning_more_members_later_does_not_change_a_counted_score(ranking_world):
    """An entry scored 64 by three members stays 64 when a fourth is assigned and has not scored yet."""
    w = ranking_world
    entry = w.entry(w.unit("Phòng Pháp chế"), 64)

    assign_entry(entry=entry, member=w.members[3], by=w.secretary)

    assert ranked(w.campaign, COLLECTIVE) == [("Phòng Pháp chế", 1, Decimal(64), False)]


def test_each_name_links_to_its_explanation_and_the_newest_list_names_the_award_form(
    ranking_world, ranking_leader_client
):
    """Phòng Lưu trữ is on the compiled (draft) list for the Board's certificate; Phòng Văn thư is not."""
    w = ranking_world
    archive, records = w.unit("Phòng Lưu trữ", code="luu-tru"), w.unit("Phòng Văn thư", code="van-thu")
    w.entry(archive, 90)
    w.entry(records, 60)
    form = AwardFormFactory(campaign=w.campaign, name="Giấy khen của Trưởng Ban Dân tộc", min_score=80)
    nominee_list = NomineeList.objects.create(
        campaign=w.campaign, version=1, fingerprint="0" * 64, compiled_by="Hệ thống"
    )
    Nominee.objects.create(
        nominee_list=nominee_list,
        kind=COLLECTIVE,
        unit=archive,
        award_form=form,
        position=1,
        rank=1,
        score=90,
        summary="Sáng kiến lưu trữ số",
    )

    response = ranking_leader_client.get(ranking_url(w.campaign, loai="tap-the"))

    document = lxml.html.fromstring(response.content.decode())
    assert document.xpath("//table/tbody/tr/td[2]/a/@href") == [
        reverse("ranking_explain", args=[w.campaign.slug, "tap-the", "luu-tru"]),
        reverse("ranking_explain", args=[w.campaign.slug, "tap-the", "van-thu"]),
    ]
    assert [(row[1], row[6]) for row in ranking_table(response)] == [
        ("Phòng Lưu trữ", "Giấy khen của Trưởng Ban Dân tộc"),
        ("Phòng Văn thư", ""),
    ]


def test_a_translated_label_with_braces_is_shown_as_written(ranking_world, ranking_leader_client, monkeypatch):
    """The table's rows are built from escaped parts, never as a template: a brace in a translation
    (or a name) is only a character."""
    from awards import views

    w = ranking_world
    w.entry(w.person("Lê {0} {name}"), 80)
    monkeypatch.setattr(views, "_", lambda text: f"{text} {{rank}} {{0}} <b>")

    page = lxml.html.fromstring(ranking_leader_client.get(ranking_url(w.campaign, loai="ca-nhan")).content.decode())

    cell = page.xpath("//table/tbody/tr/td")[1]
    assert (cell.get("data-label"), cell.text_content()) == ("Cá nhân {rank} {0} <b>", "Lê {0} {name}")


def test_every_page_cut_by_the_database_is_the_same_slice_of_the_whole_ranking(ranking_world):
    """Pages are cut by rank before names are read: ties in name order across every boundary."""
    w = ranking_world
    for name, total in [("Chi", 70), ("An", 70), ("Bình", 70), ("Dũng", 60), ("Em", 50), ("Giang", 50)]:
        w.entry(w.person(name), total)
    whole, count = ranking(w.campaign, INDIVIDUAL)

    pages = {
        (offset, limit): ranking(w.campaign, INDIVIDUAL, offset=offset, limit=limit)
        for offset in range(7)
        for limit in (1, 2, 4)
    }

    assert [row.name for row in whole] == ["An", "Bình", "Chi", "Dũng", "Em", "Giang"]
    assert pages == {(offset, limit): (whole[offset : offset + limit], count) for offset, limit in pages}
