"""The ballot page: a present member votes on their own screen; the secretary records attendance,
enters paper ballots and closes the ballot; after the close, the result. One view per action."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from ballots import services
from ballots.forms import AttendanceForm, PaperBallotsForm, VoteForm
from ballots.models import Ballot, Voter
from ballots.queries import ballot_nominees, conflicted_nominees, quorum, results, seat_of
from campaigns.queries import visible_campaigns
from criteria.models import CouncilMember


class BallotMixin(LoginRequiredMixin):
    """Loads the ballot by its code; users who may not see ballots get a 404."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.has_perm("ballots.see_ballot"):
            raise Http404
        self.ballot = get_object_or_404(
            Ballot.objects.select_related("nominee_list__campaign").filter(
                nominee_list__campaign__in=visible_campaigns()
            ),
            code=kwargs["code"],
        )
        self.campaign = self.ballot.nominee_list.campaign
        return super().dispatch(request, *args, **kwargs)

    def council(self):
        return CouncilMember.objects.filter(campaign=self.campaign).select_related("person__unit").order_by("pk")

    def paper_seats(self):
        return self.council().filter(pk__in=Voter.objects.filter(ballot=self.ballot, has_voted=False).values("member"))

    def my_nominees(self, seat) -> list:
        nominees = list(ballot_nominees(self.ballot.nominee_list_id))
        conflicted = conflicted_nominees(nominees, [seat])[seat.pk]
        return [n for n in nominees if n.pk not in conflicted]


class BallotView(BallotMixin, TemplateView):
    template_name = "ballots/ballot.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ballot, user = self.ballot, self.request.user
        runs = user.has_perm("ballots.run_ballot")
        seat = seat_of(user, self.campaign)
        voter = Voter.objects.filter(ballot=ballot, member=seat).first() if seat else None
        may_vote = voter is not None and not voter.has_voted and not ballot.is_closed
        voters = dict(Voter.objects.filter(ballot=ballot).values_list("member_id", "has_voted"))
        nominees = list(ballot_nominees(ballot.nominee_list_id))
        context.update(
            ballot=ballot,
            campaign=self.campaign,
            nominees=nominees,
            runs=runs,
            seat=seat,
            voter=voter,
            vote_form=VoteForm(nominees=self.my_nominees(seat)) if may_vote else None,
            present=len(voters),
            voted=sum(voters.values()),
            quorum=quorum(ballot.council_size),
            results=results(ballot, nominees) if ballot.is_closed else None,
        )
        if runs and not ballot.is_closed:
            context.update(
                attendance_form=AttendanceForm(seats=self.council(), initial={"members": list(voters)}),
                paper_form=PaperBallotsForm(seats=self.paper_seats(), nominees=nominees),
            )
        return context


class BallotActionView(BallotMixin, View):
    """Base of the POST actions: ``act`` calls one service and returns the message; a refusal is
    shown on the ballot page."""

    http_method_names = ["post"]

    def act(self) -> str:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            message = self.act()
        except (ValidationError, PermissionDenied) as exc:
            for text in getattr(exc, "messages", None) or [str(exc)]:
                messages.error(request, text)
        else:
            messages.success(request, message)
        return redirect("ballot", code=self.ballot.code)


def form_errors(form) -> ValidationError:
    return ValidationError([e for errors in form.errors.values() for e in errors])


class CastVoteView(BallotActionView):
    """A present member's ballot, on their own screen."""

    def act(self) -> str:
        seat = seat_of(self.request.user, self.campaign)
        form = VoteForm(self.request.POST, nominees=self.my_nominees(seat) if seat else [])
        if not form.is_valid():
            raise form_errors(form)
        services.cast_vote(ballot=self.ballot, by=self.request.user, choices=form.choices())
        return _("Đã ghi nhận phiếu bầu của bạn. Phiếu được giữ kín: không ai xem được bạn bầu thế nào.")


class RecordAttendanceView(BallotActionView):
    def act(self) -> str:
        form = AttendanceForm(self.request.POST, seats=self.council())
        if not form.is_valid():
            raise form_errors(form)
        services.record_attendance(ballot=self.ballot, by=self.request.user, members=form.cleaned_data["members"])
        return _("Đã ghi danh sách thành viên có mặt.")


class EnterPaperBallotsView(BallotActionView):
    def act(self) -> str:
        form = PaperBallotsForm(
            self.request.POST, seats=self.paper_seats(), nominees=ballot_nominees(self.ballot.nominee_list_id)
        )
        if not form.is_valid():
            raise form_errors(form)
        services.enter_paper_ballots(
            ballot=self.ballot, by=self.request.user, members=form.cleaned_data["members"], tallies=form.tallies()
        )
        return _("Đã nhập %(n)d phiếu giấy.") % {"n": len(form.cleaned_data["members"])}


class CloseBallotView(BallotActionView):
    def act(self) -> str:
        services.close_ballot(ballot=self.ballot, by=self.request.user)
        return _("Đã kết thúc phiên bỏ phiếu; kết quả được công bố dưới đây.")
