from django.urls import URLPattern, URLResolver, path

from wegwijs.monitoring import views

app_name = "monitoring"

# The dashboard itself is /monitoring/ (portal:monitoring, which renders views.dashboard).
urlpatterns: list[URLPattern | URLResolver] = [
    path("monitoring/download/<slug:table>.<str:fmt>", views.download, name="download"),
    path("monitoring/open-data.csv", views.open_data, name="open-data"),
    path("monitoring/jaarverslag/", views.annual_report, name="report"),
    path("monitoring/jaarverslag.pdf", views.annual_report_pdf, name="report-pdf"),
    path("enquete/uitnodigen/", views.survey_invite, name="survey-invite"),
    path("enquete/bedankt/", views.survey_thanks, name="survey-thanks"),
    path("enquete/<str:token>/", views.survey_answer, name="survey"),
    path("configuratie/monitoring/", views.settings_edit, name="settings"),
]
