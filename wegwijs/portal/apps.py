from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "wegwijs.portal"
    label = "portal"
