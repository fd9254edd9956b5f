"""Excel import and export of criteria (secretaries prepare rubrics in Excel).

After the rows are read, every campaign the file touches must still add up to its scale;
otherwise nothing is written and the sets that are off are named.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, widgets

from campaigns.models import Campaign, ReformArea
from campaigns.resources import CodeWidget, NumberWidget, VietnameseResource, YesNoWidget
from criteria.models import Criterion
from criteria.services import check_saved_criteria_set, lock_reason

CAMPAIGN_COLUMN = "Mã phong trào"


class OpenCampaignWidget(CodeWidget):
    """A campaign by its slug, refused when its criteria are locked."""

    def clean(self, value, row=None, **kwargs):
        campaign = super().clean(value, row, **kwargs)
        reason = campaign and lock_reason(campaign, part="scoring")
        if reason:
            raise ValueError(reason)
        return campaign


class AreasWidget(widgets.ManyToManyWidget):
    """Reform areas by their order numbers in the row's campaign ("1; 3; 5"); empty means every area."""

    def __init__(self):
        super().__init__(ReformArea, separator=";", field="order")

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").replace(",", ";").strip()
        if not text:
            return ReformArea.objects.none()
        try:
            orders = {int(float(part)) for part in text.split(";") if part.strip()}
        except ValueError:
            raise ValueError(_("Ghi số thứ tự các nội dung, cách nhau bởi dấu chấm phẩy, ví dụ: 1; 3; 5.")) from None
        areas = ReformArea.objects.filter(
            campaign__slug=str((row or {}).get(CAMPAIGN_COLUMN) or "").strip(), order__in=orders
        )
        missing = orders - {area.order for area in areas}
        if missing:
            raise ValueError(
                _("Phong trào không có nội dung thi đua số %(orders)s.")
                % {"orders": ", ".join(map(str, sorted(missing)))}
            )
        return areas

    def render(self, value, obj=None, **kwargs):
        return "; ".join(str(area.order) for area in value.all()) if value is not None else ""


class CriterionResource(VietnameseResource):
    campaign = fields.Field(
        attribute="campaign",
        column_name=CAMPAIGN_COLUMN,
        widget=OpenCampaignWidget(Campaign, "slug", what=gettext_lazy("phong trào")),
    )
    code = fields.Field(attribute="code", column_name="Mã tiêu chí")
    name = fields.Field(attribute="name", column_name="Tên tiêu chí")
    guidance = fields.Field(attribute="guidance", column_name="Hướng dẫn chấm", default="")
    max_points = fields.Field(attribute="max_points", column_name="Điểm tối đa", widget=NumberWidget())
    order = fields.Field(attribute="order", column_name="Thứ tự", widget=NumberWidget(whole=True), default=0)
    areas = fields.Field(attribute="areas", column_name="Nội dung áp dụng", widget=AreasWidget())
    for_collectives = fields.Field(
        attribute="for_collectives", column_name="Tập thể", widget=YesNoWidget(), default=True
    )
    for_individuals = fields.Field(
        attribute="for_individuals", column_name="Cá nhân", widget=YesNoWidget(), default=True
    )

    class Meta(VietnameseResource.Meta):
        model = Criterion
        fields = (
            "campaign",
            "code",
            "name",
            "guidance",
            "max_points",
            "order",
            "areas",
            "for_collectives",
            "for_individuals",
        )
        import_id_fields = ("campaign", "code")

    def row_errors(self, row, **kwargs):
        errors = super().row_errors(row, **kwargs)
        try:
            self.fields["areas"].clean(row)  # the areas are saved after the row: checked with it
        except ValueError as exc:
            errors["areas"] = ValidationError(str(exc))
        return errors

    def after_import(self, dataset, result, **kwargs):
        slugs = {str(row.get(CAMPAIGN_COLUMN) or "").strip() for row in dataset.dict}
        problems = []
        for campaign in Campaign.objects.filter(slug__in=slugs):
            try:
                check_saved_criteria_set(campaign=campaign)
            except ValidationError as exc:
                problems += [f"{campaign.plan_number} — {message}" for message in exc.messages]
        if problems:
            raise ValueError(" ".join([_("Bộ tiêu chí sau khi nhập chưa khớp thang điểm:"), *problems]))

    def dehydrate_campaign(self, criterion):
        return criterion.campaign.slug
