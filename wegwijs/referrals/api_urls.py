from django.urls import URLPattern, path

from wegwijs.referrals import apis

urlpatterns: list[URLPattern] = [
    path("referrals", apis.ReferralListApi.as_view(), name="referrals"),
    path("referrals/<int:pk>", apis.ReferralDetailApi.as_view(), name="referral"),
    path("referrals/<int:pk>/accept", apis.ReferralAcceptApi.as_view(), name="referral-accept"),
    path("referrals/<int:pk>/decline", apis.ReferralDeclineApi.as_view(), name="referral-decline"),
    path(
        "referrals/<int:pk>/withdraw", apis.ReferralWithdrawApi.as_view(), name="referral-withdraw"
    ),
    path(
        "referrals/<int:pk>/follow-up",
        apis.ReferralFollowUpApi.as_view(),
        name="referral-follow-up",
    ),
]
