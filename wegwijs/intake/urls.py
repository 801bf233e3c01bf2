from django.urls import path

from wegwijs.intake import views

app_name = "intake"

urlpatterns = [
    path("hulp-vragen/", views.request_form, name="request"),
    path("hulp-vragen/ontvangen/<str:token>/", views.request_receipt, name="receipt"),
    path("aanvragen/", views.inbox, name="inbox"),
    path("aanvragen/<str:reference>/", views.request_detail, name="request-detail"),
    path("aanvragen/<str:reference>/aannemen", views.request_accept, name="accept"),
    path("aanvragen/<str:reference>/doorsturen", views.request_forward, name="forward"),
    path("aanvragen/<str:reference>/sluiten", views.request_close, name="close"),
]
