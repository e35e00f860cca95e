# SPDX-License-Identifier: EUPL-1.2
"""A page with one versioned cached part, for the tests of rendering it in a worker after a write."""

from django.core.cache import cache
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils.translation import get_language

from bouwplaats.core import fragments

RENDERS: list[int] = []


@fragments.part("test.behind")
def part_text(*, page: str) -> str:
    version = cache.get("test.version", 1)
    RENDERS.append(version)
    if cache.get("test.fail"):
        raise RuntimeError("render failed")
    return f"{page} v{version} {get_language()}"


def part_page(request):
    return HttpResponse(fragments.versioned_part(part_text, version=cache.get("test.version", 1), page="part"))


@fragments.part("test.behind-link")
def link_text(*, page: str) -> str:
    return f"{reverse(page)} v{cache.get('test.version', 1)}"


def link_page(request):
    return HttpResponse(fragments.versioned_part(link_text, version=cache.get("test.version", 1), page="part"))


def write(request):
    cache.set("test.version", cache.get("test.version", 1) + 1)
    return HttpResponse("written")


urlpatterns = [
    path("part/", part_page, name="part"),
    path("link/", link_page, name="link"),
    path("write/", write, name="write"),
]
