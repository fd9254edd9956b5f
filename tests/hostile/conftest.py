"""Shared set-up for the hostile-input tests: hypothesis strategies, a campaign open for entries, rolled-back examples."""

import string
from contextlib import contextmanager
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from hypothesis import HealthCheck, event
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from hypothesis.control import currently_in_test_context

from campaigns.enums import Role
from tests.factories import CampaignFactory, CriterionFactory, ReformAreaFactory

# Hypothesis caches Unicode tables and constants on disk: under var/ with the other run-time files,
# not in a .hypothesis folder at the top of the repository.
set_hypothesis_home_dir(django_settings.VAR_DIR / "hypothesis")

# Every property test: a few dozen examples, no per-example deadline (a request takes tens of
# milliseconds and the first one warms caches), and fixtures that hold for all examples of a test
# (each example rolls its own writes back, so what the fixtures built stays as it was). The same
# examples on every run, and no example database written into the working tree.
HOSTILE = hypothesis_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
    database=None,
)

VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxy"
    "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ"
    " .,;:!?()-–—“”‘’\"'/"
)
# NUL, the C0 and C1 controls, DEL, zero-width and direction marks, the byte-order mark, and
# combining marks that decompose Vietnamese letters (NFD text as some keyboards type it).
CONTROLS = (
    "".join(map(chr, range(32)))
    + "\x7f\x85\x9f\u200b\u200e\u200f\u202a\u202e\u2066\u2069\ufeff\u0300\u0301\u0303\u0309\u0323"
)

hostile_chars = st.one_of(
    st.sampled_from(VIETNAMESE),
    st.sampled_from(CONTROLS),
    st.characters(codec="utf-8"),  # any code point that can be sent (no lone surrogates)
)


def note_outcome(text: str) -> None:
    """Count an outcome in hypothesis's statistics (``--hypothesis-show-statistics``), when under hypothesis."""
    if currently_in_test_context():
        event(text)


def hostile_text(max_size=40):
    return st.text(hostile_chars, max_size=max_size)


def long_text(min_size, max_size):
    """Text around a length limit, built by repeating a short hostile piece (cheap to generate)."""
    return st.tuples(hostile_text(8).filter(bool), st.integers(min_size, max_size)).map(
        lambda piece_length: (piece_length[0] * piece_length[1])[: piece_length[1]]
    )


def hostile_field_text(limit):
    """Short hostile text, or text a little under or over ``limit`` characters."""
    return st.one_of(hostile_text(), long_text(limit - 3, limit + 3))


SPECIAL_NUMBERS = [
    "",
    " ",
    "0",
    "-0",
    "-0.5",
    "-1",
    "0.1",
    "7,5",
    "7.25",
    "7.5",
    "10",
    "10.0000001",
    "1e2",
    "1e-2",
    "1E+400",
    "-1E+400",
    "1e-400",
    "1e999999999999999999",
    "9" * 400,
    "0." + "0" * 300 + "1",
    "NaN",
    "-NaN",
    "sNaN",
    "Infinity",
    "-Infinity",
    "inf",
    "0x10",
    "1_000",
    "٣",
    "７",
    "½",
    "mười",
    "7.5\x00",
    "\x00",
    "5 điểm",
]

number_text = st.one_of(
    st.sampled_from(SPECIAL_NUMBERS),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(min_value=-1, max_value=110, places=2).map(str),
    st.floats().map(repr),
    st.text(alphabet=string.digits + ".,-+eE _", max_size=12),
)


@contextmanager
def rolled_back():
    """Whatever the block writes is undone when it ends, so the next example starts from the same rows."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def campaign(db):
    """Plan 169/KH-BDT, open from 21/04/2022 through 31/12/2022 23:59:59, scored in steps of 0,5.

    Two criteria (TC1 up to 25, TC2 up to 75) apply to every area and both kinds of participant.
    """
    campaign = CampaignFactory(plan_number="169/KH-BDT", slug="169-kh-bdt-2022", score_step=Decimal("0.5"))
    ReformAreaFactory(campaign=campaign, order=1, name="Cải cách thủ tục hành chính")
    CriterionFactory(campaign=campaign, code="TC1", order=1, max_points=Decimal(25))
    CriterionFactory(campaign=campaign, code="TC2", order=2, max_points=Decimal(75))
    return campaign


@pytest.fixture
def area(campaign):
    return campaign.areas.get()


@pytest.fixture
def staff(make_user):
    """A staff member with a person record and an e-mail address."""
    user = make_user("canbo1", Role.STAFF, full_name="Nguyễn Văn An")
    user.email = "canbo1@bdt.vinhlong.gov.vn"
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def secretary(make_user):
    return make_user("thuky", Role.SECRETARY, person=False)
