"""Existing phone numbers in E.164 where they can be read; the others stay as typed (the
page shows them as needing a fix)."""

import phonenumbers
from django.db import migrations


def normalise(apps, schema_editor):
    Model = apps.get_model("participants", "Participant")
    changed = []
    for row in Model.objects.exclude(phone="").only("pk", "phone").iterator(chunk_size=2000):
        try:
            number = phonenumbers.parse(row.phone, "BE")
        except phonenumbers.NumberParseException:
            continue
        if not phonenumbers.is_valid_number(number):
            continue
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if e164 != row.phone:
            row.phone = e164
            changed.append(row)
        if len(changed) >= 2000:
            Model.objects.bulk_update(changed, ["phone"])
            changed = []
    Model.objects.bulk_update(changed, ["phone"])


class Migration(migrations.Migration):
    dependencies = [("participants", "0015_phone_e164")]
    operations = [migrations.RunPython(normalise, migrations.RunPython.noop)]
