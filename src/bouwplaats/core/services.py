"""The steps that every update of one row repeats: lock, compare, validate, save, audit."""

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction

from bouwplaats.audit import services as audit

from .errors import Errors

M = TypeVar("M", bound=models.Model)


def check_fields(given: Iterable[str], allowed: Iterable[str]) -> None:
    """A programming error unless every name in ``given`` is one of ``allowed``."""
    unknown = sorted(set(given) - set(allowed))
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(unknown)}")


def audit_value(instance: models.Model, field: str) -> Any:
    """The value of ``field`` as the audit log keeps it: a related object by its name."""
    value = getattr(instance, field)
    return str(value) if isinstance(value, models.Model) else value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {field: audit_value(instance, field) for field in fields}


def model_errors(instance: models.Model, errors: Errors) -> None:
    """Model validation (field validators, ``clean``) into ``errors``. Uniqueness is left to the
    services, which say it in clearer words."""
    try:
        instance.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        errors.merge(error)


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
    related: Callable[[M], Mapping[str, tuple[Any, Any]]] | None = None,
    after_save: Callable[[M], None] | None = None,
) -> M:
    """Set ``data`` on the row of ``instance`` and save it with one audit entry of what changed.

    The row is locked and read again, so that the diff is against what is stored. ``data`` may only
    name ``fields`` (a programming error otherwise). The row is validated by the model and by
    ``clean(row, errors)``; any message raises one ``ValidationError`` and nothing is written. When
    nothing changed, the row is returned unsaved and unaudited: an unchanged form writes nothing.

    ``describe(row)`` replaces the audit values of ``fields`` where the default (related objects by
    name) does not fit. ``related(row)`` gives the ``(before, after)`` of values kept in other tables
    (e.g. codes of many-to-many links), which count in the diff; ``after_save(row)`` writes them.
    """
    fields = tuple(fields)
    check_fields(data, fields)
    row = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    describe = describe or (lambda obj: snapshot(obj, fields))
    outside = dict(related(row)) if related else {}
    before = {**describe(row), **{name: pair[0] for name, pair in outside.items()}}
    for field, value in data.items():
        setattr(row, field, value)

    errors = Errors()
    model_errors(row, errors)
    if clean is not None:
        clean(row, errors)
    errors.raise_if_any()

    changes = audit.diff(before, {**describe(row), **{name: pair[1] for name, pair in outside.items()}})
    if not changes:
        return row
    row.save()
    if after_save is not None:
        after_save(row)
    audit.record(actor=actor, action=action, target=row, changes=changes)
    return row
