"""Taking attendance on a tablet: one tap per person (htmx saves each tap), or the whole form
at once without JavaScript; and "met here" ties after the session."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from netwerk.forms import add_service_errors, render_form
from netwerk.offline_pages import keep_offline
from netwerk.permissions import role_required

from .. import services
from ..forms import AttendanceForm
from ..models import Attendance
from ..selectors.pages import attendance_sheet
from .common import GROUP_ROLES, managed_session_or_404, member_or_404


@role_required(*GROUP_ROLES)
@require_http_methods(["GET", "POST"])
@keep_offline
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = managed_session_or_404(request, pk)
    sheet = attendance_sheet(session, request.user.pk)
    initial = {
        "present": [m.pk for m in sheet if m.present],
        "extra_attendees": session.extra_attendees,
    }
    form = AttendanceForm(request.POST or None, sheet=sheet, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.attendance_record(
                    membership=request.membership,
                    session=session,
                    present=form.cleaned_data["present"],
                    extra_attendees=form.cleaned_data["extra_attendees"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The attendance was saved."))
                return redirect("groups:attendance", session.pk)
        chosen = {str(value) for value in request.POST.getlist("present")}
        for member in sheet:
            member.present = str(member.pk) in chosen
    context = {
        "session": session,
        "group": session.group,
        "sheet": sheet,
        "form": form,
        "present_count": sum(1 for m in sheet if m.present),
        "in_future": session.date > timezone.localdate(),
    }
    # A POST that did not save is refused even without field errors (an empty form).
    refused = request.method == "POST"
    return render_form(request, "groups/attendance.html", context, form, refused=refused)


@role_required(*GROUP_ROLES)
@require_POST
def attendance_toggle(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    """One tap. htmx posts the whole form; this member is present when their box is ticked."""
    session = managed_session_or_404(request, pk)
    member = member_or_404(session.group, member_pk, request.user.pk)
    present = str(member.pk) in request.POST.getlist("present")
    error = ""
    try:
        services.attendance_toggle(
            membership=request.membership, session=session, member=member, present=present
        )
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect("groups:attendance", session.pk)
    member.present = Attendance.objects.filter(session=session, member=member).exists()
    context = {"session": session, "member": member, "error": error}
    return render_form(request, "groups/_attendance_toggle.html", context, refused=bool(error))
