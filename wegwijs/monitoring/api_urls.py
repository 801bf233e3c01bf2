from django.urls import URLPattern, path

from wegwijs.monitoring import apis

urlpatterns: list[URLPattern] = [
    path("monitoring/summary", apis.MonitoringSummaryApi.as_view(), name="monitoring-summary"),
]
