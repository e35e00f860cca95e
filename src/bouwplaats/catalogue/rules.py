"""The one rule of a closed programme: nothing in it changes any more.

Every write that changes a programme, its status ladder, building blocks, result agreements, or
the status of municipalities in it (reports, survey rounds, imports, mergers) calls
``require_open`` first; pages ask ``is_closed`` to hide their edit buttons. Reading, reports and
open data are not affected.
"""

from django.core.exceptions import ValidationError
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
    a programme loaded before someone closed it does not let a write through.
    """
    programme_id = programme.pk if isinstance(programme, Programme) else programme
    closed = Programme.objects.filter(pk=programme_id, closed_on__isnull=False).only("name", "closed_on").first()
    if closed is not None:
        raise ValidationError(closed_message(closed))
