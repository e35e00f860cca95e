# SPDX-License-Identifier: EUPL-1.2
from django.utils.functional import SimpleLazyObject

from . import permissions, selectors


def roles(request):
    user = getattr(request, "user", None)
    return {
        "is_programme_staff": permissions.is_programme_staff(user),
        "is_site_admin": permissions.is_admin(user),
        # The header's "My municipality": for everyone with an approved membership (kept in the cache).
        "is_municipality_member": SimpleLazyObject(lambda: selectors.is_municipality_member(user)),
    }
