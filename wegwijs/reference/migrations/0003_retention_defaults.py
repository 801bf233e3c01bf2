"""The default retention periods (DOMAIN.md §5); the administrator may change them."""

from django.db import migrations

DEFAULTS = [
    ("client-file", 15, 0, "Wmo 2015 art. 5.3.4: 15 jaar na de laatste wijziging"),
    ("request", 0, 90, "Hulpvraag die nooit is aangenomen"),
    ("audit-entry", 5, 0, "Zo lang als het dossier, plus 5 jaar"),
]


def add_defaults(apps, schema_editor):
    RetentionPeriod = apps.get_model("reference", "RetentionPeriod")
    for record_type, years, days, basis in DEFAULTS:
        RetentionPeriod.objects.get_or_create(
            record_type=record_type, defaults={"years": years, "days": days, "basis": basis}
        )


class Migration(migrations.Migration):
    dependencies = [("reference", "0002_retention")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
