from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "wegwijs.referrals"
    label = "referrals"

    def ready(self) -> None:
        from wegwijs.cases.signals import case_closed, client_erased
        from wegwijs.referrals import receivers

        case_closed.connect(
            receivers.complete_referral_on_case_closed,
            dispatch_uid="referrals.complete_on_case_closed",
        )
        client_erased.connect(
            receivers.clear_referrals_of_erased_client,
            dispatch_uid="referrals.clear_on_client_erased",
        )
