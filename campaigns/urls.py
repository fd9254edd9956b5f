from django.urls import path

from campaigns import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
]
