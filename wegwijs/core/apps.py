from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "wegwijs.core"
    label = "core"
