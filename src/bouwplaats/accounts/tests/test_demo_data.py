# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.core.management import CommandError, call_command
from django.db.models import Value
from django.db.models.functions import Replace

from bouwplaats.accounts.demo import DEMO_PASSWORD
from bouwplaats.accounts.models import Membership, MembershipStatus, Role, User
from bouwplaats.audit.models import AuditEntry
from bouwplaats.organisations.models import Municipality

pytestmark = pytest.mark.django_db


def test_load_demo_data_is_idempotent(settings, capsys, amsterdam, utrecht):
    settings.DEBUG = True
    call_command("load_demo_data")
    out = capsys.readouterr().out
    assert f"Demo login: admin@bouwplaats.example / {DEMO_PASSWORD}" in out
    users = {user.email: user for user in User.objects.filter(email__endswith="@bouwplaats.example")}
    assert len(users) == 5
    assert users["admin@bouwplaats.example"].is_superuser
    assert users["admin@bouwplaats.example"].check_password(DEMO_PASSWORD)
    assert users["programma@bouwplaats.example"].role == Role.STAFF
    assert users["leverancier@bouwplaats.example"].role == Role.SUPPLIER
    assert users["coordinator.amsterdam@bouwplaats.example"].role == Role.COORDINATOR
    assert Membership.objects.get(municipality__code="GM0363").status == MembershipStatus.APPROVED
    assert Membership.objects.get(municipality__code="GM0344").status == MembershipStatus.PENDING
    entry = AuditEntry.objects.get(action="accounts.demo_data.loaded")
    assert entry.actor is None and entry.actor_label == "system"

    call_command("load_demo_data")
    assert User.objects.filter(email__endswith="@bouwplaats.example").count() == 5
    assert Membership.objects.count() == 2
    assert AuditEntry.objects.filter(action="accounts.demo_data.loaded").count() == 1


def test_load_demo_data_without_reference_data(settings, capsys):
    # As if the reference data had not been loaded: the codes are not found.
    Municipality.objects.filter(code__in=["GM0363", "GM0344"]).update(code=Replace("code", Value("GM"), Value("GX")))
    settings.DEBUG = True
    call_command("load_demo_data")
    captured = capsys.readouterr()
    assert "GM0363" in captured.err and "skipped" in captured.err
    assert User.objects.filter(email__endswith="@bouwplaats.example").count() == 5
    assert not Membership.objects.exists()


def test_load_demo_data_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo_data")
    assert not User.objects.filter(email__endswith="@bouwplaats.example").exists()
    call_command("load_demo_data", "--force")
    assert User.objects.filter(email__endswith="@bouwplaats.example").count() == 5
