"""Typical methods and who each model tends to suit, in our own words, after the Odisee study
(Kenniscentrum Gezinswetenschappen, 2018). "Tends to suit" is a starting point for the
conversation with the participant, never a rule: the person chooses."""

from django.db import migrations

TEXTS = {
    "competence": (
        "Groepscursussen en vormingen (ook online), oefenen van sociale en digitale "
        "vaardigheden, trainingen rond assertiviteit en contact leggen.",
        "Group courses and training (also on-line), practising social and digital skills, "
        "training in assertiveness and making contact.",
        "Mensen die zelf aan de slag willen met vaardigheden en zich goed voelen in een groep "
        "met een duidelijk programma.",
        "People who want to work on skills themselves and feel at ease in a group with a clear "
        "programme.",
    ),
    "buddy": (
        "Buddy- en duowerkingen: een vrijwilliger spreekt regelmatig af, doet samen "
        "activiteiten en helpt de weg vinden naar nieuwe contacten.",
        "Buddy and duo programmes: a volunteer meets regularly, does activities together and "
        "helps find the way to new contacts.",
        "Mensen met weinig of geen steunfiguren dichtbij, die liever één vast persoon hebben "
        "dan een groep.",
        "People with few or no supportive people close by, who prefer one steady person to a "
        "group.",
    ),
    "own_network": (
        "Eigen Kracht-conferentie, netwerkoverleg, netwerkkaart samen opmaken en het eigen "
        "netwerk mee aan tafel brengen.",
        "Family group conference, network meeting, drawing a network map together and bringing "
        "one's own network to the table.",
        "Mensen die familie, vrienden of kennissen hebben die ze (opnieuw) willen betrekken en "
        "zelf de regie willen houden.",
        "People with family, friends or acquaintances they want to involve (again), keeping "
        "the lead themselves.",
    ),
    "peer": (
        "Verenigingen waar armen het woord nemen, zelfhulpgroepen, praatgroepen met "
        "lotgenoten en ervaringsdeskundigen.",
        "Associations where people in poverty speak for themselves, self-help groups, talking "
        "groups with peers and experience experts.",
        "Mensen die steun vinden bij anderen die hetzelfde meemaakten en zich daar erkend "
        "voelen.",
        "People who find support among others who went through the same and feel recognised "
        "there.",
    ),
    "context": (
        "Hulpverlening die het gezin en de omgeving betrekt: huisbezoeken, contextbegeleiding, "
        "samenwerking met school, buurt en diensten.",
        "Help that involves the family and surroundings: home visits, context support, working "
        "with school, neighbourhood and services.",
        "Mensen die al begeleiding krijgen en voor wie een formeel netwerk een veilige basis is "
        "om verder op te bouwen.",
        "People who already receive support and for whom a formal network is a safe base to "
        "build on.",
    ),
    "volunteering": (
        "Vrijwilligerswerk in een organisatie: sociaal restaurant, kledingwinkel, buurthuis, "
        "met begeleiding en een vaste ploeg.",
        "Volunteer work in an organisation: social restaurant, clothes shop, community centre, "
        "with guidance and a steady team.",
        "Mensen die graag iets betekenen voor anderen en via een taak en een ploeg nieuwe "
        "mensen leren kennen.",
        "People who like to mean something for others and meet new people through a task and "
        "a team.",
    ),
    "community": (
        "Buurtwerk, community building, ontmoetingsplekken, buurtfeesten en projecten rond "
        "samenleven in de wijk.",
        "Neighbourhood work, community building, meeting places, street parties and projects "
        "about living together in the neighbourhood.",
        "Mensen die zich willen verbinden met hun buurt en laagdrempelig willen aansluiten bij "
        "wat er al gebeurt.",
        "People who want to connect with their neighbourhood and join in, low-threshold, with "
        "what already happens there.",
    ),
}


def seed(apps, schema_editor):
    WorkModel = apps.get_model("workmodels", "WorkModel")
    for code, (methods_nl, methods_en, suits_nl, suits_en) in TEXTS.items():
        WorkModel.objects.filter(code=code).update(
            methods_nl=methods_nl, methods_en=methods_en, suits_nl=suits_nl, suits_en=suits_en
        )


def unseed(apps, schema_editor):
    WorkModel = apps.get_model("workmodels", "WorkModel")
    WorkModel.objects.update(methods_nl="", methods_en="", suits_nl="", suits_en="")


class Migration(migrations.Migration):
    dependencies = [("workmodels", "0003_additions_and_directory")]

    operations = [migrations.RunPython(seed, unseed)]
