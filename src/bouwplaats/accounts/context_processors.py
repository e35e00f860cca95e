from . import permissions


def roles(request):
    user = getattr(request, "user", None)
    return {
        "is_programme_staff": permissions.is_programme_staff(user),
        "is_site_admin": permissions.is_admin(user),
    }
