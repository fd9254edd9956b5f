"""The leaders' pages run the same number of queries whatever the number of participants (DESIGN.md figures)."""

import pytest
from django.urls import reverse

from awards.enums import ListStatus
from awards.models import Nominee, NomineeList
from campaigns.enums import ParticipantKind, Role
from tests.awards.conftest import ranking_table
from tests.factories import AwardFormFactory

pytestmark = pytest.mark.django_db


def populate(world, count):
    """``count`` collectives and ``count`` people, each with ``count`` scored entries in both areas, a
    parent unit for the collectives, award forms of both kinds and a compiled list naming everyone."""
    parent = world.unit("Văn phòng Ban", code="van-phong")
    units, people = [], []
    for index in range(count):
        units.append(world.unit(f"Phòng số {index + 1}", parent=parent, code=f"phong-{index + 1}"))
        people.append(world.person(f"Cán bộ số {index + 1}", code=f"cb-{index + 1}"))
    for participant in units + people:
        for number in range(count):
            world.entry(participant, 60 + 5 * number, area=[world.area1, world.area2][number % 2])
    form = AwardFormFactory(campaign=world.campaign, name="Giấy khen", precedence=1, min_score=50, quota_count=2)
    AwardFormFactory(
        campaign=world.campaign, name="Giấy khen cá nhân", recipient_kind=ParticipantKind.INDIVIDUAL, min_score=50
    )
    nominee_list = NomineeList.objects.create(
        campaign=world.campaign, version=1, status=ListStatus.DRAFT, fingerprint="0" * 64, compiled_by="Hệ thống"
    )
    for position, unit in enumerate(units, start=1):
        Nominee.objects.create(
            nominee_list=nominee_list,
            kind=ParticipantKind.COLLECTIVE,
            unit=unit,
            award_form=form,
            position=position,
            rank=position,
            score=100,
            summary="Tóm tắt",
        )
    return units, people


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize("kind_slug", ["tap-the", "ca-nhan"])
def test_ranking_page_queries_do_not_grow_with_participants(
    ranking_world, ranking_leader_client, count, kind_slug, django_assert_num_queries
):
    populate(ranking_world, count)
    url = reverse("ranking", args=[ranking_world.campaign.slug]) + f"?loai={kind_slug}"

    # user, their groups, the campaign with the ranking's version, areas, the ranking (one statement),
    # the newest list and its nominees, the agency and the units for the filter (the session comes
    # from the cache)
    with django_assert_num_queries(9):
        response = ranking_leader_client.get(url)

    assert len(response.context["ranking"].rows) == count


@pytest.mark.parametrize("count", [1, 3])
def test_filtered_ranking_page_queries_do_not_grow_with_participants(
    ranking_world, ranking_leader_client, count, django_assert_num_queries
):
    populate(ranking_world, count)
    url = reverse("ranking", args=[ranking_world.campaign.slug]) + "?loai=tap-the&noi-dung=1&don-vi=van-phong"

    # as the unfiltered page, plus the chosen area, the chosen unit and the unit tree
    with django_assert_num_queries(12):
        response = ranking_leader_client.get(url)

    assert len(response.context["ranking"].rows) == count


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize("kind_slug", ["tap-the", "ca-nhan"])
def test_explain_page_queries_do_not_grow_with_participants_or_entries(
    ranking_world, ranking_leader_client, count, kind_slug, django_assert_num_queries
):
    """``count`` participants of the kind; the explained one has ``count`` entries of three sheets each."""
    units, people = populate(ranking_world, count)
    explained = (units if kind_slug == "tap-the" else people)[0]
    url = reverse("ranking_explain", args=[ranking_world.campaign.slug, kind_slug, explained.code])

    with django_assert_num_queries(12):
        response = ranking_leader_client.get(url)

    assert (response.context["ranked_total"], len(response.context["entries"])) == (count, count)


@pytest.mark.parametrize("count", [1, 3])
def test_charts_page_queries_do_not_grow_with_participants(
    ranking_world, ranking_leader_client, count, django_assert_num_queries
):
    populate(ranking_world, count)
    url = reverse("ranking_charts", args=[ranking_world.campaign.slug])

    with django_assert_num_queries(10):  # one aggregate per chart, the names they need, the user and groups
        response = ranking_leader_client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_excel_export_queries_do_not_grow_with_participants(
    ranking_world, ranking_leader_client, count, django_assert_num_queries
):
    populate(ranking_world, count)
    url = reverse("ranking_export", args=[ranking_world.campaign.slug]) + "?loai=ca-nhan"

    # user, their groups, campaign, areas, criteria, the newest list's nominations for the award
    # column (one query, whatever the number of nominees), and the ranking with its parts in one statement
    with django_assert_num_queries(7):
        response = ranking_leader_client.get(url)
    body = b"".join(response.streaming_content)
    response.close()

    assert body.startswith(b"PK")


def test_a_second_view_of_the_ranking_reads_it_from_the_cache_until_a_score_changes(
    ranking_world, ranking_leader_client, django_assert_num_queries
):
    """The cache is keyed on the results' version, read with the campaign; a new score moves it."""
    w = ranking_world
    w.entry(w.unit("Phòng A"), 80)
    url = reverse("ranking", args=[w.campaign.slug])
    ranking_leader_client.get(url)

    # the user, their groups and the campaign with the version (session and agency from the cache):
    # the cold page runs 9
    with django_assert_num_queries(3):
        cached = ranking_leader_client.get(url)
    w.entry(w.unit("Phòng B"), 90)
    fresh = ranking_leader_client.get(url)

    assert "Phòng A" in cached.text and "Phòng B" not in cached.text
    assert [row.name for row in fresh.context["ranking"].rows] == ["Phòng B", "Phòng A"]


def test_a_unit_renamed_in_the_admin_shows_renamed_on_the_cached_ranking_at_once(
    ranking_world, ranking_leader_client, make_user, client, django_capture_on_commit_callbacks
):
    w = ranking_world
    unit = w.unit("Phòng A")
    w.entry(unit, 80)
    url = reverse("ranking", args=[w.campaign.slug])
    assert "Phòng A" in ranking_leader_client.get(url).text  # now cached
    client.force_login(make_user("quantri", Role.ADMINISTRATOR))
    form = {"agency": unit.agency_id, "parent": "", "code": unit.code, "name": "Phòng Cải cách hành chính"}

    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(reverse("admin:campaigns_unit_change", args=[unit.pk]), {**form, "order": 0, "head": ""})

    assert saved.status_code == 302
    page = ranking_leader_client.get(url).text
    assert "Phòng Cải cách hành chính" in page and "Phòng A" not in page


def test_a_unit_and_a_person_renamed_from_the_shell_show_renamed_on_the_cached_ranking_at_once(
    ranking_world, ranking_leader_client
):
    """No write path has to tell the ranking: a plain ``save()`` (the shell, a data migration, the
    registration to come) moves the version, which is read from the data itself."""
    w = ranking_world
    unit = w.unit("Phòng A")
    person = w.person("Nguyễn Văn An", unit=unit)
    w.entry(unit, 80)
    w.entry(person, 70)
    collectives = reverse("ranking", args=[w.campaign.slug])
    individuals = collectives + "?loai=ca-nhan"
    assert "Phòng A" in ranking_leader_client.get(collectives).text  # now cached
    assert "Nguyễn Văn An" in ranking_leader_client.get(individuals).text

    unit.name = "Phòng Tổng hợp"
    unit.save()
    person.full_name = "Nguyễn Văn Anh"
    person.save()

    shown = [ranking_table(ranking_leader_client.get(url))[0][1:3] for url in (collectives, individuals)]
    assert shown == [["Phòng Tổng hợp", ""], ["Nguyễn Văn Anh", "Phòng Tổng hợp"]]


def test_units_renamed_by_an_import_show_renamed_on_the_cached_ranking_and_a_preview_changes_nothing(
    ranking_world, ranking_leader_client, django_capture_on_commit_callbacks
):
    from tablib import Dataset

    from campaigns.resources import UnitResource

    w = ranking_world
    unit = w.unit("Phòng A", code="phong-a")
    w.entry(unit, 80)
    url = reverse("ranking", args=[w.campaign.slug])
    assert "Phòng A" in ranking_leader_client.get(url).text
    rows = Dataset(headers=["Mã cơ quan", "Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Thứ tự"])
    rows.append([w.agency.code, "phong-a", "Phòng Tổng hợp", "", 1])

    with django_capture_on_commit_callbacks(execute=True):
        UnitResource().import_data(rows, dry_run=True)
    previewed = ranking_leader_client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        UnitResource().import_data(rows, dry_run=False)
    imported = ranking_leader_client.get(url).text

    assert "Phòng A" in previewed
    assert "Phòng Tổng hợp" in imported and "Phòng A" not in imported
