from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "wegwijs.referrals"
    label = "referrals"
