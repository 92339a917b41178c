"""The network page: today's map with its editor, snapshots and their comparison, and the
change-over-time charts. Same access as the file (404 out of reach, 403 read-only); every
read is audited. With htmx the editor updates in place; without JavaScript it posts and
redirects."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import reswap, retarget

from accounts.audit import audit_record
from accounts.models import AuditEvent, Role
from netwerk.forms import add_service_errors, render_form
from netwerk.permissions import role_required
from netwerk.submit_once import submit_once

from .. import selectors
from ..models import Consent, NetworkMember, NetworkSnapshot, Participant
from ..network_svg import ADDED, LOST, line_chart, netwerkcirkel
from ..selectors import network as nw
from ..selectors.network_analysis import analysis_changes, network_analysis
from ..selectors.network_ties import tie_diff
from ..services import network as services
from ..services.common import has_active_consent
from .common import editable_participant
from .network_forms import CompareForm, MemberForm, SnapshotForm
from .network_tie_forms import TieForm

READERS = (Role.SOCIAL_WORKER, Role.ORG_ADMIN)


def audit_read(request: HttpRequest, participant: Participant, what: str) -> None:
    audit_record(
        actor=request.user,
        organisation=request.membership.organisation,
        action=AuditEvent.Action.READ,
        obj=participant,
        fields=[what],
    )


def readable_participant(request: HttpRequest, pk: int, what: str) -> Participant:
    participant = selectors.participant_get_for(request.membership, pk)
    audit_read(request, participant, what)
    return participant


def to_network(participant: Participant, anchor: str = "") -> HttpResponse:
    response = redirect("participants:network", participant.pk)
    response["Location"] += f"#{anchor}" if anchor else ""
    return response


def map_svg(
    members, participant: Participant, *, id_prefix: str, title: str, states=None, ties=()
) -> str:
    svg = netwerkcirkel(
        members,
        id_prefix=id_prefix,
        title=title,
        centre_label=participant.short_name,
        states=states,
        ties=ties,
    )
    # network_svg escapes every piece of data it puts in (labels, titles).
    return mark_safe(svg)  # noqa: S308


def charts(snapshots, measurements) -> list[dict]:
    out = []
    for series in [*nw.measurement_series(measurements), *nw.network_series(snapshots)]:
        svg = line_chart(
            id_prefix=f"chart-{series.key}",
            title=series.title,
            points=series.points,
            thresholds=series.thresholds,
            y_min=series.y_min,
            y_max=series.y_max,
        )
        safe = mark_safe(svg)  # noqa: S308 (network_svg escapes every piece of data)
        out.append({"title": series.title, "svg": safe, "key": series.key})
    return out


def editor_context(request: HttpRequest, participant: Participant, **extra) -> dict:
    members = nw.network_members(participant)
    ties = nw.member_ties(participant)
    can_edit = selectors.participant_editable_by(request.membership, participant)
    context = {
        "participant": participant,
        "members": members,
        "ties": ties,
        "summary": nw.network_summary(members),
        "analysis": network_analysis(members, ties),
        "figure_labels": nw.FIGURE_LABELS,
        "can_edit": can_edit,
        "map_svg": map_svg(
            members, participant, id_prefix="map-now", title=_("Network map today"), ties=ties
        ),
    }
    if can_edit and "member_form" not in extra:
        context["member_form"] = MemberForm(prefix="member")
    if can_edit and "tie_form" not in extra:
        context["tie_form"] = TieForm(prefix="tie", members=members)
    context.update(extra)
    return context


def page_context(request: HttpRequest, participant: Participant, **extra) -> dict:
    """Everything the network page shows, in a fixed number of queries."""
    snapshots = nw.network_snapshots(participant, ties=False)
    measurements = nw.measurements_of(participant)
    context = editor_context(request, participant, **extra)
    has_file_consent = has_active_consent(participant, Consent.Purpose.FILE)
    context.update(
        has_file_consent=has_file_consent,
        snapshots=list(reversed(snapshots)),
        compare_form=CompareForm(snapshots=snapshots) if len(snapshots) >= 2 else None,
        measurements=list(reversed(measurements)),
        instruments=nw.enabled_instruments(participant.organisation_id),
        plans=nw.family_plans_of(participant),
        charts=charts(snapshots, measurements),
    )
    if context["can_edit"] and "snapshot_form" not in extra:
        context["snapshot_form"] = SnapshotForm(
            prefix="snapshot",
            initial={"kind": "follow_up" if snapshots else "baseline"},
        )
    context.update(extra)
    return context


@role_required(*READERS)
@require_safe
def network_page(request: HttpRequest, pk: int) -> HttpResponse:
    participant = readable_participant(request, pk, "network")
    return render(request, "participants/network/page.html", page_context(request, participant))


def _member_or_404(participant: Participant, member_pk: int) -> NetworkMember:
    member = NetworkMember.objects.filter(pk=member_pk, participant=participant).first()
    if member is None:
        raise Http404
    return member


def _editor_response(request, participant, form=None, *, saved="") -> HttpResponse:
    extra = {"saved": saved}
    if form is not None:
        extra["member_form"] = form
    context = editor_context(request, participant, **extra)
    return render_form(request, "participants/network/_editor.html", context, form)


@role_required(Role.SOCIAL_WORKER)
@require_POST
@submit_once
def member_create(request: HttpRequest, pk: int) -> HttpResponse:
    participant = editable_participant(request, pk)
    form = MemberForm(request.POST, prefix="member")
    member = None
    if form.is_valid():
        try:
            member = services.network_member_create(
                membership=request.membership, participant=participant, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
    if request.htmx:
        if member is None:
            return _editor_response(request, participant, form)
        saved = _("%(name)s was added.") % {"name": member.label}
        return _editor_response(request, participant, saved=saved)
    if member is None:
        context = page_context(request, participant, member_form=form)
        return render_form(request, "participants/network/page.html", context, form)
    messages.success(request, _("%(name)s was added.") % {"name": member.label})
    return to_network(participant, "network-editor")


@role_required(Role.SOCIAL_WORKER)
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    """GET: the form (a fragment for htmx, a page without). POST: save and show the map."""
    participant = editable_participant(request, pk)
    member = _member_or_404(participant, member_pk)
    form = MemberForm(
        request.POST or None, initial=model_to_dict(member), prefix=f"edit-{member.pk}"
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.network_member_update(
                membership=request.membership, member=member, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            saved = _("%(name)s was saved.") % {"name": member.label}
            if request.htmx:
                # The form sits in the editor: on success the whole editor is replaced.
                response = _editor_response(request, participant, saved=saved)
                return reswap(retarget(response, "#network-editor"), "outerHTML")
            messages.success(request, saved)
            return to_network(participant, "network-editor")
    template = (
        "participants/network/_member_edit.html"
        if request.htmx
        else "participants/network/member_edit.html"
    )
    context = {"participant": participant, "member": member, "form": form}
    return render_form(request, template, context, form)


@role_required(Role.SOCIAL_WORKER)
@require_POST
@submit_once
def snapshot_create(request: HttpRequest, pk: int) -> HttpResponse:
    participant = editable_participant(request, pk)
    form = SnapshotForm(request.POST, prefix="snapshot")
    if form.is_valid():
        try:
            services.network_snapshot_take(
                membership=request.membership, participant=participant, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The snapshot was taken."))
            return to_network(participant, "snapshots")
    context = page_context(request, participant, snapshot_form=form)
    return render_form(request, "participants/network/page.html", context, form)


def snapshot_or_404(participant: Participant, snapshot_pk) -> NetworkSnapshot:
    snapshot = (
        NetworkSnapshot.objects.filter(pk=snapshot_pk, participant=participant)
        .prefetch_related("members", "ties")
        .first()
    )
    if snapshot is None:
        raise Http404
    return snapshot


def _snapshot_title(snapshot: NetworkSnapshot) -> str:
    return _("%(kind)s of %(date)s") % {
        "kind": snapshot.get_kind_display(),
        "date": date_format(snapshot.taken_on, "SHORT_DATE_FORMAT"),
    }


@role_required(*READERS)
@require_safe
def snapshot_detail(request: HttpRequest, pk: int, snapshot_pk: int) -> HttpResponse:
    participant = readable_participant(request, pk, "network_snapshot")
    snapshot = snapshot_or_404(participant, snapshot_pk)
    members = sorted(snapshot.members.all(), key=nw.member_sort_key)
    ties = list(snapshot.ties.all())
    context = {
        "participant": participant,
        "snapshot": snapshot,
        "ties": ties,
        "title": _snapshot_title(snapshot),
        "members": members,
        "summary": nw.network_summary(members),
        "analysis": network_analysis(members, ties),
        "figure_labels": nw.FIGURE_LABELS,
        "map_svg": map_svg(
            members,
            participant,
            id_prefix="map-snapshot",
            title=_snapshot_title(snapshot),
            ties=ties,
        ),
        "can_edit": selectors.participant_editable_by(request.membership, participant),
    }
    return render(request, "participants/network/snapshot.html", context)


@role_required(*READERS)
@require_safe
def snapshot_compare(request: HttpRequest, pk: int) -> HttpResponse:
    participant = readable_participant(request, pk, "network_comparison")
    snapshots = nw.network_snapshots(participant)
    form = CompareForm(request.GET or None, snapshots=snapshots)
    if not form.is_bound and len(snapshots) >= 2:
        form = CompareForm(
            {"before": snapshots[-2].pk, "after": snapshots[-1].pk}, snapshots=snapshots
        )
    if not form.is_valid():
        messages.info(request, _("Choose two snapshots to compare."))
        return to_network(participant, "snapshots")
    by_pk = {s.pk: s for s in snapshots}
    before, after = by_pk[form.cleaned_data["before"]], by_pk[form.cleaned_data["after"]]
    before_members = sorted(before.members.all(), key=nw.member_sort_key)
    after_members = sorted(after.members.all(), key=nw.member_sort_key)
    diff = nw.network_diff(before_members, after_members)
    lost = {m.member_id: LOST for m in diff.lost}
    added = {m.member_id: ADDED for m in diff.added}
    deltas = [(nw.FIGURE_LABELS[key], *values) for key, values in diff.deltas.items()]
    analysis_before = network_analysis(before_members, before.ties.all())
    analysis_after = network_analysis(after_members, after.ties.all())
    context = {
        "participant": participant,
        "form": form,
        "before": before,
        "after": after,
        "before_title": _snapshot_title(before),
        "after_title": _snapshot_title(after),
        "diff": diff,
        "tie_diff": tie_diff(before.ties.all(), after.ties.all(), before_members, after_members),
        "deltas": deltas,
        "analysis_before": analysis_before,
        "analysis_after": analysis_after,
        "analysis_changes": analysis_changes(analysis_before, analysis_after),
        "lost_states": lost,
        "added_states": added,
        "before_members": before_members,
        "after_members": after_members,
        "before_svg": map_svg(
            before_members,
            participant,
            id_prefix="map-before",
            title=_snapshot_title(before),
            states=lost,
            ties=list(before.ties.all()),
        ),
        "after_svg": map_svg(
            after_members,
            participant,
            id_prefix="map-after",
            title=_snapshot_title(after),
            states=added,
            ties=list(after.ties.all()),
        ),
    }
    return render(request, "participants/network/compare.html", context)


@role_required(*READERS)
@require_safe
def file_card_charts(request: HttpRequest, pk: int) -> HttpResponse:
    """The charts on the file page, loaded by htmx after the page (keeps its queries fixed)."""
    participant = readable_participant(request, pk, "network_charts")
    snapshots = nw.network_snapshots(participant, ties=False)
    measurements = nw.measurements_of(participant)
    context = {
        "participant": participant,
        "charts": charts(snapshots, measurements),
        "latest": snapshots[-1] if snapshots else None,
    }
    return render(request, "participants/network/_charts.html", context)
