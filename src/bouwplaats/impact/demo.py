# SPDX-License-Identifier: EUPL-1.2
"""Generated, plausible application landscapes for demonstrations (always marked ``is_demo``).

Every municipality of the programme's division gets 30 to 120 applications depending on its
size, drawn from a random generator seeded with the seed and the municipality code, so the same
seed always gives the same landscape. The core of a landscape is a choice of well-known
municipal products per function area (supplier and product names are real market names, the
choice per municipality is invented); the rest are smaller applications for other reference
components. A product supports each standard its reference components realise in GEMMA with a
fixed chance per product and standard, so a product behaves the same in every municipality.

The main products are linked to the product versions of the demo suppliers (``suppliers.demo``, loaded
first), so that who waits on whom shows something; the other applications keep only their texts.

``demo_landscapes_load`` writes these landscapes in bulk, with the demonstration scenarios of
``seed``, and ``demo_landscapes_remove`` deletes them; both are run by ``load_demo_landscapes``
and audited as written by the system.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from bouwplaats.accounts.permissions import require
from bouwplaats.audit import services as audit
from bouwplaats.organisations.selectors import municipalities_on
from bouwplaats.suppliers.models import ProductVersion

from .analysis import REFERENCE_COMPONENT, STANDARD, landscape_date
from .engine import relation_type
from .graph import load_graph
from .models import Application, ApplicationReference, ApplicationSource, ImpactScenario, ReferenceKind
from .seed import seed_scenarios
from .selectors import reference_model

# Function area → products (supplier, product, reference components by GEMMA name).
PRODUCTS: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {
    "burgerzaken": [
        ("Centric", "Key2Burgerzaken", ("Burgerzakencomponent", "GBA-administratiecomponent")),
        ("PinkRoccade Local Government", "iBurgerzaken", ("Burgerzakencomponent", "GBA-administratiecomponent")),
        ("Procura", "Procura Burgerzaken", ("Burgerzakencomponent", "GBA-administratiecomponent")),
    ],
    "belastingen": [
        ("Centric", "Key2Belastingen", ("Belastingencomponent", "Inningencomponent", "WOZ-beheercomponent")),
        ("PinkRoccade Local Government", "Civision Innen", ("Belastingencomponent", "Inningencomponent")),
        ("Gouw IT", "GouwIT Belastingen", ("Belastingencomponent", "WOZ-beheercomponent")),
    ],
    "sociaal": [
        ("Centric", "Suite4Sociaal Domein", ("Inkomenscomponent", "Wmo-component", "Jeugdzorgcomponent")),
        ("PinkRoccade Local Government", "Civision Samenlevingszaken", ("Inkomenscomponent", "Wmo-component")),
        ("Gouw IT", "GWS4all", ("Inkomenscomponent", "Wmo-component", "Schuldenadministratiecomponent")),
    ],
    "werk": [
        ("Centric", "Suite4Werk", ("Reïntegratie- en werkzoekendencomponent",)),
        ("Stipter", "Stipter", ("Reïntegratie- en werkzoekendencomponent", "Vacaturematchingcomponent")),
        ("Gouw IT", "GWS4all Werk", ("Reïntegratie- en werkzoekendencomponent",)),
    ],
    "zaken": [
        (
            "Decos",
            "Decos JOIN",
            ("Generiek zaakafhandelcomponent", "Zaakregistratiecomponent", "Documentbeheercomponent"),
        ),
        ("Exxellence", "Exxellence Zaakgericht Werken", ("Generiek zaakafhandelcomponent", "Zaakregistratiecomponent")),
        ("Centric", "Key2Zaken", ("Generiek zaakafhandelcomponent", "Zaakregistratiecomponent")),
        ("PinkRoccade Local Government", "Mozard", ("Generiek zaakafhandelcomponent", "Documentbeheercomponent")),
    ],
    "documenten": [
        ("Centric", "Corsa", ("Documentregistratiecomponent", "Documentbeheercomponent")),
        ("Decos", "Decos Document", ("Documentbeheercomponent", "Archiefbeheercomponent")),
        ("Xential", "Xential", ("Documentcreatiecomponent",)),
    ],
    "portaal": [
        ("SIM Groep", "SIMsite en Mijn Loket", ("Webcontentpublicatie- en beheercomponent", "Mijngemeentecomponent")),
        (
            "Green Valley",
            "Green Valley Portaal",
            ("Mijngemeentecomponent", "E-formulieren publicatie-en-beheercomponent"),
        ),
        ("GemeenteOplossingen", "E-formulieren", ("E-formulieren publicatie-en-beheercomponent",)),
    ],
    "afspraken": [
        ("JCC Software", "G-Plan", ("Afsprakenbeheercomponent",)),
        ("Qmatic", "Qmatic Orchestra", ("Afsprakenbeheercomponent", "Klantgeleidingcomponent")),
    ],
    "vergunningen": [
        ("Roxit", "Squit XO", ("Vergunning- Toezicht- Handhavingcomponent",)),
        ("Genetics", "Powerbrowser", ("Vergunning- Toezicht- Handhavingcomponent",)),
        ("Centric", "Key2Vergunningen", ("Vergunning- Toezicht- Handhavingcomponent",)),
    ],
    "geo": [
        ("Centric", "Key2BAG", ("BAG-beheercomponent",)),
        ("Neuron", "Neuron BAG", ("BAG-beheercomponent", "BGT-beheercomponent")),
        ("Esri Nederland", "ArcGIS", ("Geo-gegevens analysecomponent",)),
    ],
    "financien": [
        ("Centric", "Key2Financiën", ("Financieel component", "Inkoopcomponent")),
        ("Unit4", "Unit4 Financials", ("Financieel component",)),
    ],
    "personeel": [
        ("Visma Raet", "Youforce", ("Personeelsinformatiecomponent", "Salarisadministratie en -verwerkingcomponent")),
        ("AFAS Software", "AFAS Profit", ("Personeelsinformatiecomponent", "Financieel component")),
    ],
    "raad": [
        ("iBabs", "iBabs", ("Bestuur- en Raadsinformatiecomponent",)),
        ("NotuBiz", "NotuBiz", ("Bestuur- en Raadsinformatiecomponent",)),
    ],
    "kantoor": [("Microsoft", "Microsoft 365", ("Kantoorautomatiseringcomponent", "Samenwerkingscomponent"))],
    "servicedesk": [("TOPdesk", "TOPdesk", ("Helpdeskcomponent", "IT-objectencomponent"))],
    "openbare_ruimte": [
        ("Sweco", "Obsurv", ("Meldingen openbare ruimtecomponent",)),
        ("Centric", "Key2Openbare Ruimte", ("Meldingen openbare ruimtecomponent",)),
    ],
    "makelaar": [
        ("PinkRoccade Local Government", "Civision Makelaar", ("Gemeentelijke servicebuscomponent",)),
        ("Centric", "Key2Datadistributie", ("Gegevensdistributiecomponent",)),
    ],
}
# Suppliers of the smaller applications that fill up a landscape.
OTHER_SUPPLIERS = ["Centric", "PinkRoccade Local Government", "Decos", "Exxellence", "Roxit", "Gouw IT", "Eigen beheer"]
MIN_APPLICATIONS, MAX_APPLICATIONS = 30, 120
SUPPORT_CHANCE = 0.75


@dataclass
class DemoApplication:
    name: str
    supplier: str
    product: str
    version: str
    components: list[str]  # object ids
    standards: list[str]  # object ids


def size_score(inhabitants: int | None) -> float:
    """0 for a village of 1,000 inhabitants, 1 for a city of 800,000 (log scale)."""
    if not inhabitants:
        return 0.3
    return min(max((math.log10(inhabitants) - 3) / (math.log10(800_000) - 3), 0.0), 1.0)


def application_count(rng: random.Random, inhabitants: int | None) -> int:
    count = MIN_APPLICATIONS + size_score(inhabitants) * (MAX_APPLICATIONS - MIN_APPLICATIONS) + rng.gauss(0, 6)
    return max(MIN_APPLICATIONS, min(MAX_APPLICATIONS, round(count)))


def supports(seed: int, product: str, standard: str) -> bool:
    return random.Random(f"{seed}:{product}:{standard}").random() < SUPPORT_CHANCE


def landscape(
    *,
    seed: int,
    municipality_code: str,
    inhabitants: int | None,
    components: dict[str, str],
    realised: dict[str, list[str]],
    filler_components: Iterable[str],
) -> list[DemoApplication]:
    """One municipality's applications.

    ``components`` maps reference component names to object ids, ``realised`` a component's
    object id to the standards it realises, ``filler_components`` lists the object ids the
    smaller applications are drawn from.
    """
    rng = random.Random(f"{seed}:{municipality_code}")
    wanted = application_count(rng, inhabitants)
    apps: list[DemoApplication] = []
    for area in sorted(PRODUCTS):
        supplier, product, names = rng.choice(PRODUCTS[area])
        object_ids = [components[name] for name in names if name in components]
        if not object_ids:
            continue
        version = f"{rng.randint(2010, 2014)}.{rng.randint(1, 4)}"
        standards = sorted({s for o in object_ids for s in realised.get(o, ()) if supports(seed, product, s)})
        apps.append(DemoApplication(product, supplier, product, version, object_ids, standards))
    fillers = sorted(set(filler_components) - {o for app in apps for o in app.components})
    rng.shuffle(fillers)
    names = {object_id: name for name, object_id in components.items()}
    for object_id in fillers[: max(0, wanted - len(apps))]:
        supplier = rng.choice(OTHER_SUPPLIERS)
        stem = names[object_id].removesuffix("component").removesuffix("-").strip() or names[object_id]
        product = f"{stem} ({supplier})"
        standards = sorted(s for s in realised.get(object_id, ()) if supports(seed, product, s))
        apps.append(
            DemoApplication(stem, supplier, product, f"{rng.randint(1, 9)}.{rng.randint(0, 9)}", [object_id], standards)
        )
    return apps


# --- loading and removing ---------------------------------------------------------------------------------

DEMO_BATCH_SIZE = 2000


def _demo_inputs(model) -> tuple[dict[str, str], dict[str, list[str]], list[str]]:
    """Reference component names → object ids, each component's realised standards, all components."""
    graph = load_graph(model)
    realization = relation_type("Realization")
    components, realised = {}, {}
    for node in sorted(graph.nodes.values(), key=lambda n: n.key):
        if node.gemma_type != REFERENCE_COMPONENT or not node.object_id:
            continue
        components.setdefault(node.name, node.object_id)
        realised[node.object_id] = sorted(
            graph.nodes[t].object_id
            for rel, t in graph.outgoing.get(node.id, ())
            if rel == realization and graph.nodes[t].gemma_type == STANDARD and graph.nodes[t].object_id
        )
    return components, realised, sorted(realised)


def _demo_versions() -> dict[tuple[str, str, str | None], int]:
    """(supplier, product, version) -> the id of the demo suppliers' product version, and (supplier, product,
    None) -> the supplier's id; empty when the demo suppliers are not loaded (one query)."""
    result: dict[tuple[str, str, str | None], int] = {}
    rows = ProductVersion.objects.filter(product__is_demo=True).values_list(
        "pk", "version", "product__name", "product__supplier__name", "product__supplier_id"
    )
    for pk, version, product, supplier, supplier_id in rows:
        result[(supplier, product, version)] = pk
        result[(supplier, product, None)] = supplier_id
    return result


@transaction.atomic
def demo_landscapes_load(*, allowed: bool, seed: int = 2014) -> dict:
    """Generate demo landscapes for every municipality of the current programme's division.

    Municipalities that already have demo applications are left alone, so running it twice
    changes nothing. Also creates the demonstration scenarios. System actor; ``allowed``
    confirms a development site. Returns counts.
    """
    require(allowed, _("Demo data may only be loaded on a development site."))
    model = reference_model()
    if model is None:
        return {"municipalities": 0, "applications": 0, "scenarios": 0, "skipped": True}
    components, realised, fillers = _demo_inputs(model)
    taken = set(Application.objects.filter(is_demo=True).values_list("municipality_id", flat=True).distinct())
    municipalities = [m for m in municipalities_on(landscape_date()).order_by("code") if m.pk not in taken]
    versions = _demo_versions()
    applications, references = [], []
    for municipality in municipalities:
        for item in landscape(
            seed=seed,
            municipality_code=municipality.code,
            inhabitants=getattr(municipality, "inhabitants", None),
            components=components,
            realised=realised,
            filler_components=fillers,
        ):
            version_id = versions.get((item.supplier, item.product, item.version))
            applications.append(
                Application(
                    municipality=municipality,
                    name=item.name,
                    supplier=item.supplier,
                    product=item.product,
                    version=item.version,
                    # The main products are linked to the demo suppliers' versions (load_demo_suppliers runs
                    # first); the other applications are left for the staff's review of the supplier texts.
                    product_version_id=version_id,
                    linked_supplier_id=versions[(item.supplier, item.product, None)] if version_id else None,
                    source=ApplicationSource.DEMO,
                    is_demo=True,
                )
            )
            references.append(item)
    Application.objects.bulk_create(applications, batch_size=DEMO_BATCH_SIZE)
    ApplicationReference.objects.bulk_create(
        (
            ApplicationReference(application=app, kind=kind, object_id=object_id)
            for app, item in zip(applications, references, strict=True)
            for kind, object_ids in (
                (ReferenceKind.COMPONENT, item.components),
                (ReferenceKind.STANDARD, item.standards),
            )
            for object_id in object_ids
        ),
        batch_size=DEMO_BATCH_SIZE * 5,
    )
    scenarios = seed_scenarios(model=model)
    result = {"municipalities": len(municipalities), "applications": len(applications), "scenarios": len(scenarios)}
    if municipalities or scenarios:
        audit.record(actor=None, action="impact.demo.load", object_type="impact.application", changes=result)
    return {**result, "skipped": not (municipalities or scenarios)}


@transaction.atomic
def demo_landscapes_remove(*, allowed: bool) -> dict:
    """Remove every demo application and demonstration scenario."""
    require(allowed, _("Demo data may only be removed on a development site."))
    applications, _details = Application.objects.filter(is_demo=True).delete()
    scenarios, _details = ImpactScenario.objects.filter(is_demo=True).delete()
    result = {"deleted_rows": applications, "deleted_scenario_rows": scenarios}
    audit.record(actor=None, action="impact.demo.remove", object_type="impact.application", changes=result)
    return result
