# SPDX-License-Identifier: EUPL-1.2
"""Recording audit entries. Every service that writes calls ``record`` inside its transaction."""

from typing import Any

from django.db import connection, models

from .models import AuditEntry

SYSTEM_ACTOR = "system"

# On PostgreSQL, audited writes take this transaction-level lock before their entry gets an id,
# so that entries commit in id order and the newest id is a safe data version (ADR 6).
AUDIT_LOCK_KEY = 0x42505F4155  # "BP_AU"


def _serialise_audited_writes() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [AUDIT_LOCK_KEY])


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def record(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_label: str = "",
    changes: dict | None = None,
) -> AuditEntry:
    """Append an audit entry. ``actor`` is a user, or None for system processes (commands)."""
    if target is not None:
        object_type = object_type or target._meta.label_lower
        object_id = object_id or str(target.pk)
        object_label = object_label or str(target)[:255]
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    _serialise_audited_writes()
    return AuditEntry.objects.create(
        actor=actor if is_user else None,
        actor_label=(actor.get_username() if is_user else SYSTEM_ACTOR)[:255],
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_label=object_label[:255],
        changes=_jsonable(changes or {}),
    )


def diff(before: dict, after: dict) -> dict:
    """The fields whose value changed, as {field: [old, new]}."""
    return {key: [before.get(key), value] for key, value in after.items() if before.get(key) != value}
