"""Cards other apps add to the file page's aside, without participants importing them.

A card is `func(request, participant) -> (template, context) | None`, registered from the
app's `AppConfig.ready`; the page includes each template with its context. None: no card.
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from ..models import Participant

FileCard = Callable[[HttpRequest, Participant], tuple[str, dict[str, Any]] | None]
_cards: list[FileCard] = []


def register_file_card(card: FileCard) -> None:
    if card not in _cards:
        _cards.append(card)


def file_cards(request: HttpRequest, participant: Participant) -> list[tuple[str, dict[str, Any]]]:
    return [card for func in _cards if (card := func(request, participant)) is not None]
