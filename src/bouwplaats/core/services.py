# SPDX-License-Identifier: EUPL-1.2
"""What every update of one row repeats: lock, compare, validate, save, audit."""

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction

from bouwplaats.audit import services as audit

from .errors import Errors

M = TypeVar("M", bound=models.Model)


def check_fields(given: Iterable[str], allowed: Iterable[str]) -> None:
    """A programming error unless every name in ``given`` is one of ``allowed``."""
    if unknown := sorted(set(given) - set(allowed)):
        raise TypeError(f"Unknown fields: {', '.join(unknown)}")


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The values of ``fields`` as the audit log keeps them: related objects by name."""
    values = {field: getattr(instance, field) for field in fields}
    return {field: str(value) if isinstance(value, models.Model) else value for field, value in values.items()}


def model_errors(instance: models.Model, errors: Errors) -> None:
    """Model validation into ``errors``; uniqueness is left to the services (clearer words)."""
    try:
        instance.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        errors.merge(error)


def validate(instance: M, clean: Callable[[M, Errors], None] | None = None) -> None:
    """Model validation, then ``clean(instance, errors)``; every message raised together."""
    errors = Errors()
    model_errors(instance, errors)
    if clean is not None:
        clean(instance, errors)
    errors.raise_if_any()


@transaction.atomic
def model_update(
    instance: M,
    data: Mapping[str, Any],
    *,
    fields: Iterable[str],
    actor,
    action: str,
    clean: Callable[[M, Errors], None] | None = None,
    describe: Callable[[M], dict[str, Any]] | None = None,
    many: Mapping[str, Iterable[models.Model] | None] | None = None,
    label: Callable[[models.Model], Any] = str,
    after_save: Callable[[M], None] | None = None,
) -> M:
    """Set ``data`` (names of ``fields`` only) on the locked row of ``instance``; validate it (the model,
    then ``clean(row, errors)``); save it with one audit entry of the diff. Any message raises one
    ``ValidationError`` and nothing is written; when nothing changed, nothing is saved or audited.

    ``describe(row)`` gives the audit values where ``snapshot`` does not fit. ``many`` replaces
    many-to-many links (None: unchanged), in the audit as the sorted ``label`` of each object.
    ``after_save(row)`` writes what else follows from the change.
    """
    fields = tuple(fields)
    check_fields(data, fields)
    row = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    describe = describe or (lambda obj: snapshot(obj, fields))
    many = {name: list(objects) for name, objects in (many or {}).items() if objects is not None}
    before = describe(row) | {name: sorted(map(label, getattr(row, name).all())) for name in many}
    for field, value in data.items():
        setattr(row, field, value)
    validate(row, clean)
    changes = audit.diff(before, describe(row) | {name: sorted(map(label, objects)) for name, objects in many.items()})
    if changes:
        row.save()
        for name, objects in many.items():
            getattr(row, name).set(objects)
        if after_save is not None:
            after_save(row)
        audit.record(actor=actor, action=action, target=row, changes=changes)
    return row
