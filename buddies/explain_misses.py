"""Why someone stays unmatched, in words: "Peter would fit, but the extract expired on 3-2-2026".

The engine says which hard constraint a volunteer fails (`buddies.engine.misses`); here each one
becomes a short clause in the reader's language, with what the coordinator can check or do.
"Not eligible" is split into what it means for that volunteer (status, extract, training,
agreement), which only the Django layer knows.
"""

import datetime
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from netwerk.languages import language_names

from .explain import _join, _km
from .models import Volunteer
from .models.volunteer import Gender
from .selectors.proposals import Miss, WhyUnmatched

# What rules volunteers out, as counted over the pool ("9 of 14: no shared language").
RULED_OUT_LABELS = {
    "eligible": gettext_lazy("not ready to be matched (extract, training, agreement or pause)"),
    "capacity": gettext_lazy("no room for another participant"),
    "taken": gettext_lazy("their place goes to someone else in this proposal"),
    "blocked": gettext_lazy("declined before, or an earlier match ended badly"),
    "languages": gettext_lazy("no shared language"),
    "gender": gettext_lazy("not the gender asked for"),
    "reach": gettext_lazy("live too far away"),
    "availability": gettext_lazy("no shared moment in the week"),
}


@dataclass(frozen=True)
class MissText:
    volunteer_id: int
    name: str
    sentence: str  # the whole sentence, for lists and screen readers
    reasons: list[str]


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _not_eligible(volunteer: Volunteer, settings, today: datetime.date) -> list[str]:
    out = []
    if volunteer.status == Volunteer.Status.PAUSING:
        out.append(_("the volunteer is pausing"))
    elif volunteer.status == Volunteer.Status.CANDIDATE:
        out.append(_("the volunteer is still a candidate"))
    if volunteer.screening_valid_until is None:
        out.append(_("there is no extract from the criminal record yet"))
    elif volunteer.screening_valid_until < today:
        out.append(
            _("the extract from the criminal record expired on %(date)s")
            % {"date": _date(volunteer.screening_valid_until)}
        )
    needed = getattr(settings, "training_sessions_required", 0) or 0
    if volunteer.training_sessions < needed:
        out.append(
            _("the training is not finished (%(done)d of %(needed)d sessions)")
            % {"done": volunteer.training_sessions, "needed": needed}
        )
    if volunteer.agreement_signed_on is None:
        out.append(_("the volunteer agreement is not signed yet"))
    return out or [_("the volunteer cannot be matched yet")]


def _reach(miss: Miss) -> str:
    km = miss.facts.get("km")
    if km is None:
        return _("where one of them lives is unknown (no known postcode)")
    return _("the distance is %(km)s km (travels up to %(max_km)s km)") % {
        "km": _km(km),
        "max_km": _km(miss.facts.get("max_km") or 0),
    }


def _clauses(miss: Miss, why: WhyUnmatched, today: datetime.date) -> list[str]:
    volunteer, request = miss.volunteer, why.request
    out: list[str] = []
    for code in miss.blockers:
        if code == "eligible":
            out.extend(_not_eligible(volunteer, why.settings, today))
        elif code == "capacity":
            open_matches = getattr(volunteer, "open_matches", 0)
            out.append(
                ngettext(
                    "there is no room left (%(count)d open match)",
                    "there is no room left (%(count)d open matches)",
                    open_matches,
                )
                % {"count": open_matches}
            )
        elif code == "taken":
            name = why.taken_by.get(volunteer.pk)
            out.append(
                _("this proposal gives the place to %(name)s") % {"name": name}
                if name
                else _("this proposal gives the place to someone else")
            )
        elif code == "blocked":
            out.append(_("a match with this participant was declined before or ended badly"))
        elif code == "languages":
            spoken = _join(language_names(volunteer.languages)) or _("no language given")
            out.append(
                _("there is no shared language (the volunteer speaks %(spoken)s)")
                % {"spoken": spoken}
            )
        elif code == "gender":
            wished = str(Gender(request.gender_wish).label).lower() if request else ""
            out.append(
                _("the participant asked for a buddy who is: %(gender)s") % {"gender": wished}
            )
        elif code == "reach":
            out.append(_reach(miss))
        elif code == "availability":
            out.append(_("there is no shared moment in the week"))
    return out


def miss_text(miss: Miss, why: WhyUnmatched, today: datetime.date | None = None) -> MissText:
    today = today or timezone.localdate()
    name = miss.volunteer.short_name
    reasons = _clauses(miss, why, today)
    sentence = _("%(name)s would fit, but %(reasons)s.") % {
        "name": name,
        "reasons": _join(reasons),
    }
    return MissText(volunteer_id=miss.volunteer.pk, name=name, sentence=sentence, reasons=reasons)


def ruled_out_text(why: WhyUnmatched) -> str:
    """ "Of the 14 volunteers: 9 no shared language, 5 live too far away." """
    if why.pool == 0:
        return _("There are no volunteers in the pool yet.")
    parts = [
        _("%(count)d %(reason)s") % {"count": count, "reason": RULED_OUT_LABELS[code]}
        for code, count in why.ruled_out
        if code in RULED_OUT_LABELS
    ]
    if not parts:
        return ""
    return ngettext(
        "Of the %(pool)d volunteer: %(parts)s.",
        "Of the %(pool)d volunteers: %(parts)s.",
        why.pool,
    ) % {"pool": why.pool, "parts": "; ".join(parts)}


def describe(why: WhyUnmatched | None) -> WhyUnmatched | None:
    """Attach the words to a WhyUnmatched for the templates (`.miss_texts`, `.summary`)."""
    if why is None:
        return None
    today = timezone.localdate()
    why.miss_texts = [miss_text(m, why, today) for m in why.misses]
    why.summary = ruled_out_text(why)
    return why


__all__ = ["RULED_OUT_LABELS", "MissText", "describe", "miss_text", "ruled_out_text"]
