# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.urls import reverse

from bouwplaats.accounts import services
from bouwplaats.audit import services as audit
from bouwplaats.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_audit_log_for_staff_with_filter(client, staff, member, amsterdam, django_assert_max_num_queries):
    before = AuditEntry.objects.count()  # e.g. the loading of the reference data
    services.membership_request(actor=member, municipality=amsterdam, notify=False)
    for index in range(60):
        audit.record(actor=staff, action="catalogue.block.changed", object_type="catalogue.block", object_id=str(index))
    client.force_login(staff)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("accounts:audit-log"))
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == before + 61
    assert len(response.context["entries"]) == 50
    response = client.get(reverse("accounts:audit-log"), {"action": "accounts.membership"})
    assert [entry.action for entry in response.context["entries"]] == ["accounts.membership.requested"]
    assert response.content.decode().count("<h1>") == 1


def test_audit_log_refused_to_others(client, member):
    client.force_login(member)
    assert client.get(reverse("accounts:audit-log")).status_code == 403


def test_audit_log_shows_changes_with_labels_and_old_and_new_values(client, staff, member):
    audit.record(
        actor=staff,
        action="accounts.user.changed",
        target=member,
        changes={
            "role": ["member", "coordinator"],
            "is_active": [False, True],
            "full_name": "Lid Een",
            "options": ["Ja", "Nee"],  # two values set, not a change from one to the other
            "reason": "Verhuisd",
            "date_joined": "2013-05-01T10:00:00+00:00",
        },
    )
    client.force_login(staff)
    html = client.get(reverse("accounts:audit-log")).content.decode()
    row = html[html.index("accounts.user.changed") :]
    row = row[: row.index("</tr>")]
    assert "{" not in row and "[" not in row  # no Python dicts or lists
    assert "Role: member " in row and "becomes</span> municipality coordinator" in row
    assert "Active: no" in row and "becomes</span> yes" in row
    assert "Full name: Lid Een" in row and "Options: Ja, Nee" in row and "Reason: Verhuisd" in row
    assert "Date joined: <time" in row and ">1 May 2013 12:00</time>" in row  # in the site's time zone
    assert '<span class="muted">(User ' in row  # the type of object by its name, not accounts.user


def test_audit_log_changes_in_dutch(staff, member):
    from django.test import Client

    audit.record(actor=staff, action="accounts.user.changed", target=member, changes={"role": ["member", "staff"]})
    dutch = Client()
    dutch.force_login(staff)
    html = dutch.get(reverse("accounts:audit-log")).content.decode()
    row = html[html.index("accounts.user.changed") :]
    row = row[: row.index("</tr>")]
    assert "Rol: lid " in row and "wordt</span> medewerker programmateam" in row


def test_audit_log_shows_changes_named_after_a_reverse_relation(client, staff):
    """A consultation's options are a reverse relation of the model: shown as a list, not an error."""
    audit.record(
        actor=staff,
        action="cocreation.consultation.update",
        object_type="cocreation.consultation",
        object_id="1",
        changes={"options": [["Ja", "Nee"], ["Ja", "Nee", "Geen voorkeur"]], "weighting": ["none", "population"]},
    )
    client.force_login(staff)
    response = client.get(reverse("accounts:audit-log"))
    assert response.status_code == 200
    assert "Geen voorkeur" in response.content.decode()
