# SPDX-License-Identifier: EUPL-1.2
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bouwplaats.audit.selectors import data_version
from bouwplaats.core.fragments import cached_fragment

from . import selectors
from .constants import SIZE_CLASSES
from .forms import MunicipalitySearchForm
from .municipality_links import municipality_links

PAGE_SIZE = 50


def municipality_list(request):
    """The list page; its content comes from the cache while the data, the query and the date are unchanged."""
    today = timezone.localdate()
    content = cached_fragment(
        "organisations.municipality_list",
        (data_version(request), request.META.get("QUERY_STRING", ""), today),
        lambda: _municipality_list_content(request, today=today),
    )
    return render(request, "organisations/municipality_list.html", {"content": content})


def _municipality_list_content(request, *, today) -> str:
    """The search form, the quick dates, the table and the pagination; nothing personal."""
    data = request.GET.copy()
    data.setdefault("peildatum", selectors.DEFAULT_DIVISION_DATE.isoformat())
    form = MunicipalitySearchForm(data)
    filters = form.filters()
    page_obj = Paginator(selectors.search_municipalities(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    return render_to_string(
        "organisations/_municipality_list_content.html",
        {
            "request": request,  # for its query string only, which is part of the cache key
            "form": form,
            "division_date": filters["on"],
            "page_obj": page_obj,
            "municipalities": page_obj.object_list,
            "rows": _municipality_rows(page_obj.object_list),
            "quick_dates": [
                {"date": day, "value": day.isoformat(), "current": day == filters["on"]}
                for day in (selectors.DEFAULT_DIVISION_DATE, today)
            ],
        },
    )


def _municipality_rows(municipalities) -> list[dict]:
    """What the list shows of each municipality, formatted once; the links are built from the list's own URL."""
    detail_prefix = reverse("organisations:municipality-list")  # + code + "/"
    size_labels = {size.code: str(size.label) for size in SIZE_CLASSES}
    rows = []
    for municipality in municipalities:
        size = municipality.size_class
        rows.append(
            {
                "url": f"{detail_prefix}{municipality.code}/",
                "code": municipality.code,
                "name": municipality.name,
                "province": municipality.province.name,
                "inhabitants": municipality.inhabitants,
                "population_year": municipality.population_year,
                "size_code": size.code if size else None,
                "size_label": size_labels[size.code] if size else "",
            }
        )
    return rows


def municipality_detail(request, code):
    history = selectors.municipality_history(code)
    if history is None:
        raise Http404(_("There is no municipality with code %(code)s.") % {"code": code})
    municipality = history.municipality
    return render(
        request,
        "organisations/municipality_detail.html",
        {
            "municipality": municipality,
            "history": history,
            "is_current": municipality.exists_on(timezone.localdate()),
            "links": municipality_links(municipality.code, user=request.user),
        },
    )
