# SPDX-License-Identifier: EUPL-1.2
"""View decorators for pages that only some signed-in users may open."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required


def permission_required_by(require: Callable[..., None]):
    """Run the view only for users that pass ``require``, one of the ``require_*(user)`` checks.

    Anonymous visitors go to the login page first (once signed in they may well be allowed);
    a signed-in user whom ``require`` turns away gets its ``PermissionDenied``: a 403 page.
    """

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            require(request.user)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
