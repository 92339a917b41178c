"""Writes for signal themes (organisation data)."""

from django.conf import settings
from django.utils import translation

from accounts.models import Organisation

from ..models import SignalTheme
from ..themes import DEFAULT_THEMES


def theme_defaults_create(*, organisation: Organisation) -> list[SignalTheme]:
    """Give an organisation the default themes it does not have yet (by code), named in the
    instance's language: from then on they are its own data."""
    have = set(
        SignalTheme.objects.filter(organisation=organisation)
        .exclude(code="")
        .values_list("code", flat=True)
    )
    taken = set(
        SignalTheme.objects.filter(organisation=organisation).values_list("name", flat=True)
    )
    created = []
    with translation.override(settings.LANGUAGE_CODE):
        for order, (code, name, description) in enumerate(DEFAULT_THEMES, start=1):
            if code in have or str(name) in taken:
                continue
            created.append(
                SignalTheme(
                    organisation=organisation,
                    code=code,
                    name=str(name),
                    description=str(description),
                    order=order * 10,
                )
            )
    return SignalTheme.objects.bulk_create(created)


def themes_for_new_organisation(sender, instance: Organisation, created: bool, raw=False, **kwargs):
    if created and not raw:
        theme_defaults_create(organisation=instance)
