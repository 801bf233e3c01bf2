from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "wegwijs.deadlines"
    label = "deadlines"
