from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "wegwijs.accounts"
    label = "accounts"

    def ready(self) -> None:
        from wegwijs.accounts import signals  # noqa: F401
