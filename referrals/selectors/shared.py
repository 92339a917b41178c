"""The copy of what was shared, in words: the one renderer of `Referral.shared` that both
sides' pages, the letter, the e-mail and the API use (each picks its items and its order)."""

from typing import Any

from netwerk.languages import language_names
from participants.models.network import Ring, Sector
from workmodels.models import WorkModel

from ..models import SharedItem


def _choice(choices, value) -> str:
    return str(dict(choices).get(value, value))


def _member(member: Any) -> str:
    """A network map member as shared: label, sector and ring (sending.build_shared)."""
    if not isinstance(member, dict):
        return str(member)
    return (
        f"{member.get('label', '')} ({_choice(Sector.choices, member.get('sector'))}, "
        f"{_choice(Ring.choices, member.get('ring')).lower()})"
    )


def item_in_words(item: str, value: Any) -> str:
    """One shared item's value as a person reads it ("" when there is nothing)."""
    if item == SharedItem.CONTACT and isinstance(value, dict):
        return " · ".join(str(v) for v in (value.get("phone"), value.get("email")) if v)
    if item == SharedItem.LANGUAGES and isinstance(value, list):
        return ", ".join(language_names(value))
    if item == SharedItem.MUNICIPALITY and isinstance(value, dict):
        return " ".join(str(v) for v in (value.get("postcode"), value.get("municipality")) if v)
    if item == SharedItem.WORK_MODEL:
        model = WorkModel.objects.filter(code=value).first() if value else None
        return model.name if model else ""
    if item == SharedItem.NETWORK_MAP and isinstance(value, list):
        return "; ".join(_member(member) for member in value)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items() if v not in (None, ""))
    return "" if value is None else str(value)
