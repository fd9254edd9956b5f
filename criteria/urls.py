from django.urls import path

from criteria import views

urlpatterns = [
    path("phong-trao/<slug:slug>/", views.CampaignDetailView.as_view(), name="campaign_detail"),
]
