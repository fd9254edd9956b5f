"""The register's front pages (issue 17, item 5): "Khen thưởng của tôi" shows only the signed-in
person's awards, across years; a unit's history opens to its head, leaders and the secretary, and
is not found for anyone else while it holds awards."""

from datetime import date

import lxml.html
import pytest
from django.urls import reverse

from campaigns.enums import Role
from honours.enums import RegisterSource
from honours.models import RegisterEntry
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def award(*, year, title="Lao động tiên tiến", **participant):
    return RegisterEntry.objects.create(
        year=year,
        title=title,
        decision_number=f"{year - 2000}/QĐ-BDT",
        decision_date=date(year, 12, 20),
        source=RegisterSource.IMPORTED,
        **participant,
    )


def table(response) -> list[list[str]]:
    document = lxml.html.fromstring(response.content.decode())
    return [
        [" ".join(cell.text_content().split()) for cell in row.xpath("./td")]
        for row in document.xpath("//table/tbody/tr")
    ]


@pytest.fixture
def office(make_user):
    """Văn phòng headed by Trưởng; An works there; Bình works in another unit."""
    unit = UnitFactory(code="van-phong", name="Văn phòng")
    other = UnitFactory(code="phong-khac", name="Phòng khác")
    head = make_user("truong", Role.UNIT_HEAD, full_name="Lê Văn Trưởng", unit=unit)
    unit.head = head.person
    unit.save()
    an = make_user("an", Role.STAFF, full_name="Nguyễn Văn An", unit=unit)
    binh = make_user("binh", Role.STAFF, full_name="Trần Thị Bình", unit=other)
    other_head = make_user("truong2", Role.UNIT_HEAD, full_name="Võ Văn Khác", unit=other)
    other.head = other_head.person
    other.save()
    return {"unit": unit, "other": other, "head": head, "an": an, "binh": binh, "other_head": other_head}


def test_my_awards_shows_mine_across_years_and_not_a_colleagues(client, office):
    award(year=2020, person=office["an"].person)
    award(year=2021, title="Chiến sĩ thi đua cơ sở", person=office["an"].person)
    award(year=2021, title="Giấy khen", person=office["binh"].person)
    client.force_login(office["an"])

    response = client.get(reverse("my_honours"))

    assert [row[:2] for row in table(response)] == [["2021", "Chiến sĩ thi đua cơ sở"], ["2020", "Lao động tiên tiến"]]
    assert "Giấy khen" not in response.text


def test_the_navigation_links_to_my_awards(client, office):
    client.force_login(office["an"])

    document = lxml.html.fromstring(client.get(reverse("home")).content.decode())

    assert document.xpath("//nav//a[@href=$url]/text()", url=reverse("my_honours")) == ["Khen thưởng của tôi"]


@pytest.mark.parametrize("count", [1, 3])
def test_my_awards_queries_do_not_grow_with_the_awards(client, office, count, django_assert_num_queries):
    for year in range(2020, 2020 + count):
        award(year=year, person=office["an"].person)
    client.force_login(office["an"])

    with django_assert_num_queries(7):  # user, groups, person, awards, initiatives, headed units, agency
        response = client.get(reverse("my_honours"))

    assert len(table(response)) == count


def test_a_unit_history_holds_the_units_awards_and_its_peoples(client, office, make_user):
    award(year=2020, title="Tập thể lao động tiên tiến", unit=office["unit"])
    award(year=2021, person=office["an"].person)
    award(year=2021, title="Giấy khen", person=office["binh"].person)
    client.force_login(office["head"])

    response = client.get(reverse("unit_honours", args=["van-phong"]))

    assert [row[:3] for row in table(response)] == [
        ["2021", f"Nguyễn Văn An ({office['an'].person.code})", "Lao động tiên tiến"],
        ["2020", "Tập thể đơn vị", "Tập thể lao động tiên tiến"],
    ]


@pytest.mark.parametrize(
    ("persona", "status"),
    [("head", 200), ("leader", 200), ("secretary", 200), ("an", 404), ("other_head", 404), ("administrator", 404)],
)
def test_a_unit_history_opens_to_its_head_leaders_and_the_secretary_only(client, office, make_user, persona, status):
    award(year=2020, title="Tập thể lao động tiên tiến", unit=office["unit"])
    users = {**office, "leader": make_user("lanhdao", Role.LEADER), "secretary": make_user("thuky", Role.SECRETARY)}
    users["administrator"] = make_user("quantri", Role.ADMINISTRATOR)
    client.force_login(users[persona])

    response = client.get(reverse("unit_honours", args=["van-phong"]))

    assert response.status_code == status
    assert ("Tập thể lao động tiên tiến" in response.text) == (status == 200)


@pytest.mark.parametrize("count", [1, 3])
def test_a_unit_history_queries_do_not_grow_with_the_awards(client, office, count, django_assert_num_queries):
    for year in range(2020, 2020 + count):
        award(year=year, person=office["an"].person)
    client.force_login(office["head"])

    with django_assert_num_queries(6):  # user, groups, unit, awards, initiatives, the agency (page header)
        response = client.get(reverse("unit_honours", args=["van-phong"]))

    assert len(table(response)) == count


def test_an_unknown_unit_is_not_found(client, office):
    client.force_login(office["head"])

    assert client.get(reverse("unit_honours", args=["khong-co"])).status_code == 404
