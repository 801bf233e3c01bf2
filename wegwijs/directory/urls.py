from django.urls import URLPattern, URLResolver, path

from wegwijs.directory import views

app_name = "directory"

urlpatterns: list[URLPattern | URLResolver] = [
    path("wegwijzer/", views.finder, name="finder"),
    path("wegwijzer/antwoord/", views.finder_answer, name="finder-answer"),
    path("zoeken/", views.search, name="search"),
    path("organisaties/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("diensten/<uuid:pk>/", views.service_detail, name="service"),
    path("sociale-kaart/beheer/", views.manage, name="manage"),
    path(
        "sociale-kaart/beheer/<slug:slug>/",
        views.manage_organisation,
        name="manage-organisation",
    ),
    path(
        "sociale-kaart/beheer/<slug:slug>/gecontroleerd/",
        views.mark_checked,
        name="mark-checked",
    ),
    path(
        "sociale-kaart/beheer/<slug:slug>/diensten/nieuw/",
        views.service_edit,
        name="service-new",
    ),
    path(
        "sociale-kaart/beheer/<slug:slug>/diensten/<uuid:pk>/",
        views.service_edit,
        name="service-edit",
    ),
    path(
        "sociale-kaart/beheer/<slug:slug>/diensten/<uuid:pk>/verwijderen/",
        views.service_delete,
        name="service-delete",
    ),
    path(
        "sociale-kaart/beheer/<slug:slug>/locaties/nieuw/",
        views.location_edit,
        name="location-new",
    ),
    path(
        "sociale-kaart/beheer/<slug:slug>/locaties/<uuid:pk>/",
        views.location_edit,
        name="location-edit",
    ),
    path(
        "sociale-kaart/beheer/<slug:slug>/locaties/<uuid:pk>/verwijderen/",
        views.location_delete,
        name="location-delete",
    ),
    path(
        "sociale-kaart/beheer/<slug:slug>/locaties/<uuid:pk>/openingstijden/",
        views.schedule_add,
        name="schedule-add",
    ),
    path(
        "sociale-kaart/beheer/<slug:slug>/openingstijden/<uuid:pk>/verwijderen/",
        views.schedule_delete,
        name="schedule-delete",
    ),
]
