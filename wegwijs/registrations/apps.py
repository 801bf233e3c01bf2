from django.apps import AppConfig


class RegistrationsConfig(AppConfig):
    name = "wegwijs.registrations"
    label = "registrations"
