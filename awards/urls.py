from django.urls import path

from awards import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("phong-trao/<slug:slug>/", views.CampaignDetailView.as_view(), name="campaign_detail"),
    path("xep-hang/<slug:slug>/", views.RankingView.as_view(), name="ranking"),
    path("xep-hang/<slug:slug>/bieu-do/", views.ChartsView.as_view(), name="ranking_charts"),
    path("xep-hang/<slug:slug>/excel/", views.RankingExportView.as_view(), name="ranking_export"),
    path("xep-hang/<slug:slug>/giai-trinh/<str:kind>/<str:code>/", views.ExplainView.as_view(), name="ranking_explain"),
    path("danh-sach/<slug:slug>/", views.NomineeListView.as_view(), name="nominee_list"),
    path("danh-sach/<slug:slug>/phe-duyet/<str:code>/", views.ApproveListView.as_view(), name="nominee_list_approve"),
    path("danh-sach/<slug:slug>/<str:action>/", views.NomineeListActionView.as_view(), name="nominee_list_action"),
    path("danh-sach-excel/<str:code>/", views.NomineeListExportView.as_view(), name="nominee_list_export"),
]
