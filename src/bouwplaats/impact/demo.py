"""Generated, plausible application landscapes for demonstrations (always marked ``is_demo``).

Every municipality of the programme's division gets 30 to 120 applications depending on its
size, drawn from a random generator seeded with the seed and the municipality code, so the same
seed always gives the same landscape. The core of a landscape is a choice of well-known
municipal products per function area (supplier and product names are real market names, the
choice per municipality is invented); the rest are smaller applications for other reference
components. A product supports each standard its reference components realise in GEMMA with a
fixed chance per product and standard, so a product behaves the same in every municipality.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from dataclasses import dataclass

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
