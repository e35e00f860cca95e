# SPDX-License-Identifier: EUPL-1.2
"""Every ArchiMate 3.1 element type, with the layer Bouwplaats groups it under.

The layers follow chapter 4 (generic metamodel) and the layer chapters of the ArchiMate 3.1
specification. Two choices go beyond the specification:

* the physical elements (Equipment, Facility, DistributionNetwork, Material) are counted with
  the technology layer, as the specification places them in its technology chapter;
* the motivation elements are grouped with the standards, because GEMMA records its standards
  and standard versions as ``Constraint`` elements: an impact analysis reports them together.

Types from other tools or later versions are not guessed: an import refuses an element type that
is not in this table, so that nothing lands in the wrong group unnoticed.
"""

from ..models import Layer

STRATEGY_TYPES = ("Resource", "Capability", "ValueStream", "CourseOfAction")
BUSINESS_TYPES = (
    "BusinessActor",
    "BusinessRole",
    "BusinessCollaboration",
    "BusinessInterface",
    "BusinessProcess",
    "BusinessFunction",
    "BusinessInteraction",
    "BusinessEvent",
    "BusinessService",
    "BusinessObject",
    "Contract",
    "Representation",
    "Product",
)
APPLICATION_TYPES = (
    "ApplicationComponent",
    "ApplicationCollaboration",
    "ApplicationInterface",
    "ApplicationFunction",
    "ApplicationInteraction",
    "ApplicationProcess",
    "ApplicationEvent",
    "ApplicationService",
    "DataObject",
)
TECHNOLOGY_TYPES = (
    "Node",
    "Device",
    "SystemSoftware",
    "TechnologyCollaboration",
    "TechnologyInterface",
    "Path",
    "CommunicationNetwork",
    "TechnologyFunction",
    "TechnologyProcess",
    "TechnologyInteraction",
    "TechnologyEvent",
    "TechnologyService",
    "Artifact",
    # Physical elements
    "Equipment",
    "Facility",
    "DistributionNetwork",
    "Material",
)
MOTIVATION_TYPES = (
    "Stakeholder",
    "Driver",
    "Assessment",
    "Goal",
    "Outcome",
    "Principle",
    "Requirement",
    "Constraint",
    "Meaning",
    "Value",
)
IMPLEMENTATION_TYPES = ("WorkPackage", "Deliverable", "ImplementationEvent", "Plateau", "Gap")
# Composite and connecting elements belong to no layer. Junctions are named as in the exchange
# format; Archi's single ``Junction`` with ``type="or"`` is read as ``OrJunction``.
OTHER_TYPES = ("Location", "Grouping", "AndJunction", "OrJunction")

LAYER_OF_TYPE: dict[str, str] = {
    **dict.fromkeys(STRATEGY_TYPES, Layer.STRATEGY),
    **dict.fromkeys(BUSINESS_TYPES, Layer.BUSINESS),
    **dict.fromkeys(APPLICATION_TYPES, Layer.APPLICATION),
    **dict.fromkeys(TECHNOLOGY_TYPES, Layer.TECHNOLOGY),
    **dict.fromkeys(MOTIVATION_TYPES, Layer.MOTIVATION),
    **dict.fromkeys(IMPLEMENTATION_TYPES, Layer.IMPLEMENTATION),
    **dict.fromkeys(OTHER_TYPES, Layer.OTHER),
}
ELEMENT_TYPES = frozenset(LAYER_OF_TYPE)

# Relationship types, named as Archi and the GEMMA files name them. The exchange format drops the
# ``Relationship`` suffix (``Realization``); the AMEFF reader and writer translate.
RELATIONSHIP_TYPES = frozenset(
    f"{kind}Relationship"
    for kind in (
        "Composition",
        "Aggregation",
        "Assignment",
        "Realization",
        "Serving",
        "Access",
        "Influence",
        "Triggering",
        "Flow",
        "Specialization",
        "Association",
    )
)


def layer_of(element_type: str) -> str:
    """The layer of an ArchiMate element type; ``KeyError`` for a type outside ArchiMate 3.1."""
    return LAYER_OF_TYPE[element_type]
