# SPDX-License-Identifier: EUPL-1.2
"""Writes of the impact app: landscapes, scenarios (with their narrative), runs and the cost model.

Every function checks one permission, validates (``ValidationError`` keyed by field), writes in
one transaction and records one audit entry. The landscape import lives in ``landscape_import``.
"""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bouwplaats.architecture.models import ArchitectureModel, Element
from bouwplaats.audit import services as audit
from bouwplaats.catalogue.models import BuildingBlock, Programme
from bouwplaats.core.errors import Errors, clean_text
from bouwplaats.organisations.models import Municipality
from bouwplaats.suppliers.models import ProductVersion, Supplier

from . import permissions
from .analysis import REFERENCE_COMPONENT, STANDARD, STANDARD_VERSION, analyse
from .costs import DEFAULT_RATES, SIZE_CLASS_CODES, default_rate
from .engine import MAX_DEPTH
from .models import (
    MAX_NARRATIVE_LENGTH,
    Application,
    ApplicationReference,
    ApplicationSource,
    CostRate,
    ImpactRun,
    ImpactScenario,
    ReferenceKind,
)
from .rules import parse_rules
from .selectors import normalised_name, reference_model

TEXT_LIMITS = {"name": 200, "supplier": 200, "product": 200, "version": 50}
MAX_START_ELEMENTS = 100
MAX_AMOUNT = 100_000_000


# --- landscapes --------------------------------------------------------------------------------


def _clean_application(data: dict) -> dict:
    errors = Errors()
    required = {"name": _("Give the name of the application.")}
    cleaned = {
        name: clean_text(
            str(data.get(name) or ""), field=name, max_length=limit, required=required.get(name, False), errors=errors
        )
        for name, limit in TEXT_LIMITS.items()
    }
    errors.raise_if_any()
    return cleaned


def _clean_links(linked_supplier, product_version) -> dict:
    """The supplier and product version an application is linked to: the version's supplier when only the
    version is given; a version of another supplier than the one chosen is refused."""
    if product_version is not None:
        version_supplier_id = (
            ProductVersion.objects.filter(pk=product_version.pk).values_list("product__supplier_id", flat=True).first()
        )
        if version_supplier_id is None:
            raise ValidationError({"product_version": _("This product version does not exist (any more).")})
        if linked_supplier is not None and linked_supplier.pk != version_supplier_id:
            raise ValidationError(
                {
                    "product_version": _("This product version is not one of %(supplier)s.")
                    % {"supplier": linked_supplier}
                }
            )
        if linked_supplier is None:
            linked_supplier = Supplier.objects.get(pk=version_supplier_id)
    return {"linked_supplier": linked_supplier, "product_version": product_version}


def _link_ids(links: dict) -> dict:
    """The links as the ids the audit records (``linked_supplier_id``, ``product_version_id``)."""
    return {f"{key}_id": value.pk if value is not None else None for key, value in links.items()}


def _known_object_ids(object_ids, *, gemma_types, field: str, model: ArchitectureModel | None) -> list[str]:
    """The given object ids, unique and in order; each must be of one of ``gemma_types`` in the model."""
    wanted = list(dict.fromkeys(str(o).strip() for o in object_ids or [] if str(o).strip()))
    if not wanted:
        return []
    if model is None:
        raise ValidationError({field: _("There is no GEMMA model to map the application to yet.")})
    found = set(
        Element.objects.filter(model=model, object_id__in=wanted, gemma_type__in=gemma_types).values_list(
            "object_id", flat=True
        )
    )
    unknown = [o for o in wanted if o not in found]
    if unknown:
        raise ValidationError(
            {field: _("Not known in %(model)s: %(ids)s.") % {"model": model, "ids": ", ".join(unknown)}}
        )
    return wanted


def _set_references(application: Application, *, components: list[str], standards: list[str]) -> None:
    application.references.all().delete()
    ApplicationReference.objects.bulk_create(
        [ApplicationReference(application=application, kind=ReferenceKind.COMPONENT, object_id=o) for o in components]
        + [ApplicationReference(application=application, kind=ReferenceKind.STANDARD, object_id=o) for o in standards]
    )


def _reference_ids(application: Application) -> tuple[list[str], list[str]]:
    """The stored components and standards of an application, each sorted."""
    references = list(application.references.values_list("kind", "object_id"))
    return (
        sorted(o for kind, o in references if kind == ReferenceKind.COMPONENT),
        sorted(o for kind, o in references if kind == ReferenceKind.STANDARD),
    )


def _references(components, standards) -> tuple[list[str], list[str]]:
    model = reference_model()
    components = _known_object_ids(components, gemma_types=[REFERENCE_COMPONENT], field="components", model=model)
    standards = _known_object_ids(standards, gemma_types=[STANDARD, STANDARD_VERSION], field="standards", model=model)
    return components, standards


@transaction.atomic
def application_create(
    *,
    actor,
    municipality: Municipality,
    name: str,
    supplier: str = "",
    product: str = "",
    version: str = "",
    linked_supplier: Supplier | None = None,
    product_version: ProductVersion | None = None,
    components=(),
    standards=(),
) -> Application:
    permissions.require_landscape_editor(actor, municipality)
    fields = _clean_application({"name": name, "supplier": supplier, "product": product, "version": version})
    links = _clean_links(linked_supplier, product_version)
    components, standards = _references(components, standards)
    application = Application.objects.create(
        municipality=municipality, source=ApplicationSource.SELF, **fields, **links
    )
    _set_references(application, components=components, standards=standards)
    audit.record(
        actor=actor,
        action="impact.application.create",
        target=application,
        changes={
            **fields,
            **_link_ids(links),
            "municipality": municipality.code,
            "components": components,
            "standards": standards,
        },
    )
    return application


@transaction.atomic
def application_update(
    *,
    actor,
    application: Application,
    name: str,
    supplier: str = "",
    product: str = "",
    version: str = "",
    linked_supplier: Supplier | None = None,
    product_version: ProductVersion | None = None,
    components=(),
    standards=(),
) -> Application:
    application = Application.objects.select_for_update().select_related("municipality").get(pk=application.pk)
    permissions.require_landscape_editor(actor, application.municipality)
    fields = _clean_application({"name": name, "supplier": supplier, "product": product, "version": version})
    links = _clean_links(linked_supplier, product_version)
    components, standards = _references(components, standards)
    changes = {k: [getattr(application, k), v] for k, v in fields.items() if getattr(application, k) != v}
    changes.update(
        {
            key: [getattr(application, key), value]
            for key, value in _link_ids(links).items()
            if getattr(application, key) != value
        }
    )
    if not changes and _reference_ids(application) == (sorted(components), sorted(standards)):
        return application
    for key, value in {**fields, **links}.items():
        setattr(application, key, value)
    # An edited demo entry is now the municipality's own.
    application.is_demo = False
    if application.source == ApplicationSource.DEMO:
        application.source = ApplicationSource.SELF
    application.save()
    _set_references(application, components=components, standards=standards)
    audit.record(
        actor=actor,
        action="impact.application.update",
        target=application,
        changes={**changes, "components": components, "standards": standards},
    )
    return application


@transaction.atomic
def application_delete(*, actor, application: Application) -> None:
    application = Application.objects.select_related("municipality").get(pk=application.pk)
    permissions.require_landscape_editor(actor, application.municipality)
    audit.record(
        actor=actor,
        action="impact.application.delete",
        target=application,
        changes={"municipality": application.municipality.code, "name": application.name},
    )
    application.delete()


@transaction.atomic
def application_suppliers_link(*, actor, links: dict[str, Supplier]) -> int:
    """Link the applications whose supplier text is a key of ``links`` (and that are not linked yet) to the
    supplier it maps to, and, where their product and version texts name a version of that supplier's
    product (normalised name, exact version), to that product version. Programme staff only; one audit
    entry for all; the number of applications linked. Set-based: a constant number of queries per text."""
    permissions.require_supplier_linker(actor)
    if not links:
        raise ValidationError({"links": _("Choose a supplier for at least one text.")})
    errors = Errors()
    for text, supplier in links.items():
        if not str(text).strip():
            errors.add("links", _("A supplier text is empty."))
        if supplier is None or not Supplier.objects.filter(pk=supplier.pk).exists():
            errors.add("links", _("The supplier for %(text)s does not exist (any more).") % {"text": text})
    errors.raise_if_any()
    linked: dict[str, list[int]] = {}
    for text, supplier in links.items():
        ids = list(
            Application.objects.select_for_update()
            .filter(supplier=text, linked_supplier__isnull=True)
            .values_list("pk", flat=True)
        )
        Application.objects.filter(pk__in=ids).update(linked_supplier=supplier)
        linked[text] = ids
    versions = {
        (version.product.supplier_id, normalised_name(version.product.name), version.version.strip()): version
        for version in ProductVersion.objects.filter(
            product__supplier__in=[supplier.pk for supplier in links.values()]
        ).select_related("product")
    }
    by_version: dict[int, list[int]] = defaultdict(list)
    all_ids = [pk for ids in linked.values() for pk in ids]
    for pk, supplier_id, product, version in Application.objects.filter(
        pk__in=all_ids, product_version__isnull=True
    ).values_list("pk", "linked_supplier_id", "product", "version"):
        match = versions.get((supplier_id, normalised_name(product), version.strip()))
        if match is not None:
            by_version[match.pk].append(pk)
    for version_id, ids in by_version.items():
        Application.objects.filter(pk__in=ids).update(product_version_id=version_id)
    audit.record(
        actor=actor,
        action="impact.application.suppliers_link",
        object_type="impact.application",
        object_label=_("Supplier texts linked to suppliers"),
        changes={
            "links": {text: {"supplier": links[text].pk, "applications": ids} for text, ids in linked.items()},
            "product_versions": {str(version_id): ids for version_id, ids in by_version.items()},
        },
    )
    return len(all_ids)


# --- scenarios ---------------------------------------------------------------------------------


def clean_scenario(data: dict) -> dict:
    """The cleaned fields of a scenario; raises ``ValidationError`` keyed by field.

    Start elements are given by identifier in the model release (``start_elements``, any model)
    and/or by GEMMA object id (``start_object_ids``); a building block alone is enough too. The
    narrative sections given are cleaned and kept; the ones not given are left out.
    """
    errors = Errors()
    title = clean_text(
        str(data.get("title") or ""),
        field="title",
        max_length=200,
        required=_("Give the scenario a title."),
        errors=errors,
    )
    description = clean_text(
        str(data.get("description") or ""), field="description", max_length=5000, required=False, errors=errors
    )
    model = data.get("model")
    if not isinstance(model, ArchitectureModel):
        errors.add("model", _("Choose the model release to analyse."))
    programme = data.get("programme")
    if programme is not None and not isinstance(programme, Programme):
        errors.add("programme", _("Choose a programme."))
    block = data.get("building_block")
    if block is not None and not isinstance(block, BuildingBlock):
        errors.add("building_block", _("Choose a building block."))
    starts = _start_names(data.get("start_object_ids"))
    identifiers = _start_names(data.get("start_elements"))
    if len(starts) + len(identifiers) > MAX_START_ELEMENTS:
        errors.add("start_elements", _("At most %(max)d start elements.") % {"max": MAX_START_ELEMENTS})
    elif not starts and not identifiers and block is None:
        errors.add("start_elements", _("Choose a building block or at least one start element."))
    elif isinstance(model, ArchitectureModel):
        for field, lookup, names in (
            ("start_elements", "identifier", identifiers),
            ("start_object_ids", "object_id", starts),
        ):
            if not names:
                continue
            found = set(Element.objects.filter(model=model, **{f"{lookup}__in": names}).values_list(lookup, flat=True))
            unknown = [name for name in names if name not in found]
            if unknown:
                errors.add(field, _("Not known in %(model)s: %(ids)s.") % {"model": model, "ids": ", ".join(unknown)})
    try:
        max_depth = int(data.get("max_depth") or 0)
    except (TypeError, ValueError):
        max_depth = 0
    if not 1 <= max_depth <= MAX_DEPTH:
        errors.add("max_depth", _("The maximum depth is a number from 1 to %(max)d.") % {"max": MAX_DEPTH})
    rules = data.get("rules")
    try:
        rules = [rule.as_json() for rule in parse_rules(rules)]
    except ValidationError as error:
        errors.merge(error)
    narrative = _clean_narrative(data, errors)
    errors.raise_if_any()
    return {
        "title": title,
        "description": description,
        "model": model,
        "programme": programme,
        "building_block": block,
        "start_elements": identifiers,
        "start_object_ids": starts,
        "max_depth": max_depth,
        "rules": rules,
        **narrative,
    }


def _start_names(values) -> list[str]:
    """Identifiers or object ids, stripped, unique and in order."""
    if isinstance(values, str):
        values = values.split()
    return list(dict.fromkeys(str(value).strip() for value in values or [] if str(value).strip()))


def _clean_narrative(data: dict, errors: Errors) -> dict:
    """The narrative sections given in ``data`` (the others are left as they are)."""
    return {
        name: clean_text(
            str(data[name] or ""), field=name, max_length=MAX_NARRATIVE_LENGTH, required=False, errors=errors
        )
        for name in ImpactScenario.NARRATIVE_FIELDS
        if name in data
    }


def _audit_view(fields: dict) -> dict:
    related = ("model", "programme", "building_block")
    return {key: (None if value is None else str(value)) if key in related else value for key, value in fields.items()}


@transaction.atomic
def scenario_create(*, actor, is_demo: bool = False, **data) -> ImpactScenario:
    permissions.require_scenario_manager(actor)
    fields = clean_scenario(data)
    scenario = ImpactScenario.objects.create(created_by=actor, is_demo=is_demo, **fields)
    audit.record(actor=actor, action="impact.scenario.create", target=scenario, changes=_audit_view(fields))
    return scenario


@transaction.atomic
def scenario_update(*, actor, scenario: ImpactScenario, **data) -> ImpactScenario:
    permissions.require_scenario_manager(actor)
    scenario = ImpactScenario.objects.select_for_update().get(pk=scenario.pk)
    fields = clean_scenario(data)
    changes = {}
    for key, value in fields.items():
        if getattr(scenario, key) != value:
            changes[key] = value
            setattr(scenario, key, value)
    if not changes:
        return scenario
    scenario.save()
    audit.record(actor=actor, action="impact.scenario.update", target=scenario, changes=_audit_view(changes))
    return scenario


@transaction.atomic
def scenario_narrative_update(*, actor, scenario: ImpactScenario, **sections) -> ImpactScenario:
    """Change the report's narrative sections (Markdown; rendered sanitised)."""
    permissions.require_scenario_manager(actor)
    scenario = ImpactScenario.objects.select_for_update().get(pk=scenario.pk)
    unknown = set(sections) - set(ImpactScenario.NARRATIVE_FIELDS)
    if unknown:
        raise ValidationError({name: _("Not a section of the report.") for name in sorted(unknown)})
    errors, changes = Errors(), {}
    for name, value in sections.items():
        value = clean_text(str(value or ""), field=name, max_length=MAX_NARRATIVE_LENGTH, required=False, errors=errors)
        if name not in errors and getattr(scenario, name) != value:
            changes[name] = value
            setattr(scenario, name, value)
    errors.raise_if_any()
    if not changes:
        return scenario
    scenario.save()
    audit.record(
        actor=actor, action="impact.scenario.narrative", target=scenario, changes={"sections": sorted(changes)}
    )
    return scenario


@transaction.atomic
def scenario_delete(*, actor, scenario: ImpactScenario) -> None:
    permissions.require_scenario_manager(actor)
    audit.record(actor=actor, action="impact.scenario.delete", target=scenario, changes={"title": scenario.title})
    scenario.delete()


@transaction.atomic
def scenario_run(*, actor, scenario: ImpactScenario) -> ImpactRun:
    """Run the scenario now and record the release it used and its national totals."""
    permissions.require_scenario_manager(actor)
    analysis = analyse(scenario)
    summary = {
        "model": str(scenario.model),
        "division_date": analysis.division_date.isoformat(),
        "totals": analysis.totals(),
        "unknown_starts": analysis.unknown_starts,
    }
    run = ImpactRun.objects.create(scenario=scenario, model=scenario.model, ran_by=actor, summary=summary)
    audit.record(actor=actor, action="impact.scenario.run", target=scenario, changes=summary)
    return run


# --- cost model --------------------------------------------------------------------------------


@transaction.atomic
def cost_rates_update(*, actor, rates: dict[tuple[str, int], int]) -> dict[tuple[str, int], int]:
    """Store the given rates (kind, size class) → euros; the others keep their value."""
    permissions.require_cost_model_editor(actor)
    errors = Errors()
    for (kind, size_class), amount in rates.items():
        field = f"{kind}_{size_class}"
        if kind not in DEFAULT_RATES or size_class not in SIZE_CLASS_CODES:
            errors.add(field, _("Unknown gap kind or size class."))
        elif not isinstance(amount, int) or not 0 <= amount <= MAX_AMOUNT:
            errors.add(field, _("Give a whole number of euros from 0 to %(max)d.") % {"max": MAX_AMOUNT})
    errors.raise_if_any()
    existing = {(r.kind, r.size_class): r for r in CostRate.objects.select_for_update()}
    changes = {}
    for (kind, size_class), amount in rates.items():
        row = existing.get((kind, size_class))
        if row is None and amount == default_rate(kind, size_class):
            continue  # the default holds until someone changes it
        if row is None:
            CostRate.objects.create(kind=kind, size_class=size_class, amount=amount)
            changes[f"{kind}_{size_class}"] = amount
        elif row.amount != amount:
            row.amount = amount
            row.save(update_fields=["amount"])
            changes[f"{kind}_{size_class}"] = amount
    if not changes:
        return rates
    audit.record(actor=actor, action="impact.cost_model.update", object_type="impact.costrate", changes=changes)
    return rates
