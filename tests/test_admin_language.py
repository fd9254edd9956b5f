"""Every admin page reads in Vietnamese: no English model, field or column name ("ACTOR", "ID",
"Approved by") and no page titled by internal keys ("1 v1").

A label fails when it has Latin letters and none of Vietnamese's own letters: every Vietnamese
name of a field has at least one ("người", "mã", "điểm"). The few Latin-only words the project
means to show are listed.
"""

import re

import lxml.html
import pytest
import time_machine
from django.conf import settings

from tests.factories import UserFactory
from tests.test_permission_matrix import DURING, admin_url, admin_url_names, world  # noqa: F401

# "Email" is Vietnamese too; "owner" is the user name of a record of the test data, not a label.
LATIN_ONLY_ALLOWED = {"email", "email (email)", "owner"}
# The register's import template is an Excel download, not a page (its headings are Vietnamese:
# tests/honours/test_import.py).
SKIPPED = {
    "admin:logout",
    "admin:jsi18n",
    "admin:view_on_site",
    "admin:autocomplete",
    "admin:login",
    "admin:honours_registerentry_template",
}
LABELS = (
    "//title | //h1 | //div[@id='content']/h2 | //thead//th | //label | //fieldset/h2"
    " | //div[contains(@class,'inline-group')]//h2 | //div[@id='changelist-filter']//summary"
)


def english_labels(html: str) -> list[str]:
    page = lxml.html.fromstring(html)
    found = []
    for element in page.xpath(LABELS):
        text = " ".join(element.text_content().split())
        latin_only = re.search(r"[A-Za-z]", text) and not re.search(r"[^\x00-\x7f]", text)
        if latin_only and text.strip(":").lower() not in LATIN_ONLY_ALLOWED:
            found.append(text)
    return found


@pytest.mark.parametrize("name", sorted(n for n in admin_url_names() if n not in SKIPPED))
def test_every_admin_page_names_its_models_fields_and_columns_in_vietnamese(client, world, name):  # noqa: F811
    if name.endswith(("_process_import", "_delete")) or "password" in name:
        pytest.skip("a step of a form")
    if name.startswith("admin:axes_") and name.endswith("_change"):
        pytest.skip("django-axes titles its records with English sentences of its own (model __str__)")
    client.force_login(UserFactory(username="quantri", is_superuser=True, is_staff=True))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"

    with time_machine.travel(DURING, tick=False):
        response = client.get(admin_url(name, world))

    if response.status_code in (302, 403, 404):
        pytest.skip("no such page for the administrator (records are not added by hand; a member's own form)")
    assert english_labels(response.content.decode()) == []
