# SPDX-License-Identifier: EUPL-1.2
"""The pages of "My municipality": the choice of one's municipalities and a municipality's start page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bouwplaats.accounts.permissions import is_programme_staff
from bouwplaats.audit.selectors import data_version
from bouwplaats.catalogue.selectors import current_programme
from bouwplaats.core.fragments import cached_fragment
from bouwplaats.monitor.permissions import can_view_municipality_risk

from . import selectors


def dashboard_for(request, code: str, *, with_status: bool = True, municipalities=None) -> selectors.Dashboard:
    """The page's data for the signed-in user; Http404 for an unknown code, PermissionDenied for a
    municipality the user may not see (the API answers with the same)."""
    programme = current_programme()
    periods = selectors.periods_of(code, programme)
    if periods is None:
        raise Http404(_("There is no municipality with this code."))
    if not can_view_municipality_risk(request.user, periods.latest):
        raise PermissionDenied(
            _("The page of %(name)s is for its members (coordinators) and programme staff only.")
            % {"name": periods.name}
        )
    return selectors.dashboard(
        user=request.user,
        periods=periods,
        programme=programme,
        version=data_version(request),
        with_status=with_status,
        municipalities=municipalities,
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def index(request):
    """One municipality: its page; several: a choice; none: how to become a member."""
    municipalities = selectors.member_municipalities(request.user)
    if len(municipalities) == 1:
        return redirect("home:municipality", code=municipalities[0].code)
    return render(
        request,
        "home/index.html",
        {"municipalities": municipalities, "is_staff_user": is_programme_staff(request.user)},
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def municipality(request, code):
    # Everything on the page changes through audited writes (statuses, memberships, questions,
    # follows, ballots), except which consultations are open, which changes at a moment: the body is
    # kept per user and data version for at most a minute.
    minute = timezone.now().replace(second=0, microsecond=0)
    name, content = cached_fragment(
        "home.page",
        (data_version(request), request.user.pk, code.upper(), minute),
        lambda: _page(request, code),
    )
    return render(request, "home/municipality.html", {"name": name, "content": content})


def _page(request, code: str) -> tuple[str, str]:
    """The municipality's name and the page's body (Http404 / PermissionDenied as ``dashboard_for``)."""
    dashboard = dashboard_for(request, code, with_status=False)
    programme = dashboard.programme
    version = data_version(request)
    # The municipality's part is the same for every viewer: rendered once per data version and date.
    status_html = cached_fragment(
        "home.municipality-status-html",
        (version, programme.pk if programme else None, dashboard.code, timezone.localdate()),
        lambda: render_to_string(
            "home/_municipality_status.html",
            {
                "status": selectors.municipality_status_of(
                    programme=programme, periods=dashboard.periods, version=version
                ),
                "code": dashboard.code,
                "name": dashboard.name,
            },
        ),
    )
    content = render_to_string(
        "home/_municipality_content.html", {"dashboard": dashboard, "status_html": status_html}, request=request
    )
    return dashboard.name, content
