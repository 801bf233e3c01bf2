from django.db import migrations, models


def first_version(apps, schema_editor):
    apps.get_model("directory", "DirectoryVersion").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="DirectoryVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveBigIntegerField(default=0)),
                ("changed_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "versie van de sociale kaart",
                "verbose_name_plural": "versies van de sociale kaart",
            },
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop),
    ]
