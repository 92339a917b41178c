"""Every organisation that exists gets the default signal themes (new ones get them from
`signalling.services.themes.theme_defaults_create`). A copy of the list, in Dutch, the
instance's language: a migration never imports app code."""

from django.db import migrations

THEMES = (
    ("costs", "Kosten", "Iets kost te veel: bijdragen, vervoer, materiaal."),
    ("transport", "Vervoer", "Een plek is moeilijk te bereiken zonder auto of geld."),
    ("digital_only", "Alleen digitaal", "Inschrijven of hulp vragen kan alleen online."),
    ("language", "Taal", "Informatie of hulp alleen in een taal die mensen niet kennen."),
    ("waiting_lists", "Wachtlijsten", "Mensen wachten te lang op hulp of een plaats."),
    (
        "discrimination",
        "Discriminatie of racisme",
        "Mensen worden slechter behandeld om wie ze zijn.",
    ),
    (
        "housing",
        "Wonen en gentrificatie",
        "Geen betaalbare woning, of mensen moeten hun buurt uit.",
    ),
    (
        "administration",
        "Administratieve drempels",
        "Formulieren, documenten en procedures die te moeilijk zijn.",
    ),
    (
        "non_take_up",
        "Niet-gebruik van rechten",
        "Mensen krijgen niet waar ze recht op hebben.",
    ),
    ("opening_hours", "Openingsuren", "Een dienst is dicht wanneer mensen kunnen komen."),
    ("childcare", "Kinderopvang", "Geen kinderopvang, dus mensen kunnen niet meedoen."),
)


def create(apps, schema_editor):
    Organisation = apps.get_model("accounts", "Organisation")
    SignalTheme = apps.get_model("signalling", "SignalTheme")
    for organisation in Organisation.objects.all().iterator():
        have = set(
            SignalTheme.objects.filter(organisation=organisation).values_list("code", flat=True)
        )
        SignalTheme.objects.bulk_create(
            SignalTheme(
                organisation=organisation,
                code=code,
                name=name,
                description=description,
                order=order * 10,
            )
            for order, (code, name, description) in enumerate(THEMES, start=1)
            if code not in have
        )


def remove(apps, schema_editor):
    SignalTheme = apps.get_model("signalling", "SignalTheme")
    SignalTheme.objects.exclude(code="").filter(signals__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("signalling", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
