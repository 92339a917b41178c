"""Safety flags at the top of every API answer about a file or a match, without participants
or buddies importing the safety app that keeps them (dependencies point one way).

The answers' serializers declare a `flags` field (`FlagsField`); the safety app registers the
one provider in its `AppConfig.ready()`. A list answer asks the provider once for the whole
page (one query), a single answer once for its record. Without a provider the list is empty.
"""

from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import Model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Membership


class FlagSummaryOutput(serializers.Serializer):
    """A flag in force, as the caller may read it (a volunteer: only what was passed on)."""

    id = serializers.IntegerField()
    kind = serializers.CharField(help_text="The kind of flag, in the caller's language.")
    text = serializers.CharField(
        help_text="What to know; for a volunteer the coordinator's words passed on to them."
    )
    on = serializers.ChoiceField(choices=["file", "match"], help_text="Where it was raised.")
    raised_at = serializers.DateTimeField()
    ending_requested = serializers.BooleanField(
        help_text="Someone asked to end it; it holds until a second staff member confirms."
    )


# provider(membership, subject, objects) -> {object pk: [flag summaries]}; subject is
# "participant" or "match".
FlagProvider = Callable[[Membership | None, str, Sequence[Model]], dict[int, list[dict]]]
_providers: list[FlagProvider] = []


def register_flag_provider(provider: FlagProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def attach_flags(membership: Membership | None, subject: str, objects: Sequence[Model]) -> None:
    """Give each object its `_flags` (one query per provider for all of them)."""
    found: dict[int, list[dict]] = {}
    for provider in _providers:
        for pk, flags in provider(membership, subject, objects).items():
            found.setdefault(pk, []).extend(flags)
    for obj in objects:
        obj._flags = found.get(obj.pk, [])


@extend_schema_field(FlagSummaryOutput(many=True))
class FlagsField(serializers.Field):
    """The flags in force about the answer's file or match, shown first to whoever reads it."""

    def __init__(self, subject: str, **kwargs):
        self.subject = subject
        kwargs.setdefault("help_text", "Safety flags in force about this record: read them first.")
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value: Model) -> list[dict[str, Any]]:
        if not hasattr(value, "_flags"):
            # In a list answer, load the whole page at once.
            page = getattr(getattr(self.parent, "parent", None), "instance", None)
            objects = list(page) if isinstance(page, list | tuple) else [value]
            if value not in objects:
                objects = [value]
            attach_flags(self.context.get("membership"), self.subject, objects)
        return value._flags
