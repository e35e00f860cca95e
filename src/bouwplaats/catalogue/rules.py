# SPDX-License-Identifier: EUPL-1.2
"""The one rule of a closed programme: nothing in it changes any more.

Every write that changes a programme, its status ladder, building blocks, result agreements, or
the status of municipalities in it (reports, survey rounds, imports, mergers) calls
``require_open`` first; pages ask ``is_closed`` to hide their edit buttons. Reading, reports and
open data are not affected.
"""

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Programme


def is_closed(programme: Programme) -> bool:
    return programme.is_closed


def closed_message(programme: Programme) -> str:
    """What a refused write says, e.g. "Operatie NUP was closed on 1 January 2015; it can no longer be changed."."""
    return _("%(programme)s was closed on %(date)s; it can no longer be changed.") % {
        "programme": programme.name,
        "date": date_format(programme.closed_on, "j F Y"),
    }


def require_open(programme: Programme | int) -> None:
    """Raise ``ValidationError`` (no field: the whole write is refused) when the programme is closed.

    Takes the programme or its id, and reads its closed state from the database (one query), so that
    a programme loaded before someone closed it does not let a write through. Inside the write's
    transaction on PostgreSQL the row stays share-locked until the write commits: closing (which locks
    the row for update) waits for the writes that found the programme open, and writes that come
    after wait for the close and are refused. Writes do not wait for each other. (SQLite runs one
    write transaction at a time anyway.)
    """
    programme_id = programme.pk if isinstance(programme, Programme) else programme
    share_lock = " FOR KEY SHARE" if connection.vendor == "postgresql" else ""
    sql = f"SELECT id, name, closed_on FROM {Programme._meta.db_table} WHERE id = %s{share_lock}"  # noqa: S608 (no input in it)
    found = Programme.objects.raw(sql, [programme_id])
    closed = next((row for row in found if row.closed_on is not None), None)
    if closed is not None:
        raise ValidationError(closed_message(closed))
