"""Pages: a person's reminders (the bell leads here), opening one, and the org admin's page of
rules, settings, what is due, sent and failed. Opening a reminder only marks it read and
follows its link: the page behind the link checks access as usual."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import Role
from netwerk.forms import render_form
from netwerk.permissions import role_required

from . import selectors, services
from .emails import email_mode
from .models import DeliveryPreference, Reminder
from .rules import get_rule, get_setting, hidden_reminder_ids


@login_required
@require_safe
def reminder_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "notifications/list.html",
        {
            "reminders": selectors.reminders_for(request.user),
            "email_mode": email_mode(request.user),
            "email_choices": DeliveryPreference.Email.choices,
            # Staff also find the SMS people sent back here (views_sms.sms_inbox).
            "sms_inbox": request.membership is not None
            and request.membership.role in (Role.ORG_ADMIN, Role.COORDINATOR, Role.SOCIAL_WORKER),
        },
    )


@login_required
@require_POST
def reminder_open(request: HttpRequest, pk: int) -> HttpResponse:
    reminder = Reminder.objects.filter(
        pk=pk, recipient=request.user, status=Reminder.Status.SENT
    ).first()
    if reminder is None or hidden_reminder_ids([reminder]):
        raise Http404
    services.reminder_mark_read(user=request.user, reminder_id=reminder.pk)
    link = reminder.link or "/"
    if not url_has_allowed_host_and_scheme(link, allowed_hosts=None) or not link.startswith("/"):
        link = "/"
    return redirect(link)


@login_required
@require_POST
def reminder_done(request: HttpRequest, pk: int) -> HttpResponse:
    """The recipient marks a reminder done; it leaves the list and the bell."""
    if not services.reminder_mark_done(user=request.user, reminder_id=pk):
        raise Http404
    messages.success(request, _("Marked as done. The reminder is gone from your list."))
    return redirect("notifications:list")


@login_required
@require_POST
def reminder_read_all(request: HttpRequest) -> HttpResponse:
    services.reminder_mark_read(user=request.user)
    return redirect("notifications:list")


@login_required
@require_POST
def preference(request: HttpRequest) -> HttpResponse:
    try:
        services.preference_update(user=request.user, email=request.POST.get("email", ""))
        messages.success(request, _("Your choice was saved."))
    except ValidationError:
        messages.error(request, _("Choose one of the options."))
    return redirect("notifications:list")


def _intervals(text: str) -> list[int]:
    try:
        return [int(part) for part in text.replace(";", ",").split(",") if part.strip()]
    except ValueError as error:
        raise ValidationError(_("Give whole numbers separated by commas.")) from error


def _setting_value(text: str) -> int:
    """Empty means 0 (for the consent validity: no expiry date)."""
    try:
        return int(text.strip() or 0)
    except ValueError as error:
        raise ValidationError(_("Give a whole number.")) from error


def _save_setting(request: HttpRequest, errors: dict[str, list[str]]) -> HttpResponse | None:
    code = request.POST.get("setting", "")
    if get_setting(code) is None:
        raise Http404
    try:
        services.setting_update(
            membership=request.membership,
            code=code,
            value=_setting_value(request.POST.get("value", "")),
        )
    except ValidationError as error:
        errors[code] = error.messages
        return None
    messages.success(request, _("The setting was saved."))
    return redirect("notifications:rules")


def _as_typed(request: HttpRequest, rows: list, errors: dict[str, list[str]]) -> list:
    """The refused form shows what was typed, not what is stored, so nothing is lost."""
    for row in rows:
        if isinstance(row, selectors.RuleRow) and row.rule.code in errors:
            row.enabled = request.POST.get("enabled") == "on"
            row.intervals = [request.POST.get("intervals", "")]
        elif isinstance(row, selectors.SettingRow) and row.setting.code in errors:
            row.value = request.POST.get("value", "")
    return rows


@role_required(Role.ORG_ADMIN)
@require_http_methods(["GET", "POST"])
def rules_admin(request: HttpRequest) -> HttpResponse:
    organisation = request.membership.organisation
    errors: dict[str, list[str]] = {}
    if request.method == "POST" and "setting" in request.POST:
        saved = _save_setting(request, errors)
        if saved is not None:
            return saved
    elif request.method == "POST":
        code = request.POST.get("rule", "")
        if get_rule(code) is None:
            raise Http404
        try:
            services.rule_setting_update(
                membership=request.membership,
                rule=code,
                enabled=request.POST.get("enabled") == "on",
                intervals=_intervals(request.POST.get("intervals", "")),
            )
            messages.success(request, _("The reminder rule was saved."))
            return redirect("notifications:rules")
        except ValidationError as error:
            errors[code] = error.messages
    status = Reminder.Status
    context = {
        "rows": _as_typed(request, selectors.rule_rows(organisation), errors),
        "setting_rows": _as_typed(request, selectors.setting_rows(organisation), errors),
        "errors": errors,
        "due": selectors.organisation_reminders(organisation, status.PENDING)[:50],
        "sent": selectors.organisation_reminders(organisation, status.SENT)[:50],
        "failed": selectors.organisation_reminders(organisation, status.FAILED)[:50],
        "schedule": selectors.beat_schedule(),
    }
    return render_form(request, "notifications/rules.html", context, refused=bool(errors))
