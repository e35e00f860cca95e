# SPDX-License-Identifier: EUPL-1.2
"""Reads of landscapes, scenarios and the reference model for the impact pages and API."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from bouwplaats.accounts.models import MembershipStatus
from bouwplaats.accounts.permissions import is_programme_staff
from bouwplaats.accounts.selectors import is_municipality_member
from bouwplaats.architecture.gemma import GEMMA_MODEL_NAME
from bouwplaats.architecture.models import ArchitectureModel, Element
from bouwplaats.architecture.selectors import current_model
from bouwplaats.organisations.models import Municipality
from bouwplaats.suppliers.models import ProductVersion, Supplier

from .analysis import REFERENCE_COMPONENT, STANDARD, STANDARD_VERSION
from .models import Application, ApplicationReference, ImpactRun, ImpactScenario, LandscapeImport, ReferenceKind


def reference_model() -> ArchitectureModel | None:
    """The GEMMA release that landscapes are mapped against: its newest release."""
    return current_model(GEMMA_MODEL_NAME)


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
        .select_related("linked_supplier", "product_version__product")
        .prefetch_related(Prefetch("references", queryset=ApplicationReference.objects.order_by("kind", "object_id")))
        .order_by("name", "pk")
    )


def linkable_suppliers() -> QuerySet[Supplier]:
    return Supplier.objects.only("pk", "name").order_by("name")


def linkable_versions(*, current: int | None = None) -> QuerySet[ProductVersion]:
    """The product versions an application can be linked to: those still supported on today's date, and the
    one it is linked to now; by supplier, product and newest release first (one query)."""
    still_supported = Q(end_of_support__isnull=True) | Q(end_of_support__gte=timezone.localdate())
    if current is not None:
        still_supported |= Q(pk=current)
    return (
        ProductVersion.objects.filter(still_supported)
        .select_related("product__supplier")
        .order_by("product__supplier__name", "product__name", "-release_date", "version")
    )


def application(*, municipality: Municipality, pk: int) -> Application | None:
    """An application of *this* municipality only: another municipality's id finds nothing."""
    return Application.objects.filter(municipality=municipality, pk=pk).prefetch_related("references").first()


def editable_municipalities(user) -> QuerySet[Municipality]:
    """The municipalities whose landscape ``user`` coordinates (approved memberships). Whether the user has
    any is kept per user: most readers have none, and then nothing is asked of the database."""
    if not is_municipality_member(user):
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


def scenario_with_latest_run(pk: int) -> tuple[ImpactScenario | None, ImpactRun | None]:
    """The scenario and its latest recorded run as the scenario page shows them, for keeping in the
    cache: without the users who wrote them (no account's row goes into the cache)."""
    scenario = ImpactScenario.objects.select_related("model", "building_block", "programme").filter(pk=pk).first()
    if scenario is None:
        return None, None
    return scenario, scenario.runs.select_related("model").order_by("-ran_at", "-pk").first()


__all__ = ["ReferenceKind"]


# --- supplier texts matched to the suppliers' register ------------------------------------------

# Legal forms and the like that a municipality may or may not type after a supplier's name.
LEGAL_FORMS = frozenset({"bv", "nv", "vof", "cv", "holding", "groep", "group"})


def normalised_name(text: str) -> str:
    """A supplier's name without case, accents, punctuation, extra spaces and legal forms (B.V., N.V.,
    V.O.F., Holding): "Centric Holding B.V." and "centric" are the same name."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[.'’]", "", text)  # B.V. -> bv, before the other marks split words
    words = re.sub(r"[^0-9a-z]+", " ", text).split()
    return " ".join(word for word in words if word not in LEGAL_FORMS)


class MatchKind:
    EXACT = "exact"
    NORMALISED = "normalised"
    AMBIGUOUS = "ambiguous"
    NONE = "none"


@dataclass
class SupplierTextMatch:
    """One supplier text of the landscapes (of applications not linked yet) and the supplier proposed for it."""

    text: str
    applications: int
    municipalities: int
    kind: str  # a MatchKind
    supplier: Supplier | None = None  # the proposal (exact or normalised), never for an ambiguous text
    candidates: list[Supplier] = field(default_factory=list)  # the suppliers an ambiguous text could be
    products: list[str] = field(default_factory=list)  # the product texts typed with it

    @property
    def is_proposed(self) -> bool:
        return self.supplier is not None


def supplier_text_matches() -> list[SupplierTextMatch]:
    """Every distinct supplier text of the applications not linked to a supplier, with a proposal: the supplier
    of exactly that name, else the one supplier whose normalised name is the same; a text that normalises to
    the name of more than one supplier is ambiguous and gets no proposal (three queries)."""
    texts = (
        Application.objects.filter(linked_supplier__isnull=True)
        .exclude(supplier="")
        .values("supplier")
        .annotate(applications=Count("pk"), municipalities=Count("municipality", distinct=True))
        .order_by("supplier")
    )
    products: dict[str, list[str]] = defaultdict(list)
    for supplier_text, product_text in (
        Application.objects.filter(linked_supplier__isnull=True)
        .exclude(supplier="")
        .exclude(product="")
        .values_list("supplier", "product")
        .distinct()
        .order_by("supplier", "product")
    ):
        products[supplier_text].append(product_text)
    suppliers = list(Supplier.objects.only("pk", "name").order_by("name"))
    by_name = {supplier.name: supplier for supplier in suppliers}
    by_normalised: dict[str, list[Supplier]] = defaultdict(list)
    for supplier in suppliers:
        by_normalised[normalised_name(supplier.name)].append(supplier)
    result = []
    for row in texts:
        text = row["supplier"]
        match = SupplierTextMatch(
            text=text,
            applications=row["applications"],
            municipalities=row["municipalities"],
            kind=MatchKind.NONE,
            products=products.get(text, []),
        )
        key = normalised_name(text)
        same = by_normalised.get(key, []) if key else []
        if text.strip() in by_name:
            match.kind, match.supplier = MatchKind.EXACT, by_name[text.strip()]
        elif len(same) == 1:
            match.kind, match.supplier = MatchKind.NORMALISED, same[0]
        elif len(same) > 1:
            match.kind, match.candidates = MatchKind.AMBIGUOUS, same
        result.append(match)
    return result
