"""Who sees which referral figures, and the reads behind them (a fixed number of queries
whatever the number of referrals: the counts, the first contacts, the reasons, the work models).

- An organisation's own figures (what it sent and what it received): its org admins and
  coordinators. Counts only: no referral, no participant.
- The instance-wide figures (every organisation on this Netwerk): every org admin,
  coordinator and researcher, with small cells hidden (`referrals.figures`). Initiatives are
  named only when they are in the shared directory; the others count as one row.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Min, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Role
from workmodels.models import WorkModel

from ..figures import Loaded, compute
from ..models import Referral

FIGURES_ROLES = frozenset({Role.ORG_ADMIN, Role.COORDINATOR})
INSTANCE_FIGURES_ROLES = frozenset({Role.ORG_ADMIN, Role.COORDINATOR, Role.RESEARCHER})

NO_MODEL = "none"
OTHER_INITIATIVES = "other"
_GROUP = ("work_model__code", "initiative_id", "initiative__name", "initiative__shared")


@dataclass(frozen=True)
class Period:
    """The days the referrals were sent, both included."""

    start: datetime.date
    end: datetime.date

    @classmethod
    def last_year(cls, today: datetime.date | None = None) -> "Period":
        today = today or timezone.localdate()
        return cls(today - datetime.timedelta(days=364), today)

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        zone = timezone.get_current_timezone()
        start = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=zone)
        end = datetime.datetime.combine(
            self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
        )
        return start, end


def can_see_figures(membership: Membership | None) -> bool:
    return membership is not None and membership.is_active and membership.role in FIGURES_ROLES


def can_see_instance_figures(membership: Membership | None) -> bool:
    return (
        membership is not None
        and membership.is_active
        and membership.role in INSTANCE_FIGURES_ROLES
    )


def _initiative_key(row: dict, *, instance: bool) -> str:
    if row["initiative_id"] is not None and (row["initiative__shared"] or not instance):
        return f"i{row['initiative_id']}"
    if instance:
        return OTHER_INITIATIVES
    return f"n:{row['initiative_name']}"


def _initiative_label(row: dict, key: str) -> str:
    if key == OTHER_INITIATIVES:
        return _("Other initiatives (not in the shared directory)")
    return row["initiative__name"] or row["initiative_name"]


def _days(sent_at: datetime.datetime, first_contact: datetime.date) -> int:
    return max(0, (first_contact - timezone.localdate(sent_at)).days)


def _load(referrals: QuerySet[Referral], period: Period, *, instance: bool) -> Loaded:
    start, end = period.bounds()
    base = referrals.filter(sent_at__gte=start, sent_at__lt=end).order_by()
    loaded = Loaded()
    labels = loaded.initiative_labels
    group = (*_GROUP, "initiative_name")
    for row in base.values(*group, "status").annotate(n=Count("id")):
        key = _initiative_key(row, instance=instance)
        labels.setdefault(key, _initiative_label(row, key))
        loaded.counts.append((row["work_model__code"] or NO_MODEL, key, row["status"], row["n"]))
    # Filtered on the step before the annotation: the date of the first-contact step.
    first_contacts = (
        base.filter(steps__status=Referral.Status.FIRST_CONTACT)
        .values(*group, "pk", "sent_at")
        .annotate(first_contact=Min("steps__happened_on"))
    )
    for row in first_contacts:
        key = _initiative_key(row, instance=instance)
        days = _days(row["sent_at"], row["first_contact"])
        loaded.days.append((row["work_model__code"] or NO_MODEL, key, days))
    loaded.reasons = list(
        base.filter(status=Referral.Status.DECLINED)
        .values_list("decline_reason")
        .annotate(n=Count("id"))
    )
    return loaded


def _models() -> list[tuple[str, str]]:
    models = [(model.code, model.name) for model in WorkModel.objects.order_by("order")]
    return [*models, (NO_MODEL, _("No work model chosen"))]


def _figures(referrals, period: Period, models, *, instance: bool) -> dict:
    loaded = _load(referrals, period, instance=instance)
    loaded.models = models
    return compute(loaded, suppress=instance)


def organisation_figures(membership: Membership | None, period: Period) -> dict:
    """The organisation's referrals, sent and received, in the period (seven queries)."""
    if not can_see_figures(membership):
        raise Http404
    organisation = membership.organisation_id
    models = _models()
    return {
        "period": period,
        "sent": _figures(
            Referral.objects.filter(organisation_id=organisation), period, models, instance=False
        ),
        "received": _figures(
            Referral.objects.filter(to_organisation_id=organisation),
            period,
            models,
            instance=False,
        ),
    }


def instance_figures(membership: Membership | None, period: Period) -> dict:
    """Every referral on this Netwerk in the period, small cells hidden (four queries)."""
    if not can_see_instance_figures(membership):
        raise Http404
    return {
        "period": period,
        "all": _figures(Referral.objects.all(), period, _models(), instance=True),
    }
