"""Reads for focus groups, quotes and findings."""

from collections import defaultdict

from django.db.models import Count, Q, QuerySet

from accounts.models import Membership, Role

from .models import Finding, FocusGroup, Quote

# Who records focus groups and codes findings.
FINDINGS_EDITORS = frozenset({Role.RESEARCHER, Role.ORG_ADMIN})
# Who sees the "what works for whom" figures (page, CSV tables and API): aggregates only.
DASHBOARD_ROLES = frozenset({Role.COORDINATOR, Role.ORG_ADMIN, Role.RESEARCHER})
# Who downloads the anonymised research export.
EXPORT_ROLES = frozenset({Role.RESEARCHER, Role.ORG_ADMIN})


def can_see_dashboard(membership: Membership | None) -> bool:
    return membership is not None and membership.is_active and membership.role in DASHBOARD_ROLES


def can_export_research(membership: Membership | None) -> bool:
    return membership is not None and membership.is_active and membership.role in EXPORT_ROLES


def can_code(membership: Membership | None) -> bool:
    return membership is not None and membership.role in FINDINGS_EDITORS


def findings_visible_to(membership: Membership | None) -> QuerySet[Finding]:
    """The study's findings (shared) and the organisation's own, with the number of focus
    groups whose quotes support each one."""
    if membership is None:
        return Finding.objects.none()
    return (
        Finding.objects.filter(
            Q(organisation__isnull=True) | Q(organisation_id=membership.organisation_id)
        )
        .select_related("work_model")
        .annotate(quoted_groups=Count("quotes__focus_group", distinct=True))
        .order_by("work_model__order", "kind", "id")
    )


def groups_raising(finding: Finding) -> int | None:
    """Focus groups that raised it: those of its quotes, or the number a report gave."""
    quoted = getattr(finding, "quoted_groups", None)
    if quoted is None:
        quoted = finding.quotes.values("focus_group").distinct().count()
    return quoted or finding.reported_groups


def findings_by_model(membership: Membership | None) -> dict[int | None, list[Finding]]:
    """Findings per work model id; general findings under None."""
    grouped: dict[int | None, list[Finding]] = defaultdict(list)
    for finding in findings_visible_to(membership):
        finding.groups_raising = groups_raising(finding)
        grouped[finding.work_model_id].append(finding)
    return dict(grouped)


def focus_groups_of(membership: Membership | None) -> QuerySet[FocusGroup]:
    if not can_code(membership):
        return FocusGroup.objects.none()
    return (
        FocusGroup.objects.filter(organisation_id=membership.organisation_id)
        .annotate(quote_count=Count("quotes"))
        .order_by("-held_on", "-id")
    )


def quotes_of(membership: Membership | None) -> QuerySet[Quote]:
    if not can_code(membership):
        return Quote.objects.none()
    return Quote.objects.filter(focus_group__organisation_id=membership.organisation_id)


def quotes_uncoded(membership: Membership | None) -> QuerySet[Quote]:
    """Quotes not yet linked to any finding: the coding view's work list."""
    return (
        quotes_of(membership)
        .filter(findings__isnull=True)
        .select_related("focus_group")
        .order_by("focus_group__held_on", "id")
    )


def findings_codable_by(membership: Membership | None) -> QuerySet[Finding]:
    """Findings a quote may be linked to: the study's and the organisation's own."""
    if not can_code(membership):
        return Finding.objects.none()
    return findings_visible_to(membership)


def findings_editable_by(membership: Membership | None) -> QuerySet[Finding]:
    if not can_code(membership):
        return Finding.objects.none()
    return Finding.objects.filter(organisation_id=membership.organisation_id)
