# SPDX-License-Identifier: EUPL-1.2
"""The two demonstration scenarios: the building block DigiD and the Participatiewet.

Both are created by ``manage.py load_demo_landscapes`` when the GEMMA model is present (validated
as by the services, audited as written by the system), and left alone when a scenario of the
same title exists.
"""

from __future__ import annotations

from django.db import transaction

from bouwplaats.audit import services as audit
from bouwplaats.catalogue.models import BuildingBlock
from bouwplaats.catalogue.selectors import current_programme

from .models import ImpactScenario
from .rules import preset_json
from .services import clean_scenario

# GEMMA object ids (release 2026-06-30).
DIGID = "a5786df1-7ecf-11e3-67ab-0050568a6153"  # Buitengemeentelijke voorziening DigiD
# The business functions of "werk en inkomen" that the Participatiewet (2015) changed.
PARTICIPATIEWET_STARTS = [
    "7be8a2ed-2eda-11e5-1099-005056a83192",  # Inkomensondersteuning
    "7be8a2f1-2eda-11e5-1099-005056a83192",  # Arbeidsmarktbemiddeling
    "7be8a2f9-2eda-11e5-1099-005056a83192",  # Beheer sociale werkvoorziening
    "920b527e-5d3a-11e5-1099-005056a83192",  # Invordering uitkering
]

DIGID_TITLE = "DigiD"
PARTICIPATIEWET_TITLE = "Participatiewet"


def _create(**data) -> ImpactScenario:
    """A demonstration scenario, validated like any other and audited as written by the system."""
    fields = clean_scenario(data)
    scenario = ImpactScenario.objects.create(is_demo=True, **fields)
    audit.record(actor=None, action="impact.scenario.create", target=scenario, changes={"title": scenario.title})
    return scenario


# The narrative sections of the DigiD demo report: what programme staff would write next to the
# computed parts (general facts about connecting to DigiD, not an analysis of a real municipality).
DIGID_NARRATIVE = {
    "usability": (
        "Met DigiD loggen inwoners veilig in bij de digitale diensten van de gemeente, zoals "
        "e-formulieren, Mijn gemeente en de WOZ-voormelding. Eén inlogmiddel voor de hele overheid "
        "maakt eigen gebruikersnamen en wachtwoorden per dienst overbodig."
    ),
    "technology": (
        "De applicaties die DigiD gebruiken, spreken het SAML-koppelvlak van DigiD. De tabel hieronder "
        "noemt de referentiecomponenten en standaarden die GEMMA daarmee verbindt, elk met het pad."
    ),
    "organisation": (
        "Aansluiten vraagt een aansluitovereenkomst met Logius, een jaarlijks ICT-beveiligingsassessment "
        "van de webapplicaties (DigiD-assessment) en een eigenaar binnen de gemeente voor het beheer."
    ),
    "implementability": (
        "De meeste leveranciers van e-formulieren en portalen bieden een DigiD-koppeling. Gemeenten "
        "zonder zo'n applicatie hebben eerst een referentiecomponent nodig; zie de ontbrekende componenten."
    ),
    "costs_benefits": (
        "De kosten zijn vooral de koppeling bij de leverancier en het jaarlijkse assessment. De baten: "
        "minder papieren aanvragen en minder balie- en telefoonverkeer."
    ),
    "feasibility": "",
    "do_now": (
        "- Inventariseer welke diensten een inlog vragen.\n"
        "- Vraag de leverancier naar de DigiD-koppeling en de planning.\n"
        "- Plan het eerste DigiD-assessment."
    ),
    "actions": (
        "- **Gemeente**: aansluitovereenkomst, assessment, beheer.\n"
        "- **Leverancier**: koppeling op het SAML-koppelvlak leveren.\n"
        "- **Logius**: aansluiting en beheer van DigiD.\n"
        "- **Programma**: handreiking en ondersteuning bij het assessment."
    ),
}


@transaction.atomic
def seed_scenarios(*, model) -> list[ImpactScenario]:
    """Create the demonstration scenarios that do not exist yet; returns the new ones."""
    created = []
    existing = set(ImpactScenario.objects.values_list("title", flat=True))
    programme = current_programme()
    if DIGID_TITLE not in existing:
        block = BuildingBlock.objects.filter(programme=programme, gemma_object_id=DIGID).first() if programme else None
        created.append(
            _create(
                title=DIGID_TITLE,
                description=(
                    "Wat betekent aansluiten op DigiD voor de referentiecomponenten, standaarden en "
                    "applicaties van gemeenten?"
                ),
                model=model,
                programme=programme,
                building_block=block,
                start_object_ids=[] if block else [DIGID],
                rules=preset_json("facility"),
                max_depth=5,
                **DIGID_NARRATIVE,
            )
        )
    if PARTICIPATIEWET_TITLE not in existing:
        created.append(
            _create(
                title=PARTICIPATIEWET_TITLE,
                description=(
                    "De bedrijfsfuncties van werk en inkomen die de Participatiewet raakt, en wat dat "
                    "betekent voor de applicaties en leveranciers van gemeenten."
                ),
                model=model,
                programme=programme,
                building_block=None,
                start_object_ids=PARTICIPATIEWET_STARTS,
                rules=preset_json("law"),
                max_depth=4,
            )
        )
    return created
