# SPDX-License-Identifier: EUPL-1.2
"""Checks every reader's result must pass before anything is stored.

Each problem names the line and the concept, so that the person importing can find it in the
file. The first problem stops the import: nothing is stored.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .layers import ELEMENT_TYPES, RELATIONSHIP_TYPES
from .layout import iter_nodes
from .limits import MAX_CONCEPTS
from .parsed import ModelFileError, ParsedModel

# The longest values the database columns hold (see ``models.py``).
MAX_IDENTIFIER = 100
MAX_NAME = 500
MAX_FOLDER = 500
MAX_SHORT = 100


def _fail(model: ParsedModel, kind: str, item, message: str) -> ModelFileError:
    label = f"{item.type} {item.identifier}" if hasattr(item, "type") else f"view {item.identifier}"
    return ModelFileError(message, line=item.line, element=label.strip(), file=model.file_names.get(kind, ""))


def _check_lengths(model: ParsedModel, kind: str, item) -> None:
    if not item.identifier:
        raise _fail(model, kind, item, _("The identifier is missing."))
    if len(item.identifier) > MAX_IDENTIFIER:
        raise _fail(model, kind, item, _("The identifier is longer than %(max)d characters.") % {"max": MAX_IDENTIFIER})
    if len(item.name) > MAX_NAME:
        raise _fail(model, kind, item, _("The name is longer than %(max)d characters.") % {"max": MAX_NAME})
    if len(item.object_id) > MAX_SHORT:
        raise _fail(model, kind, item, _("The object ID is longer than %(max)d characters.") % {"max": MAX_SHORT})
    if len(getattr(item, "folder_path", "")) > MAX_FOLDER:
        raise _fail(model, kind, item, _("The folder path is longer than %(max)d characters.") % {"max": MAX_FOLDER})


def check_model(model: ParsedModel) -> None:
    """Raise :class:`ModelFileError` for the first problem found."""
    total = len(model.elements) + len(model.relations) + len(model.views)
    if total > MAX_CONCEPTS:
        raise ModelFileError(
            _("The model has %(count)d concepts; Bouwplaats imports at most %(max)d.")
            % {"count": total, "max": MAX_CONCEPTS}
        )
    if not model.elements:
        raise ModelFileError(_("The file holds no elements."))

    element_ids: set[str] = set()
    for element in model.elements:
        _check_lengths(model, "element", element)
        if element.type not in ELEMENT_TYPES:
            raise _fail(
                model, "element", element, _("Unknown ArchiMate element type “%(type)s”.") % {"type": element.type}
            )
        if element.identifier in element_ids:
            raise _fail(model, "element", element, _("This identifier is used twice."))
        if len(element.gemma_type) > MAX_SHORT or len(element.profile) > MAX_SHORT:
            raise _fail(
                model,
                "element",
                element,
                _("The GEMMA type or profile is longer than %(max)d characters.") % {"max": MAX_SHORT},
            )
        element_ids.add(element.identifier)

    relation_ids: set[str] = set()
    for relation in model.relations:
        _check_lengths(model, "relation", relation)
        if relation.type not in RELATIONSHIP_TYPES:
            raise _fail(
                model,
                "relation",
                relation,
                _("Unknown ArchiMate relationship type “%(type)s”.") % {"type": relation.type},
            )
        if relation.identifier in relation_ids or relation.identifier in element_ids:
            raise _fail(model, "relation", relation, _("This identifier is used twice."))
        relation_ids.add(relation.identifier)
    # A relationship may end on another relationship, so the ends are checked once all are known.
    known = element_ids | relation_ids
    for relation in model.relations:
        if relation.source not in known:
            raise _fail(
                model,
                "relation",
                relation,
                _("The source “%(identifier)s” is not an element or relationship of this model.")
                % {"identifier": relation.source},
            )
        if relation.target not in known:
            raise _fail(
                model,
                "relation",
                relation,
                _("The target “%(identifier)s” is not an element or relationship of this model.")
                % {"identifier": relation.target},
            )

    view_ids: set[str] = set()
    for view in model.views:
        _check_lengths(model, "view", view)
        if len(view.viewpoint) > MAX_SHORT:
            raise _fail(model, "view", view, _("The viewpoint is longer than %(max)d characters.") % {"max": MAX_SHORT})
        if view.identifier in view_ids:
            raise _fail(model, "view", view, _("This identifier is used twice."))
        view_ids.add(view.identifier)
        for member in view.element_ids:
            if member not in element_ids:
                raise _fail(
                    model,
                    "view",
                    view,
                    _("The view shows “%(identifier)s”, which is not an element of this model.")
                    % {"identifier": member},
                )
        _check_layout(model, view, relation_ids)


def _check_layout(model: ParsedModel, view, relation_ids: set[str]) -> None:
    """Every diagram object has an identifier of its own, and a connection shows a relationship."""
    drawn: set[str] = set()
    for item in [*iter_nodes(view.layout.get("nodes", [])), *view.layout.get("connections", [])]:
        if not item.get("id") or len(item["id"]) > MAX_IDENTIFIER:
            raise _fail(
                model,
                "view",
                view,
                _("A diagram object has no identifier, or a longer one than %(max)d characters.")
                % {"max": MAX_IDENTIFIER},
            )
        if item["id"] in drawn:
            raise _fail(
                model,
                "view",
                view,
                _("The diagram object “%(identifier)s” is drawn twice.") % {"identifier": item["id"]},
            )
        drawn.add(item["id"])
    for connection in view.layout.get("connections", []):
        if connection.get("ref") is not None and connection["ref"] not in relation_ids:
            raise _fail(
                model,
                "view",
                view,
                _("The view draws “%(identifier)s”, which is not a relationship of this model.")
                % {"identifier": connection["ref"]},
            )
