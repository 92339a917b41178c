"""Reads for the work models, organisations' additions and the directory of initiatives."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from accounts.models import Membership, Role

from .models import Initiative, WorkModel, WorkModelAddition, key_of

# Who may add and change entries of their organisation's directory.
DIRECTORY_EDITORS = frozenset({Role.ORG_ADMIN, Role.COORDINATOR, Role.SOCIAL_WORKER})


def work_model_list() -> QuerySet[WorkModel]:
    return WorkModel.objects.order_by("order")


def work_model_get(code: str) -> WorkModel | None:
    return WorkModel.objects.filter(code=code).first()


def additions_of(organisation_id: int) -> dict[int, WorkModelAddition]:
    """The organisation's additions, by work model id."""
    return {
        addition.work_model_id: addition
        for addition in WorkModelAddition.objects.filter(organisation_id=organisation_id)
    }


def initiatives_visible_to(membership: Membership | None) -> QuerySet[Initiative]:
    """The organisation's own entries, and those other organisations share."""
    if membership is None:
        return Initiative.objects.none()
    return Initiative.objects.filter(Q(organisation_id=membership.organisation_id) | Q(shared=True))


def initiatives_editable_by(membership: Membership | None) -> QuerySet[Initiative]:
    if membership is None or membership.role not in DIRECTORY_EDITORS:
        return Initiative.objects.none()
    return Initiative.objects.filter(organisation_id=membership.organisation_id)


def can_edit_directory(membership: Membership | None) -> bool:
    return membership is not None and membership.role in DIRECTORY_EDITORS


@dataclass(frozen=True)
class DirectoryFilters:
    work_model: str = ""  # a work model code
    municipality: str = ""
    language: str = ""  # a code of netwerk.languages
    delivery: str = ""  # "digital": digital or both; "on_site": on site or both; "": any
    text: str = ""
    own_only: bool = False


def initiative_search(
    membership: Membership | None, filters: DirectoryFilters
) -> QuerySet[Initiative]:
    queryset = initiatives_visible_to(membership)
    if filters.own_only and membership is not None:
        queryset = queryset.filter(organisation_id=membership.organisation_id)
    if filters.work_model:
        queryset = queryset.filter(work_models__code=filters.work_model)
    if filters.municipality:
        queryset = queryset.filter(municipality_key__contains=key_of([filters.municipality]))
    if filters.language:
        queryset = queryset.filter(language_key__contains=key_of([filters.language]))
    if filters.delivery == "digital":
        queryset = queryset.exclude(delivery=Initiative.Delivery.ON_SITE)
    elif filters.delivery == "on_site":
        queryset = queryset.exclude(delivery=Initiative.Delivery.DIGITAL)
    if filters.text:
        queryset = queryset.filter(
            Q(name__icontains=filters.text)
            | Q(provider__icontains=filters.text)
            | Q(target_groups__icontains=filters.text)
            | Q(area__icontains=filters.text)
        )
    return (
        queryset.distinct()
        .select_related("organisation", "run_by")
        .prefetch_related("work_models")
        .order_by("name", "id")
    )


def initiatives_fitting(
    membership: Membership | None,
    *,
    municipality: str,
    languages: list[str],
    digital_ok: bool | None,
    work_model: str = "",
    language: str = "",
) -> QuerySet[Initiative]:
    """Initiatives near a person (their municipality, or digital ones that serve anywhere)
    in one of their languages (when they speak any the directory knows) and that they can
    reach (no digital-only offer for someone without digital access)."""
    queryset = initiatives_visible_to(membership)
    near = Q(delivery__in=[Initiative.Delivery.DIGITAL, Initiative.Delivery.BOTH])
    if municipality:
        near |= Q(municipality_key__contains=key_of([municipality]))
    if digital_ok is False:
        queryset = queryset.exclude(delivery=Initiative.Delivery.DIGITAL)
        near = Q(municipality_key__contains=key_of([municipality])) if municipality else Q()
    queryset = queryset.filter(near)
    wanted = [language] if language else languages
    if wanted:
        spoken = Q()
        for code in wanted:
            spoken |= Q(language_key__contains=key_of([code]))
        queryset = queryset.filter(spoken)
    if work_model:
        queryset = queryset.filter(work_models__code=work_model)
    return queryset.distinct().prefetch_related("work_models").order_by("name", "id")
