"""Reads of landscapes, scenarios and the reference model for the impact pages and API."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from bouwplaats.accounts.models import MembershipStatus
from bouwplaats.accounts.permissions import is_programme_staff
from bouwplaats.architecture.models import ArchitectureModel, Element
from bouwplaats.architecture.selectors import current_model
from bouwplaats.organisations.models import Municipality

from .analysis import REFERENCE_COMPONENT, STANDARD, STANDARD_VERSION
from .models import Application, ApplicationReference, ImpactRun, ImpactScenario, LandscapeImport, ReferenceKind

REFERENCE_MODEL_NAME = "GEMMA"


def reference_model() -> ArchitectureModel | None:
    """The GEMMA release that landscapes are mapped against: its newest release."""
    return current_model(REFERENCE_MODEL_NAME)


def reference_components(model: ArchitectureModel | None) -> QuerySet[Element]:
    if model is None:
        return Element.objects.none()
    return (
        Element.objects.filter(model=model, gemma_type=REFERENCE_COMPONENT)
        .exclude(object_id="")
        .only("object_id", "name")
        .order_by("name", "object_id")
    )


def standards(model: ArchitectureModel | None) -> QuerySet[Element]:
    if model is None:
        return Element.objects.none()
    return (
        Element.objects.filter(model=model, gemma_type__in=[STANDARD, STANDARD_VERSION])
        .exclude(object_id="")
        .only("object_id", "name", "gemma_type")
        .order_by("name", "object_id")
    )


def element_names(model: ArchitectureModel | None, object_ids) -> dict[str, str]:
    if model is None or not object_ids:
        return {}
    return dict(Element.objects.filter(model=model, object_id__in=list(object_ids)).values_list("object_id", "name"))


# --- landscapes --------------------------------------------------------------------------------


def landscape(municipality: Municipality) -> QuerySet[Application]:
    """The municipality's applications with their references (two queries)."""
    return (
        Application.objects.filter(municipality=municipality)
        .prefetch_related(Prefetch("references", queryset=ApplicationReference.objects.order_by("kind", "object_id")))
        .order_by("name", "pk")
    )


def application(*, municipality: Municipality, pk: int) -> Application | None:
    """An application of *this* municipality only: another municipality's id finds nothing."""
    return Application.objects.filter(municipality=municipality, pk=pk).prefetch_related("references").first()


def editable_municipalities(user) -> QuerySet[Municipality]:
    """The municipalities whose landscape ``user`` coordinates (approved memberships)."""
    if not (user and user.is_authenticated):
        return Municipality.objects.none()
    return (
        Municipality.objects.filter(memberships__user=user, memberships__status=MembershipStatus.APPROVED)
        .distinct()
        .order_by("name")
    )


def landscape_imports(user) -> QuerySet[LandscapeImport]:
    imports = LandscapeImport.objects.select_related("uploaded_by").defer("content")
    return imports if is_programme_staff(user) else imports.filter(uploaded_by=user)


# --- scenarios ---------------------------------------------------------------------------------


def scenarios() -> QuerySet[ImpactScenario]:
    return (
        ImpactScenario.objects.select_related("model", "building_block", "programme")
        .annotate(run_count=Count("runs"))
        .order_by("title", "pk")
    )


def scenario(pk: int) -> ImpactScenario | None:
    return (
        ImpactScenario.objects.select_related("model", "building_block", "programme", "created_by")
        .filter(pk=pk)
        .first()
    )


def latest_run(scenario: ImpactScenario) -> ImpactRun | None:
    return scenario.runs.select_related("model", "ran_by").order_by("-ran_at", "-pk").first()


__all__ = ["ReferenceKind"]
