"""Hardening a user never sees until it matters: throttled sign-in, CSP, formula-safe exports."""

import pytest
from django.test import override_settings
from django.urls import reverse

from campaigns.enums import Role

pytestmark = pytest.mark.django_db

AXES_ON = {
    "AXES_ENABLED": True,
    "AUTHENTICATION_BACKENDS": ["axes.backends.AxesStandaloneBackend", "campaigns.backends.RoleAwareBackend"],
}


@override_settings(**AXES_ON, AXES_FAILURE_LIMIT=3)
def test_sign_in_is_refused_after_repeated_failures_even_with_the_right_password(client, make_user):
    make_user("canbo", Role.STAFF)
    for _ in range(3):
        client.post(reverse("login"), {"username": "canbo", "password": "sai-mat-khau"})

    response = client.post(reverse("login"), {"username": "canbo", "password": "mat-khau-thu"})

    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.text
    assert "_auth_user_id" not in client.session


@override_settings(**AXES_ON, AXES_FAILURE_LIMIT=3)
def test_another_user_is_not_locked_out_by_someone_elses_failures(client, make_user):
    make_user("canbo", Role.STAFF)
    make_user("lanhdao", Role.LEADER)
    for _ in range(3):
        client.post(reverse("login"), {"username": "canbo", "password": "sai-mat-khau"})

    response = client.post(reverse("login"), {"username": "lanhdao", "password": "mat-khau-thu"})

    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_pages_carry_a_content_security_policy_without_inline_scripts(client):
    policy = client.get(reverse("login")).headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"


def test_no_template_has_an_inline_script():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.html")
        for line in path.read_text().splitlines()
        if "<script" in line and "src=" not in line
    ]
    assert offenders == []
