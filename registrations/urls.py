from django.urls import path

from registrations import views

urlpatterns = [
    path("phong-trao/<slug:slug>/dang-ky/", views.RegistrationView.as_view(), name="registration"),
    path(
        "phong-trao/<slug:slug>/dang-ky/don-vi/<slug:code>/",
        views.RegistrationView.as_view(),
        name="registration_unit",
    ),
]
