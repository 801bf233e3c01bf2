from django.urls import URLPattern, path

from wegwijs.cases import apis

urlpatterns: list[URLPattern] = [
    path("clients", apis.ClientListApi.as_view(), name="clients"),
    path("clients/<int:pk>", apis.ClientDetailApi.as_view(), name="client"),
    path("clients/<int:pk>/dossier", apis.ClientDossierApi.as_view(), name="client-dossier"),
    path("cases", apis.CaseListApi.as_view(), name="cases"),
    path("cases/<int:pk>", apis.CaseDetailApi.as_view(), name="case"),
    path("cases/<int:pk>/close", apis.CaseCloseApi.as_view(), name="case-close"),
    path("cases/<int:pk>/reopen", apis.CaseReopenApi.as_view(), name="case-reopen"),
    path("contact-moments", apis.ContactMomentListApi.as_view(), name="contact-moments"),
    path("contact-moments/<int:pk>", apis.ContactMomentDetailApi.as_view(), name="contact-moment"),
]
