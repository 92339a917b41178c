"""Every optional field of the world's records filled in, and the settings rows saved.

tests/forms/test_edit_round_trip.py opens each record's edit page and saves it unchanged: a
field can only lose its value on the way if it has one. Values are written straight to the
database (no services, no audit), after the records were made through the services.
"""

import datetime

from django.utils import timezone

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def _update(obj, **fields) -> None:
    type(obj).objects.filter(pk=obj.pk).update(**fields)
    obj.refresh_from_db()


def fill_in_every_field(world) -> None:
    o = world.objects
    _update(
        o["participant"],
        preferred_name="Mimi",
        phone="0470 11 22 33",
        email="mimi@example.org",
        address="Dorpsstraat 1",
        preferred_channel="sms",
        gender="vrouw",
        languages=["fr", "nl"],
        household="single_parent",
        has_smartphone=True,
        internet_at_home=False,
        digital_comfort="somewhat",
        migration_background="Ja, ouders uit Marokko",
        health_remarks="Rugklachten",
    )
    _update(o["trajectory"], initiative=o["initiative"])
    _update(o["intervention"], goal=o["goal"], network_people=[o["network_member"].label])
    _update(o["network_member"], known_for="over_5", critical=True)
    _update(o["plan"], evaluated_on=TODAY - DAY, fallback="Dan belt Leen de buurvrouw.")
    _update(o["agreement"], carried_by="De hele familie", note="Op zaterdag")
    _update(o["buddy"], intake_on=TODAY - 90 * DAY, lived_experience=True)
    _interests(world)
    _update(
        o["waiting_request"],
        gender_wish="female",
        min_age=25,
        max_age=70,
        municipality="Gent",
        note="Liefst iemand die graag wandelt",
    )
    _update(o["match"], agreements="Elke woensdag wandelen", next_meeting_on=TODAY + 7 * DAY)
    _update(
        o["group"],
        initiative=o["initiative"],
        place="Buurthuis De Brug",
        online=True,
        ends_on=TODAY + 120 * DAY,
        capacity=12,
        completion_threshold=75,
    )
    _update(o["placement"], ended_on=TODAY + 180 * DAY, contact_person="Sofie")
    _update(
        o["initiative"],
        area="Brugse Poort",
        target_groups="Alleenstaanden",
        cost="Gratis",
        sign_up="Bel naar het onthaal",
        contact="09 123 45 67",
        accessibility="Rolstoeltoegankelijk",
        last_checked_on=TODAY - 30 * DAY,
    )
    _saved_settings(world)
    _attendance_taken(world)


def _interests(world) -> None:
    """Two of the organisation's interest tags; the volunteer and both requests have one."""
    from buddies.models import InterestTag

    # "Wandelen" is the world's own interest (world.py); a second one to choose from.
    walking = world.objects["interest"]
    InterestTag.objects.create(organisation=world.organisation, name="koken")
    for record in (world.buddy, world.match_request, world.waiting_request):
        record.interests.add(walking)


def _saved_settings(world) -> None:
    """The organisation saved its buddy rules, reminder rules and workmodel additions once; a
    person chose how reminders reach them."""
    from buddies.models import BuddySettings
    from notifications.models import DeliveryPreference, RuleSetting
    from notifications.rules import all_rules, all_settings
    from workmodels.models import WorkModelAddition

    organisation = world.organisation
    BuddySettings.objects.update_or_create(
        organisation=organisation,
        defaults={"screening_valid_months": 36, "training_sessions_required": 2},
    )
    for rule in all_rules():
        RuleSetting.objects.update_or_create(
            organisation=organisation,
            rule=rule.code,
            defaults={"enabled": True, "intervals": list(rule.defaults)},
        )
    for setting in all_settings():
        RuleSetting.objects.update_or_create(
            organisation=organisation,
            rule=setting.code,
            defaults={"enabled": True, "intervals": [setting.default]},
        )
    for role in ("social_worker", "coordinator", "volunteer", "org_admin"):
        DeliveryPreference.objects.update_or_create(
            user=world.members[role].user, defaults={"email": "weekly"}
        )
    WorkModelAddition.objects.update_or_create(
        organisation=organisation,
        work_model=world.work_model,
        defaults={
            "methods": "Wekelijkse wandeling",
            "suits": "Wie alleen woont",
            "notes": "Vraag het aan Sofie",
            "updated_by": world.members["org_admin"].user,
        },
    )


def _attendance_taken(world) -> None:
    from groups import services as group_services

    group_services.attendance_record(
        membership=world.members["volunteer"],
        session=world.session,
        present=[world.group_member.pk],
        extra_attendees=2,
    )
    world.session.refresh_from_db()
