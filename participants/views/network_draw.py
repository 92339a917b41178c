"""The map drawn by hand: the editor's script posts where a member was dragged (or moved with
the arrow keys). The picture's geometry says which ring and sector that place is in; the
member gets those, so the table and the figures follow the picture."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import reswap

from accounts.models import Role
from netwerk.permissions import role_required

from ..models.network import Ring, Sector
from ..network_geometry import ring_and_sector_at
from ..services.network_ties import network_member_place
from .common import editable_participant
from .network import _editor_response, _member_or_404


class PlaceForm(forms.Form):
    pos_x = forms.FloatField(min_value=-1, max_value=1)
    pos_y = forms.FloatField(min_value=-1, max_value=1)


def _refused(message: str) -> HttpResponse:
    # Not a form (the editor's script posts two numbers): a plain message, said aloud there.
    response = HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    return reswap(response, "none")  # an htmx caller keeps the editor as it is


def place_message(label: str, ring: str, sector: str) -> str:
    return _("%(name)s moved to %(ring)s, %(sector)s.") % {
        "name": label,
        "ring": Ring(ring).label,
        "sector": Sector(sector).label,
    }


@role_required(Role.SOCIAL_WORKER)
@require_POST
def member_place(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    """POST pos_x, pos_y (centre 0,0; outer edge at 1). 204, or the editor for htmx."""
    participant = editable_participant(request, pk)
    member = _member_or_404(participant, member_pk)
    form = PlaceForm(request.POST)
    if not form.is_valid():
        return _refused(_("Give a place on the map: two numbers between -1 and 1."))
    pos_x, pos_y = form.cleaned_data["pos_x"], form.cleaned_data["pos_y"]
    ring, sector = ring_and_sector_at(pos_x, pos_y)
    try:
        network_member_place(
            membership=request.membership,
            member=member,
            pos_x=pos_x,
            pos_y=pos_y,
            ring=ring,
            sector=sector,
        )
    except ValidationError as error:
        return _refused(" ".join(error.messages))
    if request.htmx:
        saved = place_message(member.label, ring, sector)
        return _editor_response(request, participant, saved=saved)
    return HttpResponse(status=204)
