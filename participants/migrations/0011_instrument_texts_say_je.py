"""The bundled instruments' Dutch questions say "je" (the house style), not "u": stored
definitions are refreshed from the files (same code and version; the scoring is unchanged)."""

import json
from pathlib import Path

from django.db import migrations

DEFINITIONS = Path(__file__).resolve().parent.parent / "instruments" / "definitions"
CODES = ("lsns6", "djg6")


def refresh(apps, schema_editor):
    Instrument = apps.get_model("participants", "Instrument")
    for code in CODES:
        definition = json.loads((DEFINITIONS / f"{code}.json").read_text("utf-8"))
        Instrument.objects.filter(code=definition["code"], version=definition["version"]).update(
            definition=definition
        )


class Migration(migrations.Migration):
    dependencies = [("participants", "0010_constraint_messages")]

    operations = [migrations.RunPython(refresh, migrations.RunPython.noop)]
