"""The seven work models of the Odisee study (2018), in our own words."""

from django.db import migrations

WORK_MODELS = [
    (
        "competence",
        1,
        "Persoonlijke competentieversterking",
        "Personal competence building",
        "Cursussen en vormingen, op locatie of digitaal, waarin mensen de vaardigheden "
        "oefenen om zelf hun netwerk uit te bouwen en te onderhouden.",
        "Courses and training, on site or on-line, in which people practise the skills to "
        "build and keep up their own network.",
    ),
    (
        "buddy",
        2,
        "Persoonlijke vriend",
        "Personal friend (buddy)",
        "Een vrijwilliger wordt een vaste sleutelfiguur voor één persoon en trekt regelmatig "
        "met hem of haar op, als vriend en niet als hulpverlener (buddy- en duowerkingen).",
        "A volunteer becomes a steady key figure for one person and spends time with them "
        "regularly, as a friend rather than a care worker (buddy and duo programmes).",
    ),
    (
        "own_network",
        3,
        "Persoonlijk netwerk",
        "Personal network",
        "Methoden die het netwerk betrekken dat de persoon zelf kiest, vaak familie en "
        "vrienden, bijvoorbeeld een Eigen Kracht-conferentie of een netwerkoverleg.",
        "Methods that involve the network the person chooses, often family and friends, "
        "such as a family group conference or a network meeting.",
    ),
    (
        "peer",
        4,
        "Lotgenotennetwerken",
        "Peer networks",
        "Netwerken van mensen met eenzelfde of gelijkaardige levenservaring, zoals "
        "verenigingen waar armen het woord nemen en zelfhulpgroepen.",
        "Networks of people with the same or a similar life experience, such as "
        "associations where people in poverty speak for themselves and self-help groups.",
    ),
    (
        "context",
        5,
        "Contextgericht werken",
        "Context-oriented work",
        "Werk vanuit de professionele hulp- en dienstverlening dat niet alleen met de persoon "
        "werkt, maar ook met zijn of haar omgeving.",
        "Work set up from professional help and services that involves not only the person "
        "but also the people and places around them.",
    ),
    (
        "volunteering",
        6,
        "Vrijwilligerswerkingen via organisatie",
        "Volunteer work via an organisation",
        "Vrijwilligerswerk dat een organisatie mee mogelijk maakt en dat rechtstreeks of "
        "onrechtstreeks nieuwe contacten en netwerken oplevert.",
        "Volunteer work made possible through an organisation, which brings new contacts "
        "and networks, directly or indirectly.",
    ),
    (
        "community",
        7,
        "Regiogerichte organisaties",
        "Neighbourhood and community work",
        "Werkingen die sociale samenhang en netwerken in één wijk of regio versterken: "
        "buurtwerk en community building.",
        "Initiatives that strengthen social cohesion and networks in one neighbourhood or "
        "area: neighbourhood work and community building.",
    ),
]


def seed(apps, schema_editor):
    WorkModel = apps.get_model("workmodels", "WorkModel")
    for code, order, name_nl, name_en, description_nl, description_en in WORK_MODELS:
        WorkModel.objects.update_or_create(
            code=code,
            defaults={
                "order": order,
                "name_nl": name_nl,
                "name_en": name_en,
                "description_nl": description_nl,
                "description_en": description_en,
            },
        )


def unseed(apps, schema_editor):
    WorkModel = apps.get_model("workmodels", "WorkModel")
    WorkModel.objects.filter(code__in=[row[0] for row in WORK_MODELS]).delete()


class Migration(migrations.Migration):
    dependencies = [("workmodels", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
