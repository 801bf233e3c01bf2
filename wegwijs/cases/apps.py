from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "wegwijs.cases"
    label = "cases"

    def ready(self) -> None:
        from wegwijs.cases import retention as cases_retention
        from wegwijs.reference import retention
        from wegwijs.reference.constants import RetentionRecordType

        retention.register(RetentionRecordType.CLIENT_FILE, cases_retention.clients_expire)
        retention.register(RetentionRecordType.AUDIT_ENTRY, cases_retention.audit_entries_expire)
