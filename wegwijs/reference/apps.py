from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_defaults(sender: AppConfig, **kwargs: Any) -> None:
    from wegwijs.reference.services import reference_data_load

    reference_data_load()


class ReferenceConfig(AppConfig):
    name = "wegwijs.reference"
    label = "reference"

    def ready(self) -> None:
        # Every migrate leaves the default reference lists in place.
        post_migrate.connect(_load_defaults, sender=self)
