from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "wegwijs.monitoring"
    label = "monitoring"

    def ready(self) -> None:
        from wegwijs.monitoring import receivers

        receivers.connect()
