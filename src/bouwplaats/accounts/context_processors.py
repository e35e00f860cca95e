from . import permissions
from .models import Role


def roles(request):
    user = getattr(request, "user", None)
    return {
        "is_programme_staff": permissions.is_programme_staff(user),
        "is_site_admin": permissions.is_admin(user),
        # For the header's "My municipality": approving a membership makes a member a coordinator (and
        # ending the last one a member again), so the role answers without a query on every page.
        "is_municipality_member": permissions.is_authenticated(user) and user.role == Role.COORDINATOR,
    }
