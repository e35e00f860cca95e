# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.http import Http404

from bouwplaats.catalogue.models import Programme
from bouwplaats.catalogue.selectors import programme_or_current
from bouwplaats.catalogue.shortcuts import programme_or_404

from .factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_a_short_name_finds_that_programme_even_when_another_is_current(current_programme):
    other = ProgrammeFactory()
    assert programme_or_current(other.slug) == other
    assert programme_or_404(other.slug) == other


@pytest.mark.parametrize("slug", [None, ""])
def test_no_short_name_means_the_current_programme(current_programme, slug):
    assert programme_or_current(slug) == current_programme
    assert programme_or_404(slug) == current_programme


def test_an_unknown_short_name_finds_nothing_not_the_current_programme(current_programme):
    assert programme_or_current("bestaat-niet") is None
    with pytest.raises(Http404, match="There is no programme with this short name."):
        programme_or_404("bestaat-niet")


def test_without_any_programme_there_is_nothing_to_show():
    Programme.objects.all().delete()
    assert programme_or_current(None) is None
    with pytest.raises(Http404, match="There is no programme yet."):
        programme_or_404()
