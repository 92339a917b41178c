"""Reminder rules about participant files, registered with the generic `notifications` app
(found by its `ready()`). Each `due` function is set-based: one or two queries over every
organisation, whatever the number of files; see `notifications.rules`."""

import datetime

from django.db.models import F, Max, Min, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from accounts.selectors import first_member_with_role
from netwerk.dates import add_months
from notifications import services as notifications
from notifications.rules import (
    Draft,
    Rule,
    Setting,
    SweepContext,
    first_names_through,
    link_maker,
    only,
    register,
    register_setting,
)
from notifications.selectors import setting_value

from .models import (
    Agreement,
    Consent,
    FamilyPlan,
    Intervention,
    Participant,
    short_name_expression,
)
from .reminders_handover import FILE_HANDOVER as FILE_HANDOVER  # registers the two rules
from .rights.retention import files_due_for_retention, retention_ends_on

# A follow-up map or measurement up to this many days before its date counts for it.
EARLY_WINDOW = datetime.timedelta(days=30)
OPEN_STATUSES = [Participant.Status.INTAKE, Participant.Status.ACTIVE, Participant.Status.PAUSED]
OPEN_FILE = Q(status__in=OPEN_STATUSES)


_participant_names = first_names_through(Participant, short_name_expression())


def _file_link():
    return link_maker("participants:detail")


# --- An intervention's follow-up date reached → its author ---------------------------------


def follow_ups_due(ctx: SweepContext, object_ids: list[int] | None):
    link = _file_link()
    rows = only(
        Intervention.objects.filter(
            follow_up_on__lte=ctx.today,
            follow_up_done_on__isnull=True,
            participant__status__in=OPEN_STATUSES,
        ),
        object_ids,
    ).values_list(
        "pk",
        "participant__organisation_id",
        "follow_up_on",
        "participant__social_worker_id",
        "author_id",
        "participant_id",
    )
    for pk, org, day, worker, author, participant in rows:
        yield Draft(org, pk, day, worker or author, link(participant))


INTERVENTION_FOLLOW_UP = register(
    Rule(
        code="intervention_follow_up",
        label=_("An intervention's follow-up date is reached"),
        recipient=_("the file's social worker (who logged it, unless the file was handed over)"),
        message=_("Follow-up with %(name)s"),
        when="planned",
        object_type="participants.intervention",
        due=follow_ups_due,
        first_names=first_names_through(Intervention, short_name_expression("participant__")),
    )
)


def schedule_follow_up(intervention: Intervention) -> None:
    """The outbox hook of the intervention services: the reminder row is written in their
    transaction; an earlier date, a done follow-up or a deletion resolves the old one."""
    open_date = None if intervention.follow_up_done_on else intervention.follow_up_on
    notifications.reminders_resolve(
        rule=INTERVENTION_FOLLOW_UP.code, object_ids=[intervention.pk], except_due_on=open_date
    )
    if open_date is not None:
        notifications.reminder_schedule(
            rule=INTERVENTION_FOLLOW_UP.code,
            organisation_id=intervention.participant.organisation_id,
            object_id=intervention.pk,
            due_on=open_date,
            recipient_id=intervention.participant.social_worker_id or intervention.author_id,
            link=_file_link()(intervention.participant_id),
        )


def resolve_follow_up(intervention_id: int) -> None:
    notifications.reminders_resolve(rule=INTERVENTION_FOLLOW_UP.code, object_ids=[intervention_id])


# --- Follow-up network map and measurements after the baseline → social worker -------------


def _follow_up_point(ctx, org, baseline, last) -> datetime.date | None:
    """The latest follow-up date passed, unless a follow-up was taken for it already."""
    passed = [
        day
        for day in (add_months(baseline, months) for months in ctx.intervals(org))
        if day <= ctx.today
    ]
    if not passed or (last is not None and last >= passed[-1] - EARLY_WINDOW):
        return None
    return passed[-1]


def network_maps_due(ctx: SweepContext, object_ids: list[int] | None):
    link = _file_link()
    rows = (
        only(Participant.objects.filter(OPEN_FILE, social_worker__isnull=False), object_ids)
        .annotate(
            baseline=Min(
                "network_snapshots__taken_on", filter=Q(network_snapshots__kind="baseline")
            ),
            last=Max("network_snapshots__taken_on", filter=Q(network_snapshots__kind="follow_up")),
        )
        .filter(baseline__isnull=False)
        .values_list("pk", "organisation_id", "social_worker_id", "baseline", "last")
    )
    for pk, org, worker, baseline, last in rows:
        day = _follow_up_point(ctx, org, baseline, last)
        if day is not None:
            yield Draft(org, pk, day, worker, link(pk))


def measurements_due(ctx: SweepContext, object_ids: list[int] | None):
    link = _file_link()
    rows = (
        only(Participant.objects.filter(OPEN_FILE, social_worker__isnull=False), object_ids)
        .annotate(baseline=Min("measurements__taken_on"), last=Max("measurements__taken_on"))
        .filter(baseline__isnull=False)
        .values_list("pk", "organisation_id", "social_worker_id", "baseline", "last")
    )
    for pk, org, worker, baseline, last in rows:
        day = _follow_up_point(ctx, org, baseline, last if last != baseline else None)
        if day is not None:
            yield Draft(org, pk, day, worker, link(pk))


_SCHEDULE = {
    "defaults": (3, 6, 12),
    "unit": "months",
    "interval_count": (1, 6),
}

NETWORK_FOLLOW_UP = register(
    Rule(
        code="network_follow_up",
        label=_("Follow-up network map after the baseline"),
        recipient=_("the participant's social worker"),
        message=_("A follow-up network map with %(name)s is due"),
        object_type="participants.participant",
        due=network_maps_due,
        first_names=_participant_names,
        **_SCHEDULE,
    )
)

MEASUREMENT_FOLLOW_UP = register(
    Rule(
        code="measurement_follow_up",
        label=_("Follow-up measurements after the first one"),
        recipient=_("the participant's social worker"),
        message=_("Follow-up measurements with %(name)s are due"),
        object_type="participants.participant",
        due=measurements_due,
        first_names=_participant_names,
        **_SCHEDULE,
    )
)


# --- Family group plans: evaluation due, agreements overdue → social worker ----------------


def evaluations_due(ctx: SweepContext, object_ids: list[int] | None):
    link = _file_link()
    rows = only(
        FamilyPlan.objects.filter(
            evaluation_on__lte=ctx.today,
            evaluated_on__isnull=True,
            participant__status__in=OPEN_STATUSES,
        ),
        object_ids,
    ).values_list(
        "pk",
        "participant__organisation_id",
        "evaluation_on",
        "participant__social_worker_id",
        "created_by_id",
        "participant_id",
    )
    for pk, org, day, worker, author, participant in rows:
        yield Draft(org, pk, day, worker or author, link(participant))


def agreements_overdue(ctx: SweepContext, object_ids: list[int] | None):
    link = _file_link()
    rows = only(
        Agreement.objects.filter(
            due_on__lt=ctx.today,
            status__in=[Agreement.Status.OPEN, Agreement.Status.PARTLY],
            plan__participant__status__in=OPEN_STATUSES,
        ),
        object_ids,
    ).values_list(
        "pk",
        "plan__participant__organisation_id",
        "due_on",
        "plan__participant__social_worker_id",
        "plan__created_by_id",
        "plan__participant_id",
    )
    for pk, org, day, worker, author, participant in rows:
        yield Draft(org, pk, day, worker or author, link(participant))


register(
    Rule(
        code="family_plan_evaluation",
        label=_("A family group plan's evaluation date is reached"),
        recipient=_("the participant's social worker"),
        message=_("The family group plan of %(name)s is due for evaluation"),
        object_type="participants.familyplan",
        due=evaluations_due,
        first_names=first_names_through(FamilyPlan, short_name_expression("participant__")),
    )
)

register(
    Rule(
        code="family_plan_agreement",
        label=_("An agreement of a family group plan is past its date"),
        recipient=_("the participant's social worker"),
        message=_("An agreement in the family group plan of %(name)s is overdue"),
        object_type="participants.agreement",
        due=agreements_overdue,
        first_names=first_names_through(Agreement, short_name_expression("plan__participant__")),
    )
)


# --- A closed file nears the end of its retention → the org admin (then it is anonymised) ----


def retention_due(ctx: SweepContext, object_ids: list[int] | None):
    link = _file_link()
    longest = max([ctx.defaults[0], *(v[0] for v in ctx.overrides.values() if v)], default=30)
    rows = (
        only(files_due_for_retention(None, ctx.today, notice_days=longest), object_ids)
        .annotate(admin=first_member_with_role(Role.ORG_ADMIN))
        .values_list("pk", "organisation_id", "closed_on", "organisation__retention_years", "admin")
    )
    for pk, org, closed_on, years, admin in rows:
        if admin is None:
            continue
        day = retention_ends_on(closed_on, years) - datetime.timedelta(days=ctx.intervals(org)[0])
        if day <= ctx.today:
            yield Draft(org, pk, day, admin, link(pk))


def _retention_end_dates(ids: list[int]) -> dict[int, datetime.date]:
    rows = Participant.objects.filter(pk__in=ids, closed_on__isnull=False).values_list(
        "pk", "closed_on", "organisation__retention_years"
    )
    return {pk: retention_ends_on(closed_on, years) for pk, closed_on, years in rows}


RETENTION_NOTICE = register(
    Rule(
        code="retention_notice",
        label=_("A closed file reaches the end of its retention (days before it is anonymised)"),
        recipient=_("the organisation's first org admin"),
        message=_("The closed file of %(name)s"),
        when="anonymised",
        event_dates=_retention_end_dates,
        object_type="participants.participant",
        due=retention_due,
        first_names=_participant_names,
        defaults=(30,),
        interval_count=(1, 1),
    )
)


# --- A consent reaches its expiry date → the org admin and the participant's social worker ---

CONSENT_VALIDITY = register_setting(
    Setting(
        code="consent_validity_months",
        label=_("Default validity of a consent, in months"),
        help_text=_(
            "Prefills the expiry date when a consent is recorded; the social worker can change "
            "or clear it. 0 or empty: no expiry date."
        ),
        default=24,
        maximum=120,
    )
)


def default_consent_expiry(organisation_id: int, given_on: datetime.date) -> datetime.date | None:
    """The expiry date a consent given on `given_on` gets unless the worker sets another."""
    months = setting_value(CONSENT_VALIDITY.code, organisation_id)
    return add_months(given_on, months) if months else None


def _consents_expiring(ctx: SweepContext, object_ids: list[int] | None, recipient):
    """Current consents (not withdrawn, not renewed) with an expiry date, of open files, from
    the organisation's lead time before that date; expired ones too until they are renewed."""
    link = _file_link()
    longest = max([ctx.defaults[0], *(v[0] for v in ctx.overrides.values() if v)], default=30)
    rows = (
        only(
            Consent.objects.current().filter(
                expires_on__lte=ctx.today + datetime.timedelta(days=longest),
                participant__status__in=OPEN_STATUSES,
            ),
            object_ids,
        )
        .annotate(organisation_id=F("participant__organisation_id"))
        .annotate(recipient=recipient)
        .values_list("pk", "organisation_id", "expires_on", "recipient", "participant_id")
    )
    for pk, org, expires_on, person, participant in rows:
        day = expires_on - datetime.timedelta(days=ctx.intervals(org)[0])
        if day <= ctx.today:
            yield Draft(org, pk, day, person, f"{link(participant)}#consents")


def consents_expiring_admin(ctx: SweepContext, object_ids: list[int] | None):
    return _consents_expiring(ctx, object_ids, first_member_with_role(Role.ORG_ADMIN))


def consents_expiring_worker(ctx: SweepContext, object_ids: list[int] | None):
    return _consents_expiring(ctx, object_ids, F("participant__social_worker_id"))


def _consent_expiry_dates(ids: list[int]) -> dict[int, datetime.date]:
    return dict(Consent.objects.filter(pk__in=ids).values_list("pk", "expires_on"))


_CONSENT_EXPIRING = {
    "object_type": "participants.consent",
    "when": "expires",
    "event_dates": _consent_expiry_dates,
    "first_names": first_names_through(Consent, short_name_expression("participant__")),
    "defaults": (30,),
    "interval_count": (1, 1),
    "interval_minimum": 0,
}

CONSENT_EXPIRING = register(
    Rule(
        code="consent_expiring",
        label=_("A consent reaches its expiry date (days before)"),
        recipient=_("the organisation's first org admin"),
        message=_("A consent of %(name)s, not renewed yet"),
        due=consents_expiring_admin,
        **_CONSENT_EXPIRING,
    )
)

CONSENT_EXPIRING_WORKER = register(
    Rule(
        code="consent_expiring_worker",
        label=_("A consent reaches its expiry date, for the social worker (days before)"),
        recipient=_("the participant's social worker"),
        message=_("A consent of %(name)s (talk it over and record it again)"),
        due=consents_expiring_worker,
        **_CONSENT_EXPIRING,
    )
)


def consent_ended(consent: Consent) -> None:
    """Outbox hook of the consent services, in their transaction: a consent renewed or
    withdrawn will not be reminded of (the sweep and the dispatcher would see it too, later)."""
    for rule in (CONSENT_EXPIRING, CONSENT_EXPIRING_WORKER):
        notifications.reminders_resolve(rule=rule.code, object_ids=[consent.pk])
