"""Reads of landscapes, scenarios and the reference model for the impact pages and API."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

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


MAX_SEARCH_RESULTS = 50
JUNCTIONS = ("AndJunction", "OrJunction")


def element_search(model: ArchitectureModel | None, query: str) -> list[Element]:
    """Elements of ``model`` to start a scenario from: by part of the name, by element type (ArchiMate
    or GEMMA, whole) or by identifier (whole); junctions are passages, never starts. At most
    ``MAX_SEARCH_RESULTS``, by name."""
    query = " ".join(query.split())
    if model is None or not query:
        return []
    matches = (
        Q(name__icontains=query)
        | Q(type__iexact=query)
        | Q(type__iexact=query.replace(" ", ""))
        | Q(gemma_type__iexact=query)
        | Q(identifier=query)
        | Q(object_id=query)
    )
    return list(
        Element.objects.filter(matches, model=model)
        .exclude(type__in=JUNCTIONS)
        .only("identifier", "name", "type", "gemma_type")
        .order_by("name", "identifier")[:MAX_SEARCH_RESULTS]
    )


def elements_by_identifier(model: ArchitectureModel | None, identifiers) -> list[Element]:
    """The elements of ``model`` with these identifiers, in the order given (unknown ones left out)."""
    if model is None or not identifiers:
        return []
    found = {
        element.identifier: element
        for element in Element.objects.filter(model=model, identifier__in=list(identifiers)).only(
            "identifier", "name", "type", "gemma_type"
        )
    }
    return [found[identifier] for identifier in identifiers if identifier in found]


def start_identifiers(scenario: ImpactScenario) -> list[str]:
    """The scenario's start elements as identifiers in its release (object ids looked up)."""
    identifiers = list(scenario.start_elements)
    if scenario.start_object_ids:
        by_object_id = dict(
            Element.objects.filter(model=scenario.model_id, object_id__in=scenario.start_object_ids)
            .order_by("pk")
            .values_list("object_id", "identifier")
        )
        identifiers += [by_object_id[o] for o in scenario.start_object_ids if o in by_object_id]
    return list(dict.fromkeys(identifiers))


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
