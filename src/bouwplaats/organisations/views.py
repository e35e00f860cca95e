from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from . import selectors
from .forms import MunicipalitySearchForm

PAGE_SIZE = 50


def municipality_list(request):
    data = request.GET.copy()
    data.setdefault("peildatum", selectors.DEFAULT_DIVISION_DATE.isoformat())
    form = MunicipalitySearchForm(data)
    filters = form.filters()
    page_obj = Paginator(selectors.search_municipalities(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    return render(
        request,
        "organisations/municipality_list.html",
        {
            "form": form,
            "division_date": filters["on"],
            "page_obj": page_obj,
            "municipalities": page_obj.object_list,
            "quick_dates": [
                {"date": day, "value": day.isoformat(), "current": day == filters["on"]}
                for day in (selectors.DEFAULT_DIVISION_DATE, today)
            ],
        },
    )


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
        },
    )
