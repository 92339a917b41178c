"""The study's general findings and attention points, in our own words, with the source.

Source: Odisee, Kenniscentrum Gezinswetenschappen (2018), "Persoonlijke netwerkversterking bij
mensen in armoede", commissioned by the Flemish Departement Welzijn, Volksgezondheid en Gezin;
focus groups and interviews with 22 experience experts and 11 professionals (fieldwork 2017).
"""

from django.db import migrations

SOURCE = (
    "Odisee, Kenniscentrum Gezinswetenschappen (2018). Persoonlijke netwerkversterking bij "
    "mensen in armoede. In opdracht van Departement WVG."
)

FINDINGS = [
    (
        "precondition",
        "Geen enkel werkmodel is vooraf beter. Wat werkt, hangt af van de persoon: een "
        "gevarieerd aanbod bereikt een gevarieerd publiek, en elk model kan blijvend effect "
        "hebben.",
        "No work model is better beforehand. What works depends on the person: a varied offer "
        "reaches a varied public, and every model can have a lasting effect.",
    ),
    (
        "precondition",
        "Een model is persoonlijk wanneer de persoon het zo beleeft. De eigen keuze en "
        "ervaring van de deelnemer tellen, in zijn of haar woorden.",
        "A model is personal when the person experiences it that way. The participant's own "
        "choice and experience count, in their own words.",
    ),
    (
        "precondition",
        "Het aanbod moet gekend en vertrouwd zijn in het werkveld: wie begeleidt, moet kunnen "
        "vinden wat er bestaat.",
        "The offer must be known and familiar in the field: whoever guides people must be able "
        "to find what exists.",
    ),
    (
        "precondition",
        "Structurele maatregelen blijven nodig. Professionele, formele netwerken zoals de "
        "hulpverlening beschermen tegen onderbescherming en zijn zelf een plek van ontmoeting; "
        "niet iedereen kan emotioneel of cognitief een eigen netwerk uitbouwen.",
        "Structural measures remain necessary. Professional, formal networks such as social "
        "services protect against under-protection and are a place to meet people themselves; "
        "not everyone can build a personal network emotionally or cognitively.",
    ),
    (
        "precondition",
        "Of de begeleider nu beroepskracht of vrijwilliger is: een krachtgerichte, "
        "professionele basishouding is essentieel.",
        "Whether the guide is a professional or a volunteer: a strength-based, professional "
        "basic attitude is essential.",
    ),
    (
        "precondition",
        "Een gelijkwaardige relatie tussen begeleider en deelnemer, de kwaliteit van die "
        "relatie en vertrouwen in de methode maken het verschil.",
        "An equal relationship between guide and participant, the quality of that relationship "
        "and trust in the method make the difference.",
    ),
    (
        "attention_point",
        "De digitale kloof weegt op de sociale relaties van mensen in armoede.",
        "The digital divide weighs on the social relations of people in poverty.",
    ),
    (
        "attention_point",
        "Armoede bij mensen van kleur (gekleurde armoede) vraagt bijzondere aandacht.",
        "Poverty among people of colour (gekleurde armoede) needs particular attention.",
    ),
    (
        "attention_point",
        "Onderaan de maatschappelijke ladder ontstaan spanningen tussen groepen.",
        "Tensions arise between groups at the bottom of the social ladder.",
    ),
    (
        "attention_point",
        "Gentrificatie bedreigt een goede sociale mix in wijken.",
        "Gentrification threatens a good social mix in neighbourhoods.",
    ),
]


def seed(apps, schema_editor):
    Finding = apps.get_model("findings", "Finding")
    for kind, statement_nl, statement_en in FINDINGS:
        Finding.objects.get_or_create(
            organisation=None,
            work_model=None,
            statement_nl=statement_nl,
            defaults={"kind": kind, "statement_en": statement_en, "source": SOURCE},
        )


def unseed(apps, schema_editor):
    Finding = apps.get_model("findings", "Finding")
    Finding.objects.filter(organisation=None, source=SOURCE).delete()


class Migration(migrations.Migration):
    dependencies = [("findings", "0001_focus_groups_quotes_findings")]

    operations = [migrations.RunPython(seed, unseed)]
