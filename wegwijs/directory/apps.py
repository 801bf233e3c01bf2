from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "wegwijs.directory"
    label = "directory"

    def ready(self) -> None:
        from wegwijs.directory import cache

        cache.connect()
