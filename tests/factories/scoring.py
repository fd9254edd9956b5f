"""Factories for the council's scoring: members with an account, assignments and scores.

Rows are written directly; the scoring services are what the tests exercise.
"""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory

from campaigns.enums import Role
from campaigns.services import set_roles
from submissions.enums import EntryStatus
from submissions.models import Assignment, Score
from tests.factories.campaigns import CouncilMemberFactory
from tests.factories.organisation import PersonFactory, UserFactory
from tests.factories.submissions import EntryFactory

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


class ScorerFactory(CouncilMemberFactory):
    """A council member who can sign in: a person with an account holding the council-member role.

    Pass ``person__unit=unit`` to seat the member in a given unit, ``person__user__username`` to
    name the account.
    """

    class Meta:
        skip_postgeneration_save = True

    person = factory.SubFactory(
        PersonFactory,
        user=factory.SubFactory(
            UserFactory,
            username=factory.Sequence(lambda n: f"hoidong{n}"),
            email=factory.LazyAttribute(lambda u: f"{u.username}@bdt.vinhlong.gov.vn"),
        ),
    )

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create:
            set_roles(user=self.person.user, roles={Role.COUNCIL_MEMBER, *(extracted or ())})


class SubmittedEntryFactory(EntryFactory):
    """An entry sent in on 15/11/2022 and waiting for the council."""

    status = EntryStatus.SUBMITTED
    submitted_at = factory.Sequence(lambda n: datetime(2022, 11, 15, 9, 0, tzinfo=VIETNAM) + timedelta(seconds=n))


class AssignmentFactory(factory.django.DjangoModelFactory):
    """An entry under review given to a member of its campaign's council (no conflict check)."""

    class Meta:
        model = Assignment

    entry = factory.SubFactory(SubmittedEntryFactory, status=EntryStatus.UNDER_REVIEW)
    member = factory.SubFactory(ScorerFactory, campaign=factory.SelfAttribute("..entry.campaign"))
    assigned_by = factory.SubFactory(UserFactory, username="thuky-phan-cong")


class ScoreFactory(factory.django.DjangoModelFactory):
    """One member's points for one criterion, written without history or results."""

    class Meta:
        model = Score

    points = Decimal("7.5")
    comment = ""


def scoring_form_data(points: dict, *, comments: dict | None = None, overall: str = "", button: str = "_save") -> dict:
    """The admin scoring form as a member fills it: ``points`` and ``comments`` keyed by criterion id."""
    data = {f"points_{pk}": str(value) for pk, value in points.items()}
    data.update({f"comment_{pk}": text for pk, text in (comments or {}).items()})
    data["overall"] = overall
    data[button] = "1"
    return data
