"""The council's scoring desk: assigned entries, the scoring form, progress, automatic assignment,
and the history of every score."""

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from campaigns.admin import points_column
from campaigns.forms import add_service_errors
from campaigns.queries import visible_campaigns
from common.admin_base import ProjectAdmin, RecordsAdmin, key_or_none
from criteria.choices import seat_label
from criteria.models import CouncilMember
from criteria.queries import applicable_criteria
from submissions.conflicts import conflicts_of
from submissions.enums import EntryStatus
from submissions.forms import AssignmentForm, AutoAssignForm, ScoringForm
from submissions.models import Assignment, Entry, ScoreChange
from submissions.permissions import is_secretariat, sees_every_member_score, sees_member_scores
from submissions.queries import (
    campaign_progress,
    coauthor_requests,
    desk_progress,
    next_unscored,
    others_scores,
    pending_coauthor_conflicts,
    scoring_sheet,
)
from submissions.services import scoring
from submissions.tasks import task_send_scoring_reminders


class ScoredFilter(admin.SimpleListFilter):
    title = _("tình trạng chấm")
    parameter_name = "da_cham"

    def lookups(self, request, model_admin):
        return [("0", _("Chưa chấm")), ("1", _("Đã chấm"))]

    def queryset(self, request, queryset):
        if self.value() == "0":
            return queryset.filter(completed_at__isnull=True)
        if self.value() == "1":
            return queryset.filter(completed_at__isnull=False)
        return queryset


class MemberFilter(admin.SimpleListFilter):
    """Council members by name, read with their people in one query."""

    title = _("thành viên")
    parameter_name = "thanh_vien"

    def lookups(self, request, model_admin):
        members = CouncilMember.objects.select_related("person__unit", "campaign").order_by("person__full_name", "pk")
        return [(m.pk, seat_label(m, with_campaign=True)) for m in members]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if key_or_none(self.value()) is None:
            raise IncorrectLookupParameters(self.value())  # the admin's "wrong filter" page, not an error
        return queryset.filter(member_id=self.value())


# --- The scoring form of one entry ----------------------------------------------------------------


def own_assignment(request, pk) -> Assignment:
    """The member's own assignment, with what the scoring form reads. Someone else's, or one on an
    entry the member conflicts with, is not found."""
    assignment = get_object_or_404(
        Assignment.objects.select_related(
            "entry__campaign", "entry__area", "entry__person__unit", "entry__unit", "member__person__unit"
        ).prefetch_related("entry__coauthor_confirmations"),
        pk=pk,
        member__person__user=request.user,
    )
    entry, member = assignment.entry, assignment.member
    if conflicts_of([member])[member.pk].reason_for(entry):
        raise Http404  # a conflicted member cannot even open the entry
    return assignment


def save_scores(request, assignment, form) -> HttpResponseRedirect | None:
    """Record the posted sheet and go on: back to the form, or with "_next" to the member's next
    unscored entry (the list once none is left). None if the service refuses the sheet: its reasons
    are on the form."""
    try:
        scoring.record_scores(
            assignment=assignment,
            by=request.user,
            points=form.points(),
            comments=form.comments(),
            overall=form.cleaned_data["overall"],
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    messages.success(request, _("Đã lưu điểm bài %(code)s.") % {"code": assignment.entry.code})
    following = next_unscored(request.user, after=assignment) if "_next" in request.POST else None
    if "_next" in request.POST and following is None:
        messages.info(request, _("Bạn đã chấm hết các bài được phân công."))
        return HttpResponseRedirect(reverse("admin:submissions_assignment_changelist"))
    return HttpResponseRedirect(reverse("admin:submissions_assignment_score", args=[(following or assignment).pk]))


def others_shown(request, assignment, criteria) -> list | None:
    """The other members' points on the entry as this member may read them; None while blind
    scoring hides them (until the member has scored)."""
    scored = assignment.completed_at is not None
    if not scored and assignment.entry.campaign.blind_scoring:
        return None
    others = others_scores(assignment, criteria)
    # Without blind scoring the points show at once, the names only once the member has scored
    # (a conflicted member never reaches this form).
    if others and not sees_member_scores(request.user, scored=scored, conflicted=False):
        others = [(_("Thành viên %(n)d") % {"n": n}, points) for n, (_name, points) in enumerate(others, 1)]
    return others


# --- The desk ---------------------------------------------------------------------------------------


class AssignmentAdmin(ProjectAdmin, admin.ModelAdmin):
    """A member sees their own assigned entries; the secretary sees and makes every assignment."""

    form = AssignmentForm
    list_display = ["entry_code", "entry_title", "area", "kind", "scored", "score_link"]
    list_filter = [ScoredFilter, "member__campaign", "entry__area", "entry__kind"]
    search_fields = ["entry__code", "entry__title"]
    autocomplete_fields = ["entry"]  # the member is picked from the entry's council (AssignmentForm)
    list_per_page = 50
    list_display_links = None  # rows open the scoring form through their button

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            .select_related("entry__area", "entry__campaign", "member__person", "member__campaign")
            .annotate(is_mine=Q(member__person__user=request.user))
        )
        if is_secretariat(request.user):
            return queryset
        return queryset.filter(member__person__user=request.user)

    def get_list_display(self, request):
        if is_secretariat(request.user):
            return ["entry_code", "entry_title", "member_name", "scored", "score_link"]
        return self.list_display

    def get_list_filter(self, request):
        filters = list(self.list_filter)
        if is_secretariat(request.user):
            filters.insert(1, MemberFilter)
        return filters

    @admin.display(description=_("mã bài"), ordering="entry__code")
    def entry_code(self, assignment):
        return assignment.entry.code

    @admin.display(description=_("tên bài"))
    def entry_title(self, assignment):
        return assignment.entry.title

    @admin.display(description=_("nội dung thi đua"))
    def area(self, assignment):
        return assignment.entry.area.order

    @admin.display(description=_("loại"))
    def kind(self, assignment):
        return assignment.entry.get_kind_display()

    @admin.display(description=_("thành viên"), ordering="member__person__full_name")
    def member_name(self, assignment):
        return assignment.member.person.full_name

    @admin.display(description=_("đã chấm"), boolean=True, ordering="completed_at")
    def scored(self, assignment):
        return assignment.completed_at is not None

    @admin.display(description="")
    def score_link(self, assignment):
        if not assignment.is_mine:
            return ""
        label = _("Sửa điểm") if assignment.completed_at else _("Chấm điểm")
        return format_html(
            '<a class="button" href="{}">{}</a>',
            reverse("admin:submissions_assignment_score", args=[assignment.pk]),
            label,
        )

    def changelist_view(self, request, extra_context=None):
        chosen = key_or_none(request.GET.get("member__campaign__id__exact"))  # the campaign filter
        done, total = desk_progress(request.user, chosen)
        extra_context = {
            **(extra_context or {}),
            "desk_progress": {"done": done, "total": total} if total else None,
            "next_assignment": next_unscored(request.user),
            "coauthor_requests": list(coauthor_requests(request.user)),
            "is_secretariat": is_secretariat(request.user),
        }
        return super().changelist_view(request, extra_context)

    def get_changeform_initial_data(self, request):
        # ?bai=<entry code>: the entry (so its own council) chosen, without a key in the URL.
        entry = Entry.objects.exclude(status=EntryStatus.DRAFT).filter(code=request.GET.get("bai") or None).first()
        return {"entry": entry.pk} if entry else {}

    def has_change_permission(self, request, obj=None):
        return False  # scores are given on the scoring form, assignments are not edited

    def save_model(self, request, obj, form, change):
        saved = scoring.assign_entry(entry=obj.entry, member=obj.member, by=request.user)
        obj.pk = saved.pk

    def response_add(self, request, obj, post_url_continue=None):
        """Name the assignment in words: the entry's code and title, and the member's name."""
        self.message_user(
            request,
            _("Đã phân công %(member)s chấm bài %(entry)s.")
            % {"member": obj.member.person.full_name, "entry": f"{obj.entry.code} — {obj.entry.title}"},
            messages.SUCCESS,
        )
        if "_addanother" in request.POST:
            return HttpResponseRedirect(request.path)
        return HttpResponseRedirect(reverse("admin:submissions_assignment_changelist"))

    def get_urls(self):
        return [
            path(
                "<int:pk>/cham-diem/", self.admin_site.admin_view(self.score_view), name="submissions_assignment_score"
            ),
            path("tien-do/", self.admin_site.admin_view(self.progress_view), name="submissions_assignment_progress"),
            path(
                "phan-cong-tu-dong/",
                self.admin_site.admin_view(self.auto_assign_view),
                name="submissions_assignment_auto",
            ),
            *super().get_urls(),
        ]

    def page_context(self, request, title, **context):
        return {**self.admin_site.each_context(request), "opts": self.model._meta, "title": title, **context}

    def score_view(self, request, pk):
        """One entry's scoring form: every applicable criterion with its maximum and guidance."""
        assignment = own_assignment(request, pk)
        entry, campaign = assignment.entry, assignment.entry.campaign
        criteria = applicable_criteria(campaign=campaign, area=entry.area, kind=entry.participant_kind)
        sheet = scoring_sheet(assignment)
        locked = campaign.scores_locked_at is not None
        form = ScoringForm(
            request.POST or None,
            criteria=criteria,
            scores=sheet["own_scores"],
            step=campaign.score_step,
            overall=assignment.comment,
            read_only=locked,
        )
        if request.method == "POST" and form.is_valid():
            saved = save_scores(request, assignment, form)
            if saved is not None:
                return saved
        others = others_shown(request, assignment, criteria)
        done, total = desk_progress(request.user, campaign.pk)
        context = self.page_context(
            request,
            _("Chấm điểm bài %(code)s") % {"code": entry.code},
            assignment=assignment,
            entry=entry,
            campaign=campaign,
            form=form,
            rows=form.rows(sheet["self_scores"]),
            attachments=sheet["attachments"],
            others=others,
            blind_hidden=others is None,
            criteria=criteria,
            desk_progress={"done": done, "total": total},
            locked=locked,
        )
        return TemplateResponse(request, "admin/submissions/assignment/score.html", context)

    def progress_view(self, request):
        """The secretary's view of who has scored what, with a button to remind the late ones."""
        if not is_secretariat(request.user):
            raise PermissionDenied
        campaigns = list(visible_campaigns().order_by("-opens_at"))
        chosen = next(
            (c for c in campaigns if c.slug == request.GET.get("phong-trao")), campaigns[0] if campaigns else None
        )
        if request.method == "POST" and chosen is not None:
            task_send_scoring_reminders.delay_on_commit(campaign_id=chosen.pk)
            messages.success(request, _("Đã gửi yêu cầu nhắc nhở các thành viên còn bài chưa chấm."))
            return HttpResponseRedirect(f"{request.path}?phong-trao={chosen.slug}")
        members, missing, unassigned = campaign_progress(chosen) if chosen else ([], [], 0)
        context = self.page_context(
            request,
            _("Tiến độ chấm điểm"),
            campaigns=campaigns,
            chosen=chosen,
            members=members,
            missing=missing,
            unassigned=unassigned,
            pending_coauthors=pending_coauthor_conflicts(chosen) if chosen else [],
            assigned=sum(m.assigned for m in members),
        )
        return TemplateResponse(request, "admin/submissions/assignment/progress.html", context)

    def auto_assign_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = AutoAssignForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                report = scoring.auto_assign(
                    campaign=form.cleaned_data["campaign"], per_entry=form.cleaned_data["per_entry"], by=request.user
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã tạo %(n)d phân công mới.") % {"n": report.created})
                for entry, why in report.short:
                    messages.warning(
                        request, _("Bài %(code)s chưa đủ người chấm: %(why)s.") % {"code": entry.code, "why": why}
                    )
                return HttpResponseRedirect(
                    reverse("admin:submissions_assignment_progress")
                    + f"?phong-trao={form.cleaned_data['campaign'].slug}"
                )
        context = self.page_context(request, _("Phân công chấm tự động"), form=form)
        return TemplateResponse(request, "admin/submissions/assignment/auto_assign.html", context)


class ScoreChangeAdmin(ProjectAdmin, RecordsAdmin, admin.ModelAdmin):
    """The history of every score, read-only, for the secretary and leaders: it names the members,
    so nobody else reads it, whatever permissions their groups are given (DESIGN.md rule 3)."""

    list_display = [
        "changed_at",
        "entry",
        "criterion",
        "member",
        "old_points_shown",
        "new_points_shown",
        "note",
        "changed_by",
    ]
    list_filter = ["entry__campaign"]
    fields = list_display
    old_points_shown = points_column(ScoreChange, "old_points")
    new_points_shown = points_column(ScoreChange, "new_points")
    list_select_related = ["entry", "criterion", "member__person", "changed_by"]
    search_fields = ["entry__code"]

    def has_view_permission(self, request, obj=None):
        # The rule "submissions.view_scorechange" itself, asked through its predicate so that Django's
        # pass for superusers does not open the scorers' names to them (campaigns.permissions).
        return sees_every_member_score(request.user)
