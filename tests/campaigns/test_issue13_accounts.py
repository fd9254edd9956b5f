"""Issue 13 ("Close the holes an outside attack found"), items 1, 2, 7 and 16, through the pages a
person uses: the admin, the sign-in and password-reset forms."""

import os
import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from campaigns.enums import Role
from campaigns.permissions import roles_of
from campaigns.roles import GROUP_NAMES
from campaigns.tasks import task_clear_expired_sessions
from config.celery import app
from config.settings.base import client_address_settings
from tests.campaigns.test_imports import xlsx
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
ACCOUNT_HEADERS = ["Tên đăng nhập", "Họ và tên", "Email", "Hoạt động", "Vai trò", "Mã cán bộ"]


@pytest.fixture
def root(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True, email="root@example.invalid")


@pytest.fixture
def administrator(client, make_user):
    user = make_user("quantri", Role.ADMINISTRATOR)
    client.force_login(user)
    return user


def change_data(user, **overrides):
    """What the account form posts for ``user``, with ``overrides``."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": "",
        "email": user.email,
        "is_active": "on",
        "is_staff": "on",
        "groups": [group.pk for group in user.groups.all()],
        "date_joined_0": "01/01/2022",
        "date_joined_1": "08:00:00",
    }
    data.update(overrides)
    return data


def group(role):
    return Group.objects.get(name=GROUP_NAMES[role])


# Item 1 -------------------------------------------------------------------------------------------


def test_administrator_cannot_set_the_superusers_password(client, administrator, root):
    url = reverse("admin:auth_user_password_change", args=[root.pk])
    response = client.post(url, {"password1": "Chiem-quyen-2024!", "password2": "Chiem-quyen-2024!"})
    assert response.status_code == 403
    root.refresh_from_db()
    assert root.check_password("mat-khau-thu") is True


def test_administrator_cannot_grant_superuser_to_themselves(client, administrator):
    url = reverse("admin:auth_user_change", args=[administrator.pk])
    response = client.post(url, change_data(administrator, is_superuser="on"))
    assert response.status_code == 403
    administrator.refresh_from_db()
    assert administrator.is_superuser is False


def test_administrator_cannot_grant_superuser_to_an_ordinary_account(client, administrator, make_user):
    canbo = make_user("canbo", Role.STAFF)
    url = reverse("admin:auth_user_change", args=[canbo.pk])
    response = client.post(url, change_data(canbo, is_superuser="on", email="canbo@example.invalid"))
    assert response.status_code == 302
    canbo.refresh_from_db()
    assert (canbo.email, canbo.is_superuser) == ("canbo@example.invalid", False)


def test_administrator_cannot_add_themselves_to_leaders(client, administrator):
    url = reverse("admin:auth_user_change", args=[administrator.pk])
    groups = [group(Role.ADMINISTRATOR).pk, group(Role.STAFF).pk, group(Role.LEADER).pk]
    response = client.post(url, change_data(administrator, groups=groups))
    assert response.status_code == 403
    assert roles_of(type(administrator).objects.get(pk=administrator.pk)) == {Role.ADMINISTRATOR}


def test_administrator_cannot_grant_the_administrator_role(client, administrator, make_user):
    canbo = make_user("canbo", Role.STAFF)
    url = reverse("admin:auth_user_change", args=[canbo.pk])
    response = client.post(url, change_data(canbo, groups=[group(Role.STAFF).pk, group(Role.ADMINISTRATOR).pk]))
    assert response.status_code == 200
    assert "groups" in response.context["adminform"].form.errors
    assert roles_of(type(canbo).objects.get(pk=canbo.pk)) == {Role.STAFF}


def test_administrator_cannot_edit_another_administrator(client, administrator, make_user):
    other = make_user("quantri2", Role.ADMINISTRATOR)
    url = reverse("admin:auth_user_change", args=[other.pk])
    response = client.post(url, change_data(other, groups=[group(Role.STAFF).pk], is_active=""))
    assert response.status_code == 403
    other.refresh_from_db()
    assert (other.is_active, roles_of(other)) == (True, {Role.ADMINISTRATOR})


def test_administrator_manages_the_roles_of_an_ordinary_account(client, administrator, make_user):
    canbo = make_user("canbo", Role.STAFF)
    url = reverse("admin:auth_user_change", args=[canbo.pk])
    response = client.post(url, change_data(canbo, groups=[group(Role.STAFF).pk, group(Role.SECRETARY).pk]))
    assert response.status_code == 302
    assert roles_of(type(canbo).objects.get(pk=canbo.pk)) == {Role.STAFF, Role.SECRETARY}


def test_superuser_cannot_change_their_own_roles_but_grants_the_administrator_role(client, root, make_user):
    client.force_login(root)
    own = reverse("admin:auth_user_change", args=[root.pk])
    client.post(own, change_data(root, groups=[group(Role.LEADER).pk], is_superuser=""))
    root.refresh_from_db()
    assert (root.is_superuser, list(root.groups.all())) == (True, [])

    canbo = make_user("canbo", Role.STAFF)
    url = reverse("admin:auth_user_change", args=[canbo.pk])
    response = client.post(url, change_data(canbo, groups=[group(Role.ADMINISTRATOR).pk]))
    assert response.status_code == 302
    assert roles_of(type(canbo).objects.get(pk=canbo.pk)) == {Role.ADMINISTRATOR}


def admin_import(client, rows):
    upload = SimpleUploadedFile("tai-khoan.xlsx", xlsx(ACCOUNT_HEADERS, rows))
    return client.post(reverse("admin:auth_user_import"), {"import_file": upload, "format": "0"})


def test_administrator_import_cannot_grant_the_administrator_role_or_touch_a_superuser(
    client, administrator, root, make_user
):
    response = admin_import(client, [["moi", "Người mới", "", "Có", "Quản trị hệ thống", None]])
    assert "confirm_form" not in response.context
    assert "Chỉ quản trị viên cấp cao (superuser) mới được giao vai trò: Quản trị hệ thống." in response.text

    response = admin_import(client, [["root", "Root", "root@example.invalid", "Không", "", None]])
    assert "confirm_form" not in response.context
    assert "Chỉ quản trị viên cấp cao (superuser) mới được sửa tài khoản “root”." in response.text

    response = admin_import(client, [["quantri", "Quantri", "", "Có", "Quản trị hệ thống; Lãnh đạo", None]])
    assert "confirm_form" not in response.context

    response = admin_import(client, [["moi", "Người mới", "", "Có", "Lãnh đạo", None]])
    assert "confirm_form" in response.context
    root.refresh_from_db()
    assert (root.is_active, type(root).objects.filter(username="moi").exists()) == (True, False)


# Item 2 -------------------------------------------------------------------------------------------

AXES_ON = {
    "AXES_ENABLED": True,
    "AUTHENTICATION_BACKENDS": [
        "axes.backends.AxesStandaloneBackend",
        "campaigns.backends.RoleAwareBackend",
        "rules.permissions.ObjectPermissionBackend",
    ],
    "AXES_FAILURE_LIMIT": 3,
    **client_address_settings(1),  # one nginx in front, as README's deployment
}
PROXY = {"REMOTE_ADDR": "127.0.0.1"}  # every request reaches gunicorn from nginx


def sign_in(client, password, forwarded_for):
    client.logout()
    return client.post(
        reverse("login"),
        {"username": "lanhdao", "password": password},
        **PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@override_settings(**AXES_ON)
def test_failures_lock_a_username_only_from_the_address_behind_the_proxy_that_failed(client, make_user):
    make_user("lanhdao", Role.LEADER)
    for _ in range(3):
        sign_in(client, "sai-mat-khau", "203.0.113.9")

    attacker = sign_in(client, "mat-khau-thu", "203.0.113.9")
    forged = sign_in(client, "mat-khau-thu", "198.51.100.7, 203.0.113.9")  # nginx appends the real one
    leader = sign_in(client, "mat-khau-thu", "198.51.100.7")

    assert (attacker.status_code, forged.status_code, leader.status_code) == (429, 429, 302)
    assert list(AccessAttempt.objects.values_list("username", "ip_address")) == [("lanhdao", "203.0.113.9")]


@override_settings(**AXES_ON)
def test_locked_out_page_says_when_to_try_again_and_that_the_secretary_unlocks(client, make_user):
    make_user("lanhdao", Role.LEADER)
    with time_machine.travel(datetime(2022, 10, 1, 9, 0, tzinfo=VIETNAM), tick=False):
        for _ in range(4):
            response = sign_in(client, "sai-mat-khau", "203.0.113.9")
    assert response.status_code == 429
    assert "Hãy thử lại sau 09:15 ngày 01/10/2022 (giờ Việt Nam)." in response.text
    assert "Liên hệ Thư ký Hội đồng hoặc Quản trị hệ thống để được mở khóa" in response.text


@override_settings(**AXES_ON)
def test_secretary_unlocks_a_user_by_deleting_the_sign_in_attempt_in_the_admin(client, make_user):
    make_user("lanhdao", Role.LEADER)
    for _ in range(3):
        sign_in(client, "sai-mat-khau", "203.0.113.9")
    attempt = AccessAttempt.objects.get()
    client.force_login(make_user("thuky", Role.SECRETARY))

    response = client.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert sign_in(client, "mat-khau-thu", "203.0.113.9").status_code == 302


# Item 7 -------------------------------------------------------------------------------------------


def imported_account(username, **fields):
    user = UserFactory(username=username, email=f"{username}@example.invalid", **fields)
    user.set_unusable_password()
    user.save()
    return user


def link_in(message) -> str:
    return re.search(re.escape(settings.SITE_URL.rstrip("/")) + r"(/\S+)", message.body).group(1)


def test_secretary_invites_accounts_and_the_link_sets_a_password_within_three_days(
    client, make_user, django_capture_on_commit_callbacks
):
    lan, minh = imported_account("lantt"), imported_account("minhnv")
    has_password = UserFactory(username="cu", email="cu@example.invalid")
    client.force_login(make_user("thuky", Role.SECRETARY))
    start = datetime(2022, 10, 1, 9, 0, tzinfo=VIETNAM)

    with time_machine.travel(start, tick=False), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:auth_user_changelist"),
            {"action": "invite", "_selected_action": [lan.pk, minh.pk, has_password.pk]},
            follow=True,
        )

    assert "Đã gửi thư mời đặt mật khẩu cho 2 tài khoản." in response.text
    assert "Bỏ qua 1 tài khoản" in response.text
    assert sorted(m.to[0] for m in mail.outbox) == ["lantt@example.invalid", "minhnv@example.invalid"]
    links = {m.to[0]: link_in(m) for m in mail.outbox}
    client.logout()
    with time_machine.travel(start + timedelta(days=3, seconds=1), tick=False):
        expired = client.get(links["minhnv@example.invalid"], follow=True)
    assert expired.context["validlink"] is False
    with time_machine.travel(start + timedelta(days=2, hours=23), tick=False):
        form = client.get(links["lantt@example.invalid"], follow=True)
        assert form.context["validlink"] is True
        done = client.post(
            form.redirect_chain[-1][0], {"new_password1": "Lan-thi-dua-2022", "new_password2": "Lan-thi-dua-2022"}
        )
    assert done.status_code == 302
    lan.refresh_from_db()
    assert lan.check_password("Lan-thi-dua-2022") is True


def test_staff_may_not_invite_accounts(client, make_user):
    target = imported_account("lantt")
    client.force_login(make_user("lanhdao", Role.LEADER))
    response = client.post(reverse("admin:auth_user_changelist"), {"action": "invite", "_selected_action": [target.pk]})
    assert response.status_code == 403
    assert mail.outbox == []


def test_password_reset_form_serves_an_active_account_without_a_password(client):
    imported_account("lantt")
    imported_account("nghi", is_active=False)

    client.post(reverse("password_reset"), {"email": "lantt@example.invalid"})
    client.post(reverse("password_reset"), {"email": "nghi@example.invalid"})

    assert [m.to for m in mail.outbox] == [["lantt@example.invalid"]]
    form = client.get(link_in(mail.outbox[0]), follow=True)
    assert form.context["validlink"] is True


# Item 16 ------------------------------------------------------------------------------------------


def test_expired_sessions_are_purged_by_a_beat_job():
    now = timezone.now()
    Session.objects.create(session_key="old", session_data="x", expire_date=now - timedelta(seconds=1))
    Session.objects.create(session_key="live", session_data="x", expire_date=now + timedelta(hours=1))
    assert {e["task"] for e in app.conf.beat_schedule.values()} >= {"campaigns.clear_expired_sessions"}

    task_clear_expired_sessions.delay()

    assert list(Session.objects.values_list("session_key", flat=True)) == ["live"]


def test_hsts_preload_is_off_by_default_in_production(tmp_path):
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment.update(
        APP_ENV="production",
        SECRET_KEY="x" * 60 + "-production-secret-for-the-check-only-" + "y" * 20,
        ALLOWED_HOSTS="thidua.example.gov.vn",
        SITE_URL="https://thidua.example.gov.vn",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        VAR_DIR=str(tmp_path),
    )
    environment.pop("SECURE_HSTS_PRELOAD", None)
    code = "from django.conf import settings as s; print(s.SECURE_HSTS_PRELOAD, s.SECURE_HSTS_SECONDS, s.AXES_IPWARE_PROXY_COUNT)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.splitlines()[-1].split() == ["False", "31536000", "0"], result.stderr


def test_permissions_ticked_by_hand_are_neither_offered_nor_saved(client, root, make_user):
    """The rules read roles only (campaigns/permissions.py): a permission ticked on an account or a
    role group would grant nothing, so the admin shows them and saves none."""
    from django.contrib.auth.models import Permission

    client.force_login(root)
    canbo = make_user("canbo", Role.STAFF)
    chosen = Permission.objects.get(codename="delete_campaign")
    response = client.post(
        reverse("admin:auth_user_change", args=[canbo.pk]), change_data(canbo, user_permissions=[chosen.pk])
    )
    assert response.status_code == 302
    assert not canbo.user_permissions.exists()

    staff = group(Role.STAFF)
    before = set(staff.permissions.values_list("pk", flat=True))
    response = client.post(
        reverse("admin:auth_group_change", args=[staff.pk]), {"name": staff.name, "permissions": [chosen.pk]}
    )
    assert response.status_code == 302
    assert set(staff.permissions.values_list("pk", flat=True)) == before
    page = client.get(reverse("admin:auth_group_change", args=[staff.pk])).content.decode()
    assert 'name="permissions"' not in page
