from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "wegwijs.monitoring"
    label = "monitoring"
