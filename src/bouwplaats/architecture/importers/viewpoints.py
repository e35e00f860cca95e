# SPDX-License-Identifier: EUPL-1.2
"""Viewpoints, stored in one form: the name the exchange format (AMEFF 3.1) gives them.

Archi files name a viewpoint by an id (``layered``); files of Archi before version 4 by a number;
the exchange format by its name (``Layered``). Every reader stores the name. A viewpoint that has
no name in ArchiMate 3.1 (the older Archi numbers of ArchiMate 2 viewpoints that were dropped) is
not kept, and the import report says so.
"""

from __future__ import annotations

# Archi's viewpoint ids and the exchange format's names (ArchiMate 3.1, ``ViewpointsEnum``).
ARCHI_IDS = {
    "application_cooperation": "Application Cooperation",
    "application_platform": "Application Platform",
    "application_structure": "Application Structure",
    "application_usage": "Application Usage",
    "business_process_cooperation": "Business Process Cooperation",
    "capability": "Capability Map",
    "goal_contribution": "Goal Contribution",
    "goal_realization": "Goal Realization",
    "implementation_deployment": "Implementation and Deployment",
    "implementation_migration": "Implementation and Migration",
    "information_structure": "Information Structure",
    "layered": "Layered",
    "migration": "Migration",
    "motivation": "Motivation",
    "organization": "Organization",
    "outcome_realization": "Outcome Realization",
    "physical": "Physical",
    "principles": "Principles",
    "product": "Product",
    "project": "Project",
    "requirements_realization": "Requirements Realization",
    "resource": "Resource Map",
    "service_realization": "Service Realization",
    "stakeholder": "Stakeholder",
    "strategy": "Strategy",
    "technology": "Technology",
    "technology_usage": "Technology Usage",
    "value_stream": "Value Stream",
}
NAMES = frozenset(ARCHI_IDS.values())
_BY_LOWER_NAME = {name.lower(): name for name in NAMES}
# Archi 2 and 3 stored the viewpoint as a number; those with a successor in ArchiMate 3.1 map to
# it (infrastructure became technology); the others (actor co-operation, application behaviour,
# business function, business process) have none.
LEGACY_NUMBERS = {
    "0": "",
    "3": "Application Cooperation",
    "4": "Application Structure",
    "5": "Application Usage",
    "7": "Business Process Cooperation",
    "9": "Product",
    "10": "Implementation and Deployment",
    "11": "Information Structure",
    "12": "Technology Usage",
    "13": "Technology",
    "14": "Layered",
    "15": "Organization",
    "16": "Service Realization",
    "17": "Stakeholder",
    "18": "Goal Realization",
    "19": "Goal Contribution",
    "20": "Principles",
    "21": "Requirements Realization",
    "22": "Motivation",
    "23": "Project",
    "24": "Migration",
    "25": "Implementation and Migration",
}


def viewpoint_name(value: str) -> str | None:
    """The AMEFF name of a viewpoint in any of its forms; ``""`` for none, ``None`` when unknown.

    A name outside the list (the exchange format allows any text) is kept as it is.
    """
    value = (value or "").strip()
    if not value:
        return ""
    if value in ARCHI_IDS:
        return ARCHI_IDS[value]
    if value.isdigit():
        return LEGACY_NUMBERS.get(value)
    return _BY_LOWER_NAME.get(value.lower(), value)
