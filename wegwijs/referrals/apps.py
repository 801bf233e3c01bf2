from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "wegwijs.referrals"
    label = "referrals"

    def ready(self) -> None:
        from wegwijs.cases.signals import case_closed
        from wegwijs.referrals import receivers

        case_closed.connect(
            receivers.complete_referral_on_case_closed,
            dispatch_uid="referrals.complete_on_case_closed",
        )
