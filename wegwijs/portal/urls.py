from django.urls import path

from wegwijs.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.public_home, name="public-home"),
    path("start/", views.home, name="home"),
    path("mijn-werk/", views.my_work, name="my-work"),
    path("mijn-organisatie/", views.my_organisation, name="my-organisation"),
    path("mijn-organisatie/zichtbaarheid/", views.case_visibility, name="case-visibility"),
    path("monitoring/", views.monitoring, name="monitoring"),
    path("configuratie/", views.configuration, name="configuration"),
    path("toegankelijkheid", views.accessibility_statement, name="accessibility"),
]
