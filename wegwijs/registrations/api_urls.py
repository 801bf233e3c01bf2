from django.urls import URLPattern, URLResolver, path

from wegwijs.registrations import apis

urlpatterns: list[URLPattern | URLResolver] = [
    path("registrations/import", apis.RegistrationImportApi.as_view(), name="registrations-import"),
    path("registrations/export", apis.RegistrationExportApi.as_view(), name="registrations-export"),
]
