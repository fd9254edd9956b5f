"""The secretary opens a ballot here; the ballot itself runs on its page (``views.BallotView``).

Only the ballot and its counts are shown: votes (``Vote``) and the record of who voted have no admin,
so nobody, the administrator included, reads who voted how."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ballots import services
from ballots.forms import BallotAdminForm
from ballots.models import Ballot
from campaigns.forms import add_service_errors
from common.admin_base import ProjectAdmin


@admin.register(Ballot)
class BallotAdmin(ProjectAdmin, admin.ModelAdmin):
    form = BallotAdminForm
    list_display = ["__str__", "nominee_list", "council_size", "closed_at", "page"]
    list_select_related = ["nominee_list__campaign"]
    list_filter = ["nominee_list__campaign"]

    @admin.display(description=_("trang bỏ phiếu"))
    def page(self, ballot):
        return format_html('<a href="{}">{}</a>', reverse("ballot", args=[ballot.code]), _("Mở"))

    def get_readonly_fields(self, request, obj=None):
        return ["nominee_list", "meeting_date", "place", "council_size", "closed_at", "page"] if obj else []

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            return form

        class CheckedForm(form):
            def clean(self):
                cleaned = super().clean()
                if not self.errors:
                    try:
                        self.instance = services.open_ballot(by=request.user, **cleaned)
                    except ValidationError as exc:
                        add_service_errors(self, exc)
                return cleaned

        return CheckedForm

    def save_model(self, request, obj, form, change):
        pass  # ``open_ballot`` saved it while the form was checked

    def has_delete_permission(self, request, obj=None):
        return False  # a ballot is part of the record
