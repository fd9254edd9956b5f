"""Closing a campaign by hand, and a read-only record of nominee lists for the secretariat."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from awards.models import Comment, Nominee, NomineeList
from awards.services import closing
from campaigns.admin import RecordInline, points_column
from campaigns.models import Campaign
from common.admin_base import ProjectAdmin, RecordsAdmin
from criteria.admin import CampaignSetupAdmin


@admin.register(Campaign)
class CampaignAdmin(CampaignSetupAdmin):
    """The one Campaign admin: the set-up desk of the criteria app, with the hand-close action of this app."""

    actions = [*CampaignSetupAdmin.actions, "close_now"]

    @admin.action(description=_("Đóng phong trào ngay (khóa bài và lập danh sách)"), permissions=["change"])
    def close_now(self, request, queryset):
        closed = 0
        for campaign in queryset:
            closed += closing.close_campaign(
                campaign_id=campaign.pk, by=request.user.get_full_name() or request.user.username
            )
        if closed:
            self.message_user(
                request, _("Đã đóng %(n)d phong trào; danh sách khen thưởng đang được lập.") % {"n": closed}
            )
        else:
            self.message_user(
                request, _("Không có phong trào nào đang mở trong các phong trào đã chọn."), messages.WARNING
            )


class NomineeInline(RecordInline):
    model = Nominee
    fields = [
        "position",
        "kind",
        "person",
        "unit",
        "award_form",
        "rank",
        "score_shown",
        "tie_flag",
        "decision",
        "decision_reason",
    ]
    score_shown = points_column(Nominee, "score")


class CommentInline(RecordInline):
    model = Comment
    fields = ["created_at", "author", "nominee", "text", "answer", "answered_by", "answered_at"]


@admin.register(NomineeList)
class NomineeListAdmin(ProjectAdmin, RecordsAdmin, admin.ModelAdmin):
    """Every version stays on record; lists are changed only through the nominee list page."""

    inlines = [NomineeInline, CommentInline]
    list_display = ["campaign", "version", "status", "compiled_at", "posting_ends_at", "decision_number", "approved_at"]
    list_filter = ["campaign", "status"]
    list_select_related = ["campaign"]
    readonly_fields = [f.name for f in NomineeList._meta.fields if not f.primary_key]
