from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "wegwijs.directory"
    label = "directory"
