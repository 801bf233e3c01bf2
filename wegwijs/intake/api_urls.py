from django.urls import URLPattern, path

from wegwijs.intake import apis

urlpatterns: list[URLPattern] = [
    path("requests", apis.HelpRequestListApi.as_view(), name="requests"),
    path("requests/<str:reference>", apis.HelpRequestDetailApi.as_view(), name="request"),
]
