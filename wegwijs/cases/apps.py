from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "wegwijs.cases"
    label = "cases"
