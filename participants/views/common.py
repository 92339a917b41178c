"""Shared by the file views: fetching a file one may change, and the quick intervention form."""

from django.http import HttpRequest
from django.utils import timezone

from .. import selectors
from ..forms import InterventionForm
from ..models import Intervention, Participant

DEFAULT_DURATION_MINUTES = 30


def editable_participant(request: HttpRequest, pk: int) -> Participant:
    """404 when the file is out of reach, 403 when it is visible but read-only."""
    return selectors.participant_get_editable(request.membership, pk)


def intervention_form_for(
    participant: Participant, *, last: dict | None = None, data=None, goals=None
) -> InterventionForm:
    """The quick form, with today and the last work model used as defaults."""
    initial = {
        "date": timezone.localdate(),
        "duration_minutes": DEFAULT_DURATION_MINUTES,
        "kind": Intervention.Kind.CONVERSATION,
        "took_part": [Intervention.TookPart.PARTICIPANT],
    }
    if last:
        # The work model carries over to the next entry; the kind does not: a second entry
        # silently saved as "network meeting" is worse than choosing the kind again.
        initial.update(work_model=last["work_model"])
    form = InterventionForm(data, initial=initial, participant=participant, prefix="quick")
    if goals is not None:
        # Reuse the goals the page loaded already instead of querying them again.
        form.fields["goal"].choices = [("", "---------")] + [
            (goal.pk, goal.description[:60]) for goal in goals
        ]
    return form
