"""The four default kinds of flag for every organisation that exists already (new ones get
them from `safety.services.kinds_create_defaults`, on creation)."""

from django.db import migrations

CODES = ("no_contact", "family_violence", "aggression", "medical")


def create_defaults(apps, schema_editor):
    Organisation = apps.get_model("accounts", "Organisation")
    FlagKind = apps.get_model("safety", "FlagKind")
    rows = []
    for organisation_id in Organisation.objects.values_list("pk", flat=True):
        have = set(
            FlagKind.objects.filter(organisation_id=organisation_id).values_list("code", flat=True)
        )
        rows += [
            FlagKind(organisation_id=organisation_id, code=code, order=order)
            for order, code in enumerate(CODES, start=1)
            if code not in have
        ]
    FlagKind.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [("safety", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
