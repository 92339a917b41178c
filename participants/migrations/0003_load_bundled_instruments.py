"""Load the bundled instrument definitions (LSNS-6, De Jong Gierveld 6-item) as Instrument rows.

No organisation is enabled here: each organisation enables an instrument once it has checked
the licence for practice use (see the definitions' licence notes).
"""

import json
from pathlib import Path

from django.db import migrations

DEFINITIONS = Path(__file__).resolve().parent.parent / "instruments" / "definitions"
CODES = ("lsns6", "djg6")


def load(apps, schema_editor):
    Instrument = apps.get_model("participants", "Instrument")
    for code in CODES:
        definition = json.loads((DEFINITIONS / f"{code}.json").read_text("utf-8"))
        Instrument.objects.update_or_create(
            code=definition["code"],
            version=definition["version"],
            defaults={"definition": definition},
        )


def unload(apps, schema_editor):
    Instrument = apps.get_model("participants", "Instrument")
    Measurement = apps.get_model("participants", "Measurement")
    Instrument.objects.filter(code__in=CODES).exclude(
        pk__in=Measurement.objects.values("instrument")
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("participants", "0002_network_map_measures_family_plans")]

    operations = [migrations.RunPython(load, unload)]
