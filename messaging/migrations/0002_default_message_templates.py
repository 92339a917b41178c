"""The default message templates for every organisation that exists already (new ones get
them when they are created: messaging.services.organisation_created)."""

from django.db import migrations

DEFAULT_TEMPLATES = [
    (
        "Afspraak",
        "Uw afspraak",
        "Dag {voornaam}, we hebben een afspraak op {datum} om {tijd} in {plaats}. "
        "Lukt het niet? Bel of stuur een bericht. Groeten, {begeleider}",
    ),
    (
        "Groepssessie",
        "Volgende bijeenkomst",
        "Dag {voornaam}, de groep komt weer samen op {datum} om {tijd} in {plaats}. "
        "We rekenen op je! Groeten, {begeleider}",
    ),
    (
        "Herinnering",
        "Even een herinnering",
        "Dag {voornaam}, niet vergeten: {datum} om {tijd} in {plaats}. Tot dan! {begeleider}",
    ),
    (
        "Even horen hoe het gaat",
        "Hoe gaat het?",
        "Dag {voornaam}, hoe gaat het met je? Ik hoor graag van je. Groeten, {begeleider}",
    ),
]


def create_defaults(apps, schema_editor):
    Organisation = apps.get_model("accounts", "Organisation")
    MessageTemplate = apps.get_model("messaging", "MessageTemplate")
    rows = [
        MessageTemplate(organisation_id=pk, name=name, subject=subject, body=body)
        for pk in Organisation.objects.values_list("pk", flat=True)
        for name, subject, body in DEFAULT_TEMPLATES
    ]
    MessageTemplate.objects.bulk_create(rows, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("messaging", "0001_message_templates_preferences_hand_deliveries")]
    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
