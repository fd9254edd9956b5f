from django.urls import URLPattern, path, re_path

from awards import views


def list_action(action: str, view) -> URLPattern:
    """One action on a campaign's list at ``danh-sach/<slug>/<action>/``. Every action has its own
    view and is named ``nominee_list_action``, so ``{% url 'nominee_list_action' slug 'lap' %}``
    finds the one whose action slug matches; an unknown action matches no URL (404)."""
    return re_path(
        rf"^danh-sach/(?P<slug>[-a-zA-Z0-9_]+)/(?P<action>{action})/$", view.as_view(), name="nominee_list_action"
    )


urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("phong-trao/<slug:slug>/", views.CampaignDetailView.as_view(), name="campaign_detail"),
    path("xep-hang/<slug:slug>/", views.RankingView.as_view(), name="ranking"),
    path("xep-hang/<slug:slug>/bieu-do/", views.ChartsView.as_view(), name="ranking_charts"),
    path("xep-hang/<slug:slug>/excel/", views.RankingExportView.as_view(), name="ranking_export"),
    path("xep-hang/<slug:slug>/giai-trinh/<str:kind>/<str:code>/", views.ExplainView.as_view(), name="ranking_explain"),
    path("danh-sach/<slug:slug>/", views.NomineeListView.as_view(), name="nominee_list"),
    path("danh-sach/<slug:slug>/phe-duyet/<str:code>/", views.ApproveListView.as_view(), name="nominee_list_approve"),
    list_action("lap", views.CompileListView),
    list_action("cong-khai", views.PublishListView),
    list_action("y-kien", views.CommentListView),
    list_action("tra-loi", views.AnswerCommentView),
    list_action("dong-hang", views.ResolveTieView),
    path("danh-sach-excel/<str:code>/", views.NomineeListExportView.as_view(), name="nominee_list_export"),
    path("danh-sach-word/<str:code>/quyet-dinh/", views.DecisionDocumentView.as_view(), name="nominee_list_decision"),
    path("danh-sach-word/<str:code>/to-trinh/", views.ProposalDocumentView.as_view(), name="nominee_list_proposal"),
]
