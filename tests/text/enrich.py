"""Records added to the security world so that the values most easily shown raw reach a page:
yes/no answers, language lists, choices and a change of worker in the edit history, a general
finding, a decimal number of hours, a reminder of a real rule."""

from decimal import Decimal

from findings import services as finding_services
from groups import services as group_services
from participants.models import NetworkSnapshot
from participants.services import files, network
from tests.security.world import DAY, TODAY


def enrich(world) -> None:
    sw = world.members["social_worker"]
    participant = files.participant_update(
        membership=sw,
        participant=world.participant,
        data={
            "has_smartphone": True,
            "internet_at_home": False,
            "languages": ["fr", "nl"],
            "household": "alone",
            "digital_comfort": "somewhat",
            "preferred_channel": "phone",
        },
    )
    # A file handed over to a colleague and back: the history names people, not numbers.
    participant.social_worker = world.members["colleague"].user
    participant.save()
    participant.social_worker = sw.user
    participant.save()
    world.objects["participant"] = participant

    # A second snapshot: the comparison's dropdowns list both by date.
    network.network_snapshot_take(
        membership=sw,
        participant=participant,
        taken_on=TODAY - 2 * DAY,
        kind=NetworkSnapshot.Kind.FOLLOW_UP,
    )
    group_services.placement_update(
        membership=sw, placement=world.placement, data={"hours": Decimal("2.5")}
    )
    finding_services.finding_create(
        membership=world.members["researcher"],
        data={"kind": "attention_point", "work_model": None, "statement_nl": "Vervoer"},
    )
    # Languages as lists of codes, wherever they are stored.
    for record in (world.initiative, world.buddy):
        type(record).objects.filter(pk=record.pk).update(languages=["nl", "ar"])
    if world.reminder is not None:
        world.reminder.rule = "intervention_follow_up"
        world.reminder.object_type = "participants.intervention"
        world.reminder.object_id = world.intervention.pk
        world.reminder.save()
