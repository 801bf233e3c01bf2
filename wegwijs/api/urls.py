from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from wegwijs.api.apis import MeApi, code_list_api
from wegwijs.reference.selectors import CODE_LIST_MODELS

app_name = "api"

urlpatterns = [
    path("me", MeApi.as_view(), name="me"),
    *[
        path(f"reference/{name}", code_list_api(name).as_view(), name=f"reference-{name}")
        for name in CODE_LIST_MODELS
    ],
    path("", include("wegwijs.cases.api_urls")),
    path("", include("wegwijs.deadlines.api_urls")),
    path("", include("wegwijs.directory.api_urls")),
    path("", include("wegwijs.intake.api_urls")),
    path("", include("wegwijs.referrals.api_urls")),
    path("", include("wegwijs.registrations.api_urls")),
    path("", include("wegwijs.monitoring.api_urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its script as a file: no inline script under the CSP.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
