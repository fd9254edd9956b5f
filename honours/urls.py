from django.urls import path

from honours import views

urlpatterns = [
    path("khen-thuong-cua-toi/", views.MyHonoursView.as_view(), name="my_honours"),
    path("khen-thuong/don-vi/<slug:code>/", views.UnitHonoursView.as_view(), name="unit_honours"),
]
