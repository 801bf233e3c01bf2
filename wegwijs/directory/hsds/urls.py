"""``/api/hsds/``: the Open Referral HSDS 3.0 read API (see ``apis``)."""

from django.urls import URLPattern, path

from wegwijs.directory.hsds import apis

app_name = "hsds"

urlpatterns: list[URLPattern] = [
    path("", apis.api_root, name="root"),
    path("openapi.json", apis.openapi, name="openapi"),
    path("services", apis.service_list, name="services"),
    path("services/<str:pk>", apis.service_detail, name="service"),
    path("organizations", apis.organization_list, name="organizations"),
    path("organizations/<str:pk>", apis.organization_detail, name="organization"),
    path("taxonomies", apis.taxonomy_list, name="taxonomies"),
    path("taxonomies/<str:pk>", apis.taxonomy_detail, name="taxonomy"),
    path("taxonomy_terms", apis.taxonomy_term_list, name="taxonomy-terms"),
    path("taxonomy_terms/<str:pk>", apis.taxonomy_term_detail, name="taxonomy-term"),
    path("service_at_locations", apis.service_at_location_list, name="services-at-locations"),
    path(
        "service_at_locations/<str:pk>",
        apis.service_at_location_detail,
        name="service-at-location",
    ),
]
