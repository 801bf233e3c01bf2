from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by administrators and coordinators, never by sign-up."""

    # Plain Dutch that addresses the user as "u", as Dutch government sites do.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("Dit account is niet actief. Neem contact op met uw coördinator."),
        "email_password_mismatch": _("Het e-mailadres of het wachtwoord is niet juist."),
        "incorrect_code": _("De code is niet juist. Kijk in uw app en probeer het opnieuw."),
        "incorrect_password": _("Het wachtwoord is niet juist."),
        "invalid_or_expired_key": _("Deze link is niet geldig of verlopen. Vraag een nieuwe aan."),
        "invalid_password_reset": _("Deze link is niet geldig of verlopen. Vraag een nieuwe aan."),
        "too_many_login_attempts": _(
            "Te vaak een verkeerd wachtwoord. Uw account is tijdelijk geblokkeerd. "
            "Probeer het later opnieuw of vraag een nieuw wachtwoord aan."
        ),
        "rate_limited": _(
            "U doet te veel verzoeken achter elkaar. Wacht even en probeer het opnieuw."
        ),
    }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
