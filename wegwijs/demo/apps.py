from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "wegwijs.demo"
    label = "demo"
