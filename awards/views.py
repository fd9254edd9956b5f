"""The top layer's pages: the campaign page, the ranking, the explanation of a rank, charts, the Excel
export and the nominee lists."""

from html import escape  # what django.utils.html.escape does, without its lazy-text wrapper

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, TemplateView

from awards import charts, exports, word
from awards.enums import ListStatus, TieDecision
from awards.forms import ApproveForm, CommentForm, PublishForm
from awards.models import Comment, Nominee, NomineeList
from awards.permissions import approves_lists
from awards.queries.explanation import explain_entries
from awards.queries.nominees import (
    comment_thread,
    kind_counts,
    latest_nominations,
    lists_open_for_comment,
    lists_visible_to,
    nominees_of,
    proposes_upward,
)
from awards.queries.ranking import ranking
from awards.queries.versions import cached_standings, ranking_key, ranking_version, with_ranking_version
from awards.rules import allocate, entries_in_score, nominated_forms
from awards.services import approval, compilation
from campaigns.enums import CampaignStatus, ParticipantKind, TieBreak
from campaigns.models import Person, Unit
from campaigns.queries import unit_descendant_ids, visible_campaigns
from common.formatting import points_formatter
from criteria.enums import DecidingLevel
from criteria.models import AwardForm
from criteria.queries import campaign_with_configuration
from submissions import views as submissions_views
from submissions.deadlines import is_open_for_user
from submissions.permissions import sees_every_member_score

PAGE_SIZE = 250
KIND_SLUGS = {"ca-nhan": ParticipantKind.INDIVIDUAL, "tap-the": ParticipantKind.COLLECTIVE}


class CampaignRankingMixin(LoginRequiredMixin):
    """Loads the campaign from the URL; users who may not see its ranking get a 404."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.campaign = get_object_or_404(with_ranking_version(visible_campaigns()), slug=kwargs["slug"])
        if not request.user.has_perm("awards.view_ranking", self.campaign):
            raise Http404
        self.kind_slug = kwargs.get("kind") or request.GET.get("loai") or "tap-the"
        if self.kind_slug not in KIND_SLUGS:
            raise Http404
        self.kind = KIND_SLUGS[self.kind_slug]
        return super().dispatch(request, *args, **kwargs)

    def filters(self):
        """The area and unit filters from the query string (unknown values are ignored)."""
        areas = self.campaign.areas.order_by("order")  # lazy: read only where the page needs the list
        chosen = self.request.GET.get("noi-dung") or ""
        area = areas.filter(order=chosen).first() if chosen.isascii() and chosen.isdigit() else None
        unit_code = self.request.GET.get("don-vi") or ""
        unit = Unit.objects.filter(agency=self.campaign.agency, code=unit_code).first() if unit_code else None
        return areas, area, unit


class RankingPage:
    """One page of the ranking, computed only if the template's cached fragment is missing."""

    def __init__(self, campaign, kind, *, area, unit_ids, page, show_all, version, explain_prefix=""):
        self.campaign, self.kind, self.area, self.unit_ids = campaign, kind, area, unit_ids
        self.page, self.show_all, self.version = page, show_all, version
        self.explain_prefix = explain_prefix

    @cached_property
    def ranked(self) -> tuple[list, int]:
        """The rows of this page (every row when all are shown) and how many are ranked, from one
        statement: the database ranks every participant and cuts the page out, so only the rows
        shown come to Python. The rendered table is what is cached (per page, filter and
        language, and only for pages that exist: see ``RankingView``)."""
        cut = {} if self.show_all else {"offset": (self.page - 1) * PAGE_SIZE, "limit": PAGE_SIZE}
        area_id = self.area.pk if self.area else None
        return ranking(self.campaign, self.kind, area_id=area_id, unit_ids=self.unit_ids, **cut)

    @cached_property
    def total(self) -> int:
        return self.ranked[1]

    @cached_property
    def pages(self) -> int:
        return max((self.total + PAGE_SIZE - 1) // PAGE_SIZE, 1)

    @cached_property
    def rows(self) -> list["ShownRow"]:
        shown = self.ranked[0]
        nominations = latest_nominations(self.campaign, shown)
        as_points = points_formatter()
        return [
            ShownRow(
                rank=str(row.rank),
                tied=row.tied,
                split=row.split,
                code=row.code,
                name=row.name,
                unit_name=row.unit_name,
                counted_entries=str(row.counted_entries),
                score_text=as_points(row.score),
                sheets=f"{row.complete_sheets}/{row.assigned_sheets}",
                nominated=nominations.get(row.key, ""),
            )
            for row in shown
        ]

    def rows_html(self) -> str:
        """The table's body rows, written here rather than by a template loop: a template spends
        about 0.3 ms on a row, this a few microseconds. Every value is escaped as the template
        would; the labels are the template's own words."""
        individual = self.kind == ParticipantKind.INDIVIDUAL
        labels = {
            "rank": _("Hạng"),
            "name": _("Cá nhân") if individual else _("Tập thể"),
            "unit": _("Đơn vị") if individual else _("Đơn vị cấp trên"),
            "counted": _("Số bài được tính"),
            "score": _("Điểm"),
            "sheets": _("Phiếu chấm đủ"),
            "award": _("Đề nghị khen thưởng"),
        }
        labels = {key: escape(value) for key, value in labels.items()}
        tied = f' <span class="badge text-bg-light border">{escape(_("đồng hạng"))}</span>'
        split = f' <span class="badge text-bg-light border">{escape(_("phân định theo bài cao nhất"))}</span>'
        prefix = escape(self.explain_prefix)
        if not self.rows:
            if individual:
                empty = _("Chưa có cá nhân nào đủ điều kiện xếp hạng.")
            else:
                empty = _("Chưa có tập thể nào đủ điều kiện xếp hạng.")
            return mark_safe(f'<tr><td colspan="7">{escape(empty)}</td></tr>')
        # Each row is one f-string: the labels and values are substituted once and never read as a
        # template again, so a brace in a translation or a name is just a character.
        rank, name, unit, counted = labels["rank"], labels["name"], labels["unit"], labels["counted"]
        score, sheets, award = labels["score"], labels["sheets"], labels["award"]

        def row_html(row) -> str:
            return (
                f'<tr><td class="text-end" data-label="{rank}">{escape(row["rank"])}'
                f"{tied if row['tied'] else ''}{split if row['split'] else ''}</td>"
                f'<td data-label="{name}"><a href="{prefix}{escape(row["code"])}/">{escape(row["name"])}</a></td>'
                f'<td data-label="{unit}">{escape(row["unit_name"])}</td>'
                f'<td class="text-end" data-label="{counted}">{escape(row["counted_entries"])}</td>'
                f'<td class="text-end fw-semibold" data-label="{score}">{escape(row["score_text"])}</td>'
                f'<td class="text-end" data-label="{sheets}">{escape(row["sheets"])}</td>'
                f'<td data-label="{award}">{escape(row["nominated"])}</td></tr>\n'
            )

        return mark_safe("".join(row_html(row) for row in self.rows))


class ShownRow(dict):
    """One ranking row as the page shows it: text only, read by key. A template tries a key
    before an attribute, and numbers given as text skip localisation: the cheapest row to render
    (the whole ranking is one page of up to 20,000 rows at ten times province scale)."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class RankingView(CampaignRankingMixin, TemplateView):
    """The ranking page. Its table is a cached fragment keyed on the ranking's version, so a
    page view that finds it costs the version query and a cache read."""

    template_name = "awards/ranking.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        areas, area, unit = self.filters()
        show_all = self.request.GET.get("tat-ca") == "1"
        page = 1 if show_all else self.page_number()
        unit_ids = unit_descendant_ids(unit) if unit else None
        version = ranking_version(self.campaign)
        view = f"{page}|{show_all}|{get_language()}|{unit.code if unit else ''}"
        explain_prefix = reverse("ranking_explain", args=[self.campaign.slug, self.kind_slug, "-"])[:-2]
        ranking = RankingPage(
            self.campaign,
            self.kind,
            area=area,
            unit_ids=unit_ids,
            page=page,
            show_all=show_all,
            version=version,
            explain_prefix=explain_prefix,
        )
        fragment_key = ranking_key(
            self.campaign, self.kind, area_id=area.pk if area else None, unit_ids=unit_ids, version=version, extra=view
        )
        # Only a page that exists gets a cached table: past the last page is a 404. The ranking is
        # read to count the pages only when the table is not cached, that is when it is rendered.
        cached = caches["local"].get(make_template_fragment_key("ranking_table", [fragment_key])) is not None
        if page > 1 and not cached and page > ranking.pages:
            raise Http404
        context.update(
            campaign=self.campaign,
            kind=self.kind,
            kind_slug=self.kind_slug,
            ranking=ranking,
            fragment_key=fragment_key,
            areas=areas,
            area=area,
            unit=unit,
            filtered=bool(area or unit),
            tie_break=self.campaign.tie_break == TieBreak.BEST_ENTRY,
            units=Unit.objects.filter(agency=self.campaign.agency)
            .order_by("order", "name")
            .values_list("code", "name"),
            explain_prefix=explain_prefix,
            page=page,
            show_all=show_all,
            query=self.request.GET.urlencode(),
        )
        return context

    def page_number(self) -> int:
        """``?trang=N`` as a page number from 1; anything else is no page (404)."""
        text = self.request.GET.get("trang") or "1"
        if not (text.isascii() and text.isdigit()) or len(text) > 6 or int(text) < 1:
            raise Http404
        return int(text)


class ExplainView(CampaignRankingMixin, TemplateView):
    """Where a participant's number comes from, line by line."""

    template_name = "awards/explain.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        code = self.kwargs["code"]
        if self.kind == ParticipantKind.INDIVIDUAL:
            participant = get_object_or_404(
                Person.objects.select_related("unit"), code=code, unit__agency=self.campaign.agency
            )
            ident = {"person_id": participant.pk}
        else:
            participant = get_object_or_404(Unit, code=code, agency=self.campaign.agency)
            ident = {"unit_id": participant.pk}
        rows = cached_standings(self.campaign, self.kind)
        row = next((r for r in rows if r.key == (ident.get("person_id"), ident.get("unit_id"))), None)
        forms = list(AwardForm.objects.filter(campaign=self.campaign, recipient_kind=self.kind))
        outcomes = allocate(rows, forms)
        nominated = nominated_forms(outcomes).get(row.key) if row else None
        outlook = []
        for outcome in outcomes:
            outlook.append(
                {
                    "form": outcome.form,
                    "quota": outcome.quota,
                    "to_minimum": (row.score - outcome.form.min_score) if row else None,
                    "line": outcome.line,
                    "to_line": (row.score - outcome.line) if row and outcome.line is not None else None,
                    "floored_away": outcome.floored_away,
                }
            )
        context.update(
            campaign=self.campaign,
            kind=self.kind,
            kind_slug=self.kind_slug,
            participant=participant,
            row=row,
            tie_break=self.campaign.tie_break == TieBreak.BEST_ENTRY,
            ranked_total=len(rows),
            entries=mark_entries_in_score(
                self.campaign, explain_entries(self.campaign, viewer=self.request.user, **ident)
            ),
            outlook=outlook,
            nominated=nominated,
        )
        return context


def mark_entries_in_score(campaign, items):
    """Flag the entries that make up the participant's score under the campaign's rule."""
    counted = [
        (i["result"].total, i["entry"].submitted_at or i["entry"].created_at, i["entry"].pk, i)
        for i in items
        if i["result"] is not None and i["result"].counted
    ]
    used = entries_in_score(counted, rule=campaign.participant_rule, best_k=campaign.best_k)
    for item in items:
        item["in_score"] = any(item is u for u in used)
    return items


class ChartsView(CampaignRankingMixin, TemplateView):
    template_name = "awards/charts.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "campaign": self.campaign,
            "charts": charts.all_charts(self.campaign, names_members=sees_every_member_score(self.request.user)),
        }


class RankingExportView(CampaignRankingMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        areas, area, unit = self.filters()
        label = _("Cá nhân") if self.kind == ParticipantKind.INDIVIDUAL else _("Tập thể")
        workbook = exports.ranking_workbook(
            campaign=self.campaign,
            kind=self.kind,
            kind_label=label,
            areas=areas,
            area=area,
            unit=unit,
            unit_ids=unit_descendant_ids(unit) if unit else None,
        )
        filename = exports.ranking_file_name(campaign=self.campaign, kind_slug=self.kind_slug, area=area, unit=unit)
        return exports.workbook_response(workbook, filename)


# --- Nominee lists -------------------------------------------------------------------------


class NomineeListMixin(LoginRequiredMixin):
    """Loads a campaign's list versions visible to the user; one that is not visible is a 404."""

    def list_by_code(self, code):
        nominee_list = get_object_or_404(NomineeList.objects.select_related("campaign__agency"), code=code)
        if not lists_visible_to(self.request.user, nominee_list.campaign).filter(pk=nominee_list.pk).exists():
            raise Http404
        return nominee_list


class NomineeListView(NomineeListMixin, TemplateView):
    """The newest (or the chosen) version of the list, grouped by kind and award form, with its actions."""

    template_name = "awards/nominee_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        campaign = get_object_or_404(visible_campaigns().select_related("agency"), slug=self.kwargs["slug"])
        versions = list(lists_visible_to(user, campaign))
        if not versions and not user.has_perm("awards.view_draft_nomineelist"):
            raise Http404
        chosen = next(
            (v for v in versions if self.request.GET.get("phien-ban") == str(v.version)),
            versions[0] if versions else None,
        )
        nominees = list(nominees_of(chosen)) if chosen else []
        comments = list(comment_thread(chosen)) if chosen else []
        context.update(
            campaign=campaign,
            versions=versions,
            nominee_list=chosen,
            nominees=nominees,
            comments=comments,
            manages=user.has_perm("awards.manage_nomineelist"),
            approves=approves_lists(user),
            # Reads every score: only for the leader who is about to approve a posted list.
            problems=approval.approval_problems(chosen)
            if chosen and chosen.status == ListStatus.PUBLISHED and approves_lists(user)
            else [],
            can_comment=bool(
                chosen and chosen.status == ListStatus.PUBLISHED and timezone.now() < chosen.posting_ends_at
            ),
            publish_form=PublishForm(initial={"days": campaign.posting_days}),
            comment_form=CommentForm(nominees=nominees),
            tie_decisions=TieDecision.choices,
            proposes_upward=any(n.award_form.deciding_level == DecidingLevel.HIGHER for n in nominees),
            closed=campaign.status == CampaignStatus.CLOSED,
        )
        return context


class NomineeListActionView(NomineeListMixin, View):
    """Base of the POST actions on a campaign's list, one view per action (``urls.list_action``;
    approval has its own confirmation page, ``ApproveListView``).

    ``permitted`` says who may take the action: anyone else gets a 404. ``act`` calls the
    action's one service and returns the message; a refusal is shown on the list page."""

    http_method_names = ["post"]

    def permitted(self, user) -> bool:
        return user.has_perm("awards.manage_nomineelist")

    def act(self, campaign) -> str:
        raise NotImplementedError

    def chosen_list(self):
        return self.list_by_code(self.request.POST.get("list", ""))

    def post(self, request, slug, **kwargs):
        campaign = get_object_or_404(visible_campaigns(), slug=slug)
        if not self.permitted(request.user):
            raise Http404
        try:
            message = self.act(campaign)
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        else:
            messages.success(request, message)
        return redirect("nominee_list", slug=slug)


class CompileListView(NomineeListActionView):
    """The secretariat compiles a new version of the list once the campaign is closed."""

    def act(self, campaign) -> str:
        if campaign.status != CampaignStatus.CLOSED:
            raise ValidationError(_("Chỉ lập danh sách sau khi phong trào đã đóng."))
        user = self.request.user
        nominee_list = compilation.compile_nominees(campaign=campaign, by=user.get_full_name() or user.username)
        return _("Đã lập danh sách phiên bản %(v)d.") % {"v": nominee_list.version}


class PublishListView(NomineeListActionView):
    """The secretariat posts a version for comment for a number of days."""

    def act(self, campaign) -> str:
        form = PublishForm(self.request.POST)
        days = form.cleaned_data["days"] if form.is_valid() else None
        if days is None:
            raise ValidationError(_("Số ngày công khai phải từ 1 đến 60."))
        approval.publish_list(nominee_list=self.chosen_list(), by=self.request.user, days=days)
        return _("Đã công khai danh sách để lấy ý kiến.")


class CommentListView(NomineeListActionView):
    """Whoever sees the list (``list_by_code``) comments on it, or on one nominee."""

    def permitted(self, user) -> bool:
        return True

    def act(self, campaign) -> str:
        nominee_list = self.chosen_list()
        nominees = list(nominee_list.nominees.all())
        form = CommentForm(self.request.POST, nominees=nominees)
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        position = form.cleaned_data["position"]
        nominee = next((n for n in nominees if n.position == position), None) if position else None
        approval.add_comment(
            nominee_list=nominee_list, author=self.request.user, text=form.cleaned_data["text"], nominee=nominee
        )
        return _("Đã gửi ý kiến. Thư ký Hội đồng sẽ trả lời trên trang này.")


class AnswerCommentView(NomineeListActionView):
    """The secretariat answers a comment of the list's thread."""

    def act(self, campaign) -> str:
        nominee_list = self.chosen_list()
        comment = get_object_or_404(  # the thread follows the list: earlier versions' comments too
            Comment, pk=self.request.POST.get("comment"), nominee_list__campaign=nominee_list.campaign
        )
        approval.answer_comment(comment=comment, by=self.request.user, answer=self.request.POST.get("answer", ""))
        return _("Đã trả lời ý kiến.")


class ResolveTieView(NomineeListActionView):
    """The secretariat records the council's decision on a tie at a quota line."""

    def act(self, campaign) -> str:
        nominee_list = self.chosen_list()
        nominee = get_object_or_404(Nominee, nominee_list=nominee_list, position=self.request.POST.get("position"))
        approval.resolve_tie(
            nominee=nominee,
            by=self.request.user,
            decision=self.request.POST.get("decision", ""),
            reason=self.request.POST.get("reason", ""),
        )
        return _("Đã ghi quyết định của Hội đồng.")


class ApproveListView(NomineeListMixin, TemplateView):
    """The leader's confirmation step: GET shows what approval freezes and the decision form,
    POST approves. No script needed (strict CSP): the confirmation is this page itself."""

    template_name = "awards/nominee_list_approve.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not approves_lists(request.user):
            raise Http404
        self.nominee_list = self.list_by_code(kwargs["code"])
        if self.nominee_list.campaign.slug != kwargs["slug"]:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def form(self, data=None):
        campaign = self.nominee_list.campaign
        bounds = approval.decision_date_bounds(self.nominee_list)
        initial = {"signer_title": campaign.signer_title, "signer": campaign.signer}
        return ApproveForm(data, bounds=bounds, initial=initial)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        nominee_list = self.nominee_list
        published = nominee_list.status == ListStatus.PUBLISHED
        context.update(
            campaign=nominee_list.campaign,
            nominee_list=nominee_list,
            counts=kind_counts(nominee_list),
            problems=approval.approval_problems(nominee_list) if published else [],
            published=published,
            form=kwargs.get("form") or self.form(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                approval.approve_list(nominee_list=self.nominee_list, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                # What stands in the way of approval is listed on the page again (``problems``);
                # only the errors about a field are shown on the form.
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Đã phê duyệt danh sách. Danh sách và điểm đã được khóa."))
                return redirect("nominee_list", slug=self.nominee_list.campaign.slug)
        return self.render_to_response(self.get_context_data(form=form))


class NomineeListExportView(NomineeListMixin, View):
    def get(self, request, code):
        nominee_list = self.list_by_code(code)
        workbook = exports.nominee_workbook(nominee_list=nominee_list)  # rows streamed from the database
        suffix = "" if nominee_list.status == ListStatus.APPROVED else "-du-thao"
        filename = f"danh-sach-khen-thuong-{nominee_list.campaign.slug}-v{nominee_list.version}{suffix}.xlsx"
        return exports.workbook_response(workbook, filename)


class NomineeListDocumentView(NomineeListMixin, View):
    """A Word document of an approved list, for whoever may see the list (``list_by_code``); a
    list not approved has none (404). ``document`` writes it; ``name`` starts its file's name."""

    name = ""

    def document(self, nominee_list) -> bytes:
        raise NotImplementedError

    def get(self, request, code):
        nominee_list = self.list_by_code(code)
        if nominee_list.status != ListStatus.APPROVED:
            raise Http404
        content = self.document(nominee_list)
        filename = f"{self.name}-{nominee_list.campaign.slug}-v{nominee_list.version}.docx"
        return word.document_response(content, filename)


class DecisionDocumentView(NomineeListDocumentView):
    """The decision (Quyết định khen thưởng) with the list as its appendix."""

    name = "quyet-dinh-khen-thuong"

    def document(self, nominee_list) -> bytes:
        return word.decision_document(nominee_list=nominee_list)


class ProposalDocumentView(NomineeListDocumentView):
    """The proposal (Tờ trình) to the higher authority; a list that proposes nobody upward has none."""

    name = "to-trinh-de-nghi-khen-thuong"

    def document(self, nominee_list) -> bytes:
        if not proposes_upward(nominee_list):
            raise Http404
        return word.proposal_document(nominee_list=nominee_list)


class HomeView(submissions_views.HomeView):
    """The home page with the notices of this layer: lists posted for comment, until when."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lists_for_comment"] = list(lists_open_for_comment(timezone.now())[:10])
        return context


class CampaignDetailView(LoginRequiredMixin, DetailView):
    """The campaign as its plan reads: purpose, reform areas, criteria, award forms, deadline.

    It lives in the top layer so that its links ask the rules of the pages they open: "Gửi bài"
    the participant's deadline (personal extension included), "Xem xếp hạng" the ranking's access.
    """

    template_name = "campaigns/campaign_detail.html"
    context_object_name = "campaign"

    def get_queryset(self):
        return campaign_with_configuration()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, campaign, now = self.request.user, self.object, timezone.now()
        context.update(
            now=now,
            can_enter=is_open_for_user(user, campaign, now),
            can_see_ranking=user.has_perm("awards.view_ranking", campaign),
        )
        return context
