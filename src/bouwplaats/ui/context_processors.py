from functools import cache

from django.conf import settings
from django.urls import get_script_prefix, reverse

# The fixed URLs that the site frame (base.html) links to on every page.
SITE_URL_NAMES = {
    "home": "catalogue:home",
    "building_blocks": "catalogue:building-block-list-current",
    "municipalities": "organisations:municipality-list",
    "progress": "monitor:dashboard-overview",
    "knowledge": "knowledge:home",
    "cocreation": "cocreation:idea-list",
    "architecture": "architecture:model-list",
    "impact": "impact:scenario-list",
    "notifications": "notifications:list",
    "api_docs": "api-docs",
    "open_data": "open-data-progress",
    "management": "accounts:membership-requests",
    "account": "accounts:account",
    "login": "accounts:login",
    "logout": "accounts:logout",
    "register": "accounts:register",
    "set_language": "set_language",
}


@cache
def _site_urls(script_prefix: str) -> dict[str, str]:
    """Reversed once per process (and script prefix): these URLs take no arguments."""
    return {key: reverse(name) for key, name in SITE_URL_NAMES.items()}


def site(request):
    return {"SITE_NAME": settings.SITE_NAME, "SITE_URLS": _site_urls(get_script_prefix())}
