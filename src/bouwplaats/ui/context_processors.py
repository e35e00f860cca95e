# SPDX-License-Identifier: EUPL-1.2
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
    "reports": "reports:index",
    "suppliers": "suppliers:supplier-list",
    "notifications": "notifications:list",
    "my_municipality": "home:index",
    "api_docs": "api-docs",
    "open_data": "open_data:index",
    "management": "accounts:membership-requests",
    "account": "accounts:account",
    "login": "accounts:login",
    "logout": "accounts:logout",
    "register": "accounts:register",
    "set_language": "set_language",
}


# The header's navigation items (keys of SITE_URLS) and the URLs their sections start with: an
# item's own URL, plus these. The home item is current on the home page only.
NAV_ITEMS = (
    "home",
    "building_blocks",
    "municipalities",
    "progress",
    "knowledge",
    "cocreation",
    "architecture",
    "impact",
    "reports",
    "suppliers",
    "api_docs",
    "management",
    "my_municipality",
    "notifications",
)
NAV_EXTRA_SECTIONS = {
    "building_blocks": ("catalogue:programme-list",),  # the programmes and their building blocks
    "management": ("accounts:user-list", "accounts:audit-log"),
}


@cache
def _site_urls(script_prefix: str) -> dict[str, str]:
    """Reversed once per process (and script prefix): these URLs take no arguments."""
    return {key: reverse(name) for key, name in SITE_URL_NAMES.items()}


@cache
def _nav_sections(script_prefix: str) -> list[tuple[str, str]]:
    """(URL prefix, navigation item), longest prefix first; reversed once per process."""
    urls = _site_urls(script_prefix)
    sections = [(urls[key], key) for key in NAV_ITEMS if key != "home"]
    sections += [(reverse(name), key) for key, names in NAV_EXTRA_SECTIONS.items() for name in names]
    return sorted(sections, key=lambda section: -len(section[0]))


def current_nav_item(path: str, script_prefix: str = "/") -> str:
    """The one navigation item of the header that ``path`` belongs to ("" for none).

    The most specific section wins: the longest URL prefix that ``path`` starts with, so that
    a building block's page in the monitor (/voortgang/bouwstenen/…) marks Progress only.
    """
    if path == _site_urls(script_prefix)["home"]:
        return "home"
    return next((key for prefix, key in _nav_sections(script_prefix) if path.startswith(prefix)), "")


def site(request):
    script_prefix = get_script_prefix()
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URLS": _site_urls(script_prefix),
        "NAV_CURRENT": current_nav_item(request.path, script_prefix),
    }
