from django.contrib import admin
from django.urls import include, path

from wegwijs.core import health

urlpatterns = [
    path("health/live", health.live, name="health-live"),
    path("health/ready", health.ready, name="health-ready"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("account/", include("allauth.urls")),
    path("beheer/", admin.site.urls),
    path("api/v1/", include("wegwijs.api.urls")),
    path("api/hsds/", include("wegwijs.directory.hsds.urls")),
    path("", include("wegwijs.directory.urls")),
    path("", include("wegwijs.intake.urls")),
    path("", include("wegwijs.referrals.urls")),
    path("", include("wegwijs.registrations.urls")),
    path("", include("wegwijs.monitoring.urls")),
    path("", include("wegwijs.deadlines.urls")),
    path("", include("wegwijs.cases.urls")),
    path("", include("wegwijs.portal.urls")),
]

handler403 = "wegwijs.portal.errors.forbidden"
handler404 = "wegwijs.portal.errors.not_found"
handler500 = "wegwijs.portal.errors.server_error"
