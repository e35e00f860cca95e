# SPDX-License-Identifier: EUPL-1.2
""" "My municipality" when the current programme is closed: it says so and offers no status form."""

import datetime

import pytest
from django.urls import reverse

from bouwplaats.catalogue import services as catalogue_services

pytestmark = pytest.mark.django_db


def test_a_closed_programme_is_said_and_its_status_form_not_offered(client, staff, coordinator_a, programme, progress):
    client.force_login(coordinator_a)
    update = reverse("monitor:municipality-update", args=["GM9901"])
    assert update in client.get("/mijn-gemeente/GM9901/").content.decode()
    catalogue_services.programme_close(actor=staff, programme=programme, closed_on=datetime.date(2023, 1, 1))
    html = client.get("/mijn-gemeente/GM9901/").content.decode()
    assert f"{programme.name} was closed on 1 January 2023: it can no longer be changed." in html
    assert update not in html
    assert "Alfa" in html  # the status per block stays readable
