# SPDX-License-Identifier: EUPL-1.2
from django.utils.functional import SimpleLazyObject

from . import selectors


def unread(request):
    """The viewer's unread count for the header; counted only when a page shows it (signed in)."""
    return {"unread_notifications": SimpleLazyObject(lambda: selectors.unread_count(request.user))}
