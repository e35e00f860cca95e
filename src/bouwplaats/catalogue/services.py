# SPDX-License-Identifier: EUPL-1.2
"""Writes to the catalogue: programmes (created, closed, succeeded), status ladders, building
blocks, result agreements and the GEMMA elements linked to building blocks.

Every function is keyword-only, runs in one transaction, checks once that the actor may edit
the catalogue, validates the whole object (model validation plus the domain rules below) and
appends one audit entry with the changed fields. Invalid input raises ``ValidationError`` with
messages keyed by field; nothing is written then. A closed programme refuses every change
(``rules.require_open``).

The ``*_copy`` functions are the catalogue's parts of a successor (``succession``): they run
inside ``successor_start``, which checks and audits the whole start once.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bouwplaats.accounts.permissions import can_edit_catalogue, require, require_catalogue_editor
from bouwplaats.architecture.gemma import GEMMA_MODEL_NAME
from bouwplaats.architecture.selectors import current_model, elements_by_object_ids
from bouwplaats.audit import services as audit
from bouwplaats.core.errors import Errors
from bouwplaats.core.services import check_fields, model_errors, model_update, snapshot, validate

from . import selectors, succession
from .models import BuildingBlock, BuildingBlockElement, Evidence, Programme, ResultAgreement, StatusLevel
from .rules import closed_message, require_open

PROGRAMME_FIELDS = (
    "name",
    "description",
    "owner",
    "executor",
    "start_date",
    "start_date_note",
    "end_date",
    "reference_date",
    "predecessor",
    "is_current",
    "municipality_status_visibility",
    "result_agreement_total",
)
NEW_PROGRAMME_FIELDS = ("slug", *PROGRAMME_FIELDS)
# What a successor is given on its form; its predecessor is the programme it succeeds.
SUCCESSOR_FIELDS = (
    "slug",
    "name",
    "description",
    "owner",
    "executor",
    "start_date",
    "end_date",
    "reference_date",
    "municipality_status_visibility",
)
CLOSED_FIELDS = ("closed_on", "closed_at", "closed_by", "end_date")
STATUS_LEVEL_FIELDS = ("code", "name", "description")
BUILDING_BLOCK_FIELDS = (
    "code",
    "name",
    "description",
    "description_en",
    "description_source",
    "cluster",
    "owner",
    "municipality_role",
    "gemma_object_id",
    "deadline",
    "deadline_basis",
    "evidence",
    "source_url",
)
RESULT_AGREEMENT_FIELDS = (
    "number",
    "title",
    "wording",
    "text",
    "criterion",
    "deadline",
    "deadline_note",
    "required_level",
    "evidence",
    "source_url",
    "source_quote",
)

UP = "up"
DOWN = "down"


# --- helpers ---------------------------------------------------------------------------------


def _removed(snapshot: dict[str, Any]) -> dict[str, list]:
    """The audit changes of a deletion: every field's last value, and nothing after."""
    return {field: [value, None] for field, value in snapshot.items()}


def _code(block: BuildingBlock) -> str:
    return block.code


def _codes(blocks: Iterable[BuildingBlock]) -> list[str]:
    return sorted(map(_code, blocks))


# --- programmes ------------------------------------------------------------------------------


def _programme_ancestors(programme: Programme | None) -> list[int]:
    seen: list[int] = []
    while programme is not None and programme.pk not in seen:
        seen.append(programme.pk)
        programme = programme.predecessor
    return seen


def programme_update(*, actor, programme: Programme, **fields: Any) -> Programme:
    """Change a programme's metadata. Making it current makes every other programme not current."""
    require_catalogue_editor(actor)
    require_open(programme)
    return model_update(
        programme,
        fields,
        fields=PROGRAMME_FIELDS,
        actor=actor,
        action="catalogue.programme.update",
        clean=_check_programme,
        after_save=_only_current,
    )


def _check_programme(programme: Programme, errors: Errors) -> None:
    if programme.end_date and programme.start_date and programme.end_date < programme.start_date:
        errors.add("end_date", _("The end must not be before the start."))
    if programme.predecessor_id:
        if programme.predecessor_id == programme.pk:
            errors.add("predecessor", _("A programme cannot be its own predecessor."))
        elif programme.pk in _programme_ancestors(programme.predecessor):
            errors.add("predecessor", _("This programme already precedes %(name)s.") % {"name": programme.predecessor})


def _only_current(programme: Programme) -> None:
    if programme.is_current:
        Programme.objects.exclude(pk=programme.pk).filter(is_current=True).update(is_current=False)


def _require_lifecycle_actor(actor) -> None:
    """Programme staff, or the system itself (``actor`` None: a management command such as the demo)."""
    require(actor is None or can_edit_catalogue(actor), _("Only programme staff may change the catalogue."))


# Short names that the addresses of the programme pages and the API take for themselves
# ("programmas/nieuw/", "programmes/succession-parts/").
RESERVED_SLUGS = {"nieuw", "succession-parts"}


def _check_new_programme(programme: Programme, errors: Errors) -> None:
    """The rules of a programme that is being created, besides those of every programme."""
    if programme.slug in RESERVED_SLUGS:
        errors.add(
            "slug",
            _("“%(slug)s” is taken by a page of the site; choose another short name.") % {"slug": programme.slug},
        )
    if not programme.name.strip():
        errors.replace("name", _("Enter the name of the programme."))
    if programme.start_date is None:
        errors.replace("start_date", _("Enter the date on which the programme starts."))
    if programme.reference_date is None:
        errors.replace(
            "reference_date", _("Enter the reference date: the programme runs on the municipalities of that day.")
        )
    if programme.slug and Programme.objects.filter(slug=programme.slug).exists():
        errors.add("slug", _("There is already a programme with the short name “%(slug)s”.") % {"slug": programme.slug})
    _check_programme(programme, errors)


@transaction.atomic
def programme_create(*, actor, slug: str, name: str, **fields: Any) -> Programme:
    """Create a programme (without ladder or building blocks; staff add those, or start it as a
    successor with ``successor_start`` to take them over)."""
    require_catalogue_editor(actor)
    check_fields(fields, PROGRAMME_FIELDS)
    programme = Programme(slug=(slug or "").strip(), name=(name or "").strip(), **fields)
    validate(programme, _check_new_programme)
    programme.save()
    _only_current(programme)
    audit.record(
        actor=actor,
        action="catalogue.programme.create",
        target=programme,
        changes=audit.diff({}, snapshot(programme, NEW_PROGRAMME_FIELDS)),
    )
    return programme


def _check_closing(programme: Programme, closed_on, errors: Errors) -> None:
    if closed_on is None:
        errors.add("closed_on", _("Enter the date on which the programme is closed."))
        return
    if closed_on > timezone.localdate():
        errors.add("closed_on", _("A programme is closed today or on a date that has passed, not in the future."))
    if closed_on < programme.start_date:
        errors.add(
            "closed_on",
            _("%(programme)s started on %(date)s; it cannot be closed before it started.")
            % {"programme": programme.name, "date": date_format(programme.start_date, "j F Y")},
        )
    elif programme.end_date and closed_on < programme.end_date:
        errors.add(
            "closed_on",
            _(
                "%(programme)s runs until %(date)s: close it on that day or later, or first change its end "
                "if it ends early."
            )
            % {"programme": programme.name, "date": date_format(programme.end_date, "j F Y")},
        )


@transaction.atomic
def programme_close(*, actor, programme: Programme, closed_on) -> Programme:
    """Close a programme at its end: from then on nothing in it changes (``rules.require_open``).

    It stays readable and reportable. A programme without an end date ends on the day it closes.
    Closing twice is refused. For programme staff, or the system (``actor`` None).
    """
    _require_lifecycle_actor(actor)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if programme.is_closed:
        raise ValidationError(closed_message(programme))
    errors = Errors()
    _check_closing(programme, closed_on, errors)
    errors.raise_if_any()
    before = snapshot(programme, CLOSED_FIELDS)
    programme.closed_on = closed_on
    programme.closed_at = timezone.now()
    programme.closed_by = actor if getattr(actor, "is_authenticated", False) else None
    if programme.end_date is None:
        programme.end_date = closed_on
    programme.save(update_fields=list(CLOSED_FIELDS))
    audit.record(
        actor=actor,
        action="catalogue.programme.close",
        target=programme,
        changes=audit.diff(before, snapshot(programme, CLOSED_FIELDS)),
    )
    return programme


# --- successors ------------------------------------------------------------------------------


def _check_parts(chosen: list[str], errors: Errors) -> None:
    """Only registered parts, each with the parts it builds on."""
    unknown = [key for key in chosen if succession.get_part(key) is None]
    if unknown:
        errors.add(
            "parts",
            _("There is nothing called %(keys)s to take over.") % {"keys": ", ".join(f"“{key}”" for key in unknown)},
        )
    for key in chosen:
        part = succession.get_part(key)
        if part is None:
            continue
        missing = [succession.get_part(required) for required in part.requires if required not in chosen]
        missing = [required for required in missing if required is not None]
        if missing:
            errors.add(
                "parts",
                _("“%(part)s” builds on %(required)s: choose that too.")
                % {
                    "part": part.label,
                    "required": get_text_list([f"“{required.label}”" for required in missing], _("and")),
                },
            )


def _check_successor(successor: Programme, predecessor: Programme, errors: Errors) -> None:
    if successor.start_date is None:
        return
    if predecessor.end_date and successor.start_date < predecessor.end_date:
        errors.add(
            "start_date",
            _("A successor starts when %(programme)s ends (%(date)s) or later.")
            % {"programme": predecessor.name, "date": date_format(predecessor.end_date, "j F Y")},
        )
    elif successor.start_date < predecessor.start_date:
        errors.add(
            "start_date",
            _("A successor cannot start before %(programme)s started (%(date)s).")
            % {"programme": predecessor.name, "date": date_format(predecessor.start_date, "j F Y")},
        )


@transaction.atomic
def successor_start(
    *,
    actor,
    predecessor: Programme,
    parts: Iterable[str] = (),
    make_current: bool = False,
    **fields: Any,
) -> Programme:
    """Start a successor of ``predecessor`` and take over the chosen ``parts`` (keys of ``succession``).

    One transaction and one audit entry for everything: the new programme, what each part copied,
    and whether it became the current programme. The predecessor is left as it was (closed or not);
    only when the successor becomes current does the predecessor stop being current. For programme
    staff, or the system (``actor`` None).
    """
    _require_lifecycle_actor(actor)
    check_fields(fields, SUCCESSOR_FIELDS)
    predecessor = Programme.objects.select_for_update().get(pk=predecessor.pk)
    chosen = list(dict.fromkeys(parts))
    values = {**fields, "slug": (fields.get("slug") or "").strip(), "name": (fields.get("name") or "").strip()}
    successor = Programme(predecessor=predecessor, is_current=bool(make_current), **values)
    errors = Errors()
    model_errors(successor, errors)
    _check_new_programme(successor, errors)
    _check_successor(successor, predecessor, errors)
    _check_parts(chosen, errors)
    errors.raise_if_any()
    successor.save()
    _only_current(successor)
    copied = {
        part.key: part.copy(predecessor=predecessor, successor=successor, actor=actor)
        for part in succession.parts()
        if part.key in chosen
    }
    audit.record(
        actor=actor,
        action="catalogue.programme.successor_start",
        target=successor,
        changes={
            **audit.diff({}, snapshot(successor, (*SUCCESSOR_FIELDS, "predecessor", "is_current"))),
            "copied": [None, copied],
        },
    )
    return successor


def status_levels_copy(*, predecessor: Programme, successor: Programme, actor=None) -> int:
    """The predecessor's status ladder, level for level (a part of a successor)."""
    levels = StatusLevel.objects.filter(programme=predecessor).order_by("position")
    created = StatusLevel.objects.bulk_create(
        StatusLevel(
            programme=successor,
            position=level.position,
            code=level.code,
            name=level.name,
            description=level.description,
        )
        for level in levels
    )
    return len(created)


def building_blocks_copy(*, predecessor: Programme, successor: Programme, actor=None) -> int:
    """The predecessor's building blocks with their dependencies and linked GEMMA elements (a part of a
    successor). The copies keep their codes, so the other parts find a block's copy by its code."""
    originals = list(
        BuildingBlock.objects.filter(programme=predecessor)
        .prefetch_related("depends_on", "gemma_links")
        .order_by("code")
    )
    copies = BuildingBlock.objects.bulk_create(
        BuildingBlock(programme=successor, **{field: getattr(block, field) for field in BUILDING_BLOCK_FIELDS})
        for block in originals
    )
    by_code = {block.code: block for block in copies}
    through = BuildingBlock.depends_on.through
    through.objects.bulk_create(
        through(from_buildingblock_id=by_code[block.code].pk, to_buildingblock_id=by_code[dependency.code].pk)
        for block in originals
        for dependency in block.depends_on.all()
        if dependency.code in by_code
    )
    BuildingBlockElement.objects.bulk_create(
        BuildingBlockElement(
            building_block=by_code[block.code], object_id=link.object_id, note=link.note, added_by=link.added_by
        )
        for block in originals
        for link in block.gemma_links.all()
    )
    return len(copies)


def result_agreements_copy(*, predecessor: Programme, successor: Programme, actor=None) -> int:
    """The predecessor's result agreements, with their blocks and required level found by code in the
    successor (a part of a successor, after the ladder and the blocks). The successor also takes over
    the total number of result agreements when it has none of its own."""
    originals = list(selectors.result_agreements(programme=predecessor))
    levels = {level.code: level for level in StatusLevel.objects.filter(programme=successor)}
    blocks = {block.code: block for block in BuildingBlock.objects.filter(programme=successor)}
    copies = ResultAgreement.objects.bulk_create(
        ResultAgreement(
            programme=successor,
            required_level=levels[agreement.required_level.code],
            **{field: getattr(agreement, field) for field in RESULT_AGREEMENT_FIELDS if field != "required_level"},
        )
        for agreement in originals
    )
    through = ResultAgreement.building_blocks.through
    through.objects.bulk_create(
        through(resultagreement_id=copy.pk, buildingblock_id=blocks[block.code].pk)
        for agreement, copy in zip(originals, copies, strict=True)
        for block in agreement.building_blocks.all()
        if block.code in blocks
    )
    if successor.result_agreement_total is None and predecessor.result_agreement_total is not None:
        successor.result_agreement_total = predecessor.result_agreement_total
        successor.save(update_fields=["result_agreement_total"])
    return len(copies)


# --- status ladder ---------------------------------------------------------------------------


def _check_level_code(level: StatusLevel, errors: Errors) -> None:
    clash = StatusLevel.objects.filter(programme_id=level.programme_id, code=level.code).exclude(pk=level.pk)
    if level.code and clash.exists():
        errors.add(
            "code", _("This programme already has a status level with the code “%(code)s”.") % {"code": level.code}
        )


@transaction.atomic
def status_level_create(*, actor, programme: Programme, code: str, name: str, description: str = "") -> StatusLevel:
    """Add a level at the top of the programme's ladder."""
    require_catalogue_editor(actor)
    require_open(programme)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    position = StatusLevel.objects.filter(programme=programme).count()
    level = StatusLevel(programme=programme, position=position, code=code, name=name, description=description)
    validate(level, _check_level_code)
    level.save()
    audit.record(
        actor=actor,
        action="catalogue.status_level.create",
        target=level,
        changes=audit.diff(
            {}, {"programme": programme.slug, "position": position, **snapshot(level, STATUS_LEVEL_FIELDS)}
        ),
    )
    return level


def status_level_update(*, actor, level: StatusLevel, **fields: Any) -> StatusLevel:
    """Rename a level or change its code or description (its place is changed with ``status_level_move``)."""
    require_catalogue_editor(actor)
    require_open(level.programme_id)
    return model_update(
        level,
        fields,
        fields=STATUS_LEVEL_FIELDS,
        actor=actor,
        action="catalogue.status_level.update",
        clean=_check_level_code,
    )


def _ladder(programme_id: int) -> list[StatusLevel]:
    return list(StatusLevel.objects.select_for_update().filter(programme_id=programme_id).order_by("position"))


def _renumber(levels: list[StatusLevel]) -> None:
    """Give ``levels`` the positions 0..n-1 in list order, without breaking the unique position constraint."""
    if not levels:
        return
    # Move everything out of the way first, then into place: no two rows ever share a position.
    offset = max(len(levels), max(level.position for level in levels) + 1)
    for index, level in enumerate(levels):
        StatusLevel.objects.filter(pk=level.pk).update(position=offset + index)
    for index, level in enumerate(levels):
        StatusLevel.objects.filter(pk=level.pk).update(position=index)
        level.position = index


@transaction.atomic
def status_level_move(*, actor, level: StatusLevel, direction: str) -> StatusLevel:
    """Move a level one place: ``up`` towards 'in use' (higher position), ``down`` towards 'not started'."""
    require_catalogue_editor(actor)
    require_open(level.programme_id)
    if direction not in (UP, DOWN):
        raise ValidationError({"direction": _("Choose “up” or “down”.")})
    levels = _ladder(level.programme_id)
    index = next(i for i, item in enumerate(levels) if item.pk == level.pk)
    target = index + 1 if direction == UP else index - 1
    if not 0 <= target < len(levels):
        if direction == UP:
            message = _("“%(name)s” is already the highest level.")
        else:
            message = _("“%(name)s” is already the lowest level.")
        raise ValidationError({"direction": message % {"name": levels[index].name}})
    before = levels[index].position
    levels[index], levels[target] = levels[target], levels[index]
    _renumber(levels)
    moved = levels[target]
    audit.record(
        actor=actor,
        action="catalogue.status_level.move",
        target=moved,
        changes={"position": [before, moved.position]},
    )
    return moved


@transaction.atomic
def status_level_delete(*, actor, level: StatusLevel) -> None:
    """Remove a level; refused while a result agreement requires it. The ladder closes the gap."""
    require_catalogue_editor(actor)
    require_open(level.programme_id)
    levels = _ladder(level.programme_id)
    level = next(item for item in levels if item.pk == level.pk)
    numbers = list(level.result_agreements.order_by("number").values_list("number", flat=True))
    if numbers:
        raise ValidationError(
            {
                "__all__": ngettext(
                    "“%(name)s” cannot be deleted: result agreement %(numbers)s requires this level. "
                    "Change its required level first.",
                    "“%(name)s” cannot be deleted: result agreements %(numbers)s require this level. "
                    "Change their required level first.",
                    len(numbers),
                )
                % {"name": level.name, "numbers": ", ".join(str(n) for n in numbers)}
            }
        )
    last = {"programme": level.programme.slug, "position": level.position, **snapshot(level, STATUS_LEVEL_FIELDS)}
    audit.record(actor=actor, action="catalogue.status_level.delete", target=level, changes=_removed(last))
    level.delete()
    _renumber([item for item in levels if item.pk != level.pk])


# --- building blocks -------------------------------------------------------------------------


def _check_block(block: BuildingBlock, errors: Errors) -> None:
    """The domain rules of a block, beside its model validation."""
    clash = BuildingBlock.objects.filter(programme_id=block.programme_id, code=block.code).exclude(pk=block.pk)
    if block.code and clash.exists():
        errors.add(
            "code", _("This programme already has a building block with the code “%(code)s”.") % {"code": block.code}
        )
    if block.evidence == Evidence.SOURCE and not block.source_url:
        errors.add("source_url", _("Give the address of the public source, or mark the evidence as inferred."))
    if block.deadline_basis and not block.deadline:
        errors.add("deadline", _("Enter the deadline, or leave its basis empty."))


def _dependency_graph(programme_id: int) -> dict[int, set[int]]:
    graph: dict[int, set[int]] = {}
    edges = BuildingBlock.depends_on.through.objects.filter(from_buildingblock__programme_id=programme_id)
    for source, target in edges.values_list("from_buildingblock_id", "to_buildingblock_id"):
        graph.setdefault(source, set()).add(target)
    return graph


def _find_path(graph: dict[int, set[int]], start: int, goal: int) -> list[int] | None:
    """A path of dependencies from ``start`` to ``goal`` (depth first), or None."""
    stack: list[tuple[int, list[int]]] = [(start, [start])]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        if node == goal:
            return path
        if node in seen:
            continue
        seen.add(node)
        for following in sorted(graph.get(node, ()), reverse=True):
            stack.append((following, [*path, following]))
    return None


def _check_dependencies(block: BuildingBlock, depends_on: list[BuildingBlock], errors: Errors) -> None:
    """Only blocks of the same programme, not the block itself, and no cycles."""
    others = [dep for dep in depends_on if dep.programme_id != block.programme_id]
    if others:
        errors.add(
            "depends_on",
            _("A building block can only depend on blocks of its own programme; not on %(codes)s.")
            % {"codes": ", ".join(_codes(others))},
        )
    if block.pk is not None and any(dep.pk == block.pk for dep in depends_on):
        errors.add("depends_on", _("A building block cannot depend on itself."))
    if others or block.pk is None or "depends_on" in errors:
        return
    graph = _dependency_graph(block.programme_id)
    graph[block.pk] = {dep.pk for dep in depends_on}
    for dep in sorted(depends_on, key=lambda item: item.code):
        path = _find_path(graph, dep.pk, block.pk)
        if path is not None:
            codes = dict(BuildingBlock.objects.filter(pk__in=path).values_list("pk", "code"))
            cycle = " → ".join(codes[pk] for pk in [block.pk, *path])
            errors.add("depends_on", _("This would create a cycle of dependencies: %(cycle)s.") % {"cycle": cycle})
            return


def _block_rules(depends_on: list[BuildingBlock] | None):
    """The ``clean`` of a block: its rules, and those of its new dependencies when given."""

    def clean(block: BuildingBlock, errors: Errors) -> None:
        _check_block(block, errors)
        if depends_on is not None:
            _check_dependencies(block, depends_on, errors)

    return clean


def _block_snapshot(block: BuildingBlock, depends_on: list[str]) -> dict[str, Any]:
    return {**snapshot(block, BUILDING_BLOCK_FIELDS), "depends_on": depends_on}


@transaction.atomic
def building_block_create(
    *, actor, programme: Programme, depends_on: Iterable[BuildingBlock] = (), **fields: Any
) -> BuildingBlock:
    """Add a building block to a programme, optionally with the blocks it depends on."""
    require_catalogue_editor(actor)
    require_open(programme)
    check_fields(fields, BUILDING_BLOCK_FIELDS)
    depends_on = list(depends_on)
    block = BuildingBlock(programme=programme, **fields)
    validate(block, _block_rules(depends_on))  # a new block cannot close a cycle yet
    block.save()
    block.depends_on.set(depends_on)
    audit.record(
        actor=actor,
        action="catalogue.building_block.create",
        target=block,
        changes=audit.diff({}, {"programme": programme.slug, **_block_snapshot(block, _codes(depends_on))}),
    )
    return block


@transaction.atomic
def building_block_update(
    *, actor, block: BuildingBlock, depends_on: Iterable[BuildingBlock] | None = None, **fields: Any
) -> BuildingBlock:
    """Change a building block; ``depends_on`` (when given) replaces its dependencies."""
    require_catalogue_editor(actor)
    require_open(block.programme_id)
    depends_on = None if depends_on is None else list(depends_on)
    return model_update(
        block,
        fields,
        fields=BUILDING_BLOCK_FIELDS,
        actor=actor,
        action="catalogue.building_block.update",
        clean=_block_rules(depends_on),
        many={"depends_on": depends_on},
        label=_code,
    )


@transaction.atomic
def building_block_dependencies_set(
    *, actor, block: BuildingBlock, depends_on: Iterable[BuildingBlock]
) -> BuildingBlock:
    """Replace the blocks that ``block`` depends on."""
    require_catalogue_editor(actor)
    require_open(block.programme_id)
    block = BuildingBlock.objects.select_for_update().get(pk=block.pk)
    depends_on = list(depends_on)
    before = _codes(block.depends_on.all())
    errors = Errors()
    _check_dependencies(block, depends_on, errors)
    errors.raise_if_any()
    changes = audit.diff({"depends_on": before}, {"depends_on": _codes(depends_on)})
    if not changes:
        return block
    block.depends_on.set(depends_on)
    audit.record(actor=actor, action="catalogue.building_block.set_dependencies", target=block, changes=changes)
    return block


@transaction.atomic
def building_block_delete(*, actor, block: BuildingBlock) -> None:
    """Remove a building block. Its dependencies and its place in result agreements go with it."""
    require_catalogue_editor(actor)
    require_open(block.programme_id)
    block = BuildingBlock.objects.select_for_update().get(pk=block.pk)
    last = {
        "programme": block.programme.slug,
        **_block_snapshot(block, _codes(block.depends_on.all())),
        "required_by": _codes(block.required_by.all()),
        "result_agreements": sorted(block.result_agreements.values_list("number", flat=True)),
    }
    audit.record(actor=actor, action="catalogue.building_block.delete", target=block, changes=_removed(last))
    block.delete()


# --- result agreements -----------------------------------------------------------------------


def _check_agreement(agreement: ResultAgreement, building_blocks: list[BuildingBlock] | None, errors: Errors) -> None:
    # Clearer words than "This field cannot be null." for the fields that must be given.
    if agreement.number is None:
        errors.replace("number", _("Enter the number of the result agreement."))
    elif agreement.number < 1:
        errors.add("number", _("The number starts at 1."))
    if agreement.deadline is None and not agreement.deadline_note.strip():
        errors.add("deadline", _("Enter the date by which the result is due, or say in the note why it is not known."))
    if agreement.evidence == Evidence.SOURCE and not agreement.source_url:
        errors.add("source_url", _("Give the address of the public source, or mark the evidence as inferred."))
    if agreement.required_level_id is None:
        errors.replace("required_level", _("Choose the status level that the building blocks must reach."))
    if agreement.number is not None:
        clash = ResultAgreement.objects.filter(programme_id=agreement.programme_id, number=agreement.number).exclude(
            pk=agreement.pk
        )
        if clash.exists():
            errors.add(
                "number",
                _("This programme already has a result agreement with number %(number)s.")
                % {"number": agreement.number},
            )
    level = getattr(agreement, "required_level", None) if agreement.required_level_id else None
    if level is not None and level.programme_id != agreement.programme_id:
        errors.add("required_level", _("Choose a status level of this programme."))
    if building_blocks is not None:
        others = [block for block in building_blocks if block.programme_id != agreement.programme_id]
        if others:
            errors.add(
                "building_blocks",
                _("Choose building blocks of this programme; %(codes)s belong to another programme.")
                % {"codes": ", ".join(_codes(others))},
            )


def _agreement_values(agreement: ResultAgreement) -> dict[str, Any]:
    """The audit values of an agreement's fields: its required level by code."""
    required_level = agreement.required_level.code if agreement.required_level_id else None
    return {**snapshot(agreement, RESULT_AGREEMENT_FIELDS), "required_level": required_level}


def _agreement_snapshot(agreement: ResultAgreement, building_blocks: list[str]) -> dict[str, Any]:
    return {**_agreement_values(agreement), "building_blocks": building_blocks}


@transaction.atomic
def result_agreement_create(
    *, actor, programme: Programme, building_blocks: Iterable[BuildingBlock] = (), **fields: Any
) -> ResultAgreement:
    """Add a result agreement: which blocks must reach which level by when."""
    require_catalogue_editor(actor)
    require_open(programme)
    check_fields(fields, RESULT_AGREEMENT_FIELDS)
    building_blocks = list(building_blocks)
    agreement = ResultAgreement(programme=programme, **fields)
    validate(agreement, lambda agreement, errors: _check_agreement(agreement, building_blocks, errors))
    agreement.save()
    agreement.building_blocks.set(building_blocks)
    audit.record(
        actor=actor,
        action="catalogue.result_agreement.create",
        target=agreement,
        changes=audit.diff(
            {}, {"programme": programme.slug, **_agreement_snapshot(agreement, _codes(building_blocks))}
        ),
    )
    return agreement


@transaction.atomic
def result_agreement_update(
    *, actor, agreement: ResultAgreement, building_blocks: Iterable[BuildingBlock] | None = None, **fields: Any
) -> ResultAgreement:
    """Change a result agreement; ``building_blocks`` (when given) replaces its blocks."""
    require_catalogue_editor(actor)
    require_open(agreement.programme_id)
    building_blocks = None if building_blocks is None else list(building_blocks)
    return model_update(
        agreement,
        fields,
        fields=RESULT_AGREEMENT_FIELDS,
        actor=actor,
        action="catalogue.result_agreement.update",
        clean=lambda agreement, errors: _check_agreement(agreement, building_blocks, errors),
        describe=_agreement_values,
        many={"building_blocks": building_blocks},
        label=_code,
    )


@transaction.atomic
def result_agreement_delete(*, actor, agreement: ResultAgreement) -> None:
    """Remove a result agreement."""
    require_catalogue_editor(actor)
    require_open(agreement.programme_id)
    agreement = (
        ResultAgreement.objects.select_for_update().select_related("programme", "required_level").get(pk=agreement.pk)
    )
    last = {
        "programme": agreement.programme.slug,
        **_agreement_snapshot(agreement, _codes(agreement.building_blocks.all())),
    }
    audit.record(actor=actor, action="catalogue.result_agreement.delete", target=agreement, changes=_removed(last))
    agreement.delete()


# --- linked GEMMA elements -------------------------------------------------------------------


@transaction.atomic
def building_block_element_add(*, actor, block: BuildingBlock, object_id: str, note: str = "") -> BuildingBlockElement:
    """Link a GEMMA element (by its object id) to a building block.

    The element must exist in the current GEMMA release, and must not be the block's own GEMMA
    element or already linked. The link keeps the object id, so it holds in later releases too.
    """
    require_catalogue_editor(actor)
    require_open(block.programme_id)
    block = BuildingBlock.objects.select_for_update().get(pk=block.pk)
    object_id = (object_id or "").strip()
    link = BuildingBlockElement(building_block=block, object_id=object_id, note=(note or "").strip(), added_by=actor)
    errors = Errors()
    model_errors(link, errors)
    if object_id:
        model = current_model(GEMMA_MODEL_NAME)
        if model is None:
            errors.add("object_id", _("No GEMMA model has been imported yet."))
        elif not elements_by_object_ids(model, [object_id]).exists():
            errors.add(
                "object_id",
                _("GEMMA %(release)s has no element with the object id %(object_id)s.")
                % {"release": model.release, "object_id": object_id},
            )
        if object_id == block.gemma_object_id:
            errors.add("object_id", _("This is the building block's own GEMMA element."))
        elif BuildingBlockElement.objects.filter(building_block=block, object_id=object_id).exists():
            errors.add("object_id", _("This element is already linked to the building block."))
    errors.raise_if_any()
    link.save()
    audit.record(
        actor=actor,
        action="catalogue.building_block.element_add",
        target=block,
        changes={"linked_object_ids": [None, object_id], "note": [None, link.note]},
    )
    return link


@transaction.atomic
def building_block_element_remove(*, actor, link: BuildingBlockElement) -> None:
    """Remove a linked GEMMA element from its building block."""
    require_catalogue_editor(actor)
    link = BuildingBlockElement.objects.select_for_update().select_related("building_block").get(pk=link.pk)
    require_open(link.building_block.programme_id)
    audit.record(
        actor=actor,
        action="catalogue.building_block.element_remove",
        target=link.building_block,
        changes={"linked_object_ids": [link.object_id, None], "note": [link.note, None]},
    )
    link.delete()
