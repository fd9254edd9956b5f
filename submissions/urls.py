from django.urls import URLPattern, path, re_path

from submissions import views


def entry_action(action: str, view) -> URLPattern:
    """One action on an entry at ``bai-du-thi/<code>/<action>/``. Every action has its own view
    and is named ``entry_action``, so ``{% url 'entry_action' entry.code 'gui' %}`` finds the one
    whose action slug matches; an unknown action matches no URL (404)."""
    return re_path(rf"^bai-du-thi/(?P<code>[^/]+)/(?P<action>{action})/$", view.as_view(), name="entry_action")


urlpatterns = [
    path("phong-trao/<slug:slug>/gui-bai/", views.EntryCreateView.as_view(), name="entry_create"),
    path("bai-du-thi/", views.MyEntriesView.as_view(), name="my_entries"),
    path("bai-du-thi/<str:code>/", views.EntryDetailView.as_view(), name="entry_detail"),
    path("bai-du-thi/<str:code>/sua/", views.EntryUpdateView.as_view(), name="entry_update"),
    entry_action("gui", views.SubmitEntryView),
    entry_action("rut", views.WithdrawEntryView),
    entry_action("tra-lai", views.ReturnEntryView),
    entry_action("xac-nhan", views.EndorseEntryView),
    entry_action("dong-tac-gia", views.ConfirmCoauthorshipView),
    entry_action("khong-phai-dong-tac-gia", views.DeclineCoauthorshipView),
    path("minh-chung/<uuid:code>/", views.AttachmentDownloadView.as_view(), name="attachment_download"),
]
