"""The leaders' pages: the ranking, the explanation of a rank, charts and the Excel export."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from awards import charts, exports
from awards.permissions import can_see_ranking
from awards.queries import explain_entries, ranking, with_participants
from awards.rules import allocate, nominated_forms
from campaigns.enums import ParticipantKind
from campaigns.models import Person, Unit
from campaigns.queries import unit_descendant_ids, visible_campaigns
from criteria.models import AwardForm

PAGE_SIZE = 250
KIND_SLUGS = {"ca-nhan": ParticipantKind.INDIVIDUAL, "tap-the": ParticipantKind.COLLECTIVE}


class CampaignRankingMixin(LoginRequiredMixin):
    """Loads the campaign from the URL; users who may not see its ranking get a 404."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.campaign = get_object_or_404(visible_campaigns(), slug=kwargs["slug"])
        if not can_see_ranking(request.user, self.campaign):
            raise Http404
        self.kind_slug = kwargs.get("kind") or request.GET.get("loai") or "tap-the"
        if self.kind_slug not in KIND_SLUGS:
            raise Http404
        self.kind = KIND_SLUGS[self.kind_slug]
        return super().dispatch(request, *args, **kwargs)

    def filters(self):
        """The area and unit filters from the query string (unknown values are ignored)."""
        areas = list(self.campaign.areas.order_by("order"))
        area = next((a for a in areas if str(a.order) == self.request.GET.get("noi-dung")), None)
        unit_code = self.request.GET.get("don-vi") or ""
        unit = Unit.objects.filter(agency=self.campaign.agency, code=unit_code).first() if unit_code else None
        return areas, area, unit

    def ranking_rows(self, *, area, unit, limit=None, offset=0):
        unit_ids = unit_descendant_ids(unit) if unit else None
        return ranking(
            self.campaign, self.kind, area_id=area.pk if area else None, unit_ids=unit_ids, limit=limit, offset=offset
        )


class RankingView(CampaignRankingMixin, TemplateView):
    template_name = "awards/ranking.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        areas, area, unit = self.filters()
        show_all = self.request.GET.get("tat-ca") == "1"
        try:
            page = max(int(self.request.GET.get("trang", "1")), 1)
        except ValueError:
            page = 1
        limit = None if show_all else PAGE_SIZE
        rows, total = self.ranking_rows(
            area=area, unit=unit, limit=limit, offset=0 if show_all else (page - 1) * PAGE_SIZE
        )
        with_participants(rows)
        pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
        context.update(
            campaign=self.campaign,
            kind=self.kind,
            kind_slug=self.kind_slug,
            rows=rows,
            total=total,
            areas=areas,
            area=area,
            unit=unit,
            units=Unit.objects.filter(agency=self.campaign.agency).order_by("order", "name"),
            page=page,
            pages=pages,
            show_all=show_all,
            query=self.request.GET.urlencode(),
        )
        return context


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
        rows, _total = ranking(self.campaign, self.kind)
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
                }
            )
        context.update(
            campaign=self.campaign,
            kind=self.kind,
            kind_slug=self.kind_slug,
            participant=participant,
            row=row,
            ranked_total=len(rows),
            entries=explain_entries(self.campaign, **ident),
            outlook=outlook,
            nominated=nominated,
        )
        return context


class ChartsView(CampaignRankingMixin, TemplateView):
    template_name = "awards/charts.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "campaign": self.campaign,
            "charts": charts.all_charts(self.campaign),
        }


class RankingExportView(CampaignRankingMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        areas, area, unit = self.filters()
        rows, _total = self.ranking_rows(area=area, unit=unit)
        with_participants(rows)
        kind_filter = (
            {"entry__person__isnull": False}
            if self.kind == ParticipantKind.INDIVIDUAL
            else {"entry__unit__isnull": False}
        )
        label = _("Cá nhân") if self.kind == ParticipantKind.INDIVIDUAL else _("Tập thể")
        workbook = exports.ranking_workbook(
            campaign=self.campaign,
            kind_label=label,
            rows=rows,
            areas=areas,
            kind_filter=kind_filter,
            area_id=area.pk if area else None,
        )
        filename = f"xep-hang-{self.campaign.slug}-{self.kind_slug}.xlsx"
        return exports.workbook_response(workbook, filename)
