# SPDX-License-Identifier: EUPL-1.2
"""Lookups for views that answer 404 when there is nothing to show, like ``django.shortcuts``."""

from django.http import Http404
from django.utils.translation import gettext as _

from .models import Programme
from .selectors import programme_or_current


def programme_or_404(slug: str | None = None) -> Programme:
    """The programme with this short name, or the current one when no name is given; else Http404."""
    programme = programme_or_current(slug)
    if programme is None:
        raise Http404(_("There is no programme with this short name.") if slug else _("There is no programme yet."))
    return programme
