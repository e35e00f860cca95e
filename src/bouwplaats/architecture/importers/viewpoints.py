# SPDX-License-Identifier: EUPL-1.2
"""Viewpoints, stored in one form: the name the exchange format (AMEFF 3.1) gives them.

A viewpoint reaches us in one of four forms, and every reader stores its AMEFF name:

* the exchange format's own name (``Layered``), the list ``ViewpointsEnum`` of
  ``data/archimate-xsd/archimate3_View.xsd`` (``AMEFF_NAMES``);
* an id of Archi 4 and later (``layered``), the ids of Archi's own viewpoint list
  (``model/viewpoints.xml`` in Archi's sources; ``ARCHI_IDS``);
* a number, in files of Archi 2 and 3, which kept the viewpoint as the index of its list of
  ArchiMate 2 viewpoints (``IViewpoint`` in Archi 3's sources, 0 for none; ``LEGACY_NUMBERS``);
* an ArchiMate 2.1 exchange name that ArchiMate 3.1 spells otherwise (``Application Co-operation``),
  as Archi 3 exported them (``LEGACY_NAMES``).

An ArchiMate 2 viewpoint with a successor in ArchiMate 3.1 becomes that one (ArchiMate 3 renamed
infrastructure to technology). A number of one without (actor co-operation, application behaviour,
business function, business process) is not kept, and the import report says so; such a viewpoint
given by its name is kept as that text, like any other name: the exchange format allows a viewpoint
of one's own.
"""

from __future__ import annotations

import re

# The exchange format's viewpoint names (ArchiMate 3.1, ``ViewpointsEnum``), in the schema's order.
AMEFF_NAMES = (
    "Organization",
    "Application Platform",
    "Application Structure",
    "Information Structure",
    "Technology",
    "Layered",
    "Physical",
    "Product",
    "Application Usage",
    "Technology Usage",
    "Business Process Cooperation",
    "Application Cooperation",
    "Service Realization",
    "Implementation and Deployment",
    "Goal Realization",
    "Goal Contribution",
    "Principles",
    "Requirements Realization",
    "Motivation",
    "Strategy",
    "Capability Map",
    "Outcome Realization",
    "Resource Map",
    "Value Stream",
    "Project",
    "Migration",
    "Implementation and Migration",
    "Stakeholder",
)

# Archi's viewpoint ids (Archi 4 and later) and their AMEFF names; Archi's "capability" and
# "resource" are the exchange format's "Capability Map" and "Resource Map".
ARCHI_IDS = {
    "application_cooperation": "Application Cooperation",
    "application_structure": "Application Structure",
    "application_usage": "Application Usage",
    "business_process_cooperation": "Business Process Cooperation",
    "capability": "Capability Map",
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

# Archi 2 and 3: the index of a viewpoint in Archi's list of ArchiMate 2 viewpoints (the comment
# names that viewpoint where its AMEFF name differs) → its AMEFF name, or None for one without a
# successor in ArchiMate 3.1. Every index Archi 3 wrote is here, 0 to 25.
LEGACY_NUMBERS: dict[str, str | None] = {
    "0": "",  # none (Archi's "total" viewpoint: everything allowed)
    "1": None,  # actor co-operation
    "2": None,  # application behaviour
    "3": "Application Cooperation",
    "4": "Application Structure",
    "5": "Application Usage",
    "6": None,  # business function
    "7": "Business Process Cooperation",
    "8": None,  # business process
    "9": "Product",  # business product
    "10": "Implementation and Deployment",
    "11": "Information Structure",
    "12": "Technology Usage",  # infrastructure usage
    "13": "Technology",  # infrastructure
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

# ArchiMate 2.1 exchange names (lower case) that ArchiMate 3.1 gives another name.
LEGACY_NAMES = {
    "application co-operation": "Application Cooperation",
    "business process co-operation": "Business Process Cooperation",
    "infrastructure usage": "Technology Usage",
    "infrastructure": "Technology",
}

_BY_LOWER_NAME = {name.lower(): name for name in AMEFF_NAMES}


def viewpoint_name(value: str) -> str | None:
    """The AMEFF name of a viewpoint in any of its forms; ``""`` for none, ``None`` for a viewpoint of
    ArchiMate 2 that has none in ArchiMate 3.1 (or a number Archi never wrote).

    A name outside these lists (the exchange format allows any text) is kept as it is.
    """
    value = (value or "").strip()
    if not value:
        return ""
    if value in ARCHI_IDS:
        return ARCHI_IDS[value]
    if value.isascii() and value.isdigit():  # not "²": int() refuses other digits
        return LEGACY_NUMBERS.get(str(int(value)))
    lower = value.lower()
    if lower in LEGACY_NAMES:
        return LEGACY_NAMES[lower]
    # An AMEFF name in any case, or written like an id ("goal_contribution").
    return _BY_LOWER_NAME.get(lower) or _BY_LOWER_NAME.get(re.sub(r"[_\s]+", " ", lower)) or value
