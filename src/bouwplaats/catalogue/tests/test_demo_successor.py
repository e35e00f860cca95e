# SPDX-License-Identifier: EUPL-1.2
"""The demo of a programme's lifecycle: Operatie NUP closed on 1 January 2015 and its second half started."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from bouwplaats.audit.models import AuditEntry
from bouwplaats.catalogue import demo
from bouwplaats.catalogue.models import BuildingBlock, Programme, ResultAgreement, StatusLevel

pytestmark = pytest.mark.django_db


def test_the_demo_closes_operatie_nup_and_starts_its_second_half(settings, capsys):
    settings.DEBUG = True
    nup = Programme.objects.get(slug="operatie-nup")
    nup_blocks = BuildingBlock.objects.filter(programme=nup).count()
    call_command("load_demo_successor")
    assert "Operatie NUP closed; Operatie NUP — tweede helft started" in capsys.readouterr().out
    nup.refresh_from_db()
    successor = Programme.objects.get(slug="operatie-nup-tweede-helft")
    assert (nup.closed_on, nup.closed_by, nup.is_current) == (datetime.date(2015, 1, 1), None, False)
    assert (successor.predecessor, successor.is_current, successor.start_date) == (nup, True, datetime.date(2015, 1, 1))
    assert successor.description.startswith("Demogegevens:")
    assert StatusLevel.objects.filter(programme=successor).count() == StatusLevel.objects.filter(programme=nup).count()
    assert (
        ResultAgreement.objects.filter(programme=successor).count()
        == ResultAgreement.objects.filter(programme=nup).count()
    )
    blocks = {block.code: block for block in BuildingBlock.objects.filter(programme=successor)}
    assert len(blocks) == nup_blocks + 3
    for code in ("ZGW-API", "HAAL-CENTRAAL", "EIDAS"):
        assert blocks[code].description.startswith("Demogegevens: deze bouwsteen is voor de demonstratie")
    assert [block.programme for block in blocks["HAAL-CENTRAAL"].depends_on.all()] == [successor]
    assert AuditEntry.objects.get(action="catalogue.programme.close").actor_label == "system"

    # Once there, nothing changes.
    count = AuditEntry.objects.count()
    assert demo.load() == {"skipped": True, "reason": "exists"}
    assert AuditEntry.objects.count() == count


def test_the_demo_refuses_a_live_site(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo_successor")
    assert not Programme.objects.filter(slug="operatie-nup-tweede-helft").exists()
