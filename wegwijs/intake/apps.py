from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "wegwijs.intake"
    label = "intake"
