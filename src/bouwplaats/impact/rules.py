# SPDX-License-Identifier: EUPL-1.2
"""Rule sets of the traversal: the documented presets and the validation of stored rules (JSON).

A scenario stores its rules as a list of objects ``{"relation": "Realization", "direction":
"forward", "from": "Referentiecomponent", "to": "Standaard"}`` (``from``/``to`` optional). Two
presets follow the relation patterns of GEMMA (``data/gemma/SOURCE.md``); docs/dev/impact-analysis.md
explains each rule.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .engine import BACKWARD, BOTH, DIRECTIONS, FORWARD, SUFFIX, Rule

MAX_RULES = 50
MAX_TYPE_LENGTH = 100

# The relationship types of ArchiMate 3.1.
RELATION_TYPES = (
    "Access",
    "Aggregation",
    "Assignment",
    "Association",
    "Composition",
    "Flow",
    "Influence",
    "Realization",
    "Serving",
    "Specialization",
    "Triggering",
)

# From a national facility (a building block) to what it means for a municipality's components.
FACILITY_RULES = [
    # the facility's services and business services
    Rule("Realization", FORWARD, "Buitengemeentelijke voorziening", ""),
    # the standards (interfaces) a national service is offered by
    Rule("Realization", FORWARD, "Buitengemeentelijke service", "Standaard"),
    # the versions of those standards
    Rule("Specialization", BACKWARD, "Standaard", "Standaardversie"),
    # the reference components that must support such a standard
    Rule("Realization", BACKWARD, "Standaard", "Referentiecomponent"),
    # the reference components that exchange data with the facility
    Rule("Flow", BOTH, "Buitengemeentelijke voorziening", "Referentiecomponent"),
    # what a national service serves directly
    Rule("Serving", FORWARD, "Buitengemeentelijke service", ""),
    # the application services of an affected component and the business functions they serve
    Rule("Realization", FORWARD, "Referentiecomponent", "ApplicationService"),
    Rule("Serving", FORWARD, "ApplicationService", "BusinessFunction"),
]

# From business functions or processes (what a new law touches) to components and standards.
LAW_RULES = [
    # sub-functions and sub-processes
    Rule("Aggregation", FORWARD, "BusinessFunction", "BusinessFunction"),
    Rule("Aggregation", FORWARD, "BusinessProcess", "BusinessProcess"),
    Rule("Composition", FORWARD, "BusinessProcess", "BusinessProcess"),
    # the roles that carry out a process
    Rule("Assignment", BACKWARD, "BusinessProcess", "BusinessRole"),
    # the application services that support a function or process …
    Rule("Serving", BACKWARD, "BusinessFunction", "ApplicationService"),
    Rule("Serving", BACKWARD, "BusinessProcess", "ApplicationService"),
    # … the broader services they are part of …
    Rule("Aggregation", BACKWARD, "ApplicationService", "ApplicationService"),
    # … the components that realise them (reference components and national facilities) …
    Rule("Realization", BACKWARD, "ApplicationService", "ApplicationComponent"),
    # … and the standards those reference components must support
    Rule("Realization", FORWARD, "Referentiecomponent", "Standaard"),
    # the national facilities the components exchange data with
    Rule("Flow", BOTH, "Referentiecomponent", "Buitengemeentelijke voorziening"),
]

PRESETS = {"facility": FACILITY_RULES, "law": LAW_RULES}
PRESET_LABELS = {
    "facility": gettext_lazy("From a national facility (building block)"),
    "law": gettext_lazy("From business functions or processes (a new law)"),
}


def preset_json(name: str) -> list[dict]:
    return [rule.as_json() for rule in PRESETS[name]]


def parse_rules(data: object) -> list[Rule]:
    """The rules in ``data`` (a list of objects); raises ``ValidationError`` on the ``rules`` field."""
    if not isinstance(data, list) or not data:
        raise ValidationError({"rules": _("Give the rules as a non-empty list of objects.")})
    if len(data) > MAX_RULES:
        raise ValidationError({"rules": _("At most %(max)d rules.") % {"max": MAX_RULES}})
    rules, errors = [], []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            errors.append(_("Rule %(number)d is not an object.") % {"number": number})
            continue
        unknown = set(item) - {"relation", "direction", "from", "to"}
        relation = str(item.get("relation", "")).strip().removesuffix(SUFFIX)
        direction = str(item.get("direction", FORWARD)).strip()
        from_type, to_type = str(item.get("from", "") or "").strip(), str(item.get("to", "") or "").strip()
        if unknown:
            errors.append(
                _("Rule %(number)d has unknown keys: %(keys)s.")
                % {"number": number, "keys": ", ".join(sorted(unknown))}
            )
        elif relation not in RELATION_TYPES:
            errors.append(
                _("Rule %(number)d: “%(relation)s” is not an ArchiMate relationship type (%(types)s).")
                % {"number": number, "relation": relation, "types": ", ".join(RELATION_TYPES)}
            )
        elif direction not in DIRECTIONS:
            errors.append(_("Rule %(number)d: the direction must be forward, backward or both.") % {"number": number})
        elif len(from_type) > MAX_TYPE_LENGTH or len(to_type) > MAX_TYPE_LENGTH:
            errors.append(_("Rule %(number)d: an element type is too long.") % {"number": number})
        else:
            rules.append(Rule(relation, direction, from_type, to_type))
    if errors:
        raise ValidationError({"rules": errors})
    return rules


__all__ = ["BOTH", "FACILITY_RULES", "LAW_RULES", "PRESETS", "parse_rules", "preset_json"]
