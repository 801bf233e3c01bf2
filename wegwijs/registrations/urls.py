from django.urls import URLPattern, URLResolver, path

from wegwijs.registrations import views

app_name = "registrations"

urlpatterns: list[URLPattern | URLResolver] = [
    path("registraties/", views.home, name="home"),
    path("registraties/imports/<int:pk>/", views.job, name="job"),
    path("registraties/export.csv", views.export, name="export"),
]
