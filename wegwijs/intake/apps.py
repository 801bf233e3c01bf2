from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "wegwijs.intake"
    label = "intake"

    def ready(self) -> None:
        from wegwijs.intake.services import requests_erase_personal_data
        from wegwijs.reference import retention
        from wegwijs.reference.constants import RetentionRecordType

        retention.register(RetentionRecordType.REQUEST, requests_erase_personal_data)
