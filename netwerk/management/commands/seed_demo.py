"""Demo data for `make run`: one organisation with a user per role, participants, volunteers.

All data is synthetic (Faker, Belgian Dutch). Running the command again changes nothing:
every row has a fixed natural key and is only created when it is missing.
"""

import datetime
import os

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from faker import Faker

from accounts.models import Membership, Organisation, Role, User
from buddies.models import Volunteer
from participants import services
from participants.models import (
    Consent,
    Instrument,
    Intervention,
    OrganisationInstrument,
    Participant,
)
from workmodels.models import WorkModel

from . import _demo_buddies as demo_buddies
from . import _demo_durable as demo_durable
from . import _demo_messages as demo_messages
from . import _demo_referrals as demo_referrals
from . import _demo_safety as demo_safety
from . import _demo_signals as demo_signals
from . import _demo_world as demo_world
from ._demo_handover import access_block, handover_and_stand_in
from ._demo_network import network_with_ties

DEMO_PASSWORD_DEFAULT = "netwerk-demo-2026"  # noqa: S105 (synthetic demo data only)
DEMO_DOMAIN = "netwerk.test"

DEMO_USERS = [
    ("beheerder", Role.ORG_ADMIN),
    ("coordinator", Role.COORDINATOR),
    ("maatschappelijkwerker", Role.SOCIAL_WORKER),
    ("collega", Role.SOCIAL_WORKER),
    ("vrijwilliger", Role.VOLUNTEER),
    ("onderzoeker", Role.RESEARCHER),
]
LANGUAGE_SETS = [["nl"], ["nl", "fr"], ["nl", "ar"], ["nl", "en"], ["fr"], ["nl", "tr"], ["ar"]]
PLACES = [
    ("Gent", "9000"),
    ("Gentbrugge", "9050"),
    ("Sint-Amandsberg", "9040"),
    ("Ledeberg", "9050"),
    ("Wondelgem", "9032"),
    ("Drongen", "9031"),
]
PARTICIPANTS = 40
DEMO_MOTIVATIONS = [
    "Ik wil iemand om mee te praten, gewoon als vriend.",
    "Samen met anderen die hetzelfde meemaken voel ik me minder alleen.",
    "Mijn zus en mijn buurvrouw willen helpen, als we samen afspraken maken.",
    "Ik wil leren hoe ik zelf contacten leg.",
]
DEMO_GOALS = [
    "Elke week met iemand afspreken buiten mijn huis.",
    "Opnieuw contact met mijn familie.",
    "Iemand hebben die ik kan bellen als het moeilijk gaat.",
    "Meedoen aan een activiteit in de buurt.",
]
VOLUNTEERS = 15


# The city's policy analyst, in an organisation of their own (a municipality).
ANALYST_HANDLE = "beleid"


def demo_email(handle: str) -> str:
    return f"{handle}@{DEMO_DOMAIN}"


class Command(BaseCommand):
    help = "Create synthetic demo data (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=os.environ.get("NETWERK_DEMO_PASSWORD", DEMO_PASSWORD_DEFAULT),
            help="Password for the demo logins (default: $NETWERK_DEMO_PASSWORD or a fixed one).",
        )

    @transaction.atomic
    def handle(self, *args, password: str, **options):
        organisation, _ = Organisation.objects.get_or_create(
            name="CAW Demo Oost-Vlaanderen",
            defaults={"kind": Organisation.Kind.CAW, "municipality": "Gent", "require_mfa": False},
        )
        partner, _ = Organisation.objects.get_or_create(
            name="Buddywerking Demo Gent",
            defaults={
                "kind": Organisation.Kind.BUDDY_PROJECT,
                "municipality": "Gent",
                "require_mfa": False,
            },
        )
        users = {}
        for index, (handle, role) in enumerate(DEMO_USERS):
            fake = Faker("nl_BE")
            fake.seed_instance(100 + index)
            user, created = User.objects.get_or_create(
                email=demo_email(handle),
                defaults={"full_name": fake.name(), "preferred_language": "nl"},
            )
            if created:
                user.set_password(password)
                user.save(update_fields=["password"])
            Membership.objects.get_or_create(
                user=user, organisation=organisation, defaults={"role": role}
            )
            users[handle] = user
        # The org admin also coordinates the partner buddy project: shows the switch.
        Membership.objects.get_or_create(
            user=users["beheerder"], organisation=partner, defaults={"role": Role.COORDINATOR}
        )
        # The city's policy analyst reads the cross-organisation signals report only.
        city, _ = Organisation.objects.get_or_create(
            name="Stad Gent (demo)",
            defaults={
                "kind": Organisation.Kind.MUNICIPALITY,
                "municipality": "Gent",
                "require_mfa": False,
            },
        )
        fake = Faker("nl_BE")
        fake.seed_instance(100 + len(DEMO_USERS))
        analyst, created = User.objects.get_or_create(
            email=demo_email(ANALYST_HANDLE),
            defaults={"full_name": fake.name(), "preferred_language": "nl"},
        )
        if created:
            analyst.set_password(password)
            analyst.save(update_fields=["password"])
        Membership.objects.get_or_create(
            user=analyst, organisation=city, defaults={"role": Role.POLICY_ANALYST}
        )

        # The demo may use both bundled instruments; a real organisation checks the licences.
        for instrument in Instrument.objects.all():
            OrganisationInstrument.objects.get_or_create(
                organisation=organisation,
                instrument=instrument,
                defaults={
                    "permission_note": "Demo: synthetic data only.",
                    "enabled_by": users["beheerder"],
                },
            )

        tags = demo_buddies.interest_tags(organisation)
        workers = [users["maatschappelijkwerker"], users["collega"]]
        memberships = {
            m.user_id: m
            for m in Membership.objects.filter(organisation=organisation, user__in=workers)
        }
        created_participants = 0
        for index in range(PARTICIPANTS):
            fake = Faker("nl_BE")
            fake.seed_instance(1000 + index)
            municipality, postcode = PLACES[index % len(PLACES)]
            participant, created = Participant.objects.get_or_create(
                reference_code=f"P-DEMO{index + 1:04d}",
                defaults={
                    "organisation": organisation,
                    "first_name": fake.first_name(),
                    "last_name": fake.last_name(),
                    "birth_year": fake.random_int(1950, 2005),
                    "languages": LANGUAGE_SETS[index % len(LANGUAGE_SETS)],
                    "municipality": municipality,
                    "postcode": postcode,
                    "social_worker": workers[0] if index % 4 else workers[1],
                    "status": [
                        Participant.Status.ACTIVE,
                        Participant.Status.ACTIVE,
                        Participant.Status.INTAKE,
                        Participant.Status.PAUSED,
                    ][index % 4],
                },
            )
            created_participants += created
            if created and participant.status != Participant.Status.INTAKE:
                worker = memberships[participant.social_worker_id]
                self._fill_file(worker, participant, fake, index)

        created_volunteers = 0
        for index in range(VOLUNTEERS):
            fake = Faker("nl_BE")
            fake.seed_instance(5000 + index)
            if index == 0:
                user = users["vrijwilliger"]
            else:
                user, _ = User.objects.get_or_create(
                    email=demo_email(f"vrijwilliger{index + 1}"),
                    defaults={"full_name": fake.name()},
                )
                Membership.objects.get_or_create(
                    user=user, organisation=organisation, defaults={"role": Role.VOLUNTEER}
                )
            municipality, postcode = PLACES[index % len(PLACES)]
            volunteer, created = Volunteer.objects.get_or_create(
                organisation=organisation,
                user=user,
                defaults={
                    "languages": LANGUAGE_SETS[(index + 2) % len(LANGUAGE_SETS)],
                    "municipality": municipality,
                    "postcode": postcode,
                    "capacity": 1 + index % 2,
                    # The demo volunteer (index 0) is active: they have a running match.
                    "status": Volunteer.Status.CANDIDATE
                    if index % 5 == 0 and index
                    else Volunteer.Status.ACTIVE,
                    "phone": f"+3247{5000000 + index:07d}",
                    **demo_buddies.volunteer_profile(index, timezone.localdate()),
                },
            )
            if created:
                volunteer.interests.set(tags[index % len(tags) : index % len(tags) + 2])
            created_volunteers += created

        demo_world.active_match(organisation, users)
        demo_world.group_with_sessions(organisation, users)
        demo_world.directory_entries(organisation, users)
        demo_world.findings_per_model(organisation, users)
        handover_and_stand_in(organisation, users)
        access_block(organisation, users)
        network_with_ties(organisation, users)
        demo_referrals.referrals(organisation, partner, users)
        demo_durable.durable_ties(organisation, users)
        demo_signals.signals(organisation, partner, users)
        demo_safety.flags(organisation, users)
        demo_messages.messages(organisation, users)
        self.stdout.write(
            f"Demo data ready: {created_participants} participants and "
            f"{created_volunteers} volunteers created."
        )

    def _fill_file(self, worker: Membership, participant: Participant, fake, index: int) -> None:
        """Consent, a chosen work model, a goal and a few interventions, through the services."""
        today = timezone.localdate()
        started = today - datetime.timedelta(days=30 + index * 7)
        services.consent_give(
            membership=worker,
            participant=participant,
            purpose=Consent.Purpose.FILE,
            given_on=started,
            method=Consent.Method.WRITTEN if index % 2 else Consent.Method.ORAL,
        )
        if index == 1:
            # A research consent that ends soon: the "consent expiring" reminders show it.
            services.consent_give(
                membership=worker,
                participant=participant,
                purpose=Consent.Purpose.RESEARCH,
                given_on=started,
                method=Consent.Method.WRITTEN,
                expires_on=today + datetime.timedelta(days=20),
            )
        if index % 3 == 0:
            services.consent_give(
                membership=worker,
                participant=participant,
                purpose=Consent.Purpose.BUDDY_SHARING,
                given_on=started,
                method=Consent.Method.WRITTEN,
            )
            demo_buddies.buddy_request(worker, participant, index)
        model = WorkModel.objects.order_by("order")[index % 7]
        services.trajectory_create(
            membership=worker,
            participant=participant,
            data={
                "work_model": model,
                "started_on": started,
                "motivation": DEMO_MOTIVATIONS[index % len(DEMO_MOTIVATIONS)],
            },
        )
        goal = services.goal_create(
            membership=worker,
            participant=participant,
            data={"work_model": model, "description": DEMO_GOALS[index % len(DEMO_GOALS)]},
        )
        kinds = [kind for kind, _label in Intervention.Kind.choices]
        for step in range(1 + index % 4):
            date = started + datetime.timedelta(days=7 * step + 1)
            services.intervention_create(
                membership=worker,
                participant=participant,
                data={
                    "date": min(date, today),
                    "duration_minutes": 30 + 15 * (step % 3),
                    "work_model": model,
                    "kind": kinds[(index + step) % len(kinds)],
                    "took_part": [Intervention.TookPart.PARTICIPANT],
                    "summary": fake.sentence(nb_words=12),
                    "goal": goal,
                    "follow_up_on": min(date, today) + datetime.timedelta(days=14)
                    if step == index % 4
                    else None,
                },
            )
