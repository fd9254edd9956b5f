from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from campaigns.enums import Role

pytestmark = pytest.mark.django_db


def test_sign_in_page_speaks_vietnamese(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "vi"
    assert "Đăng nhập" in response.text
    assert "Tên đăng nhập" in response.text
    assert 'lang="vi"' in response.text


def test_home_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next=/"


def test_wrong_password_is_explained_in_vietnamese(client, make_user):
    make_user("canbo", Role.STAFF)
    response = client.post(reverse("login"), {"username": "canbo", "password": "sai"})
    assert response.status_code == 200
    assert "Vui lòng điền vào" in response.text


def test_every_demo_login_reaches_its_own_home_page(client):
    call_command("load_demo", stdout=StringIO())
    usernames = list(get_user_model().objects.order_by("username").values_list("username", flat=True))
    assert len(usernames) == 26
    for username in usernames:
        assert client.login(username=username, password=settings.DEMO_PASSWORD), username
        response = client.get(reverse("home"))
        assert response.status_code == 200
        assert "Vai trò của bạn" in response.text
        client.logout()


def test_load_demo_twice_changes_nothing():
    call_command("load_demo", stdout=StringIO())
    from campaigns.models import Person, Unit

    counts = (Unit.objects.count(), Person.objects.count(), get_user_model().objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (Unit.objects.count(), Person.objects.count(), get_user_model().objects.count()) == counts
    assert Person.objects.filter(is_sample=False).count() == 0


def test_navigation_offers_the_council_desk_only_to_admin_site_roles(client, make_user):
    client.force_login(make_user("canbo", Role.STAFF))
    assert "Bàn làm việc Hội đồng" not in client.get(reverse("home")).text

    client.force_login(make_user("uyvien", Role.COUNCIL_MEMBER, Role.STAFF))
    assert "Bàn làm việc Hội đồng" in client.get(reverse("home")).text


def test_navigation_offers_my_entries_to_those_who_write_entries(client, make_user):
    link = f'href="{reverse("my_entries")}"'
    offered = {}
    for username, role in [("canbo", Role.STAFF), ("thutruong", Role.UNIT_HEAD), ("lanhdao", Role.LEADER)]:
        client.force_login(make_user(username, role))
        offered[role] = link in client.get(reverse("home")).text

    assert offered == {Role.STAFF: True, Role.UNIT_HEAD: True, Role.LEADER: False}


def test_staff_member_cannot_open_the_admin(client, make_user):
    client.force_login(make_user("canbo", Role.STAFF))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_secretary_sees_units_and_people_and_lists_accounts_without_changing_them(client, make_user):
    secretary = make_user("thuky", Role.SECRETARY)
    other = make_user("canbo", Role.STAFF)
    client.force_login(secretary)
    assert client.get(reverse("admin:campaigns_unit_changelist")).status_code == 200
    assert client.get(reverse("admin:campaigns_person_changelist")).status_code == 200
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 200  # to invite (issue 13, item 7)
    assert client.get(reverse("admin:auth_user_add")).status_code == 403
    assert client.post(reverse("admin:auth_user_password_change", args=[other.pk]), {}).status_code == 403


def test_password_change_in_vietnamese(client, make_user):
    user = make_user("canbo", Role.STAFF)
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": "mat-khau-thu", "new_password1": "Cchc-2022-moi!", "new_password2": "Cchc-2022-moi!"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Cchc-2022-moi!")


def test_sign_out_is_a_post(client, make_user):
    client.force_login(make_user("canbo", Role.STAFF))
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.parametrize("count", [1, 3])
def test_home_page_query_count_does_not_grow_with_roles(client, make_user, django_assert_num_queries, count):
    roles = [Role.STAFF, Role.UNIT_HEAD, Role.LEADER][:count]
    client.force_login(make_user("nhieuvaitro", *roles))
    # user, their role groups, campaigns, my entries, entries to endorse, person with unit, agency,
    # lists posted for comment (issue 14, item 21; the session comes from the cache)
    with django_assert_num_queries(10):
        response = client.get(reverse("home"))
    assert response.status_code == 200


def test_footer_names_the_agency(client, make_user):
    from tests.factories import AgencyFactory

    AgencyFactory()
    client.force_login(make_user("canbo", Role.STAFF))
    assert "Ban Dân tộc tỉnh Vĩnh Long" in client.get(reverse("home")).text


def test_an_agency_renamed_in_the_admin_heads_the_next_page_at_once(
    client, make_user, django_capture_on_commit_callbacks
):
    import lxml.html

    from tests.factories import AgencyFactory

    def footer():
        page = lxml.html.fromstring(client.get(reverse("home")).content.decode())
        return " ".join(page.xpath("//footer")[0].text_content().split())

    agency = AgencyFactory()
    client.force_login(make_user("quantri", Role.ADMINISTRATOR))
    assert "Ban Dân tộc tỉnh Vĩnh Long ·" in footer()  # now cached
    form = {
        "code": agency.code,
        "name": "Ban Dân tộc tỉnh Vĩnh Long (mới)",
        "parent_authority": agency.parent_authority,
        "place_name": agency.place_name,
        "header_name": agency.header_name,
    }

    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(reverse("admin:campaigns_agency_change", args=[agency.pk]), form)

    assert saved.status_code == 302
    assert "Ban Dân tộc tỉnh Vĩnh Long (mới) ·" in footer()


def test_missing_page_explains_itself_in_vietnamese(client, make_user):
    client.force_login(make_user("canbo-loi", Role.STAFF))
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
    assert reverse("home") in response.content.decode()


def test_expired_form_says_nothing_was_saved_and_what_to_do(make_user):
    from django.test import Client

    make_user("canbo-csrf", Role.STAFF)
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "canbo-csrf", "password": "mat-khau-thu"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Phiên làm việc đã hết hạn" in page and "chưa có gì được lưu" in page
    assert "_auth_user_id" not in client.session


def test_server_error_page_needs_no_database_and_speaks_vietnamese():
    from django.test import RequestFactory
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Lỗi máy chủ" in response.content.decode() and "không bị mất" in response.content.decode()
