"""Reminder rules of hand-overs and stand-ins (registered through `participants.reminders`):
event-only, written by `services.handover` in its transaction (the outbox)."""

from django.db.models import Count, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from notifications import services as notifications
from notifications.rules import Rule, link_maker, register

from .models import FileHandover, StandIn, short_name_expression

# --- A file handed over → the new social worker; a stand-in named → the stand-in -----------


def _handover_names(ids: list[int]) -> dict[int, str]:
    """The first file's name of each hand-over act, and how many more it moved (one query)."""
    rows = (
        FileHandover.objects.filter(pk__in=ids)
        .annotate(
            name=short_name_expression("participant__"),
            others=Subquery(
                FileHandover.objects.filter(batch=OuterRef("batch"))
                .order_by()
                .values("batch")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
        )
        .values_list("pk", "name", "others")
    )
    names = {}
    for pk, name, count in rows:
        more = (count or 1) - 1
        names[pk] = (
            ngettext("%(name)s and %(count)s other", "%(name)s and %(count)s others", more)
            % {"name": name, "count": more}
            if more
            else name
        )
    return names


FILE_HANDOVER = register(
    Rule(
        code="file_handover",
        label=_("Files are handed over to a social worker"),
        recipient=_("the social worker who receives the files"),
        message=_("Files were handed over to you: %(name)s"),
        when="event",
        object_type="participants.filehandover",
        first_names=_handover_names,
    )
)


def _stand_in_names(ids: list[int]) -> dict[int, str]:
    rows = StandIn.objects.filter(pk__in=ids).select_related("absent_worker")
    return {stand_in.pk: str(stand_in.absent_worker) for stand_in in rows}


STAND_IN_NAMED = register(
    Rule(
        code="stand_in_named",
        label=_("A social worker is named stand-in for a colleague on leave"),
        recipient=_("the stand-in"),
        message=_("You stand in for %(name)s: their files are on your caseload for a while"),
        when="event",
        object_type="participants.standin",
        first_names=_stand_in_names,
    )
)


def handover_notify(*, first_handover: FileHandover, count: int) -> None:
    """Outbox hook of `files_reassign`: the new worker hears it at once (in the app, and by
    e-mail as they chose), with a link to the file or to their caseload."""
    link = (
        link_maker("participants:detail")(first_handover.participant_id)
        if count == 1
        else reverse("participants:list")
    )
    notifications.reminder_schedule(
        rule=FILE_HANDOVER.code,
        organisation_id=first_handover.organisation_id,
        object_id=first_handover.pk,
        due_on=timezone.localdate(),
        recipient_id=first_handover.to_worker_id,
        link=link,
    )


def stand_in_notify(stand_in: StandIn) -> None:
    notifications.reminder_schedule(
        rule=STAND_IN_NAMED.code,
        organisation_id=stand_in.organisation_id,
        object_id=stand_in.pk,
        due_on=timezone.localdate(),
        recipient_id=stand_in.stand_in_id,
        link=reverse("participants:list"),
    )
