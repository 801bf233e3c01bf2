from django.urls import path

from wegwijs.cases import retention_views, views

app_name = "cases"

urlpatterns = [
    path("registreren/", views.quick_register, name="quick-register"),
    path("clienten/", views.client_list, name="client-list"),
    path("clienten/nieuw/", views.client_create, name="client-create"),
    path("clienten/<int:pk>/", views.client_detail, name="client-detail"),
    path("clienten/<int:pk>/wijzigen/", views.client_update, name="client-update"),
    path("clienten/<int:pk>/dossier.pdf", views.client_dossier_pdf, name="client-dossier-pdf"),
    path("clienten/<int:pk>/dossier.json", views.client_dossier_json, name="client-dossier-json"),
    path("clienten/<int:pk>/vernietigen/", views.client_destroy, name="client-destroy"),
    path(
        "vernietigingsverzoeken/",
        retention_views.destruction_requests,
        name="destruction-requests",
    ),
    path("clienten/<int:pk>/kwestie/", views.case_open, name="case-open"),
    path("clienten/<int:pk>/toestemming/", views.consent_record, name="consent-record"),
    path(
        "clienten/<int:pk>/toestemming/<int:consent_pk>/intrekken/",
        views.consent_withdraw,
        name="consent-withdraw",
    ),
    path("kwesties/", views.case_list, name="case-list"),
    path("kwesties/<int:pk>/", views.case_detail, name="case-detail"),
    path("kwesties/<int:pk>/wijzigen/", views.case_update, name="case-update"),
    path("kwesties/<int:pk>/sluiten/", views.case_close, name="case-close"),
    path("kwesties/<int:pk>/heropenen/", views.case_reopen, name="case-reopen"),
    path(
        "kwesties/<int:pk>/contactmoment/",
        views.contact_moment_register,
        name="contact-moment-register",
    ),
    path("kwesties/<int:pk>/afspraak/", views.appointment_plan, name="appointment-plan"),
    path(
        "contactmomenten/<int:pk>/wijzigen/",
        views.contact_moment_update,
        name="contact-moment-update",
    ),
    path("afspraken/<int:pk>/gehouden/", views.appointment_complete, name="appointment-complete"),
    path("afspraken/<int:pk>/annuleren/", views.appointment_cancel, name="appointment-cancel"),
]
