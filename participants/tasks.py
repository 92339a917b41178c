"""Celery tasks of participant files. The schedule is registered with the other periodic
tasks (django-celery-beat); the tasks only call the services."""

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from .rights.erasure import Reason, participant_anonymise
from .rights.retention import files_past_retention


@shared_task(acks_late=True, reject_on_worker_lost=True)
def anonymise_files_past_retention() -> int:
    """Anonymise every closed file past its organisation's retention period.

    Idempotent: candidates are the files not anonymised yet, found in one query; each is
    checked again under a row lock (it may have been reopened meanwhile) and anonymised in
    its own transaction, so a worker killed half-way resumes where it stopped.
    """
    today = timezone.localdate()
    candidates = list(files_past_retention(None, today).values_list("pk", flat=True))
    done = 0
    for pk in candidates:
        with transaction.atomic():
            participant = (
                files_past_retention(None, today)
                .select_for_update(of=("self",))
                .filter(pk=pk)
                .first()
            )
            if participant is None:
                continue
            participant_anonymise(membership=None, participant=participant, reason=Reason.RETENTION)
            done += 1
    return done
