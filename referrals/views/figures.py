"""The referral figures: the organisation's own (sent and received) and the instance-wide
ones, each as a page and as a CSV (`netwerk.exports`). A role they are not for answers 404."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from netwerk import exports
from netwerk.forms import DateInput
from netwerk.permissions import role_required
from netwerk.validators import HAPPENED

from ..selectors.figures import (
    FIGURES_ROLES,
    INSTANCE_FIGURES_ROLES,
    Period,
    instance_figures,
    organisation_figures,
)

# A hidden count in the CSV (the page says "not shown").
SUPPRESSED = "suppressed"


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("Sent from"), required=False, widget=DateInput(), validators=HAPPENED
    )
    end = forms.DateField(
        label=gettext_lazy("Sent up to"), required=False, widget=DateInput(), validators=HAPPENED
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The start of the period comes before its end."))
        return data

    def period(self) -> Period:
        default = Period.last_year()
        if not self.is_valid():
            return default
        end = self.cleaned_data["end"] or default.end
        start = self.cleaned_data["start"] or min(default.start, end)
        return Period(start, end)


def _period(request: HttpRequest) -> tuple[PeriodForm, Period, int]:
    if not request.GET:
        default = Period.last_year()
        return PeriodForm(initial={"start": default.start, "end": default.end}), default, 200
    form = PeriodForm(request.GET)
    return form, form.period(), 200 if form.is_valid() else 400


def _querystring(period: Period) -> str:
    return f"start={period.start.isoformat()}&end={period.end.isoformat()}"


@role_required(*FIGURES_ROLES)
@require_safe
def figures(request: HttpRequest) -> HttpResponse:
    form, period, status = _period(request)
    context = {
        "form": form,
        "figures": organisation_figures(request.membership, period),
        "querystring": _querystring(period),
    }
    return render(request, "referrals/figures/organisation.html", context, status=status)


@role_required(*INSTANCE_FIGURES_ROLES)
@require_safe
def figures_instance(request: HttpRequest) -> HttpResponse:
    form, period, status = _period(request)
    context = {
        "form": form,
        "figures": instance_figures(request.membership, period),
        "querystring": _querystring(period),
        "can_see_own": request.membership.role in FIGURES_ROLES,
    }
    return render(request, "referrals/figures/instance.html", context, status=status)


def _headings() -> list[str]:
    return [
        _("referrals"),
        _("table"),
        _("row"),
        _("number of referrals"),
        _("waiting for an answer"),
        _("accepted"),
        _("declined"),
        _("acceptance rate (%)"),
        _("median days from sending to first contact"),
    ]


def _count(row: dict, name: str):
    value = row[name]
    return SUPPRESSED if value is None and row["suppressed"] else value


def csv_rows(sections: list[tuple[str, dict]]) -> list[list]:
    """The figures as rows: per section, the total, the work models, the initiatives, and
    the reasons for declining (their number in the count column)."""
    rows = []
    for section, result in sections:
        tables = (
            (_("total"), [{**result["total"], "label": _("all referrals")}]),
            (_("work model"), result["work_models"]),
            (_("initiative"), result["initiatives"]),
        )
        for table, entries in tables:
            for row in entries:
                rows.append(
                    [
                        section,
                        table,
                        row["label"],
                        *(_count(row, name) for name in ("referrals", "waiting")),
                        *(_count(row, name) for name in ("accepted", "declined")),
                        row["acceptance_rate"],
                        row["median_days_to_first_contact"],
                    ]
                )
        for reason in result["declined_reasons"]:
            label = reason["reason"] or _("no reason given")
            rows.append([section, _("reason for declining"), label, reason["n"]])
    return rows


def _download(sections, name: str, period: Period, request: HttpRequest) -> HttpResponse:
    content = exports.csv_bytes(
        _headings(), csv_rows(sections), delimiter=exports.delimiter_from(request)
    )
    return exports.download(content, filename=f"{name}-{_stamp(period)}.csv")


def _stamp(period: Period) -> str:
    return f"{period.start:%Y%m%d}-{period.end:%Y%m%d}"


@role_required(*FIGURES_ROLES)
@require_safe
def figures_csv(request: HttpRequest) -> HttpResponse:
    _form, period, status = _period(request)
    if status != 200:  # the page says what is wrong with the period
        return redirect(f"{reverse('referrals:figures')}?{request.GET.urlencode()}")
    result = organisation_figures(request.membership, period)
    sections = [(_("sent"), result["sent"]), (_("received"), result["received"])]
    return _download(sections, "referral-figures", period, request)


@role_required(*INSTANCE_FIGURES_ROLES)
@require_safe
def figures_instance_csv(request: HttpRequest) -> HttpResponse:
    _form, period, status = _period(request)
    if status != 200:  # the page says what is wrong with the period
        return redirect(f"{reverse('referrals:figures_instance')}?{request.GET.urlencode()}")
    result = instance_figures(request.membership, period)
    return _download(
        [(_("all organisations"), result["all"])], "referral-figures-netwerk", period, request
    )
