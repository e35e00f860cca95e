# SPDX-License-Identifier: EUPL-1.2
"""Who may do what with impact analyses and landscapes (design.md §7).

Landscapes are not public: a municipality's applications are seen and changed by its own
coordinators and by programme staff. Scenario results at the national level are for everyone
logged in; the part of a result about one municipality follows the landscape's rule.
"""

from django.utils.translation import gettext as _

from bouwplaats.accounts.permissions import is_authenticated, is_coordinator_of, is_programme_staff, require


def can_manage_scenarios(user) -> bool:
    return is_programme_staff(user)


def can_read_scenarios(user) -> bool:
    return is_authenticated(user)


def can_view_landscape(user, municipality) -> bool:
    return is_programme_staff(user) or is_coordinator_of(user, municipality)


def can_edit_landscape(user, municipality) -> bool:
    return can_view_landscape(user, municipality)


def can_view_municipality_result(user, municipality) -> bool:
    return can_view_landscape(user, municipality)


def can_edit_cost_model(user) -> bool:
    return is_programme_staff(user)


def can_import_landscapes(user) -> bool:
    """Anyone who may edit at least one landscape may upload; each row is checked per municipality."""
    return is_programme_staff(user) or (is_authenticated(user) and user.memberships.filter(status="approved").exists())


def require_scenario_manager(user) -> None:
    require(can_manage_scenarios(user), _("Only programme staff may create, change or run impact scenarios."))


def require_scenario_reader(user) -> None:
    require(can_read_scenarios(user), _("Please log in to read impact analyses."))


def require_landscape_viewer(user, municipality) -> None:
    require(
        can_view_landscape(user, municipality),
        _("The landscape of %(name)s is visible to programme staff and its own coordinators only.")
        % {"name": municipality.name},
    )


def require_landscape_editor(user, municipality) -> None:
    require(
        can_edit_landscape(user, municipality),
        _("Only programme staff and the coordinators of %(name)s may change its landscape.")
        % {"name": municipality.name},
    )


def require_municipality_result_viewer(user, municipality) -> None:
    require(
        can_view_municipality_result(user, municipality),
        _("The impact on %(name)s is visible to programme staff and its own coordinators only.")
        % {"name": municipality.name},
    )


def require_cost_model_editor(user) -> None:
    require(can_edit_cost_model(user), _("Only programme staff may change the cost model."))


def require_landscape_importer(user) -> None:
    require(can_import_landscapes(user), _("Only programme staff and coordinators may import landscapes."))


def can_link_suppliers(user) -> bool:
    """Matching the landscapes' supplier texts to the suppliers' register spans every municipality: staff."""
    return is_programme_staff(user)


def require_supplier_linker(user) -> None:
    require(can_link_suppliers(user), _("Only programme staff may link the landscapes' suppliers."))
