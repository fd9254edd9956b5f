from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from campaigns.forms import AccountPasswordResetForm
from campaigns.tokens import invitation_tokens

urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path(
        "quen-mat-khau/",
        auth_views.PasswordResetView.as_view(form_class=AccountPasswordResetForm),
        name="password_reset",
    ),
    path("quen-mat-khau/da-gui/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    # The secretariat's invitation to set a first password (campaigns/tokens.py: its own lifetime).
    path(
        "dat-mat-khau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(token_generator=invitation_tokens),
        name="account_invitation_confirm",
    ),
    path("dat-lai-mat-khau/xong/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("ngon-ngu/", set_language, name="set_language"),
    path("quan-tri/", admin.site.urls),
    path("", include("registrations.urls")),
    path("", include("submissions.urls")),
    path("", include("awards.urls")),
    path("", include("honours.urls")),
    path("", include("ballots.urls")),
]
