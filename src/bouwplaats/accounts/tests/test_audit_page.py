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
