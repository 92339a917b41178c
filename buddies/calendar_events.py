"""The introduction as a calendar event (`netwerk.ical`): the same UID and words in the
volunteer's calendar feed (`buddies.calendar`) and in the invitation e-mail's `.ics`
(`buddies.reminders`). A first name only: never the place, the agreements or a note."""

import datetime

from django.utils.translation import gettext as _

from netwerk.ical import Event, uid

INTRO_LENGTH = datetime.timedelta(hours=1)


def intro_uid(match_id: int) -> str:
    return uid("match-intro", match_id)


def intro_event(
    match_id: int,
    intro_at: datetime.datetime,
    name: str,
    *,
    cancelled: bool,
    link: str,
    about: int | None = None,
) -> Event:
    return Event(
        uid=intro_uid(match_id),
        summary=_("Introduction with %(name)s") % {"name": name},
        start=intro_at,
        end=intro_at + INTRO_LENGTH,
        cancelled=cancelled,
        link=link,
        about=about,
    )
