"""Organisation pages: switching organisation, people and roles, invitations, settings."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from netwerk.forms import add_service_errors, render_form
from netwerk.permissions import role_required
from netwerk.submit_once import submit_once

from . import selectors, services
from .audit import audit_record
from .forms import (
    InvitationAcceptForm,
    InvitationForm,
    MembershipForm,
    OrganisationSettingsForm,
    OrganisationSwitchForm,
)
from .hooks import membership_blockers
from .middleware import SESSION_ORGANISATION_KEY
from .models import AuditEvent, Invitation, Membership, Role, User


@login_required
@require_POST
def organisation_switch(request: HttpRequest) -> HttpResponse:
    form = OrganisationSwitchForm(request.POST)
    if not form.is_valid():
        raise Http404
    membership = (
        selectors.memberships_for_user(request.user)
        .filter(organisation_id=form.cleaned_data["organisation"])
        .first()
    )
    if membership is None:
        raise Http404
    request.session[SESSION_ORGANISATION_KEY] = membership.organisation_id
    audit_record(
        actor=request.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.SWITCH,
        obj=membership,
    )
    messages.success(
        request, _("You now work in %(name)s.") % {"name": membership.organisation.name}
    )
    return redirect("home")


@role_required(Role.ORG_ADMIN)
@require_safe
def members(request: HttpRequest) -> HttpResponse:
    organisation = request.membership.organisation
    return render(
        request,
        "accounts/members.html",
        {
            "members": selectors.organisation_members(organisation),
            "invitations": selectors.invitations_open(organisation),
            "invite_form": InvitationForm(),
        },
    )


@role_required(Role.ORG_ADMIN)
@require_http_methods(["GET", "POST"])
@submit_once
def invite(request: HttpRequest) -> HttpResponse:
    form = InvitationForm(request.POST or None, organisation=request.membership.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                organisation=request.membership.organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The invitation was sent."))
            return redirect("organisation_members")
    return render_form(request, "accounts/invite.html", {"form": form}, form)


def _membership_in_my_organisation(request: HttpRequest, pk: int) -> Membership:
    membership = (
        Membership.objects.select_related("user", "organisation")
        .filter(pk=pk, organisation_id=request.membership.organisation_id)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


@role_required(Role.ORG_ADMIN)
@require_http_methods(["GET", "POST"])
def membership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership_in_my_organisation(request, pk)
    form = MembershipForm(
        request.POST or None,
        initial={"role": membership.role, "is_active": membership.is_active},
        organisation=membership.organisation,
    )
    blockers = []
    if request.method == "POST" and form.is_valid():
        role, is_active = form.cleaned_data["role"], form.cleaned_data["is_active"]
        try:
            services.membership_update(
                membership=membership, actor=request.user, role=role, is_active=is_active
            )
        except ValidationError as error:
            # Shown with their way out (hand the files over first), not as plain errors.
            blockers = membership_blockers(membership, role=role, is_active=is_active)
            if not blockers:
                add_service_errors(form, error)
        else:
            messages.success(request, _("The role was saved."))
            return redirect("organisation_members")
    context = {"form": form, "member": membership, "blockers": blockers}
    return render_form(
        request, "accounts/membership_edit.html", context, form, refused=bool(blockers)
    )


@role_required(Role.ORG_ADMIN)
@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = Invitation.objects.filter(
        pk=pk, organisation_id=request.membership.organisation_id
    ).first()
    if invitation is None:
        raise Http404
    services.invitation_revoke(invitation=invitation, actor=request.user)
    messages.success(request, _("The invitation was withdrawn."))
    return redirect("organisation_members")


@role_required(Role.ORG_ADMIN)
@require_http_methods(["GET", "POST"])
def organisation_settings(request: HttpRequest) -> HttpResponse:
    organisation = request.membership.organisation
    form = OrganisationSettingsForm(
        request.POST or None,
        initial={
            "require_mfa": organisation.require_mfa,
            "team_access": organisation.team_access,
            "retention_years": organisation.retention_years,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.organisation_update_settings(
            organisation=organisation,
            actor=request.user,
            require_mfa=form.cleaned_data["require_mfa"],
            team_access=form.cleaned_data["team_access"],
            retention_years=form.cleaned_data["retention_years"],
        )
        messages.success(request, _("The settings were saved."))
        return redirect("organisation_settings")
    context = {"form": form, "organisation": organisation}
    return render_form(request, "accounts/settings.html", context, form)


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.invitation_get_open(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    existing = User.objects.filter(email__iexact=invitation.email).first()
    context = {"invitation": invitation}

    if existing is not None:
        if not request.user.is_authenticated:
            login_url = reverse("account_login") + "?next=" + request.path
            return render(
                request,
                "accounts/invitation_login_first.html",
                {**context, "login_url": login_url},
            )
        if request.user.pk != existing.pk:
            return render(request, "accounts/invitation_other_account.html", context)
        if request.method == "POST":
            services.invitation_accept_existing_user(invitation=invitation, user=request.user)
            request.session[SESSION_ORGANISATION_KEY] = invitation.organisation_id
            messages.success(
                request, _("You joined %(name)s.") % {"name": invitation.organisation.name}
            )
            return redirect("home")
        return render(request, "accounts/invitation_confirm.html", context)

    if request.user.is_authenticated:
        return render(request, "accounts/invitation_other_account.html", context)
    form = InvitationAcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept_new_user(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            form.add_error("password1", error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            request.session[SESSION_ORGANISATION_KEY] = invitation.organisation_id
            messages.success(request, _("Welcome to Netwerk."))
            return redirect("home")
    return render_form(request, "accounts/invitation_accept.html", {**context, "form": form}, form)
