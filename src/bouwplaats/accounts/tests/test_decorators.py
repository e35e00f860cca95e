# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from bouwplaats.accounts.decorators import permission_required_by
from bouwplaats.accounts.permissions import require_programme_staff


def _staff_page(request, code):
    """Says who came and with what, so the tests can see the view ran with its arguments."""
    return HttpResponse(f"{request.user.email} {code}")


staff_page = permission_required_by(require_programme_staff)(_staff_page)


def _get(user):
    # A path of this test's own view, in no URLconf: the decorator only sends it back as ``next``.
    request = RequestFactory().get("/beheer/GM0363/")
    request.user = user
    return request


def test_anonymous_visitors_go_to_the_login_page_before_the_check():
    checked = []
    page = permission_required_by(checked.append)(_staff_page)
    response = page(_get(AnonymousUser()), code="GM0363")
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next=/beheer/GM0363/"
    assert checked == []


def test_a_signed_in_user_the_check_turns_away_gets_its_permission_denied(member, english_messages):
    with pytest.raises(PermissionDenied, match="Only programme staff may open this page."):
        staff_page(_get(member), code="GM0363")


def test_a_user_who_passes_the_check_gets_the_view_with_its_arguments(staff):
    response = staff_page(_get(staff), code="GM0363")
    assert response.status_code == 200
    assert response.content.decode() == f"{staff.email} GM0363"


def test_the_check_is_called_with_the_user(staff):
    checked = []
    permission_required_by(checked.append)(_staff_page)(_get(staff), code="GM0363")
    assert checked == [staff]


def test_the_view_keeps_its_name_and_docstring():
    assert staff_page.__name__ == "_staff_page"
    assert staff_page.__doc__ == _staff_page.__doc__
