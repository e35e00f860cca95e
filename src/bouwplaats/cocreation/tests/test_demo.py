# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.core.management import call_command
from django.utils import timezone

from bouwplaats.catalogue.models import Programme

from ..models import Ballot, Consultation, Idea, IdeaStatusChange, Vote

pytestmark = pytest.mark.django_db


def _counts():
    return tuple(model.objects.count() for model in (Idea, IdeaStatusChange, Vote, Consultation, Ballot))


def test_demo_data_is_plausible_labelled_and_idempotent(settings):
    settings.DEBUG = True
    programme = Programme.objects.get(slug="operatie-nup")
    Programme.objects.exclude(pk=programme.pk).update(is_current=False)
    Programme.objects.filter(pk=programme.pk).update(is_current=True)
    call_command("load_demo_cocreation", verbosity=0)
    first = _counts()
    ideas = Idea.objects.filter(programme=programme)
    assert 20 <= ideas.count() <= 30 and not ideas.filter(is_demo=False).exists()
    assert ideas.values("building_block").distinct().count() > 10
    assert ideas.exclude(status="received").exclude(answer="").exists()
    assert Vote.objects.count() > 100
    closed, opened, planned = Consultation.objects.order_by("opens_at")
    assert closed.is_closed() and opened.is_open()
    assert not planned.has_opened(timezone.now()) and not planned.ballots.exists()
    assert closed.ballots.count() > 200
    assert not opened.ballots.filter(municipality__code="GM0363").exists()
    call_command("load_demo_cocreation", verbosity=0)
    assert _counts() == first
    # `make run` a second time: the demo successor is the current programme by then, and gets nothing.
    Programme.objects.filter(pk=programme.pk).update(is_current=False)
    call_command("load_demo_successor", verbosity=0)
    call_command("load_demo_cocreation", verbosity=0)
    assert _counts() == first


def test_demo_refuses_without_debug(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo_cocreation", verbosity=0)


def test_process_consultations_command(capsys):
    call_command("process_consultations")
    assert "0 opened, 0 closed" in capsys.readouterr().out
