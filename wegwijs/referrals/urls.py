from django.urls import path

from wegwijs.referrals import views

app_name = "referrals"

urlpatterns = [
    path("kwesties/<int:case_pk>/verwijzen/", views.refer, name="refer"),
    path("doorverwijzingen/", views.outgoing_list, name="outgoing-list"),
    path("doorverwijzingen/binnengekomen/", views.incoming_list, name="incoming-list"),
    path("doorverwijzingen/<int:pk>/", views.referral_detail, name="referral-detail"),
    path("doorverwijzingen/<int:pk>/accepteren/", views.referral_accept, name="referral-accept"),
    path("doorverwijzingen/<int:pk>/afwijzen/", views.referral_decline, name="referral-decline"),
    path("doorverwijzingen/<int:pk>/intrekken/", views.referral_withdraw, name="referral-withdraw"),
    path(
        "doorverwijzingen/<int:pk>/terugkoppeling/",
        views.referral_followup,
        name="referral-followup",
    ),
]
