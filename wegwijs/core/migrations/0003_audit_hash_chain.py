"""Make the audit log a hash chain and seal the entries written before it.

The sealing below is a frozen copy of ``wegwijs.core.chain.content_hash`` and
``link_hash`` at the time of this migration, so the migration keeps working
whatever happens to that module later.
"""

import datetime as dt
import hashlib
import json

import django.utils.timezone
from django.db import migrations, models

GENESIS_HASH = "0" * 64


def _sha256(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _content_hash(entry):
    # Read back from the database, the address is already in its stored form.
    source = entry.source_address
    content = {
        "event": entry.event,
        "occurred_at": entry.occurred_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor_label": entry.actor_label,
        "organisation_slug": entry.organisation_slug,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "client_id": entry.client_id,
        "source_address": source or None,
        "detail": json.loads(json.dumps(entry.detail)),
    }
    return _sha256(json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False))


def seal_existing_entries(apps, schema_editor):
    AuditEntry = apps.get_model("core", "AuditEntry")
    AuditChainHead = apps.get_model("core", "AuditChainHead")
    previous_hash = GENESIS_HASH
    sequence = 0
    for entry in AuditEntry.objects.order_by("occurred_at", "id").iterator(chunk_size=2000):
        sequence += 1
        content = _content_hash(entry)
        entry_hash = _sha256(f"{sequence}\n{previous_hash}\n{content}")
        AuditEntry.objects.filter(pk=entry.pk).update(
            sequence=sequence,
            content_hash=content,
            previous_hash=previous_hash,
            entry_hash=entry_hash,
        )
        previous_hash = entry_hash
    AuditChainHead.objects.update_or_create(
        pk=1, defaults={"sequence": sequence, "entry_hash": previous_hash}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_alter_auditentry_options"),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditChainHead",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sequence", models.PositiveBigIntegerField(default=0)),
                ("entry_hash", models.CharField(default=GENESIS_HASH, max_length=64)),
            ],
            options={
                "verbose_name": "einde van de auditketen",
                "verbose_name_plural": "einde van de auditketen",
            },
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="occurred_at",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now, verbose_name="tijdstip"
            ),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="sequence",
            field=models.PositiveBigIntegerField(null=True, verbose_name="volgnummer"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="content_hash",
            field=models.CharField(default="", max_length=64, verbose_name="hash van de inhoud"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="previous_hash",
            field=models.CharField(
                default="", max_length=64, verbose_name="hash van de vorige regel"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="entry_hash",
            field=models.CharField(default="", max_length=64, verbose_name="hash van de regel"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="redacted_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="inhoud gewist op"),
        ),
        migrations.RunPython(seal_existing_entries, migrations.RunPython.noop, elidable=False),
    ]
