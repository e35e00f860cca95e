# SPDX-License-Identifier: EUPL-1.2
"""A page with one versioned cached part, for the render-behind tests."""

from django.core.cache import cache
from django.http import HttpResponse
from django.urls import path

from bouwplaats.core.fragments import cached_fragment

RENDERS: list[int] = []


def part_page(request):
    version = cache.get("test.version", 1)

    def render():
        RENDERS.append(version)
        if cache.get("test.fail"):
            raise RuntimeError("render failed")
        return f"part v{version}"

    return HttpResponse(cached_fragment("test.behind", ("page",), render, version=version))


def write(request):
    cache.set("test.version", cache.get("test.version", 1) + 1)
    return HttpResponse("written")


urlpatterns = [path("part/", part_page, name="part"), path("write/", write, name="write")]
