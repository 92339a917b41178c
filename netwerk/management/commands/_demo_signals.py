"""Demo structural signals: three organisations that share their counts (the two demo
organisations and a poverty association), with themes in common (transport, costs) that the
city's policy analyst sees and a rarer one (digital-only access) the report hides; a few
released stories and some that stay inside. Recorded through the
service, so every story passed the name check. Idempotent: an organisation that has signals
gets none more."""

import datetime

from django.utils import timezone

from accounts.models import Membership, Organisation, Role, User
from participants.models import Participant
from signalling import services
from signalling.models import Signal, SignalSharing, SignalTheme
from signalling.selectors import Source
from workmodels.models import WorkModel

# (days ago, theme code, municipality, work model code or "", story, released, counted)
MAIN = [
    (
        5,
        "transport",
        "Gent",
        "buddy",
        "Na acht uur rijdt er geen bus meer naar de wijk. De "
        "buddy-afspraken moeten dus vroeg op de avond stoppen.",
        True,
        True,
    ),
    (
        12,
        "digital_only",
        "Sint-Amandsberg",
        "",
        "Inschrijven voor de zomerkampen kan alleen "
        "online. Een moeder zonder computer vond geen plaats meer.",
        True,
        None,
    ),
    (
        20,
        "costs",
        "Gent",
        "competence",
        "De cursus is gratis, maar het materiaal kost veertig "
        "euro. Twee mensen haakten daardoor af.",
        False,
        True,
    ),
    (
        33,
        "transport",
        "Ledeberg",
        "",
        "Het dienstencentrum verhuisde naar de rand van de stad. Met de tram duurt het nu een uur.",
        False,
        None,
    ),
    (
        47,
        "waiting_lists",
        "Gent",
        "context",
        "Negen maanden wachten op een gesprek bij de schuldbemiddeling.",
        True,
        True,
    ),
    (
        60,
        "housing",
        "Gentbrugge",
        "community",
        "Een gezin moest de buurt uit omdat de huur na de renovatie bijna verdubbelde.",
        False,
        False,
    ),
    (
        75,
        "administration",
        "Gent",
        "",
        "Voor de studietoelage was een attest nodig "
        "dat alleen op weekdagen tussen negen en twaalf te krijgen is.",
        False,
        None,
    ),
    (
        95,
        "transport",
        "Gent",
        "peer",
        "De praatgroep verloor drie leden toen de buslijn op zondag werd afgeschaft.",
        True,
        True,
    ),
    (
        110,
        "language",
        "Wondelgem",
        "",
        "De brief over de energiepremie was alleen in het Nederlands, in moeilijke taal.",
        False,
        None,
    ),
    (
        130,
        "childcare",
        "Gent",
        "competence",
        "Zonder opvang voor de kinderen kon een alleenstaande vader de opleiding niet volgen.",
        False,
        True,
    ),
]
PARTNER = [
    (
        8,
        "transport",
        "Gent",
        "buddy",
        "Een buddy en haar maatje konden elkaar niet meer zien sinds de belbus niet meer rijdt.",
        True,
        None,
    ),
    (
        25,
        "costs",
        "Gent",
        "buddy",
        "Samen iets drinken kost te veel: de duo's zoeken gratis plekken in de buurt.",
        False,
        None,
    ),
    (
        40,
        "transport",
        "Sint-Amandsberg",
        "buddy",
        "Het park en de bibliotheek zijn ver zonder fiets. Fietsen delen is te duur.",
        False,
        None,
    ),
    (
        100,
        "opening_hours",
        "Gent",
        "",
        "Het sociaal huis is dicht na vier uur, net wanneer mensen met een job kunnen komen.",
        True,
        None,
    ),
]


# The third organisation's signals: with the others, transport and costs reach 5 signals
# from 3 organisations (shown in the city's report); digital-only access does not (hidden).
ASSOCIATION = [
    (
        9,
        "transport",
        "Gent",
        "",
        "De bus naar de vergadering kost te veel voor wie leeft van een uitkering.",
        False,
        None,
    ),
    (
        30,
        "transport",
        "Gent",
        "",
        "Het station is niet toegankelijk voor wie slecht te been is.",
        False,
        None,
    ),
    (
        15,
        "costs",
        "Gent",
        "",
        "Het lidgeld van de sportclub is te hoog voor de kinderen van onze leden.",
        True,
        None,
    ),
    (
        45,
        "costs",
        "Gent",
        "",
        "Een uitstap met de groep kost te veel: leden blijven thuis.",
        False,
        None,
    ),
    (70, "costs", "Gent", "", "De schoolrekening komt in een keer en is te hoog.", False, None),
    (
        50,
        "digital_only",
        "Gent",
        "",
        "Een afspraak bij de dienst kan alleen via de app.",
        False,
        None,
    ),
]


def _association(user: User) -> Organisation:
    association, _ = Organisation.objects.get_or_create(
        name="Vereniging De Kiem (demo)",
        defaults={
            "kind": Organisation.Kind.POVERTY_ASSOCIATION,
            "municipality": "Gent",
            "require_mfa": False,
        },
    )
    Membership.objects.get_or_create(
        user=user, organisation=association, defaults={"role": Role.COORDINATOR}
    )
    return association


def _membership(organisation: Organisation, user: User) -> Membership:
    return Membership.objects.select_related("organisation", "user").get(
        organisation=organisation, user=user
    )


def _record(membership: Membership, rows, *, participant: Participant | None = None) -> None:
    today = timezone.localdate()
    themes = {t.code: t for t in SignalTheme.objects.filter(organisation=membership.organisation)}
    models = {m.code: m for m in WorkModel.objects.all()}
    for index, (days, code, place, model, story, released, counted) in enumerate(rows):
        file_source = participant is not None and index % 3 == 0
        signal = services.signal_record(
            membership=membership,
            source=Source("file", participant=participant) if file_source else Source("standalone"),
            data={
                "theme": themes[code],
                "municipality": place,
                "occurred_on": today - datetime.timedelta(days=days),
                "work_model": models.get(model),
                "story": story,
                "participant_counted": counted if file_source else None,
            },
        )
        if released:
            Signal.objects.filter(pk=signal.pk).update(
                story_released=True, released_at=timezone.now(), released_by=membership.user
            )


def _share(organisation: Organisation, user: User) -> None:
    SignalSharing.objects.update_or_create(
        organisation=organisation,
        defaults={"opted_in": True, "since": timezone.now(), "by": user},
    )


def signals(organisation: Organisation, partner: Organisation, users: dict[str, User]) -> None:
    if not Signal.objects.filter(organisation=organisation).exists():
        worker = _membership(organisation, users["maatschappelijkwerker"])
        participant = (
            Participant.objects.filter(organisation=organisation, social_worker=worker.user)
            .order_by("pk")
            .first()
        )
        _record(worker, MAIN, participant=participant)
    if not Signal.objects.filter(organisation=partner).exists():
        _record(_membership(partner, users["beheerder"]), PARTNER)
    association = _association(users["beheerder"])
    if not Signal.objects.filter(organisation=association).exists():
        _record(_membership(association, users["beheerder"]), ASSOCIATION)
    _share(organisation, users["beheerder"])
    _share(partner, users["beheerder"])
    _share(association, users["beheerder"])
