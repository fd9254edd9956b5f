"""Staff pages: the home page, the entry form, my entries, the entry page and evidence downloads."""

import uuid

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from campaigns.enums import Role
from campaigns.forms import add_service_errors
from campaigns.models import Unit
from campaigns.permissions import is_council_member, roles_of
from campaigns.queries import person_of, person_with_headed_units, visible_campaigns
from submissions import permissions, services
from submissions.deadlines import accepts_entries, campaigns_open_for, is_open_for_user, participant_closes_at
from submissions.enums import EntryStatus
from submissions.forms import EntryForm, ReasonForm
from submissions.models import Attachment
from submissions.queries import (
    attachment_for,
    coauthor_pending,
    current_attachments,
    entries_to_endorse,
    entry_page_queryset,
    my_entries,
    score_breakdown,
    status_counts,
    timeline,
    unscored_assignment_count,
)
from submissions.services import coauthors


def entrant_may_still_write(entry, moment=None) -> bool:
    """Whether the entry's participant may still edit, submit or withdraw it: their own deadline
    (the campaign's, or a personal extension) has not passed. The services ask the same question."""
    return accepts_entries(campaign=entry.campaign, participant=entry.participant_key, moment=moment or timezone.now())


def deadline_passed_message(entry) -> str:
    closes_at = participant_closes_at(campaign=entry.campaign, participant=entry.participant_key)
    return _("Đã hết hạn gửi bài lúc %(end)s (giờ Việt Nam): bài không sửa, gửi hay rút được nữa.") % {
        "end": date_format(timezone.localtime(closes_at), "d/m/Y H:i:s")
    }


class HomeView(LoginRequiredMixin, TemplateView):
    """Each user's starting page: open campaigns with time left, my entries, what needs my action.

    Served by ``awards.views.HomeView``, which adds the notices of the layer above (posted lists)."""

    template_name = "campaigns/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, now = self.request.user, timezone.now()
        campaigns = list(visible_campaigns()[:20])
        open_ids = set(campaigns_open_for(user, now).values_list("pk", flat=True))
        enterable = [c for c in campaigns if c.pk in open_ids]
        entries = list(my_entries(user)[:50])
        person, roles = person_with_headed_units(user), roles_of(user)
        context.update(
            open_campaigns=enterable,
            other_campaigns=[c for c in campaigns if c not in enterable],
            status_counts=status_counts(user),
            person=person,
            roles=roles,
            # A unit head whose unit does not name them as head cannot submit for it: say so.
            unit_head_unlinked=Role.UNIT_HEAD in roles and not (person and person.heads_units),
            my_entries=entries,
            # A returned entry is a task only while its participant may still send it back.
            returned_entries=[
                e for e in entries if e.status == EntryStatus.RETURNED and entrant_may_still_write(e, now)
            ],
            to_endorse=list(entries_to_endorse(user)[:50]),
            to_score=unscored_assignment_count(user) if is_council_member(user) else 0,
        )
        return context


class EntryFormMixin(LoginRequiredMixin):
    """Shared by creating and editing: the form's arguments and the service's error handling."""

    form_class = EntryForm
    template_name = "submissions/entry_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        person = person_of(self.request.user)
        kwargs.update(
            campaign=self.campaign,
            user=self.request.user,
            person=person,
            headed_units=list(Unit.objects.filter(head__user=self.request.user).order_by("name")),
        )
        return kwargs

    def form_invalid(self, form):
        if self.request.FILES:
            messages.warning(self.request, _("Các tệp đã chọn chưa được lưu: hãy sửa lỗi rồi chọn lại tệp."))
        return super().form_invalid(form)

    def run_service(self, form, call):
        submit = "submit" in self.request.POST
        try:
            entry = call(submit)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        if submit and entry.status == EntryStatus.SUBMITTED:
            messages.success(
                self.request, _("Đã gửi bài %(code)s. Biên nhận sẽ được gửi qua email.") % {"code": entry.code}
            )
        else:
            messages.success(self.request, _("Đã lưu bản nháp %(code)s.") % {"code": entry.code})
        return redirect("entry_detail", code=entry.code)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["campaign"] = self.campaign
        return context


class EntryCreateView(EntryFormMixin, FormView):
    def dispatch(self, request, *args, **kwargs):
        self.campaign = get_object_or_404(visible_campaigns(), slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        person = person_of(request.user)
        participants = [(person, None)] if person else []
        participants += [(None, unit) for unit in Unit.objects.filter(head__user=request.user)]
        if not participants:
            messages.error(
                request, _("Tài khoản chưa gắn với hồ sơ cán bộ nên chưa gửi bài được; hãy liên hệ thư ký Hội đồng.")
            )
            return redirect("campaign_detail", slug=self.campaign.slug)
        if not is_open_for_user(request.user, self.campaign, timezone.now()):
            messages.error(request, _("Phong trào này hiện không nhận bài."))
            return redirect("campaign_detail", slug=self.campaign.slug)
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        return {"form_token": uuid.uuid4()}

    def form_valid(self, form):
        person, unit = form.participant_objects()
        return self.run_service(
            form,
            lambda submit: services.create_entry(
                campaign=self.campaign,
                by=self.request.user,
                content=form.content(),
                person=person,
                unit=unit,
                form_token=form.cleaned_data.get("form_token"),
                submit=submit,
            ),
        )


class EntryUpdateView(EntryFormMixin, FormView):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.entry = get_object_or_404(entry_page_queryset(request.user), code=kwargs["code"])
        if not permissions.can_edit(request.user, self.entry):
            messages.error(
                request,
                _("Bài ở trạng thái “%(status)s” không sửa được.") % {"status": self.entry.get_status_display()},
            )
            return redirect("entry_detail", code=self.entry.code)
        # A form opened after the deadline could only fail on save. A form opened before it and
        # sent after it is shown again with the service's refusal, so the typed text is not lost.
        if request.method in ("GET", "HEAD") and not entrant_may_still_write(self.entry):
            messages.error(request, deadline_passed_message(self.entry))
            return redirect("entry_detail", code=self.entry.code)
        self.campaign = self.entry.campaign
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(instance=self.entry, attachments=list(current_attachments(self.entry)))
        return kwargs

    def form_valid(self, form):
        return self.run_service(
            form,
            lambda submit: services.update_entry(
                entry=self.entry, by=self.request.user, content=form.content(), submit=submit
            ),
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "entry": self.entry}


class MyEntriesView(LoginRequiredMixin, ListView):
    template_name = "submissions/entry_list.html"
    context_object_name = "entries"
    paginate_by = 50

    def get_queryset(self):
        return my_entries(self.request.user)


class EntryDetailView(LoginRequiredMixin, DetailView):
    """The entry with its status timeline, evidence and the actions the user may take."""

    template_name = "submissions/entry_detail.html"
    context_object_name = "entry"
    slug_field = slug_url_kwarg = "code"

    def get_queryset(self):
        return entry_page_queryset(self.request.user).prefetch_related("coauthors", "self_scores__criterion")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entry, user = self.object, self.request.user
        may_edit, may_withdraw = permissions.can_edit(user, entry), permissions.can_withdraw(user, entry)
        # The author's actions end with their deadline, as on the services (asked only when they could act).
        in_time = (may_edit or may_withdraw) and entrant_may_still_write(entry)
        context.update(
            attachments=list(current_attachments(entry)),
            events=timeline(entry),
            closes_at=participant_closes_at(campaign=entry.campaign, participant=entry.participant_key),
            can_edit=may_edit and in_time,
            can_submit=may_edit and in_time,
            can_withdraw=may_withdraw and in_time,
            deadline_passed=(may_edit or may_withdraw) and not in_time,
            can_return=permissions.can_return(user, entry),
            can_endorse=permissions.can_endorse(user, entry),
            coauthor_pending=coauthor_pending(user, entry),
            return_form=ReasonForm(),
            breakdown=score_breakdown(entry) if entry.campaign.scores_locked_at else None,
        )
        return context


class EntryActionView(LoginRequiredMixin, View):
    """Base of the POST-only actions on an entry, one view per action (``urls.entry_action``).

    The entry comes through the user's scoped queryset and ``permitted`` says who may try the
    action: anyone else gets a 404, as for an entry they may not see. ``act`` calls the action's
    one service and returns the message; the service checks the entry's state on its locked row,
    and its refusal is shown on the entry page."""

    http_method_names = ["post"]

    def permitted(self, user, entry) -> bool:
        raise NotImplementedError

    def act(self, entry) -> str:
        raise NotImplementedError

    def success_url(self, entry) -> str:
        return reverse("entry_detail", kwargs={"code": entry.code})

    def post(self, request, code, **kwargs):
        entry = get_object_or_404(entry_page_queryset(request.user), code=code)
        if not self.permitted(request.user, entry):
            raise Http404
        try:
            message = self.act(entry)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
            return redirect("entry_detail", code=entry.code)
        messages.success(request, message)
        return HttpResponseRedirect(self.success_url(entry))


class SubmitEntryView(EntryActionView):
    """The author sends the entry in."""

    def permitted(self, user, entry) -> bool:
        return permissions.is_author(user, entry)

    def act(self, entry) -> str:
        if services.submit_entry(entry=entry, by=self.request.user):
            return _("Đã gửi bài. Biên nhận sẽ được gửi qua email.")
        return _("Bài đã được gửi trước đó.")


class WithdrawEntryView(EntryActionView):
    """The author withdraws the entry (kept in the history)."""

    def permitted(self, user, entry) -> bool:
        return permissions.is_author(user, entry)

    def act(self, entry) -> str:
        services.withdraw_entry(entry=entry, by=self.request.user)
        return _("Đã rút bài. Bài vẫn được lưu trong lịch sử.")


class ReturnEntryView(EntryActionView):
    """The secretariat, or the head of the entrant's unit, returns the entry for revision with a reason."""

    def permitted(self, user, entry) -> bool:
        return permissions.is_secretariat(user) or permissions.heads_unit_of(user, entry)

    def act(self, entry) -> str:
        services.return_entry(entry=entry, by=self.request.user, reason=self.request.POST.get("reason", ""))
        return _("Đã trả lại bài để bổ sung; người gửi sẽ nhận email.")


class EndorseEntryView(EntryActionView):
    """The head of the entrant's unit endorses the entry."""

    def permitted(self, user, entry) -> bool:
        return permissions.heads_unit_of(user, entry)

    def act(self, entry) -> str:
        services.endorse_entry(entry=entry, by=self.request.user)
        return _("Đã xác nhận bài của cán bộ.")


class CoauthorActionView(EntryActionView):
    """Actions of a person named as the entry's co-author."""

    def permitted(self, user, entry) -> bool:
        return entry.coauthors.filter(user=user).exists()


class ConfirmCoauthorshipView(CoauthorActionView):
    def act(self, entry) -> str:
        coauthors.confirm_coauthorship(entry=entry, by=self.request.user)
        return _("Đã xác nhận bạn là đồng tác giả của bài.")


class DeclineCoauthorshipView(CoauthorActionView):
    def act(self, entry) -> str:
        coauthors.decline_coauthorship(entry=entry, by=self.request.user)
        return _("Đã ghi nhận: bạn không phải đồng tác giả của bài %(code)s.") % {"code": entry.code}

    def success_url(self, entry) -> str:
        return reverse("home")  # the entry is no longer theirs to see


class AttachmentDownloadView(LoginRequiredMixin, View):
    """Evidence is served only here, to users who may see the entry, under its original name."""

    def get(self, request, code):
        try:
            attachment = attachment_for(request.user, code)
        except Attachment.DoesNotExist:
            raise Http404 from None
        response = FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response
