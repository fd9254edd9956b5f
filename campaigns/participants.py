"""A participant: a person (an individual, cá nhân) or a unit (a collective, tập thể), exactly one.

Entries, personal deadlines, declared conflicts and nominee rows each belong to one participant.
``ParticipantMixin`` gives them the two keys, the database rule that exactly one is set
(``one_participant``, named by each model), and the questions code asks of a participant;
``Participant`` names one by kind and id where code passes a participant around without a row.
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from campaigns.enums import ParticipantKind


@dataclass(frozen=True, slots=True)
class Participant:
    """One participant by kind and id: ``Participant.of(person_id=7)`` is the person 7."""

    kind: str  # ParticipantKind
    id: int

    @classmethod
    def of(cls, *, person_id: int | None = None, unit_id: int | None = None) -> "Participant":
        """The participant named by exactly one of ``person_id`` and ``unit_id``."""
        if (person_id is None) == (unit_id is None):
            raise ValueError("A participant is exactly one of a person or a unit.")
        if person_id is not None:
            return cls(ParticipantKind.INDIVIDUAL, person_id)
        return cls(ParticipantKind.COLLECTIVE, unit_id)

    @property
    def person_id(self) -> int | None:
        return self.id if self.kind == ParticipantKind.INDIVIDUAL else None

    @property
    def unit_id(self) -> int | None:
        return self.id if self.kind == ParticipantKind.COLLECTIVE else None

    def lookup(self, prefix: str = "") -> dict:
        """Filter keywords for this participant's rows: ``filter(**participant.lookup())``."""
        field = "person_id" if self.kind == ParticipantKind.INDIVIDUAL else "unit_id"
        return {f"{prefix}{field}": self.id}


class ParticipantMixin(models.Model):
    """A row that belongs to one participant: exactly one of ``person`` and ``unit`` is set.

    A model may redeclare either key to give it its own label or reverse name. Its ``Meta`` adds
    the database rule: ``constraints = [ParticipantMixin.one_participant(name=...)]``.
    """

    person = models.ForeignKey(
        "campaigns.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("cá nhân")
    )
    unit = models.ForeignKey(
        "campaigns.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("tập thể")
    )

    class Meta:
        abstract = True

    @classmethod
    def one_participant(cls, *, name: str, message=None) -> models.CheckConstraint:
        """The check that exactly one of person and unit is set, named ``<app>_<model>_<rule>``."""
        only_person = Q(person__isnull=False) & Q(unit__isnull=True)
        only_unit = Q(person__isnull=True) & Q(unit__isnull=False)
        return models.CheckConstraint(condition=only_person | only_unit, name=name, violation_error_message=message)

    @classmethod
    def same_participant(cls, outer_ref_prefix: str = "") -> Q:
        """In a subquery: the row's participant is the outer row's (``<prefix>person`` / ``<prefix>unit``)."""
        return Q(person__isnull=False, person=OuterRef(f"{outer_ref_prefix}person")) | Q(
            unit__isnull=False, unit=OuterRef(f"{outer_ref_prefix}unit")
        )

    @staticmethod
    def participant_unit(prefix: str = "") -> Coalesce:
        """As SQL: the participant's unit, the unit itself or the person's unit (``participant_unit_id``)."""
        return Coalesce(f"{prefix}unit_id", f"{prefix}person__unit_id")

    @property
    def participant(self):
        """The person or the unit (a query unless selected with the row)."""
        return self.person if self.person_id else self.unit

    @property
    def participant_kind(self) -> str:
        return ParticipantKind.INDIVIDUAL if self.person_id else ParticipantKind.COLLECTIVE

    @property
    def participant_key(self) -> Participant:
        return Participant.of(person_id=self.person_id, unit_id=self.unit_id)

    @property
    def participant_unit_id(self) -> int:
        """The participant's unit: the unit itself, or the person's unit (select ``person`` with the row)."""
        return self.unit_id if self.unit_id else self.person.unit_id
