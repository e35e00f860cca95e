# SPDX-License-Identifier: EUPL-1.2
"""Writes for organisations: loading the municipal reference data.

The reference data is loaded by a system process (``manage.py load_reference_data``), not by a
user, so there is no permission check here; the caller records the audit entry for the whole run.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

from django.db import models, transaction

from .models import Municipality, Population, Province
from .reference_data import MunicipalData

Counts = dict[str, int]


def _sync(
    model: type[models.Model], existing: dict[Hashable, models.Model], wanted: dict[Hashable, dict[str, Any]]
) -> tuple[dict[Hashable, models.Model], set[Hashable], set[Hashable]]:
    """Create or update ``model`` rows by natural key, saving only what differs.

    Returns the objects by key and the keys created and updated. Rows in ``existing`` that are not
    wanted are left alone.
    """
    objects: dict[Hashable, models.Model] = {}
    created: list[models.Model] = []
    created_keys, updated_keys = set(), set()
    changed: list[models.Model] = []
    changed_fields: set[str] = set()
    for key, values in wanted.items():
        obj = existing.get(key)
        if obj is None:
            obj = model(**values)
            created.append(obj)
            created_keys.add(key)
        else:
            differences = [name for name, value in values.items() if getattr(obj, name) != value]
            for name in differences:
                setattr(obj, name, values[name])
            if differences:
                changed.append(obj)
                changed_fields.update(differences)
                updated_keys.add(key)
        objects[key] = obj
    model.objects.bulk_create(created, batch_size=500)
    if changed:
        model.objects.bulk_update(changed, sorted(changed_fields), batch_size=500)
    return objects, created_keys, updated_keys


def _counts(total: int, created: Iterable, updated: Iterable) -> Counts:
    created, updated = len(set(created)), len(set(updated))
    return {"created": created, "updated": updated, "unchanged": total - created - updated}


def municipal_data_apply(*, data: MunicipalData) -> dict[str, Counts]:
    """Upsert provinces, municipality periods (with mergers) and population figures by natural key."""
    with transaction.atomic():
        provinces, *province_changes = _sync(
            Province,
            {province.code: province for province in Province.objects.all()},
            {code: {"code": code, "name": name} for code, name in data.provinces.items()},
        )

        existing = {(m.code, m.valid_from): m for m in Municipality.objects.all()}
        municipalities, created, updated = _sync(
            Municipality,
            existing,
            {
                period.key: {
                    "code": period.code,
                    "name": period.name,
                    "province_id": provinces[period.province_code].pk,
                    "valid_from": period.valid_from,
                    "valid_to": period.valid_to,
                }
                for period in data.periods
            },
        )
        # Mergers point at other rows, which now all have a primary key.
        merged = {
            period.key: {"merged_into_id": municipalities[period.merged_into.key].pk if period.merged_into else None}
            for period in data.periods
        }
        _, _, merger_updated = _sync(Municipality, municipalities, merged)

        _, *population_changes = _sync(
            Population,
            {(p.municipality_id, p.year): p for p in Population.objects.all()},
            {
                (municipalities[figure.period.key].pk, figure.year): {
                    "municipality_id": municipalities[figure.period.key].pk,
                    "year": figure.year,
                    "inhabitants": figure.inhabitants,
                    "source": figure.source,
                    "derived": figure.derived,
                }
                for figure in data.figures
            },
        )
    return {
        "provinces": _counts(len(data.provinces), *province_changes),
        "municipalities": _counts(len(data.periods), created, (updated | merger_updated) - created),
        "populations": _counts(len(data.figures), *population_changes),
    }
