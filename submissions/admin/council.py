"""Council seats: a declared conflict applies at once."""

from django.contrib import messages
from django.utils.translation import gettext_lazy as _

from criteria.admin import CouncilMemberAdmin
from criteria.models import DeclaredConflict
from submissions.services import scoring


class CouncilSeatAdmin(CouncilMemberAdmin):
    """The council seat admin of the criteria app; a declared conflict ends the member's assignments.

    Declaring a conflict goes through ``scoring.declare_conflict``: the member's assignments on
    the entries it touches end, their scores leave the result (kept in history with the reason),
    and the secretary is told which entries need a replacement.
    """

    def save_formset(self, request, form, formset, change):
        if formset.model is not DeclaredConflict:
            return super().save_formset(request, form, formset, change)
        conflicts = formset.save(commit=False)
        for removed in formset.deleted_objects:
            removed.delete()
        ended = []
        for conflict in conflicts:
            ended += scoring.declare_conflict(conflict=conflict, by=request.user)
        if ended:
            messages.warning(
                request,
                _(
                    "%(name)s không còn chấm các bài sau; điểm (nếu có) đã được loại khỏi kết quả và lưu trong "
                    "lịch sử. Hãy phân công người thay thế: %(entries)s"
                )
                % {
                    "name": form.instance.person.full_name,
                    "entries": "; ".join(f"{entry.code} ({reason})" for entry, reason in ended),
                },
            )
