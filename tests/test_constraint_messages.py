"""A broken database rule is told in words, never by its name ("Beperking
'intervention_has_duration' is geschonden.")."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation

from tests.participants.factories import InterventionFactory

OWN_APPS = {"accounts", "participants", "buddies", "groups", "findings", "workmodels"}
OWN_APPS |= {"notifications"}


def _constraints_told_by_their_message():
    """Check constraints, and unique constraints with a condition: Django tells those by their
    name unless they carry a message (a plain unique constraint says which fields clash)."""
    for model in apps.get_models():
        if model._meta.app_label not in OWN_APPS:
            continue
        for constraint in model._meta.constraints:
            conditional = isinstance(constraint, models.UniqueConstraint) and constraint.condition
            if isinstance(constraint, models.CheckConstraint) or conditional:
                yield model, constraint


@pytest.mark.parametrize(
    ("model", "constraint"),
    list(_constraints_told_by_their_message()),
    ids=lambda value: getattr(value, "name", None) or value.__name__,
)
def test_every_constraint_has_a_message_in_dutch(model, constraint):
    with translation.override("nl"):
        message = str(constraint.get_violation_error_message())
    assert constraint.name not in message, f"{model.__name__}.{constraint.name} needs a message"
    assert "geschonden" not in message


@pytest.mark.django_db
def test_an_intervention_without_duration_is_refused_in_plain_dutch():
    intervention = InterventionFactory()
    intervention.duration_minutes = 0
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        intervention.validate_constraints()
    messages = " ".join(refused.value.messages)
    assert "Geef de duur in minuten" in messages
    assert "intervention_has_duration" not in messages
