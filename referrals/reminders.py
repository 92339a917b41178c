"""Reminder rules of referrals, registered with the generic `notifications` app (found by its
`ready()`). Each `due` function is set-based: two queries over every organisation whatever the
number of referrals (the organisations' settings, then the referrals); see
`notifications.rules`.

- A referral waiting for an answer (sent or received) for more than N days: the receiving
  organisation's intake and the sender are reminded.
- A referral accepted without a first contact after N days: the receiving side's handler (or
  its intake) and the sender.

N is the receiving organisation's setting (its promise to answer within so many days), so
both sides are reminded on the same day; each side switches its own rule on or off. A reminder
resolves when the referral moves on (`referral_moved`, from the steps service, and the sweep)
and when the participant withdraws the consent: there is nothing left to urge.

One recipient per rule and referral: a reminder's key (rule, object, due date) is the outbox's
idempotency, as for the other rules that reach an organisation ("the first coordinator"). On
the receiving side that is the person handling the referral while they hold an intake role
there, else the longest-standing intake person, coordinators first (`INTAKE_ROLES`). On the
sending side, the sender while they are a member of the sending organisation, else the
participant's social worker now.
"""

import datetime

from django.db.models import Case, Exists, IntegerField, Max, OuterRef, Q, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Role
from notifications import services as notifications
from notifications.models import RuleSetting
from notifications.rules import (
    Draft,
    Rule,
    Setting,
    SweepContext,
    link_maker,
    only,
    register,
    register_setting,
)
from participants.models import short_name_expression

from .models import Referral
from .selectors.access import INTAKE_ROLES

OBJECT_TYPE = "referrals.referral"
ACCEPTED = Referral.Status.ACCEPTED

WAITING_DAYS = register_setting(
    Setting(
        code="referral_waiting_days",
        label=_("Days a referral to your organisation may wait for an answer"),
        help_text=_(
            "After this many days without an answer (accept or decline), your intake and the "
            "sender are reminded."
        ),
        default=7,
        minimum=1,
        maximum=90,
    )
)

FIRST_CONTACT_DAYS = register_setting(
    Setting(
        code="referral_first_contact_days",
        label=_("Days from accepting a referral to the first contact"),
        help_text=_(
            "After this many days without a first contact on an accepted referral, the person "
            "handling it and the sender are reminded."
        ),
        default=14,
        minimum=1,
        maximum=120,
    )
)


def _days(setting: Setting) -> tuple[dict[int, int], int]:
    """Every organisation's value of a setting (one query), and the smallest of all."""
    values = {
        organisation: stored[0]
        for organisation, stored in RuleSetting.objects.filter(rule=setting.code).values_list(
            "organisation_id", "intervals"
        )
        if stored
    }
    return values, min([setting.default, *values.values()])


def _inbox_link():
    return link_maker("referrals:inbox_detail")


def _sender_link():
    return link_maker("referrals:sender_detail")


def _first_intake_person():
    """The longest-standing active intake person of the receiving organisation, coordinators
    first, then org admins, then social workers."""
    order = Case(
        When(role=Role.COORDINATOR, then=Value(0)),
        When(role=Role.ORG_ADMIN, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return Subquery(
        Membership.objects.filter(
            organisation_id=OuterRef("to_organisation_id"), role__in=INTAKE_ROLES, is_active=True
        )
        .order_by(order, "pk")
        .values("user_id")[:1]
    )


def _handler_is_intake():
    return Exists(
        Membership.objects.filter(
            organisation_id=OuterRef("to_organisation_id"),
            user_id=OuterRef("handled_by_id"),
            role__in=INTAKE_ROLES,
            is_active=True,
        )
    )


def _sender_is_member():
    return Exists(
        Membership.objects.filter(
            organisation_id=OuterRef("organisation_id"),
            user_id=OuterRef("sent_by_id"),
            is_active=True,
        )
    )


def _on_netwerk(object_ids):
    """Referrals to an organisation on Netwerk whose consent still stands."""
    return only(
        Referral.objects.filter(to_organisation__isnull=False, consent_withdrawn_on__isnull=True),
        object_ids,
    ).annotate(
        intake=_first_intake_person(),
        handler_is_intake=_handler_is_intake(),
        sender_is_member=_sender_is_member(),
    )


_PEOPLE = (
    "handled_by_id",
    "handler_is_intake",
    "intake",
    "sent_by_id",
    "sender_is_member",
    "participant__social_worker_id",
)


def _recipient(to_intake: bool, handler, handler_ok, intake, sender, sender_ok, worker):
    if to_intake:
        return handler if handler and handler_ok else intake
    return sender if sender_ok else worker


def _drafts(to_intake: bool, rows, days_of, today):
    link = _inbox_link() if to_intake else _sender_link()
    for pk, organisation, to_organisation, start, *people in rows:
        if start is None:
            continue
        day = start + datetime.timedelta(days=days_of(to_organisation))
        if day > today:
            continue
        owner = to_organisation if to_intake else organisation
        yield Draft(owner, pk, day, _recipient(to_intake, *people), link(pk))


# --- A referral waiting for an answer → the receiving intake and the sender -------------------


def _waiting(ctx: SweepContext, object_ids, to_intake: bool):
    values, smallest = _days(WAITING_DAYS)
    # Sent before the end of the day `smallest` days ago: the only ones that can be due.
    tomorrow = ctx.today + datetime.timedelta(days=1)
    latest = datetime.datetime.combine(
        tomorrow - datetime.timedelta(days=smallest),
        datetime.time.min,
        tzinfo=timezone.get_current_timezone(),
    )
    rows = (
        _on_netwerk(object_ids)
        .filter(status__in=Referral.WAITING, sent_at__lt=latest)
        .values_list("pk", "organisation_id", "to_organisation_id", "sent_at", *_PEOPLE)
    )
    local = ((pk, o, t, timezone.localdate(sent), *people) for pk, o, t, sent, *people in rows)
    return _drafts(to_intake, local, lambda org: values.get(org, WAITING_DAYS.default), ctx.today)


def waiting_intake_due(ctx, object_ids):
    return _waiting(ctx, object_ids, to_intake=True)


def waiting_sender_due(ctx, object_ids):
    return _waiting(ctx, object_ids, to_intake=False)


# --- Accepted without a first contact → the receiving handler (or intake) and the sender -----


def _no_first_contact(ctx: SweepContext, object_ids, to_intake: bool):
    values, smallest = _days(FIRST_CONTACT_DAYS)
    rows = (
        _on_netwerk(object_ids)
        .filter(status=ACCEPTED)
        .annotate(accepted_on=Max("steps__happened_on", filter=Q(steps__status=ACCEPTED)))
        .filter(
            Q(accepted_on__isnull=True)
            | Q(accepted_on__lte=ctx.today - datetime.timedelta(days=smallest))
        )
        .values_list(
            "pk",
            "organisation_id",
            "to_organisation_id",
            "accepted_on",
            "status_changed_at",
            *_PEOPLE,
        )
    )
    # Without its step (a referral written outside the steps service): the status's date.
    dated = (
        (pk, o, t, accepted_on or timezone.localdate(changed), *people)
        for pk, o, t, accepted_on, changed, *people in rows
    )
    return _drafts(
        to_intake, dated, lambda org: values.get(org, FIRST_CONTACT_DAYS.default), ctx.today
    )


def first_contact_intake_due(ctx, object_ids):
    return _no_first_contact(ctx, object_ids, to_intake=True)


def first_contact_sender_due(ctx, object_ids):
    return _no_first_contact(ctx, object_ids, to_intake=False)


# --- The name a reminder shows ---------------------------------------------------------------


def _shared_first_names(ids: list[int]) -> dict[int, str]:
    """The receiving side knows only what was shared: the first name of that copy."""
    rows = Referral.objects.filter(pk__in=ids).values_list("pk", "shared__first_name")
    return {pk: name if isinstance(name, str) else "" for pk, name in rows}


def _sender_first_names(ids: list[int]) -> dict[int, str]:
    """The sending side: the name its own file shows, or the shared copy's once the file was
    erased."""
    rows = Referral.objects.filter(pk__in=ids).values_list(
        "pk", short_name_expression("participant__"), "shared__first_name"
    )
    return {pk: own or (shared if isinstance(shared, str) else "") for pk, own, shared in rows}


_COMMON = {"object_type": OBJECT_TYPE}

WAITING_INTAKE = register(
    Rule(
        code="referral_waiting_intake",
        label=_("A referral to your organisation waits for an answer"),
        recipient=_(
            "the person handling the referral, else the first intake person (coordinator, org "
            "admin or social worker)"
        ),
        message=_("The referral of %(name)s waits for your answer"),
        due=waiting_intake_due,
        first_names=_shared_first_names,
        **_COMMON,
    )
)

WAITING_SENDER = register(
    Rule(
        code="referral_waiting_sender",
        label=_("A referral you sent has no answer yet"),
        recipient=_("the social worker who sent it"),
        message=_("Your referral of %(name)s has no answer yet: ask the receiver?"),
        due=waiting_sender_due,
        first_names=_sender_first_names,
        **_COMMON,
    )
)

FIRST_CONTACT_INTAKE = register(
    Rule(
        code="referral_first_contact_intake",
        label=_("A referral your organisation accepted has no first contact yet"),
        recipient=_("the person handling the referral, else the first intake person"),
        message=_("The referral of %(name)s was accepted: plan the first contact"),
        due=first_contact_intake_due,
        first_names=_shared_first_names,
        **_COMMON,
    )
)

FIRST_CONTACT_SENDER = register(
    Rule(
        code="referral_first_contact_sender",
        label=_("A referral you sent was accepted, without a first contact yet"),
        recipient=_("the social worker who sent it"),
        message=_("Your referral of %(name)s was accepted, but there was no first contact yet"),
        due=first_contact_sender_due,
        first_names=_sender_first_names,
        **_COMMON,
    )
)

RULES = (WAITING_INTAKE, WAITING_SENDER, FIRST_CONTACT_INTAKE, FIRST_CONTACT_SENDER)


def referral_moved(referral: Referral) -> None:
    """Outbox hook of the referral services (a step recorded, the consent withdrawn), in their
    transaction: the referral's reminders that no longer hold resolve at once."""
    for rule in RULES:
        notifications.reminders_recheck(rule=rule.code, object_ids=[referral.pk])
