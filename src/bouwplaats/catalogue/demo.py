# SPDX-License-Identifier: EUPL-1.2
"""A programme's lifecycle as demo data: Operatie NUP closed, and continued by its successor.

Operatie NUP's midterm Gateway review advised keeping "the implementation machinery" for a second
half. ``load`` shows that on the demo site: it closes Operatie NUP on 1 January 2015 (its end) and
starts "Operatie NUP — tweede helft", which takes over the status ladder, the building blocks with
each municipality's current status, the result agreements and the guides, and becomes the current
programme. Three building blocks from the years after Operatie NUP are added to it; their
descriptions say that they are demo data. The close and the start go through the catalogue services
as the system (actor None); the added blocks are written here and audited as the system.

Run by the management command ``load_demo_successor`` after the other demo loaders, so that the
successor takes over their demo progress and guides. Running it again changes nothing.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from bouwplaats.audit import services as audit
from bouwplaats.audit.selectors import audit_entries

from . import services
from .models import BuildingBlock, DeadlineBasis, Evidence, MunicipalityRole, Programme
from .rules import is_closed

PREDECESSOR = "operatie-nup"
CLOSED_ON = datetime.date(2015, 1, 1)
SUCCESSOR = {
    "slug": "operatie-nup-tweede-helft",
    "name": "Operatie NUP — tweede helft",
    "description": (
        "Demogegevens: een denkbeeldig vervolg van Operatie NUP, zoals de Gateway-review halverwege aanraadde "
        "(de implementatiemachinerie behouden voor een tweede helft). Het programma neemt de statusladder, "
        "de bouwstenen met de stand per gemeente, de resultaatafspraken en de handreikingen over van Operatie NUP."
    ),
    "start_date": CLOSED_ON,
    "end_date": datetime.date(2017, 1, 1),
}
PARTS = ("status_levels", "building_blocks", "statuses", "result_agreements", "guides")

# Building blocks that came after Operatie NUP (GEMMA, Digitale Agenda 2020 and later), by their GEMMA
# object ids in the shipped release (data/gemma/model/gemma_elements.csv).
NEW_BLOCKS = [
    {
        "code": "ZGW-API",
        "name": "Zaakgericht werken (ZGW API's)",
        "description": (
            "Demogegevens: deze bouwsteen is voor de demonstratie aan de opvolger toegevoegd; de standaarden "
            "kwamen pas na Operatie NUP. De API-standaarden voor zaakgericht werken (Zaken, Documenten, Catalogi, "
            "Besluiten, Notificaties) laten zaaksystemen en andere applicaties van de gemeente gegevens over zaken "
            "op één manier uitwisselen."
        ),
        "cluster": "Stelselvoorzieningen",
        "owner": "VNG Realisatie",
        "municipality_role": MunicipalityRole.INTRODUCE,
        "gemma_object_id": "8d54fc7c-5cc3-4340-b868-4a6ced9811a3",
        "depends_on": (),
    },
    {
        "code": "HAAL-CENTRAAL",
        "name": "Haal Centraal",
        "description": (
            "Demogegevens: deze bouwsteen is voor de demonstratie aan de opvolger toegevoegd; Haal Centraal "
            "kwam pas na Operatie NUP. Met de Haal Centraal-API's vraagt de gemeente gegevens uit de "
            "basisregistraties, zoals de BRP, rechtstreeks bij de bron op in plaats van een eigen kopie bij te "
            "houden."
        ),
        "cluster": "Basisregistraties",
        "owner": "VNG Realisatie / RvIG",
        "municipality_role": MunicipalityRole.USER_OF_REGISTER,
        "gemma_object_id": "70de3bc6-6eee-40e5-addd-b331dcd39205",
        "depends_on": ("BRP",),
    },
    {
        "code": "EIDAS",
        "name": "eIDAS-koppelpunt (Europese inlogmiddelen)",
        "description": (
            "Demogegevens: deze bouwsteen is voor de demonstratie aan de opvolger toegevoegd; de verplichting "
            "kwam pas na Operatie NUP. Via het eIDAS-koppelpunt kunnen burgers uit andere EU-landen met een "
            "erkend inlogmiddel van hun eigen land inloggen bij de digitale diensten van de gemeente."
        ),
        "cluster": "Dienstverlening burgers",
        "owner": "BZK / Logius",
        "municipality_role": MunicipalityRole.CONNECT,
        "gemma_object_id": "bebcbf5d-b358-4b77-a16a-a7e2b676799d",
        "depends_on": ("DIGID",),
    },
]


@transaction.atomic
def load() -> dict:
    """Close Operatie NUP and start its demo successor with three new blocks; nothing when the successor
    exists or Operatie NUP is missing (``load_reference_data`` first). Returns what was done."""
    if Programme.objects.filter(slug=SUCCESSOR["slug"]).exists():
        return {"skipped": True, "reason": "exists"}
    predecessor = Programme.objects.filter(slug=PREDECESSOR).first()
    if predecessor is None:
        return {"skipped": True, "reason": "no predecessor"}
    if not is_closed(predecessor):
        services.programme_close(actor=None, programme=predecessor, closed_on=CLOSED_ON)
    successor = services.successor_start(
        actor=None,
        predecessor=predecessor,
        parts=PARTS,
        make_current=True,
        owner=predecessor.owner,
        executor=predecessor.executor,
        reference_date=predecessor.reference_date,
        municipality_status_visibility=predecessor.municipality_status_visibility,
        **SUCCESSOR,
    )
    added = _new_blocks(successor)
    audit.record(
        actor=None,
        action="catalogue.demo_successor_load",
        target=successor,
        changes={"building_blocks": [None, [block.code for block in added]]},
    )
    return {"skipped": False, "successor": successor, "copied": _copied(successor), "added": len(added)}


def _new_blocks(successor: Programme) -> list[BuildingBlock]:
    existing = {block.code: block for block in BuildingBlock.objects.filter(programme=successor)}
    added = []
    for spec in NEW_BLOCKS:
        values = {key: value for key, value in spec.items() if key != "depends_on"}
        block = BuildingBlock.objects.create(
            programme=successor,
            evidence=Evidence.INFERRED,
            deadline=successor.end_date,
            deadline_basis=DeadlineBasis.PROGRAMME_END,
            **values,
        )
        block.depends_on.set([existing[code] for code in spec["depends_on"] if code in existing])
        added.append(block)
    return added


def _copied(successor: Programme) -> dict[str, int]:
    """What the start of the successor took over, per part, as its audit entry records it."""
    entry = (
        audit_entries(object_type=Programme._meta.label_lower, action="catalogue.programme.successor_start")
        .filter(object_id=str(successor.pk))
        .first()
    )
    return entry.changes.get("copied", [None, {}])[1] if entry else {}
