"""Reminder rule of structural signals, registered with the generic `notifications` app (found
by its `ready()`): once a quarter, the organisation's admin is asked to review last quarter's
signals and release the stories that may be quoted.

One reminder per organisation per quarter (its key: the organisation and the quarter's first
day), for organisations with signals in the quarter before, to the longest-standing org
admin. It stays open during the quarter and is resolved when the quarter is over."""

import datetime

from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Organisation, Role
from notifications.rules import Draft, Rule, SweepContext, only, register

from .models import Signal, quarter_bounds, quarter_of


def _previous_quarter(today: datetime.date) -> str:
    first, _last = quarter_bounds(quarter_of(today))
    return quarter_of(first - datetime.timedelta(days=1))


def _first_admin() -> Subquery:
    """The organisation's longest-standing active org admin (who gets its reminders)."""
    return Subquery(
        Membership.objects.filter(
            organisation_id=OuterRef("pk"), role=Role.ORG_ADMIN, is_active=True
        )
        .order_by("pk")
        .values("user_id")[:1]
    )


def quarterly_review_due(ctx: SweepContext, object_ids: list[int] | None):
    """Organisations with current signals in last quarter: one query for all of them."""
    this_quarter_starts, _last = quarter_bounds(quarter_of(ctx.today))
    previous = _previous_quarter(ctx.today)
    first, last = quarter_bounds(previous)
    link = f"{reverse('signalling:list')}?quarter={previous}"
    had_signals = Signal.objects.current().filter(
        organisation_id=OuterRef("pk"), occurred_on__range=(first, last)
    )
    rows = (
        only(Organisation.objects.filter(Exists(had_signals)), object_ids)
        .annotate(admin=_first_admin())
        .values_list("pk", "admin")
    )
    for pk, admin in rows:
        if admin is not None:
            yield Draft(pk, pk, this_quarter_starts, admin, link)


register(
    Rule(
        code="signals_quarterly_review",
        label=_("A new quarter: review last quarter's signals"),
        recipient=_("the organisation's admin"),
        message=_(
            "A new quarter has begun: review last quarter's signals and release the stories "
            "that may be quoted."
        ),
        when="event",
        object_type="accounts.organisation",
        due=quarterly_review_due,
    )
)
