"""Excel import of earlier years' awards into the register (django-import-export), as the other
imports: a template to download, a preview, and every bad row reported on its Excel row and column
in Vietnamese; a person or unit code that is not in the directory is that row's error, with the code."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, widgets

from awards.validators import decision_number as clean_decision_number
from campaigns.models import Person, Unit
from campaigns.resources import CodeWidget, NumberWidget, VietnameseResource
from criteria.enums import AwardKind, DecidingLevel
from honours.enums import RegisterSource
from honours.models import RegisterEntry


class LabelChoiceWidget(widgets.Widget):
    """A choice written as its Vietnamese label (or its code); anything else is refused, naming the choices."""

    def __init__(self, choices):
        super().__init__()
        self.choices = choices

    def clean(self, value, row=None, **kwargs):
        text = str(value).strip() if value is not None else ""
        if not text:
            return None
        for code, label in self.choices.choices:
            if text.casefold() in (str(code).casefold(), str(label).casefold()):
                return code
        raise ValueError(
            _("“%(value)s” không hợp lệ; ghi một trong: %(labels)s.")
            % {"value": text, "labels": "; ".join(f"“{label}”" for _code, label in self.choices.choices)}
        )

    def render(self, value, obj=None, **kwargs):
        return str(self.choices(value).label) if value else ""


class DayWidget(widgets.Widget):
    """A date cell, or text written dd/mm/yyyy."""

    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.datetime.strptime(str(value).strip(), "%d/%m/%Y").date()
        except ValueError:
            raise ValueError(_("“%(value)s” không phải ngày dạng dd/mm/yyyy.") % {"value": value}) from None

    def render(self, value, obj=None, **kwargs):
        return f"{value:%d/%m/%Y}" if value else ""


class DecisionNumberWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = str(value).strip() if value is not None else ""
        if not text:
            return ""
        try:
            return clean_decision_number(text)
        except ValidationError as error:  # shown as the row's error on this column
            raise ValueError(" ".join(error.messages)) from None


class RegisterEntryResource(VietnameseResource):
    """Earlier years' awards; the import adds rows, and a row already in the register (the same
    participant, year, title and decision) is matched and left as it is."""

    person = fields.Field(
        attribute="person", column_name="Mã cá nhân", widget=CodeWidget(Person, what=gettext_lazy("cá nhân"))
    )
    unit = fields.Field(
        attribute="unit", column_name="Mã đơn vị (tập thể)", widget=CodeWidget(Unit, what=gettext_lazy("đơn vị"))
    )
    year = fields.Field(attribute="year", column_name="Năm", widget=NumberWidget(whole=True))
    title = fields.Field(attribute="title", column_name="Danh hiệu, hình thức khen thưởng")
    kind = fields.Field(
        attribute="kind", column_name="Loại", widget=LabelChoiceWidget(AwardKind), default=AwardKind.COMMENDATION
    )
    deciding_level = fields.Field(
        attribute="deciding_level",
        column_name="Cấp quyết định",
        widget=LabelChoiceWidget(DecidingLevel),
        default=DecidingLevel.AGENCY_HEAD,
    )
    decision_number = fields.Field(
        attribute="decision_number", column_name="Số quyết định", widget=DecisionNumberWidget()
    )
    decision_date = fields.Field(attribute="decision_date", column_name="Ngày quyết định", widget=DayWidget())
    authority = fields.Field(attribute="authority", column_name="Cơ quan, người quyết định", default="")
    note = fields.Field(attribute="note", column_name="Ghi chú", default="")

    class Meta(VietnameseResource.Meta):
        model = RegisterEntry
        fields = (
            "person",
            "unit",
            "year",
            "title",
            "kind",
            "deciding_level",
            "decision_number",
            "decision_date",
            "authority",
            "note",
        )
        import_id_fields = ("person", "unit", "year", "title", "decision_number")

    def import_instance(self, instance, row, **kwargs):
        if not instance.pk:
            instance.source = RegisterSource.IMPORTED
        super().import_instance(instance, row, **kwargs)

    def dehydrate_person(self, entry):
        return entry.person.code if entry.person_id else ""

    def dehydrate_unit(self, entry):
        return entry.unit.code if entry.unit_id else ""
