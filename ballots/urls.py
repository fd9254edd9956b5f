from django.urls import path, re_path

from ballots import views

ACTIONS = {
    "bo-phieu": views.CastVoteView,
    "co-mat": views.RecordAttendanceView,
    "phieu-giay": views.EnterPaperBallotsView,
    "ket-thuc": views.CloseBallotView,
}

urlpatterns = [
    path("bo-phieu/<str:code>/", views.BallotView.as_view(), name="ballot"),
    *(
        re_path(rf"^bo-phieu/(?P<code>[-\w]+)/(?P<action>{action})/$", view.as_view(), name="ballot_action")
        for action, view in ACTIONS.items()
    ),
]
