from django.urls import URLPattern, path

from wegwijs.deadlines import apis

urlpatterns: list[URLPattern] = [
    path("deadlines/compute", apis.DeadlineComputeApi.as_view(), name="deadlines-compute"),
]
