"""Hostile input on the staff entry form: every post ends in a clear message or a saved entry.

A refused post answers 200 with the form, a banner and each error shown on the page, and writes
nothing (no entry, event or file); an accepted one redirects to the entry, whose page then shows
what was typed. Each hypothesis example runs in a savepoint that is rolled back afterwards.
"""

import uuid
from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from hypothesis import example, given
from hypothesis import strategies as st

from campaigns.enums import Role
from submissions.models import Attachment, Entry, EntryEvent, SelfScore
from tests.factories.submissions import PDF_BYTES
from tests.hostile.conftest import (
    HOSTILE,
    VIETNAMESE,
    hostile_field_text,
    hostile_text,
    note_outcome,
    number_text,
    rolled_back,
)
from tests.submissions.conftest import DURING, entry_post

pytestmark = pytest.mark.django_db

REFUSED_BANNER = "Bài chưa được lưu. Hãy xem các ô báo lỗi bên dưới."
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d")


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(DURING, tick=False):
        yield DURING


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def written_counts():
    return Entry.objects.count(), EntryEvent.objects.count(), Attachment.objects.count(), SelfScore.objects.count()


def post_entry(client, campaign, data):
    before = written_counts()
    response = client.post(reverse("entry_create", args=[campaign.slug]), data)
    return response, before


def assert_refused_clearly_or_saved(client, response, before):
    """200 with every error on the page and nothing written, or 302 to the entry, whose page renders."""
    assert response.status_code in (200, 302), response.status_code
    note_outcome(f"HTTP {response.status_code}")
    if response.status_code == 200:
        form = response.context["form"]
        page = response.content.decode()
        assert form.errors, "a 200 without a form error is neither a refusal nor a success"
        assert REFUSED_BANNER in page
        for messages in form.errors.values():
            for message in messages:
                assert escape(message) in page, message
        assert written_counts() == before
        return None
    entry = Entry.objects.get()
    assert response["Location"] == reverse("entry_detail", args=[entry.code])
    assert client.get(response["Location"]).status_code == 200
    return entry


@HOSTILE
@given(
    title=hostile_field_text(500),
    summary=hostile_field_text(2000),
    description=hostile_text(300),
    results=hostile_text(100),
)
@example(title="Số hóa hồ sơ\x00", summary="Tóm tắt", description="", results="")
@example(title="\u202eSố hóa\u202c", summary="\x01\x02\x1b[31m", description="\r\n\t", results="\x85\u2028")
@example(title="   ", summary="Tóm tắt", description="", results="")
@example(title="T" * 500, summary="S" * 2000, description="D" * 100_000, results="")
@example(title="T" * 501, summary="S" * 2001, description="", results="")
@example(
    title="Sa\u0301ng kie\u0302\u0301n",
    summary="<script>alert(1)</script>{{ 7|add:1 }}%(x)s",
    description="",
    results="",
)
def test_hostile_text_in_the_entry_form_is_refused_clearly_or_saved_as_typed(
    staff_client, campaign, area, title, summary, description, results
):
    with rolled_back():
        data = entry_post(area, title=title, summary=summary, description=description, results=results)
        response, before = post_entry(staff_client, campaign, data)

        entry = assert_refused_clearly_or_saved(staff_client, response, before)

        if entry is not None:
            assert (entry.title, entry.summary, entry.description, entry.results) == (
                title.strip(),
                summary.strip(),
                description.strip(),
                results.strip(),
            )
            assert "\x00" not in entry.title + entry.summary + entry.description + entry.results


@HOSTILE
@given(tc1=number_text, tc2=number_text, button=st.sampled_from(["save", "submit"]), with_file=st.booleans())
@example(tc1="25", tc2="75", button="submit", with_file=True)
@example(tc1="-0.5", tc2="75.5", button="save", with_file=False)
@example(tc1="7.25", tc2="1E+400", button="save", with_file=False)
@example(tc1="NaN", tc2="sNaN", button="save", with_file=False)
@example(tc1="Infinity", tc2="-Infinity", button="save", with_file=False)
@example(tc1="9" * 400, tc2="0." + "0" * 300 + "1", button="save", with_file=False)
@example(tc1="٣", tc2="７", button="save", with_file=False)
def test_hostile_self_scores_are_refused_clearly_or_saved_within_range_and_step(
    staff_client, campaign, area, tc1, tc2, button, with_file
):
    criteria = list(campaign.criteria.order_by("order"))
    with rolled_back():
        data = entry_post(area, **{f"self_score_{criteria[0].pk}": tc1, f"self_score_{criteria[1].pk}": tc2})
        if button == "submit":
            data.pop("save")
            data["submit"] = "1"
        if with_file:
            data["files"] = SimpleUploadedFile("bao-cao.pdf", PDF_BYTES, content_type="application/pdf")
        response, before = post_entry(staff_client, campaign, data)

        entry = assert_refused_clearly_or_saved(staff_client, response, before)

        if entry is not None:
            for score in SelfScore.objects.filter(entry=entry).select_related("criterion"):
                assert Decimal(0) <= score.points <= score.criterion.max_points
                assert (score.points / campaign.score_step) % 1 == 0


def dates_as_typed():
    """Real dates in every accepted format, and text that only looks like a date."""
    real = st.tuples(
        st.one_of(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)), st.dates()),
        st.sampled_from(DATE_FORMATS),
    )
    return st.one_of(
        real.map(lambda d_f: d_f[0].strftime(d_f[1])),
        real.map(lambda d_f: d_f[0].strftime(d_f[1])),
        st.sampled_from(
            [
                "31/02/2022",
                "29/02/2023",
                "00/00/0000",
                "32/12/2022",
                "15/13/2022",
                "1/1/99999",
                "01/01/0000",
                "9999-12-31",
                "0001-01-01",
                "2022-12-31T23:59:59",
                "15/11/2022 09:00",
                "15.11.2022",
                "ngày 15 tháng 11 năm 2022",
                "-1/-1/-2022",
                "15/11/2022\x00",
                "\u0661\u0665/\u0661\u0661/\u0662\u0660\u0662\u0662",  # Arabic-Indic digits
                "１５/１１/２０２２",  # full-width digits
                "9" * 400,
            ]
        ),
        st.text(st.sampled_from("0123456789/-. " + VIETNAMESE[:10]), max_size=12),
        hostile_text(12),
    )


def parsed(text):
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


@HOSTILE
@given(applied_on=dates_as_typed())
@example(applied_on="0001-01-01")
@example(applied_on="31/12/9999")
@example(applied_on="31/02/2022")
@example(applied_on="15/11/2022\x00")
def test_malformed_dates_are_refused_clearly_and_real_ones_saved(staff_client, campaign, area, applied_on):
    with rolled_back():
        response, before = post_entry(staff_client, campaign, entry_post(area, applied_on=applied_on))

        entry = assert_refused_clearly_or_saved(staff_client, response, before)

        if entry is not None:
            assert entry.applied_on == parsed(applied_on)
        else:
            assert list(response.context["form"].errors) == ["applied_on"]
            note_outcome(response.context["form"].errors["applied_on"][0])


garbage = st.one_of(number_text, hostile_text(20))


@HOSTILE
@given(
    participant=st.one_of(st.just("self"), garbage),
    area_value=st.one_of(st.none(), garbage),
    kind=st.one_of(st.just("initiative"), garbage),
    coauthors=st.lists(garbage, max_size=3),
)
@example(participant="unit-1", area_value="99999999999999999999999", kind="x", coauthors=["-1"])
@example(participant="self", area_value="1.5", kind="initiative", coauthors=["1e400"])
@example(participant="self\x00", area_value="\x00", kind="initiative\x00", coauthors=["\x00"])
def test_forged_choices_are_refused_clearly(
    staff_client, staff, campaign, area, participant, area_value, kind, coauthors
):
    with rolled_back():
        data = entry_post(area, participant=participant, kind=kind)
        if area_value is not None:
            data["area"] = area_value
        data["coauthors"] = coauthors
        response, before = post_entry(staff_client, campaign, data)

        entry = assert_refused_clearly_or_saved(staff_client, response, before)
        if entry is not None:
            # Saved: then nothing was forged. Every value posted was a real choice, stored as chosen.
            assert (participant, kind, area_value in (None, str(area.pk)), coauthors) == (
                "self",
                "initiative",
                True,
                [],
            )
            assert (entry.person, entry.unit, entry.kind, entry.area, list(entry.coauthors.all())) == (
                staff.person,
                None,
                "initiative",
                area,
                [],
            )


def test_a_corrupted_form_token_is_refused_with_the_error_shown_on_the_page(staff_client, campaign, area):
    """The token is a hidden field: its error must reach the page, or the banner points at nothing.
    The form shown again keeps what was typed and carries a fresh token, so the next click saves."""
    response, before = post_entry(staff_client, campaign, entry_post(area, form_token="khong-phai-uuid"))

    assert assert_refused_clearly_or_saved(staff_client, response, before) is None
    form = response.context["form"]
    assert list(form.errors) == ["__all__"]
    fresh = form["form_token"].value()
    assert fresh != "khong-phai-uuid" and str(uuid.UUID(fresh)) == fresh
    assert form["title"].value() == "Số hóa hồ sơ chính sách dân tộc"

    again, before = post_entry(staff_client, campaign, entry_post(area, form_token=fresh))

    entry = assert_refused_clearly_or_saved(staff_client, again, before)
    assert (entry.title, str(entry.form_token)) == ("Số hóa hồ sơ chính sách dân tộc", fresh)


def test_a_form_token_replayed_by_another_person_shows_nothing_of_the_first_persons_entry(
    staff_client, campaign, area, make_user
):
    """A token belongs to the user who sent it: replayed by someone else (a shared computer, a
    copied request) it saves that person's own entry and never leads to the first one."""
    token = str(uuid.uuid4())
    first, _before = post_entry(staff_client, campaign, entry_post(area, form_token=token))
    theirs = Entry.objects.get()
    other = make_user("canbo2", Role.STAFF)
    client = Client()  # another browser
    client.force_login(other)

    replayed, _before = post_entry(client, campaign, entry_post(area, form_token=token, title="Bài của người khác"))

    mine = Entry.objects.exclude(pk=theirs.pk).get()
    assert first["Location"] == reverse("entry_detail", args=[theirs.code])
    assert replayed["Location"] == reverse("entry_detail", args=[mine.code])
    assert (mine.created_by, mine.title, mine.form_token) == (other, "Bài của người khác", None)
    assert theirs.code not in client.get(replayed["Location"]).text
    theirs.refresh_from_db()
    assert (theirs.title, str(theirs.form_token)) == ("Số hóa hồ sơ chính sách dân tộc", token)
