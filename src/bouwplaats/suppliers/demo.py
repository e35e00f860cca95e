# SPDX-License-Identifier: EUPL-1.2
"""Generated suppliers for demonstrations (always marked ``is_demo``): their products and versions,
readiness per building block and standard, signatures under the programme's supplier agreements and
delivery commitments, and a demo representative.

The supplier and product names are those of the demo landscapes (``impact/demo.py``: real market names,
the choice per municipality invented), so that a landscape's applications can be linked to these products
and versions: each main product has the versions 2010.1 to 2014.4 that the landscapes draw from. What each
version supports, and when, is drawn from a random generator seeded with the seed and the product, so the
same seed always gives the same data. No KvK number is invented: demo suppliers have none.

``demo_suppliers_load`` writes it all in bulk and ``demo_suppliers_remove`` deletes it; both are run by
``load_demo_suppliers`` and audited as written by the system.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bouwplaats.accounts.demo import DEMO_PASSWORD
from bouwplaats.accounts.models import MembershipStatus, Role, User
from bouwplaats.accounts.permissions import require
from bouwplaats.audit import services as audit
from bouwplaats.catalogue.models import BuildingBlock, Programme

from .models import (
    Agreement,
    AgreementKind,
    AgreementSignature,
    DeliveryCommitment,
    Product,
    ProductVersion,
    Readiness,
    ReadinessState,
    Standard,
    Supplier,
    SupplierMembership,
)

PROGRAMME = "operatie-nup"

# Function area → (supplier, product) as in the demo landscapes (impact/demo.py PRODUCTS).
PRODUCTS: dict[str, list[tuple[str, str]]] = {
    "burgerzaken": [
        ("Centric", "Key2Burgerzaken"),
        ("PinkRoccade Local Government", "iBurgerzaken"),
        ("Procura", "Procura Burgerzaken"),
    ],
    "belastingen": [
        ("Centric", "Key2Belastingen"),
        ("PinkRoccade Local Government", "Civision Innen"),
        ("Gouw IT", "GouwIT Belastingen"),
    ],
    "sociaal": [
        ("Centric", "Suite4Sociaal Domein"),
        ("PinkRoccade Local Government", "Civision Samenlevingszaken"),
        ("Gouw IT", "GWS4all"),
    ],
    "werk": [("Centric", "Suite4Werk"), ("Stipter", "Stipter"), ("Gouw IT", "GWS4all Werk")],
    "zaken": [
        ("Decos", "Decos JOIN"),
        ("Exxellence", "Exxellence Zaakgericht Werken"),
        ("Centric", "Key2Zaken"),
        ("PinkRoccade Local Government", "Mozard"),
    ],
    "documenten": [("Centric", "Corsa"), ("Decos", "Decos Document"), ("Xential", "Xential")],
    "portaal": [
        ("SIM Groep", "SIMsite en Mijn Loket"),
        ("Green Valley", "Green Valley Portaal"),
        ("GemeenteOplossingen", "E-formulieren"),
    ],
    "afspraken": [("JCC Software", "G-Plan"), ("Qmatic", "Qmatic Orchestra")],
    "vergunningen": [("Roxit", "Squit XO"), ("Genetics", "Powerbrowser"), ("Centric", "Key2Vergunningen")],
    "geo": [("Centric", "Key2BAG"), ("Neuron", "Neuron BAG"), ("Esri Nederland", "ArcGIS")],
    "financien": [("Centric", "Key2Financiën"), ("Unit4", "Unit4 Financials")],
    "personeel": [("Visma Raet", "Youforce"), ("AFAS Software", "AFAS Profit")],
    "raad": [("iBabs", "iBabs"), ("NotuBiz", "NotuBiz")],
    "kantoor": [("Microsoft", "Microsoft 365")],
    "servicedesk": [("TOPdesk", "TOPdesk")],
    "openbare_ruimte": [("Sweco", "Obsurv"), ("Centric", "Key2Openbare Ruimte")],
    "makelaar": [("PinkRoccade Local Government", "Civision Makelaar"), ("Centric", "Key2Datadistributie")],
}
# Suppliers of the smaller applications of the landscapes (impact/demo.py OTHER_SUPPLIERS), without
# "Eigen beheer" (software a municipality keeps itself).
OTHER_SUPPLIERS = ["Centric", "PinkRoccade Local Government", "Decos", "Exxellence", "Roxit", "Gouw IT"]

# The building blocks (codes of the Operatie NUP catalogue) and standards (codes) a function area's products
# are expected to support.
AREA_BLOCKS: dict[str, tuple[str, ...]] = {
    "burgerzaken": ("BRP", "DIGIKOPPELING"),
    "belastingen": ("WOZ", "BAG", "BRK"),
    "sociaal": ("BRP", "DIGIKOPPELING"),
    "werk": ("BRP",),
    "zaken": ("MIJNOVERHEID", "DIGIKOPPELING"),
    "documenten": ("DIGIKOPPELING",),
    "portaal": ("DIGID", "EFORMULIEREN", "EHERKENNING", "SC", "WEBRICHTLIJNEN"),
    "afspraken": ("DIGID",),
    "vergunningen": ("OLO", "BAG", "NHR"),
    "geo": ("BAG", "BGT", "BRK"),
    "financien": ("NHR",),
    "raad": ("BEKENDMAKING",),
    "openbare_ruimte": ("BGT", "BAG"),
    "makelaar": ("DIGIKOPPELING", "DIGILEVERING", "DIGIMELDING", "BRP", "NHR", "BAG"),
}
AREA_STANDARDS: dict[str, tuple[str, ...]] = {
    "burgerzaken": ("stuf-bg-0204", "stuf-bg-0310"),
    "belastingen": ("stuf-bg-0310",),
    "sociaal": ("stuf-bg-0310",),
    "zaken": ("stuf-zkn-0310", "digikoppeling"),
    "documenten": ("stuf-zkn-0310",),
    "makelaar": ("stuf-bg-0204", "stuf-bg-0310", "stuf-zkn-0310", "digikoppeling"),
}
# The addenda signed by the suppliers of these areas (by title in data/suppliers/agreements.csv).
ADDENDUM_AREAS: dict[str, tuple[str, ...]] = {
    "Addendum Regie- en Zaakservices 1.0": ("zaken",),
    "Addendum implementeren en gebruiken van het StUF-koppelvlak Geo BAG": ("geo", "belastingen", "vergunningen"),
    "Addendum Pre-fill e-formulieren": ("portaal",),
    "Addendum Documentcreatie services 1.0": ("documenten",),
    "Addendum standaarden voor decentralisaties in het sociaal domein": ("sociaal", "werk"),
    "Addendum Transitie Jeugd: aansluiting en gebruik CORV": ("sociaal",),
}

VERSION_YEARS = range(2010, 2015)  # the landscapes' versions: 2010.1 to 2014.4
SUPPORT_YEARS = 3  # a version is supported for three years after its release
FIRST_RECORDED = 8  # readiness is recorded from the ninth version (2012.1) on
SIGNING_PERIOD = (datetime.date(2012, 3, 1), datetime.date(2012, 12, 31))
DUE_DATES = (
    datetime.date(2013, 7, 1),
    datetime.date(2014, 1, 1),
    datetime.date(2014, 7, 1),
    datetime.date(2015, 1, 1),
)
SIGN_CHANCE = 0.7  # of an addendum, by a supplier of its areas

DEMO_REPRESENTATIVE = "leverancier@bouwplaats.example"  # created by load_demo_data (accounts.demo)
DEMO_REPRESENTED = "Centric"
DEMO_APPLICANT = ("aanvrager.leverancier@bouwplaats.example", "Demo Applicant Supplier")
DEMO_APPLIED_FOR = "PinkRoccade Local Government"
DEMO_STAFF = "programma@bouwplaats.example"
# Texts of the demo data itself, in the site's first language (data, like the GEMMA names; not interface text).
EVIDENCE = "Demogegevens: de release notes van versie %(version)s."
REPRESENTATIVE_MOTIVATION = "Demoverzoek: ik houd onze pakketten op de site bij."
APPLICANT_MOTIVATION = "Demoverzoek: ik ben productmanager gemeenten."
DECISION_NOTE = "Demogegevens."


def supplier_names() -> list[str]:
    """The distinct supplier names of the demo landscapes, by name."""
    names = {supplier for products in PRODUCTS.values() for supplier, _product in products}
    return sorted(names | set(OTHER_SUPPLIERS), key=str.lower)


def version_numbers() -> list[tuple[str, datetime.date]]:
    """The version numbers of the landscapes, oldest first, with a release date: the first day of the quarter."""
    return [
        (f"{year}.{quarter}", datetime.date(year, 3 * (quarter - 1) + 1, 1))
        for year in VERSION_YEARS
        for quarter in range(1, 5)
    ]


def _end_of_support(release: datetime.date) -> datetime.date:
    return release.replace(year=release.year + SUPPORT_YEARS)


def _random_date(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


def readiness_plan(seed: int, product: str, subject: str) -> tuple[str, int | None]:
    """What a product says about a building block or standard: ("supported", the index of the first version
    that supports it), ("planned", None) or ("not_planned", None). The same for every run with ``seed``."""
    rng = random.Random(f"{seed}:{product}:{subject}")
    draw = rng.random()
    if draw < 0.75:
        return ReadinessState.SUPPORTED, rng.randint(4, len(version_numbers()) - 1)
    if draw < 0.9:
        return ReadinessState.PLANNED, None
    return ReadinessState.NOT_PLANNED, None


def _readiness_rows(seed: int, product_name: str, versions: list[ProductVersion], subjects: list[tuple[str, dict]]):
    """The readiness of one product's versions (oldest first) for each subject (code, its field)."""
    newest = versions[-1]
    for code, subject in subjects:
        state, first = readiness_plan(seed, product_name, code)
        if state == ReadinessState.SUPPORTED:
            since = versions[first]
            for index, version in enumerate(versions):
                if index >= max(first, FIRST_RECORDED):
                    yield Readiness(
                        product_version=version,
                        state=state,
                        date=version.release_date,
                        evidence=EVIDENCE % {"version": version.version},
                        **subject,
                    )
                elif index == first - 1 and index >= FIRST_RECORDED:
                    yield Readiness(
                        product_version=version, state=ReadinessState.PLANNED, date=since.release_date, **subject
                    )
        elif state == ReadinessState.PLANNED:
            planned = newest.release_date.replace(year=newest.release_date.year + 1)
            yield Readiness(product_version=newest, state=state, date=planned, **subject)
        else:
            yield Readiness(product_version=newest, state=state, **subject)


def _demo_users() -> dict[str, User]:
    emails = [DEMO_REPRESENTATIVE, DEMO_STAFF, DEMO_APPLICANT[0]]
    return {user.email: user for user in User.objects.filter(email__in=emails)}


def _representatives(suppliers: dict[str, Supplier]) -> list[str]:
    """The demo representative of Centric (approved) and a pending request; only when the demo accounts exist."""
    created = []
    users = _demo_users()
    staff = users.get(DEMO_STAFF)
    representative = users.get(DEMO_REPRESENTATIVE)
    open_statuses = [MembershipStatus.PENDING, MembershipStatus.APPROVED]
    if (
        representative is not None
        and DEMO_REPRESENTED in suppliers
        and not representative.supplier_memberships.filter(status__in=open_statuses).exists()
    ):
        SupplierMembership.objects.create(
            user=representative,
            supplier=suppliers[DEMO_REPRESENTED],
            status=MembershipStatus.APPROVED,
            motivation=REPRESENTATIVE_MOTIVATION,
            decided_at=timezone.now(),
            decided_by=staff,
            decision_note=DECISION_NOTE,
        )
        representative.role = Role.SUPPLIER
        representative.organisation_name = DEMO_REPRESENTED
        representative.save(update_fields=["role", "organisation_name"])
        created.append(f"{DEMO_REPRESENTATIVE} {DEMO_REPRESENTED} approved")
    if staff is not None and DEMO_APPLIED_FOR in suppliers:
        email, full_name = DEMO_APPLICANT
        applicant = users.get(email) or User.objects.create_user(
            email=email, password=DEMO_PASSWORD, full_name=full_name, role=Role.MEMBER, preferred_language="nl"
        )
        if not applicant.supplier_memberships.filter(status__in=open_statuses).exists():
            SupplierMembership.objects.create(
                user=applicant,
                supplier=suppliers[DEMO_APPLIED_FOR],
                motivation=APPLICANT_MOTIVATION,
            )
            created.append(f"{email} {DEMO_APPLIED_FOR} pending")
    return created


@transaction.atomic
def demo_suppliers_load(*, allowed: bool, seed: int = 2014) -> dict:
    """Create the demo suppliers that are missing, with their products, versions, readiness, signatures and
    commitments, and the demo representatives. Suppliers that exist (by name) are left alone, so running it
    twice changes nothing. System actor; ``allowed`` confirms a development site. Returns counts."""
    require(allowed, _("Demo data may only be loaded on a development site."))
    existing = set(Supplier.objects.filter(name__in=supplier_names()).values_list("name", flat=True))
    suppliers = {
        supplier.name: supplier
        for supplier in Supplier.objects.bulk_create(
            Supplier(name=name, is_demo=True) for name in supplier_names() if name not in existing
        )
    }
    programme = Programme.objects.filter(slug=PROGRAMME).first()
    blocks = {block.code: block for block in BuildingBlock.objects.filter(programme=programme)} if programme else {}
    standards = {standard.code: standard for standard in Standard.objects.all()}
    areas_of: dict[str, set[str]] = {}
    counts = {"suppliers": len(suppliers), "products": 0, "versions": 0, "readiness": 0, "signatures": 0}
    readiness: list[Readiness] = []
    for area, products in sorted(PRODUCTS.items()):
        for supplier_name, product_name in products:
            supplier = suppliers.get(supplier_name)
            if supplier is None:
                continue  # the supplier was there already
            areas_of.setdefault(supplier_name, set()).add(area)
            product = Product.objects.create(supplier=supplier, name=product_name, is_demo=True)
            versions = ProductVersion.objects.bulk_create(
                ProductVersion(
                    product=product, version=number, release_date=release, end_of_support=_end_of_support(release)
                )
                for number, release in version_numbers()
            )
            subjects = [
                (code, {"building_block": blocks[code]}) for code in AREA_BLOCKS.get(area, ()) if code in blocks
            ]
            subjects += [
                (code, {"standard": standards[code]}) for code in AREA_STANDARDS.get(area, ()) if code in standards
            ]
            readiness.extend(_readiness_rows(seed, product_name, versions, subjects))
            counts["products"] += 1
            counts["versions"] += len(versions)
    Readiness.objects.bulk_create(readiness, batch_size=1000)
    counts["readiness"] = len(readiness)
    counts["signatures"], counts["commitments"] = _signatures(seed, programme, suppliers, areas_of, blocks)
    counts["representatives"] = _representatives({**suppliers, **_existing_demo(existing)})
    if suppliers or counts["representatives"]:
        audit.record(actor=None, action="suppliers.demo.load", object_type="suppliers.demo", changes=counts)
    return {**counts, "skipped": not suppliers}


def _existing_demo(names: set[str]) -> dict[str, Supplier]:
    return {supplier.name: supplier for supplier in Supplier.objects.filter(name__in=names, is_demo=True)}


def _signatures(seed, programme, suppliers, areas_of, blocks) -> tuple[int, int]:
    """The covenant signed by every new demo supplier, the addenda by some suppliers of their areas, and a delivery
    date per building block of the supplier's products (under the addendum that names the block, if signed)."""
    if programme is None:
        return 0, 0
    agreements = list(Agreement.objects.filter(programme=programme).prefetch_related("building_blocks"))
    covenant = next((agreement for agreement in agreements if agreement.kind == AgreementKind.COVENANT), None)
    signatures, wanted = [], []
    for name, supplier in sorted(suppliers.items()):
        rng = random.Random(f"{seed}:{name}:agreements")
        areas = areas_of.get(name, set())
        block_codes = sorted({code for area in areas for code in AREA_BLOCKS.get(area, ()) if code in blocks})
        signed: dict[str, AgreementSignature] = {}
        if covenant is not None:
            signed[covenant.title] = AgreementSignature(
                agreement=covenant, supplier=supplier, signed_on=_random_date(rng, *SIGNING_PERIOD), is_demo=True
            )
        for agreement in agreements:
            concerned = agreement.kind == AgreementKind.ADDENDUM and areas & set(
                ADDENDUM_AREAS.get(agreement.title, ())
            )
            if concerned and rng.random() < SIGN_CHANCE:
                signed[agreement.title] = AgreementSignature(
                    agreement=agreement,
                    supplier=supplier,
                    signed_on=_random_date(rng, datetime.date(2013, 1, 1), datetime.date(2013, 12, 31)),
                    is_demo=True,
                )
        signatures.extend(signed.values())
        by_block = {
            block.code: signed[agreement.title]
            for agreement in agreements
            if agreement.title in signed
            for block in agreement.building_blocks.all()
        }
        for code in block_codes:
            signature = by_block.get(code) or signed.get(covenant.title if covenant else "")
            if signature is None:
                continue
            due = next((date for date in rng.sample(DUE_DATES, len(DUE_DATES)) if date >= signature.signed_on), None)
            if due is not None:
                wanted.append((signature, blocks[code], due))
    AgreementSignature.objects.bulk_create(signatures)
    DeliveryCommitment.objects.bulk_create(
        DeliveryCommitment(signature=signature, building_block=block, due_date=due) for signature, block, due in wanted
    )
    return len(signatures), len(wanted)


@transaction.atomic
def demo_suppliers_remove(*, allowed: bool) -> dict:
    """Remove every demo supplier with its products, versions, readiness, signatures and representatives; the
    demo representatives become members again."""
    require(allowed, _("Demo data may only be removed on a development site."))
    demo = Supplier.objects.filter(is_demo=True)
    representatives = User.objects.filter(
        role=Role.SUPPLIER,
        supplier_memberships__supplier__in=demo,
        supplier_memberships__status=MembershipStatus.APPROVED,
    )
    users = representatives.update(role=Role.MEMBER)
    deleted, _details = demo.delete()
    result = {"deleted_rows": deleted, "representatives_made_members": users}
    audit.record(actor=None, action="suppliers.demo.remove", object_type="suppliers.demo", changes=result)
    return result
