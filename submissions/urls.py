from django.urls import path

from submissions import views

urlpatterns = [
    path("phong-trao/<slug:slug>/gui-bai/", views.EntryCreateView.as_view(), name="entry_create"),
    path("bai-du-thi/", views.MyEntriesView.as_view(), name="my_entries"),
    path("bai-du-thi/<str:code>/", views.EntryDetailView.as_view(), name="entry_detail"),
    path("bai-du-thi/<str:code>/sua/", views.EntryUpdateView.as_view(), name="entry_update"),
    path(
        "bai-du-thi/<str:code>/<str:action>/",
        views.EntryActionView.as_view(),
        name="entry_action",
    ),
    path("minh-chung/<uuid:code>/", views.AttachmentDownloadView.as_view(), name="attachment_download"),
]
